//! Which access tokens have outlived their session. Every authenticated request asks, so
//! the answer comes from memory: this instance's own revocations at once, the other
//! instances' read from the database every few seconds.

use crate::db::{revocations, DbPool};
use chrono::NaiveDateTime;
use domkom_values::UserId;
use std::collections::HashMap;
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

/// How stale another instance's revocation may be here.
const REFRESH_EVERY: Duration = Duration::from_secs(2);

pub struct Revoked {
    /// When each user's sessions last ended, milliseconds since the epoch.
    at: RwLock<HashMap<UserId, i64>>,
    /// When the database was last read; the lock lets one request read it at a time.
    read: Mutex<Option<Instant>>,
    /// Access tokens live this long: older revocations need no memory.
    token_ttl: Duration,
}

impl Revoked {
    pub fn new(token_ttl: Duration) -> Self {
        Revoked {
            at: RwLock::default(),
            read: Mutex::new(None),
            token_ttl,
        }
    }

    /// A revocation was just committed here: the next check reads the database.
    pub fn changed(&self) {
        *self.read.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    fn note(&self, user: UserId, at: NaiveDateTime) {
        let ms = at.and_utc().timestamp_millis();
        let mut map = self.at.write().unwrap_or_else(|e| e.into_inner());
        let entry = map.entry(user).or_insert(ms);
        *entry = (*entry).max(ms);
    }

    /// Whether a token of `user` issued at `issued_ms` was revoked since.
    pub fn is_revoked(&self, pool: &DbPool, user: UserId, issued_ms: i64) -> bool {
        self.refresh(pool);
        let map = self.at.read().unwrap_or_else(|e| e.into_inner());
        map.get(&user).is_some_and(|at| issued_ms < *at)
    }

    /// Reads the other instances' revocations when the last read is older than
    /// [`REFRESH_EVERY`]; a failed read keeps what is known and is tried again next time.
    fn refresh(&self, pool: &DbPool) {
        let Ok(mut read) = self.read.try_lock() else {
            return;
        };
        if read.is_some_and(|at| at.elapsed() < REFRESH_EVERY) {
            return;
        }
        let horizon = crate::db::now()
            - chrono::Duration::from_std(self.token_ttl + Duration::from_secs(60))
                .unwrap_or_default();
        // Never waits for a connection on the request's thread: with none free, later.
        let Some(mut conn) = pool.try_get() else {
            return;
        };
        let Ok(rows) = revocations::since(&mut conn, horizon) else {
            return;
        };
        for (user, at) in rows {
            self.note(UserId(user), at);
        }
        *read = Some(Instant::now());
    }
}
