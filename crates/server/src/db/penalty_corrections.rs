//! The corrections of earlier periods' penalties that closes booked when a payment
//! reached the company after its month had closed (`domkom_domain::penalty_correction`),
//! as the resident reads them.

use super::schema::penalty_corrections as pc;
use super::DbConn;
use diesel::prelude::*;
use domkom_domain::Period;
use domkom_dto::PenaltyCorrectionLine;
use domkom_values::{AccountId, Money};
use std::collections::HashMap;

#[derive(Queryable, Selectable)]
#[diesel(table_name = pc)]
struct Row {
    #[diesel(deserialize_as = String)]
    period: Period,
    #[diesel(deserialize_as = String)]
    corrects_period: Period,
    amount: Money,
    reason: String,
}

/// The account's corrections booked in `from..=to`, by the period that booked them,
/// oldest corrected period first.
pub fn booked_in(
    conn: &mut DbConn,
    account: AccountId,
    from: Period,
    to: Period,
) -> QueryResult<HashMap<Period, Vec<PenaltyCorrectionLine>>> {
    let rows: Vec<Row> = super::load(
        conn,
        pc::table
            .filter(pc::account_id.eq(account))
            .filter(pc::period.ge(from.to_string()))
            .filter(pc::period.le(to.to_string()))
            .order((pc::period, pc::corrects_period))
            .select(super::columns::<Row>()),
    )?;
    let mut by_period: HashMap<Period, Vec<PenaltyCorrectionLine>> = HashMap::new();
    for row in rows {
        by_period
            .entry(row.period)
            .or_default()
            .push(PenaltyCorrectionLine {
                corrects_period: row.corrects_period,
                amount: row.amount,
                reason: row.reason,
            });
    }
    Ok(by_period)
}
