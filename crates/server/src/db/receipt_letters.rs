//! The outbox of receipts by e-mail: one row per subscriber, account and period, queued
//! with the period's close and worked by the mailing job (`crate::mailing`).

use super::schema::{account_links as l, receipt_letters as r, users as u};
use super::{now, DbConn};
use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel::sql_types::{Text, Timestamp};
use domkom_values::{AccountId, OrganizationId, Period, UserId};

/// Queues a letter for every subscriber of the organization's accounts whose address is
/// confirmed and who has none for the period yet; run in the close's transaction, so a
/// closed period has its letters.
pub fn queue_period(conn: &mut DbConn, org: OrganizationId, period: Period) -> QueryResult<usize> {
    let at = now();
    let has_one = r::table
        .filter(r::user_id.eq(l::user_id))
        .filter(r::account_id.eq(l::account_id))
        .filter(r::period.eq(period.to_string()));
    let subscribers = l::table
        .inner_join(u::table.on(u::id.eq(l::user_id)))
        .filter(l::organization_id.eq(org))
        .filter(l::receipts_by_email.eq(true))
        .filter(u::is_active.eq(true))
        .filter(diesel::dsl::not(diesel::dsl::exists(has_one)))
        .select((
            l::organization_id,
            l::user_id,
            l::account_id,
            period.to_string().into_sql::<Text>(),
            "queued".into_sql::<Text>(),
            at.into_sql::<Timestamp>(),
            at.into_sql::<Timestamp>(),
        ));
    diesel::insert_into(r::table)
        .values(subscribers)
        .into_columns((
            r::organization_id,
            r::user_id,
            r::account_id,
            r::period,
            r::status,
            r::next_attempt_at,
            r::created_at,
        ))
        .execute(conn)
}

/// A letter due now.
#[derive(Debug, Clone, Copy, Queryable)]
pub struct Due {
    pub id: i64,
    pub user_id: UserId,
    pub account_id: AccountId,
    pub attempts: i32,
}

/// The period's letters due at `at`, oldest first.
pub fn due(
    conn: &mut DbConn,
    org: OrganizationId,
    period: Period,
    at: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<Due>> {
    r::table
        .filter(r::organization_id.eq(org))
        .filter(r::period.eq(period.to_string()))
        .filter(r::status.eq("queued"))
        .filter(r::next_attempt_at.le(at))
        .order(r::id)
        .limit(limit)
        .select((r::id, r::user_id, r::account_id, r::attempts))
        .load(conn)
}

/// Where a letter goes now: the subscriber's confirmed address, name and unsubscribe
/// token; `None` when they have switched the letters off, unlinked the account or left.
pub fn recipient(conn: &mut DbConn, letter: &Due) -> QueryResult<Option<(String, String, String)>> {
    let found: Option<(String, String, Option<String>)> = super::by_key(
        conn,
        l::table
            .inner_join(u::table.on(u::id.eq(l::user_id)))
            .filter(l::user_id.eq(letter.user_id))
            .filter(l::account_id.eq(letter.account_id))
            .filter(l::receipts_by_email.eq(true))
            .filter(u::is_active.eq(true))
            .select((u::email, u::full_name, l::unsubscribe_token)),
    )?;
    Ok(found.and_then(|(email, name, token)| Some((email, name, token?))))
}

/// How a try at a letter ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    Sent,
    /// Tried again from this time on.
    Retry(NaiveDateTime, String),
    /// Not sent, for good.
    Failed(String),
    /// No longer wanted: switched off, unlinked, or the user left.
    Dropped,
}

pub fn settle(conn: &mut DbConn, letter: &Due, how: Settled) -> QueryResult<usize> {
    let at = now();
    let attempts = letter.attempts.saturating_add(1);
    let row = r::table.find(letter.id).filter(r::status.eq("queued"));
    let (status, next, error, sent) = match how {
        Settled::Sent => ("sent", at, None, Some(at)),
        Settled::Retry(next, e) => ("queued", next, Some(e), None),
        Settled::Failed(e) => ("failed", at, Some(e), None),
        Settled::Dropped => ("dropped", at, None, None),
    };
    diesel::update(row)
        .set((
            r::status.eq(status),
            r::attempts.eq(attempts),
            r::next_attempt_at.eq(next),
            r::error.eq(error),
            r::sent_at.eq(sent),
        ))
        .execute(conn)
}

/// When the period's next queued letter is due, if one is queued.
pub fn next_due(
    conn: &mut DbConn,
    org: OrganizationId,
    period: Period,
) -> QueryResult<Option<NaiveDateTime>> {
    r::table
        .filter(r::organization_id.eq(org))
        .filter(r::period.eq(period.to_string()))
        .filter(r::status.eq("queued"))
        .select(diesel::dsl::min(r::next_attempt_at))
        .first(conn)
}

/// The period's letters: (settled, all).
pub fn progress(conn: &mut DbConn, org: OrganizationId, period: Period) -> QueryResult<(i64, i64)> {
    let of_period = r::table
        .filter(r::organization_id.eq(org))
        .filter(r::period.eq(period.to_string()));
    let all: i64 = of_period.clone().select(count_star()).first(conn)?;
    let queued: i64 = of_period
        .filter(r::status.eq("queued"))
        .select(count_star())
        .first(conn)?;
    Ok((all - queued, all))
}
