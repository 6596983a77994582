//! Receipts by e-mail. The close of a period queues a letter for every subscriber in its
//! own transaction (`db::receipt_letters::queue_period`) and this job; the job renders
//! each receipt and sends it, one row of the outbox at a time, and records each letter as
//! soon as it went. A stop leaves the rest queued, and the job, run again (at the next
//! start on SQLite, after the heartbeat goes stale on PostgreSQL), takes up what is
//! left. A letter the SMTP server refused for now is tried again later with back-off;
//! then the job queues itself again for when the next letter is due.

use crate::db::receipt_letters::{self as letters, Due, Settled};
use crate::db::{self, DbConn};
use crate::jobs::{self, JobKind, Mail};
use crate::mail::{ReceiptLetter, SendError};
use crate::views;
use chrono::NaiveDateTime;
use domkom_values::{OrganizationId, Period};
use std::time::{Duration, Instant};

/// Letters read from the outbox at a time.
const BATCH: i64 = 50;
/// Tries of a letter the SMTP server keeps refusing for now, then it is given up.
const MAX_ATTEMPTS: i32 = 6;
/// How often a running mailing writes its progress to the log.
const LOG_EVERY: Duration = Duration::from_secs(5);

/// The receipts of a closed period to its subscribers.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct ReceiptMailing {
    pub organization_id: OrganizationId,
    pub period: Period,
}

/// Queues the period's letters and the job that sends them, in the caller's (the close's)
/// transaction; returns how many letters.
pub fn queue(conn: &mut DbConn, org: OrganizationId, period: Period) -> diesel::QueryResult<usize> {
    let queued = letters::queue_period(conn, org, period)?;
    if queued > 0 {
        jobs::enqueue(
            conn,
            &ReceiptMailing {
                organization_id: org,
                period,
            },
        )?;
    }
    Ok(queued)
}

/// What a run of the mailing did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MailingStats {
    pub sent: usize,
    pub failed: usize,
    pub dropped: usize,
    /// Refused for now, to be tried again.
    pub retrying: usize,
    /// When the next of them is due.
    pub next: Option<NaiveDateTime>,
}

#[derive(Debug, thiserror::Error)]
pub enum MailingError {
    #[error("this runner sends no mail")]
    NoMailer,
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
    #[error(transparent)]
    Pool(#[from] diesel::r2d2::PoolError),
}

impl JobKind for ReceiptMailing {
    const KIND: &'static str = "receipt_mailing";
    type Output = MailingStats;
    type Error = MailingError;

    fn organization_id(&self) -> OrganizationId {
        self.organization_id
    }

    fn run(
        self,
        ctx: &jobs::Context,
        progress: &dyn Fn(i32, i32),
    ) -> Result<Option<MailingStats>, MailingError> {
        let mail = ctx.mail.as_ref().ok_or(MailingError::NoMailer)?;
        let mut conn = ctx.pool.get()?;
        let (org, period) = (self.organization_id, self.period);
        let (mut settled, total) = letters::progress(&mut conn, org, period)?;
        let mut stats = MailingStats::default();
        let mut logged = Instant::now();
        tracing::info!(organization = %org, %period, settled, total, "receipt mailing started");
        loop {
            let due = letters::due(&mut conn, org, period, db::now(), BATCH)?;
            if due.is_empty() {
                break;
            }
            for letter in &due {
                let how = self.try_letter(&mut conn, mail, letter)?;
                match &how {
                    Settled::Sent => stats.sent += 1,
                    Settled::Failed(error) => {
                        tracing::warn!(letter = letter.id, error, "receipt letter given up");
                        stats.failed += 1;
                    }
                    Settled::Dropped => stats.dropped += 1,
                    Settled::Retry(..) => stats.retrying += 1,
                }
                if !matches!(how, Settled::Retry(..)) {
                    settled += 1;
                }
                letters::settle(&mut conn, letter, how)?;
                progress(clamp(settled), clamp(total));
                if logged.elapsed() >= LOG_EVERY {
                    tracing::info!(organization = %org, %period, settled, total, "receipt mailing");
                    logged = Instant::now();
                }
            }
        }
        stats.next = letters::next_due(&mut conn, org, period)?;
        tracing::info!(organization = %org, %period, ?stats, "receipt mailing done");
        Ok(Some(stats))
    }

    fn again_at(stats: &MailingStats) -> Option<NaiveDateTime> {
        stats.next
    }
}

impl ReceiptMailing {
    /// Renders and sends one letter; the outbox's errors end the run, a letter's do not.
    fn try_letter(
        &self,
        conn: &mut DbConn,
        mail: &Mail,
        letter: &Due,
    ) -> Result<Settled, MailingError> {
        let Some((to, name, token)) = letters::recipient(conn, letter)? else {
            return Ok(Settled::Dropped);
        };
        let portal = mail.mailer.public_url();
        let receipt = views::receipt::receipt(
            conn,
            self.organization_id,
            letter.account_id,
            self.period,
            portal,
        )?;
        let Some(receipt) = receipt else {
            return Ok(Settled::Failed(
                "the account has no receipt for the period".into(),
            ));
        };
        let pdf = match mail.printer.render(std::slice::from_ref(&receipt)) {
            Ok(pdf) => pdf,
            Err(e) => return Ok(Settled::Failed(format!("the receipt: {e}"))),
        };
        let sent = mail.mailer.send_receipt(ReceiptLetter {
            id: letter.id,
            to: &to,
            name: &name,
            file_name: views::receipt::file_name(&receipt),
            receipt: &receipt,
            pdf,
            unsubscribe_token: &token,
        });
        Ok(match sent {
            Ok(()) => Settled::Sent,
            Err(SendError::Permanent(e)) => Settled::Failed(e),
            Err(SendError::Transient(e)) if letter.attempts + 1 >= MAX_ATTEMPTS => {
                Settled::Failed(e)
            }
            Err(SendError::Transient(e)) => {
                Settled::Retry(db::now() + retry_after(letter.attempts + 1), e)
            }
        })
    }
}

/// The wait after the `tries`-th failed try: 1, 4, 16, 64 and 256 minutes.
pub fn retry_after(tries: i32) -> chrono::Duration {
    let exponent = u32::try_from(tries.clamp(1, MAX_ATTEMPTS) - 1).unwrap_or(0);
    chrono::Duration::minutes(4_i64.pow(exponent))
}

fn clamp(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_back_off_grows_fourfold_and_stops_growing() {
        let minutes: Vec<i64> = (1..=7).map(|t| retry_after(t).num_minutes()).collect();
        assert_eq!(minutes, [1, 4, 16, 64, 256, 1024, 1024]);
    }
}
