//! An account's money as its resident sees it: the balances of closed periods and the
//! payments received.

use crate::db::schema::{balances as b, payments as p};
use crate::db::DbConn;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use domkom_domain::balance::booked_in;
use domkom_domain::Period;
use domkom_dto::{AccountPayment, MoneyMovement};

/// The account's closed periods (those with a balance), oldest first.
pub fn closed_periods(conn: &mut DbConn, account: i64) -> QueryResult<Vec<String>> {
    crate::db::load(
        conn,
        b::table
            .filter(b::account_id.eq(account))
            .order(b::period)
            .select(b::period),
    )
}

/// The balances of `from..=to`, in order.
pub fn balances(
    conn: &mut DbConn,
    account: i64,
    from: &str,
    to: &str,
) -> QueryResult<Vec<(String, MoneyMovement)>> {
    Ok(
        crate::db::load::<_, (String, i64, i64, i64, i64, i64, i64)>(
            conn,
            b::table
                .filter(b::account_id.eq(account))
                .filter(b::period.ge(from).and(b::period.le(to)))
                .order(b::period)
                .select((
                    b::period,
                    b::opening,
                    b::charged,
                    b::recalculated,
                    b::penalties,
                    b::paid,
                    b::closing,
                )),
        )?
        .into_iter()
        .map(
            |(period, opening, charged, recalculated, penalties, paid, closing)| {
                (
                    period,
                    MoneyMovement {
                        opening,
                        charged,
                        recalculated,
                        penalties,
                        paid,
                        closing,
                    },
                )
            },
        )
        .collect(),
    )
}

type Row = (i64, NaiveDate, i64, String, Option<String>);

const COLUMNS: (p::id, p::paid_on, p::amount, p::source, p::for_period) =
    (p::id, p::paid_on, p::amount, p::source, p::for_period);

fn to_dto((id, paid_on, amount, source, for_period): Row) -> AccountPayment {
    AccountPayment {
        id,
        paid_on,
        amount,
        source,
        for_period,
    }
}

/// Payments booked in `first..=last`, oldest first, each with its period: the month of
/// its date, or for one that arrived after its month closed, the next close's period
/// (`domkom_domain::balance::booked_in`), as the balances count them.
pub fn payments_booked(
    conn: &mut DbConn,
    org: i64,
    account: i64,
    first: Period,
    last: Period,
) -> QueryResult<Vec<(Period, AccountPayment)>> {
    let closes = crate::db::periods::closes(conn, org)?;
    let rows: Vec<(Row, NaiveDateTime)> = crate::db::load(
        conn,
        p::table
            .filter(p::account_id.eq(account))
            .filter(p::paid_on.le(last.last_day()))
            .order((p::paid_on, p::id))
            .select((COLUMNS, p::created_at)),
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|(row, arrived)| {
            let period = booked_in(row.1, arrived, &closes)?;
            (first..=last)
                .contains(&period)
                .then(|| (period, to_dto(row)))
        })
        .collect())
}
