//! An account's money as its resident sees it: the balances of closed periods and the
//! payments received.

use crate::db::schema::{balances as b, payments as p};
use crate::db::{stored_period, DbConn};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use domkom_domain::balance::booked_in;
use domkom_domain::Period;
use domkom_dto::{AccountPayment, MoneyMovement};
use domkom_values::{AccountId, Money, OrganizationId, PaymentId};

/// The account's closed periods (those with a balance), oldest first.
pub fn closed_periods(conn: &mut DbConn, account: AccountId) -> QueryResult<Vec<Period>> {
    let periods: Vec<String> = crate::db::load(
        conn,
        b::table
            .filter(b::account_id.eq(account))
            .order(b::period)
            .select(b::period),
    )?;
    periods.iter().map(|p| stored_period(p)).collect()
}

/// A period's money as the `balances` table keeps it.
#[derive(Queryable, Selectable)]
#[diesel(table_name = b)]
pub struct BalanceRow {
    #[diesel(deserialize_as = String)]
    pub period: Period,
    opening: Money,
    charged: Money,
    recalculated: Money,
    penalties: Money,
    paid: Money,
    closing: Money,
}

impl BalanceRow {
    pub fn money(&self) -> MoneyMovement {
        MoneyMovement {
            opening: self.opening,
            charged: self.charged,
            recalculated: self.recalculated,
            penalties: self.penalties,
            paid: self.paid,
            closing: self.closing,
        }
    }
}

/// The balances of `from..=to`, in order.
pub fn balances(
    conn: &mut DbConn,
    account: AccountId,
    from: Period,
    to: Period,
) -> QueryResult<Vec<(Period, MoneyMovement)>> {
    let rows: Vec<BalanceRow> = crate::db::load(
        conn,
        b::table
            .filter(b::account_id.eq(account))
            .filter(
                b::period
                    .ge(from.to_string())
                    .and(b::period.le(to.to_string())),
            )
            .order(b::period)
            .select(crate::db::columns::<BalanceRow>()),
    )?;
    Ok(rows.into_iter().map(|r| (r.period, r.money())).collect())
}

/// A payment as the resident's pages show it.
#[derive(Queryable, Selectable)]
#[diesel(table_name = p)]
pub struct PaymentRow {
    id: PaymentId,
    paid_on: NaiveDate,
    amount: Money,
    source: String,
    for_period: Option<String>,
}

impl PaymentRow {
    pub fn into_dto(self) -> QueryResult<AccountPayment> {
        Ok(AccountPayment {
            id: self.id,
            paid_on: self.paid_on,
            amount: self.amount,
            source: self.source,
            for_period: self.for_period.as_deref().map(stored_period).transpose()?,
        })
    }
}

/// Payments booked in `first..=last`, oldest first, each with its period: the month of
/// its date, or for one that arrived after its month closed, the next close's period
/// (`domkom_domain::balance::booked_in`), as the balances count them.
pub fn payments_booked(
    conn: &mut DbConn,
    org: OrganizationId,
    account: AccountId,
    first: Period,
    last: Period,
) -> QueryResult<Vec<(Period, AccountPayment)>> {
    let closes = crate::db::periods::closes(conn, org)?;
    let rows: Vec<(PaymentRow, NaiveDateTime)> = crate::db::load(
        conn,
        p::table
            .filter(p::account_id.eq(account))
            .filter(p::paid_on.le(last.last_day()))
            .order((p::paid_on, p::id))
            .select((crate::db::columns::<PaymentRow>(), p::created_at)),
    )?;
    rows.into_iter()
        .filter_map(|(row, arrived)| {
            let period = booked_in(row.paid_on, arrived, &closes)?;
            (first..=last)
                .contains(&period)
                .then(|| row.into_dto().map(|dto| (period, dto)))
        })
        .collect()
}
