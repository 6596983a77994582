//! Billing periods of an organization: open (no row or `open`), `closing`, `closed`.

use super::schema::{organizations as o, periods as p};
use super::{by_key, now, services, DbConn, DbError};
use diesel::prelude::*;
use domkom_domain::Period;
use domkom_dto::{CloseNote, ErrorCode, PeriodState, PeriodStatus};
use domkom_values::OrganizationId;

/// A `periods` row as the API shows it.
#[derive(Queryable, Selectable)]
#[diesel(table_name = p)]
struct Row {
    #[diesel(deserialize_as = String)]
    period: Period,
    status: String,
    accounts_total: i32,
    accounts_done: i32,
    error: Option<String>,
    closed_at: Option<chrono::NaiveDateTime>,
    notes: String,
}

fn status_of(s: &str) -> PeriodStatus {
    match s {
        "closed" => PeriodStatus::Closed,
        "closing" => PeriodStatus::Closing,
        _ => PeriodStatus::Open,
    }
}

fn to_dto(row: Row) -> QueryResult<PeriodState> {
    Ok(PeriodState {
        period: row.period,
        status: status_of(&row.status),
        accounts_total: row.accounts_total,
        accounts_done: row.accounts_done,
        error: row.error,
        closed_at: row.closed_at.map(|at| at.and_utc()),
        notes: serde_json::from_str(&row.notes)
            .map_err(|e| diesel::result::Error::DeserializationError(e.into()))?,
    })
}

/// The state of a period; a period without a row is open and untouched.
pub fn get(conn: &mut DbConn, org: OrganizationId, period: Period) -> QueryResult<PeriodState> {
    let row = p::table
        .filter(p::organization_id.eq(org))
        .filter(p::period.eq(period.to_string()))
        .select(Row::as_select())
        .first(conn)
        .optional()?;
    row.map(to_dto).unwrap_or_else(|| {
        Ok(PeriodState {
            period,
            status: PeriodStatus::Open,
            accounts_total: 0,
            accounts_done: 0,
            error: None,
            closed_at: None,
            notes: Vec::new(),
        })
    })
}

/// Whether `period` takes bookings: its own status, except that periods close in order,
/// so one before the last closed period is closed, row or not.
pub fn booking_status(
    conn: &mut DbConn,
    org: OrganizationId,
    period: Period,
) -> QueryResult<PeriodStatus> {
    Ok(match get(conn, org, period)?.status {
        PeriodStatus::Open if last_closed(conn, org)?.is_some_and(|last| period < last) => {
            PeriodStatus::Closed
        }
        status => status,
    })
}

/// What is booked in a period (readings, recalculations) may change only while it is open:
/// a closed period never changes, and a closing one is being computed from what it had.
pub fn ensure_open(conn: &mut DbConn, org: OrganizationId, period: Period) -> Result<(), DbError> {
    match shut(booking_status(conn, org, period)?) {
        None => Ok(()),
        Some((code, message)) => Err(DbError::Shut { code, message }),
    }
}

/// Why nothing may be booked in a period of `status`; `None` while it is open.
pub fn shut(status: PeriodStatus) -> Option<(ErrorCode, &'static str)> {
    match status {
        PeriodStatus::Open => None,
        PeriodStatus::Closed => Some((
            ErrorCode::PeriodClosed,
            "Период закрыт: изменения в нём невозможны",
        )),
        PeriodStatus::Closing => Some((
            ErrorCode::PeriodClosing,
            "Период закрывается: изменения в нём невозможны",
        )),
    }
}

pub fn list(
    conn: &mut DbConn,
    org: OrganizationId,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<PeriodState>, i64)> {
    let items = p::table
        .filter(p::organization_id.eq(org))
        .order(p::period.desc())
        .limit(limit)
        .offset(offset)
        .select(Row::as_select())
        .load(conn)?;
    let total = p::table
        .filter(p::organization_id.eq(org))
        .count()
        .get_result(conn)?;
    let items = items.into_iter().map(to_dto).collect::<QueryResult<_>>()?;
    Ok((items, total))
}

/// The newest closed period, if any.
pub fn last_closed(conn: &mut DbConn, org: OrganizationId) -> QueryResult<Option<Period>> {
    let period: Option<String> = p::table
        .filter(p::organization_id.eq(org))
        .filter(p::status.eq("closed"))
        .order(p::period.desc())
        .select(p::period)
        .first(conn)
        .optional()?;
    period.map(|text| super::stored_period(&text)).transpose()
}

/// Locks the organization's row until the transaction ends (PostgreSQL; SQLite's write
/// transaction holds the whole database already).
pub fn lock_organization(conn: &mut DbConn, org: OrganizationId) -> QueryResult<()> {
    if let DbConn::Pg(pg) = conn {
        diesel::sql_query("SELECT id FROM organizations WHERE id = $1 FOR UPDATE")
            .bind::<diesel::sql_types::BigInt, _>(org.get())
            .execute(pg)?;
    }
    Ok(())
}

/// Marks the period as being closed (creating its row if needed).
pub fn start_closing(
    conn: &mut DbConn,
    org: OrganizationId,
    month: Period,
    total: i32,
) -> QueryResult<()> {
    let period = &month.to_string();
    let updated = diesel::update(
        p::table
            .filter(p::organization_id.eq(org))
            .filter(p::period.eq(period)),
    )
    .set((
        p::status.eq("closing"),
        p::accounts_total.eq(total),
        p::accounts_done.eq(0),
        p::error.eq(None::<String>),
    ))
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(p::table)
            .values((
                p::organization_id.eq(org),
                p::period.eq(period),
                p::status.eq("closing"),
                p::accounts_total.eq(total),
                p::accounts_done.eq(0),
                p::ends_on.eq(month.last_day()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn set_progress(
    conn: &mut DbConn,
    org: OrganizationId,
    period: Period,
    done: i32,
) -> QueryResult<usize> {
    diesel::update(
        p::table
            .filter(p::organization_id.eq(org))
            .filter(p::period.eq(period.to_string())),
    )
    .set(p::accounts_done.eq(done))
    .execute(conn)
}

/// How a close ends: who asked, the rate it charged penalties at (basis points) and what
/// it set aside.
pub struct Closed<'a> {
    pub by: Option<i64>,
    pub penalty_rate_bp: u32,
    pub notes: &'a [CloseNote],
}

/// Closes the period, keeping the services as they are now (what its charges print), and
/// makes it the organization's `last_closed`.
pub fn mark_closed(
    conn: &mut DbConn,
    org: OrganizationId,
    period: Period,
    how: Closed,
) -> QueryResult<usize> {
    let notes = serde_json::to_string(how.notes)
        .map_err(|e| diesel::result::Error::SerializationError(e.into()))?;
    let snapshot = services::snapshot(conn, org)?;
    diesel::update(o::table.find(org))
        .set(o::last_closed.eq(period.to_string()))
        .execute(conn)?;
    diesel::update(
        p::table
            .filter(p::organization_id.eq(org))
            .filter(p::period.eq(period.to_string()))
            .filter(p::status.eq("closing")),
    )
    .set((
        p::status.eq("closed"),
        p::accounts_done.eq(p::accounts_total),
        p::closed_at.eq(now()),
        p::closed_by.eq(how.by),
        p::services.eq(snapshot),
        p::penalty_rate_bp.eq(i32::try_from(how.penalty_rate_bp).ok()),
        p::notes.eq(notes),
    ))
    .execute(conn)
}

/// The services as they were when `period` closed (none for a period not closed).
pub fn labels(
    conn: &mut DbConn,
    org: OrganizationId,
    period: Period,
) -> QueryResult<services::Labels> {
    let snapshot: Option<Option<String>> = by_key(
        conn,
        p::table
            .filter(p::organization_id.eq(org))
            .filter(p::period.eq(period.to_string()))
            .select(p::services),
    )?;
    services::labels_of(snapshot.flatten().as_deref())
}

/// A failed close leaves the period open, saying why.
pub fn mark_failed(
    conn: &mut DbConn,
    org: OrganizationId,
    period: Period,
    error: &str,
) -> QueryResult<usize> {
    diesel::update(
        p::table
            .filter(p::organization_id.eq(org))
            .filter(p::period.eq(period.to_string()))
            .filter(p::status.eq("closing")),
    )
    .set((p::status.eq("open"), p::error.eq(error)))
    .execute(conn)
}

/// The organization's closed periods with the time each was closed, oldest first: what
/// decides which period a late payment is booked in.
pub fn closes(
    conn: &mut DbConn,
    org: OrganizationId,
) -> QueryResult<Vec<(domkom_domain::Period, chrono::NaiveDateTime)>> {
    let rows: Vec<(String, Option<chrono::NaiveDateTime>)> = super::load(
        conn,
        p::table
            .filter(p::organization_id.eq(org))
            .filter(p::status.eq("closed"))
            .order(p::period)
            .select((p::period, p::closed_at)),
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|(period, at)| Some((period.parse().ok()?, at?)))
        .collect())
}
