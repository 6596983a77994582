//! Attempt limits for sign-in, registration, password recovery and a password asked again
//! of a signed-in user: fixed-window counters in the database (`attempt_counters`), so
//! every instance counts together and a restart forgets nothing.

use crate::db::schema::attempt_counters as ac;
use crate::db::{self, DbConn, DbPool};
use crate::error::ApiError;
use crate::routes::with_db;
use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use std::time::Duration;

/// At most `max` attempts per `window` for one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub window: Duration,
}

impl Limit {
    pub const fn per_minutes(max: u32, minutes: u64) -> Self {
        Self {
            max,
            window: Duration::from_secs(minutes * 60),
        }
    }

    fn window(self) -> TimeDelta {
        TimeDelta::from_std(self.window).unwrap_or(TimeDelta::MAX)
    }

    fn max(self) -> i32 {
        i32::try_from(self.max).unwrap_or(i32::MAX)
    }

    /// Whole seconds left of a window that started at `start`, at least one.
    fn wait(self, start: NaiveDateTime, now: NaiveDateTime) -> u64 {
        let left = (start + self.window() - now).num_seconds();
        u64::try_from(left).unwrap_or(0).max(1)
    }
}

/// Counters are forgotten this long after their window started (longer than any window).
const KEPT: TimeDelta = TimeDelta::days(1);

/// The counters, over the database.
pub struct Limiter {
    pool: DbPool,
}

impl Limiter {
    pub fn new(pool: DbPool) -> Self {
        Self { pool }
    }

    /// Counts an attempt under every key; 429 on the first one over its limit (that key
    /// and the ones after it are not counted).
    pub async fn count(&self, keys: &[(String, Limit)]) -> Result<(), ApiError> {
        self.first_wait(keys, true, hit).await
    }

    /// Without counting: 429 when one of the keys has used up its limit.
    pub async fn unspent(&self, keys: &[(String, Limit)]) -> Result<(), ApiError> {
        self.first_wait(keys, false, spent).await
    }

    /// Runs `check` on the keys in order (after dropping old counters once, when
    /// `forget`); 429 with the wait of the first key that says so.
    async fn first_wait(
        &self,
        keys: &[(String, Limit)],
        forget: bool,
        check: Check,
    ) -> Result<(), ApiError> {
        let keys = keys.to_vec();
        let wait = with_db(&self.pool, move |c| {
            let now = db::now();
            if forget {
                forget_old(c, now)?;
            }
            for (key, limit) in &keys {
                if let Some(wait) = check(c, key, *limit, now)? {
                    return Ok(Some(wait));
                }
            }
            Ok(None)
        })
        .await?;
        wait.map_or(Ok(()), |wait| Err(ApiError::rate_limited(wait)))
    }
}

/// Looks at one key at `now`: `Some(seconds)` to wait.
type Check = fn(&mut DbConn, &str, Limit, NaiveDateTime) -> QueryResult<Option<u64>>;

/// Counts an attempt under `key`; `Some(seconds)` tells how long to wait when over the
/// limit. Each statement is atomic on its own, so parallel attempts on any instance never
/// count past `max`.
fn hit(conn: &mut DbConn, key: &str, limit: Limit, now: NaiveDateTime) -> QueryResult<Option<u64>> {
    let this = || ac::table.filter(ac::key.eq(key));
    // A window that has passed starts again.
    diesel::update(this().filter(ac::window_start.le(now - limit.window())))
        .set((ac::window_start.eq(now), ac::count.eq(0)))
        .execute(conn)?;
    crate::per_backend!(conn, |c| diesel::insert_into(ac::table)
        .values((ac::key.eq(key), ac::window_start.eq(now), ac::count.eq(0)))
        .on_conflict(ac::key)
        .do_nothing()
        .execute(c))?;
    let counted = diesel::update(this().filter(ac::count.lt(limit.max())))
        .set(ac::count.eq(ac::count + 1))
        .execute(conn)?;
    if counted == 1 {
        return Ok(None);
    }
    let start: NaiveDateTime = this().select(ac::window_start).first(conn)?;
    Ok(Some(limit.wait(start, now)))
}

/// `Some(seconds)` when `key` has used up its limit in the current window.
fn spent(
    conn: &mut DbConn,
    key: &str,
    limit: Limit,
    now: NaiveDateTime,
) -> QueryResult<Option<u64>> {
    let row: Option<(NaiveDateTime, i32)> = ac::table
        .filter(ac::key.eq(key))
        .select((ac::window_start, ac::count))
        .first(conn)
        .optional()?;
    Ok(row
        .filter(|(start, count)| now - *start < limit.window() && *count >= limit.max())
        .map(|(start, _)| limit.wait(start, now)))
}

/// Drops the counters whose windows ended long ago.
fn forget_old(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(ac::table.filter(ac::window_start.lt(now - KEPT))).execute(conn)
}
