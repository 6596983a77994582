//! What Domkom asks of a payment provider. Every provider is reached over HTTP, the
//! built-in sandbox included, so a payment takes the same path whoever collects it.

use super::sandbox::Sandbox;
use super::settings::Provider;
use super::yookassa::YooKassa;
use actix_web::http::header::HeaderMap;
use domkom_dto::ProviderPayment;
use domkom_values::{Money, OnlinePaymentId};
use std::sync::Arc;

/// A payment to create at the provider.
pub struct Order {
    pub reference: OnlinePaymentId,
    pub amount: Money,
    /// What the payer sees: «Оплата ЖКУ, л/с 1001012, ноябрь 2026».
    pub description: String,
    /// Where the provider sends the payer back.
    pub return_url: String,
    /// The provider's own idempotence key: a retried create makes no second payment.
    pub idempotence_key: String,
    /// Where the fiscal receipt (54-ФЗ) goes: the payer's confirmed address.
    pub customer_email: String,
    /// The receipt's items, a service each, adding up to `amount`.
    pub items: Vec<(String, Money)>,
}

/// A payment the provider created: its id and the page to send the payer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub provider_id: String,
    pub confirmation_url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    /// Not reached, or it failed: worth another try.
    #[error("the payment provider is unavailable: {0}")]
    Unavailable(String),
    /// It answered no: the request is wrong, or it is not this provider's.
    #[error("the payment provider refused: {0}")]
    Refused(String),
}

/// Why a notification is not taken.
#[derive(Debug, thiserror::Error)]
pub enum NotificationError {
    #[error("the signature does not match")]
    BadSignature,
    #[error("not a notification: {0}")]
    Malformed(String),
    #[error(transparent)]
    Gateway(#[from] GatewayError),
}

#[async_trait::async_trait]
pub trait PaymentGateway: Send + Sync {
    /// `online_payments.provider` and the webhook's path: `payments/webhooks/<name>`.
    fn name(&self) -> &'static str;

    async fn create(&self, order: &Order) -> Result<Created, GatewayError>;

    /// The payment as the provider has it now.
    async fn fetch(&self, provider_id: &str) -> Result<ProviderPayment, GatewayError>;

    /// What a notification (its headers and body) proves about a payment: checked by its
    /// signature or read again from the provider, never taken on its word.
    async fn confirm(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<ProviderPayment, NotificationError>;
}

/// The configured provider, and the sandbox when it is the one (its page is served).
pub fn configured(
    config: &crate::config::Config,
    pool: &crate::db::DbPool,
) -> (Option<Arc<dyn PaymentGateway>>, Option<Arc<Sandbox>>) {
    match &config.payments.provider {
        None => (None, None),
        Some(Provider::Sandbox) => {
            let sandbox = Arc::new(Sandbox::new(
                pool.clone(),
                &config.public_url,
                &config.jwt_secret,
            ));
            (Some(sandbox.clone()), Some(sandbox))
        }
        Some(Provider::YooKassa(shop)) => (Some(Arc::new(YooKassa::new(shop.clone()))), None),
    }
}
