//! `operator/periods`: billing periods and their close.

use crate::{Client, Result};
use domkom_dto::*;
use reqwest::Method;

impl Client {
    pub async fn periods(&self, page: PageQuery) -> Result<Page<PeriodState>> {
        self.get(&format!(
            "operator/periods?limit={}&offset={}",
            page.limit(),
            page.offset()
        ))
        .await
    }

    pub async fn period(&self, period: &str) -> Result<PeriodState> {
        self.get(&format!("operator/periods/{period}")).await
    }

    /// Starts closing the period; follow it with [`Client::period`].
    pub async fn close_period(&self, period: &str) -> Result<PeriodState> {
        self.send(self.request(Method::POST, &format!("operator/periods/{period}/close")))
            .await
    }
}
