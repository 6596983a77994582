//! `operator/periods`, `operator/charges`, `operator/balances`: periods, their close and
//! what it computed.

use crate::request::Method;
use crate::{Client, Result};
use domkom_dto::*;

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

    /// Charge sheets of closed periods.
    pub async fn charges(
        &self,
        filter: &AccountPeriodFilter,
        page: PageQuery,
    ) -> Result<Page<ChargeSheet>> {
        self.get(&crate::operator::list_path(
            "operator/charges",
            filter,
            page,
        )?)
        .await
    }

    /// Balances of closed periods.
    pub async fn balances(
        &self,
        filter: &AccountPeriodFilter,
        page: PageQuery,
    ) -> Result<Page<BalanceLine>> {
        self.get(&crate::operator::list_path(
            "operator/balances",
            filter,
            page,
        )?)
        .await
    }

    /// Starts closing the period; follow it with [`Client::period`].
    pub async fn close_period(&self, period: &str) -> Result<PeriodState> {
        self.send(self.request(Method::Post, &format!("operator/periods/{period}/close")))
            .await
    }
}
