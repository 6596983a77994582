//! The corrections of earlier periods' penalties that closes booked when a payment
//! reached the company after its month had closed (`domkom_domain::penalty_correction`),
//! as the resident reads them.

use super::schema::penalty_corrections as pc;
use super::DbConn;
use diesel::prelude::*;
use domkom_dto::PenaltyCorrectionLine;
use std::collections::HashMap;

/// The account's corrections booked in `from..=to`, by the period that booked them,
/// oldest corrected period first.
pub fn booked_in(
    conn: &mut DbConn,
    account: i64,
    from: &str,
    to: &str,
) -> QueryResult<HashMap<String, Vec<PenaltyCorrectionLine>>> {
    let rows: Vec<(String, String, i64, String)> = super::load(
        conn,
        pc::table
            .filter(pc::account_id.eq(account))
            .filter(pc::period.ge(from).and(pc::period.le(to)))
            .order((pc::period, pc::corrects_period))
            .select((pc::period, pc::corrects_period, pc::amount, pc::reason)),
    )?;
    let mut by_period: HashMap<String, Vec<PenaltyCorrectionLine>> = HashMap::new();
    for (period, corrects_period, amount, reason) in rows {
        by_period
            .entry(period)
            .or_default()
            .push(PenaltyCorrectionLine {
                corrects_period,
                amount,
                reason,
            });
    }
    Ok(by_period)
}
