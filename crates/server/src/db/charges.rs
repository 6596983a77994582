//! Charge sheets: each account's charge lines of a closed period, stored as one JSON array
//! of the engine's `Charge` (how each line was computed included, for "explain my bill").

use super::schema::charges as c;
use super::{by_key, json_array, DbConn};
use diesel::prelude::*;
use domkom_domain::Charge;
use domkom_values::AccountId;
use serde::de::DeserializeOwned;

pub fn to_json(lines: &[Charge]) -> serde_json::Result<String> {
    serde_json::to_string(lines)
}

/// The account's lines of `period`; empty when the period left none.
pub fn of_account<T: DeserializeOwned>(
    conn: &mut DbConn,
    account: AccountId,
    period: &str,
) -> QueryResult<Vec<T>> {
    let text: Option<String> = by_key(conn, c::table.find((account, period)).select(c::lines))?;
    text.map_or(Ok(Vec::new()), |t| json_array(&t))
}
