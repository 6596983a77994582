//! `accounts/{id}/statement` and `accounts/{id}/payments`: a linked account's money.

use crate::meters::range_path;
use crate::operator::list_path;
use crate::{Client, Result};
use domkom_dto::*;
use domkom_values::AccountId;

impl Client {
    /// The statement of closed periods (`from`/`to` are `YYYY-MM`; by default the last 12).
    pub async fn account_statement(
        &self,
        account_id: AccountId,
        range: &PeriodRange,
    ) -> Result<Statement> {
        self.get(&range_path(
            &format!("accounts/{account_id}/statement"),
            range,
        ))
        .await
    }

    /// Payments received for the account, newest first (dates inclusive).
    pub async fn account_payments(
        &self,
        account_id: AccountId,
        range: &DateRange,
        page: PageQuery,
    ) -> Result<Page<AccountPayment>> {
        self.get(&list_path(
            &format!("accounts/{account_id}/payments"),
            range,
            page,
        )?)
        .await
    }
}
