//! Online payment of a linked account.

use crate::request::Method;
use crate::{Client, Result};
use domkom_dto::*;
use domkom_values::{AccountId, OnlinePaymentId};

impl Client {
    /// Starts a payment; the same `idempotency_key` again answers the same payment.
    pub async fn start_payment(
        &self,
        account_id: AccountId,
        payment: &StartPayment,
        idempotency_key: Option<&str>,
    ) -> Result<OnlinePayment> {
        let mut request = self
            .request(Method::Post, &format!("accounts/{account_id}/payments"))
            .json(payment)?;
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        self.send(request).await
    }

    /// Where the payment stands now.
    pub async fn online_payment(
        &self,
        account_id: AccountId,
        id: OnlinePaymentId,
    ) -> Result<OnlinePayment> {
        self.get(&format!("accounts/{account_id}/payments/{id}"))
            .await
    }
}
