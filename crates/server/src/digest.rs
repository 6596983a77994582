//! The daily digest of appeals: every morning at 08:00 (the server's local time, which is
//! the companies'), each organization's staff get a letter naming the appeals waiting for
//! an answer, the longest waiting first. Nothing waiting, no letter.
//!
//! Each organization has one `appeals_digest` job; a run queues itself for the next
//! morning. The job is queued with the organization and, for organizations from before
//! the digest, at the server's start.

use crate::db::{self, appeals, jobs as q, users, DbConn};
use crate::jobs::{self, JobKind};
use crate::mail::{DigestLetter, DIGEST_NAMES};
use chrono::{Local, NaiveDateTime, NaiveTime};
use domkom_values::OrganizationId;

/// The local hour the digest goes.
const HOUR: u32 = 8;

/// The digest of one organization.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct AppealsDigest {
    pub organization_id: OrganizationId,
}

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DigestStats {
    pub waiting: i64,
    pub sent: usize,
    pub failed: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum DigestError {
    #[error("this runner sends no mail")]
    NoMailer,
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
    #[error(transparent)]
    Pool(#[from] diesel::r2d2::PoolError),
}

impl JobKind for AppealsDigest {
    const KIND: &'static str = "appeals_digest";
    type Output = DigestStats;
    type Error = DigestError;

    fn organization_id(&self) -> OrganizationId {
        self.organization_id
    }

    fn run(
        self,
        ctx: &jobs::Context,
        _: &dyn Fn(i32, i32),
    ) -> Result<Option<DigestStats>, DigestError> {
        let mail = ctx.mail.as_ref().ok_or(DigestError::NoMailer)?;
        let mut conn = ctx.pool.get()?;
        let org = self.organization_id;
        let (rows, waiting) = appeals::waiting(&mut conn, org, DIGEST_NAMES)?;
        let mut stats = DigestStats {
            waiting,
            ..DigestStats::default()
        };
        if waiting == 0 {
            return Ok(Some(stats));
        }
        let names = appeals::summaries(&mut conn, rows)?;
        let day = Local::now().date_naive();
        for staff in users::staff_of(&mut conn, org)? {
            let letter = DigestLetter {
                organization_id: org,
                day,
                user_id: staff.id,
                to: &staff.email,
                name: &staff.full_name,
                waiting: &names,
                total: waiting,
            };
            match mail.mailer.send_digest(letter) {
                Ok(()) => stats.sent += 1,
                Err(e) => {
                    // Tomorrow's digest names them again.
                    tracing::warn!(organization = %org, to = staff.email, error = %e, "digest not sent");
                    stats.failed += 1;
                }
            }
        }
        tracing::info!(organization = %org, waiting, sent = stats.sent, "appeals digest sent");
        Ok(Some(stats))
    }

    fn again_at(_: &DigestStats) -> Option<NaiveDateTime> {
        Some(next_morning())
    }
}

/// The next 08:00 local, as the UTC the jobs table keeps.
pub fn next_morning() -> NaiveDateTime {
    let now = Local::now();
    let at = NaiveTime::from_hms_opt(HOUR, 0, 0).unwrap_or_default();
    let today = now.date_naive().and_time(at);
    let day = if now.naive_local() < today {
        today
    } else {
        today + chrono::Duration::days(1)
    };
    day.and_local_timezone(Local)
        .earliest()
        .map_or(day, |t| t.naive_utc())
}

/// Queues the organization's digest for the next morning, in the caller's transaction.
pub fn schedule(conn: &mut DbConn, org: OrganizationId) -> diesel::QueryResult<()> {
    let job = AppealsDigest {
        organization_id: org,
    };
    jobs::enqueue_at(conn, &job, Some(next_morning())).map(drop)
}

/// Queues the digest of every organization that has none queued or running.
pub fn schedule_missing(conn: &mut DbConn) -> diesel::QueryResult<usize> {
    db::write_tx(conn, |conn| {
        let have = q::organizations_with(conn, AppealsDigest::KIND)?;
        let missing: Vec<_> = db::organizations::ids(conn)?
            .into_iter()
            .filter(|org| !have.contains(org))
            .collect();
        for org in &missing {
            schedule(conn, *org)?;
        }
        Ok(missing.len())
    })
}
