//! `accounts/{id}/meters` and `accounts/{id}/readings`: a linked account's meters and the
//! month's readings.

use crate::request::Method;
use crate::{Client, Result};
use domkom_dto::*;
use domkom_values::{AccountId, MeterId};

/// `path?from=&to=`, leaving out what is unset.
pub(crate) fn range_path(path: &str, range: &PeriodRange) -> String {
    let query: Vec<String> = [("from", &range.from), ("to", &range.to)]
        .into_iter()
        .filter_map(|(key, value)| {
            value
                .as_deref()
                .map(|v| format!("{key}={}", crate::operator::encode(v)))
        })
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

impl Client {
    /// The account's meters, the reading window and what was sent for its period.
    pub async fn account_meters(&self, account_id: AccountId) -> Result<AccountMeters> {
        self.get(&format!("accounts/{account_id}/meters")).await
    }

    /// A meter's readings and consumption per period (`from`/`to` are `YYYY-MM`).
    pub async fn meter_history(
        &self,
        account_id: AccountId,
        meter_id: MeterId,
        range: &PeriodRange,
    ) -> Result<MeterHistory> {
        self.get(&range_path(
            &format!("accounts/{account_id}/meters/{meter_id}/readings"),
            range,
        ))
        .await
    }

    /// Sends the readings (all stored or none), or with `preview` only checks and prices
    /// them.
    pub async fn submit_readings(
        &self,
        account_id: AccountId,
        form: &SubmitReadings,
    ) -> Result<ReadingsResult> {
        self.with_body(
            Method::Post,
            &format!("accounts/{account_id}/readings"),
            form,
        )
        .await
    }
}
