//! `accounts/{id}/charges`: the resident's charges («Начисления»).

use crate::{Client, Result};
use domkom_dto::*;
use domkom_values::AccountId;

impl Client {
    /// Closed periods of a linked account, newest first.
    pub async fn account_charges(
        &self,
        account_id: AccountId,
        range: &PeriodRange,
    ) -> Result<Vec<ChargePeriodSummary>> {
        let query: Vec<String> = [("from", &range.from), ("to", &range.to)]
            .into_iter()
            .filter_map(|(k, v)| Some(format!("{k}={}", crate::operator::encode(v.as_deref()?))))
            .collect();
        self.get(&format!(
            "accounts/{account_id}/charges?{}",
            query.join("&")
        ))
        .await
    }

    /// One closed period's lines, each with how it was computed.
    pub async fn period_charges(
        &self,
        account_id: AccountId,
        period: &str,
    ) -> Result<PeriodCharges> {
        self.get(&format!(
            "accounts/{account_id}/charges/{}",
            crate::operator::encode(period)
        ))
        .await
    }
}
