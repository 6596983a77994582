//! YooKassa (API v3): a payment is created with a redirect confirmation and the 54-ФЗ
//! receipt, under the `Idempotence-Key` header; its notifications carry no signature, so
//! each is believed only after the payment is read back from the API.

use super::gateway::{Created, GatewayError, NotificationError, Order, PaymentGateway};
use actix_web::http::header::HeaderMap;
use domkom_dto::{PaymentNotification, ProviderAmount, ProviderPayment};
use serde::Deserialize;
use serde_json::json;

pub const NAME: &str = "yookassa";

/// The shop's credentials and where the API is.
#[derive(Clone, PartialEq, Eq)]
pub struct Shop {
    pub shop_id: String,
    pub secret_key: String,
    /// `https://api.yookassa.ru/v3`, or a stand-in in tests.
    pub base_url: String,
}

impl std::fmt::Debug for Shop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shop")
            .field("shop_id", &self.shop_id)
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

pub struct YooKassa {
    shop: Shop,
    http: reqwest::Client,
}

/// What the API answers about a payment, as far as Domkom reads it.
#[derive(Deserialize)]
struct ApiPayment {
    id: String,
    status: String,
    amount: ProviderAmount,
    #[serde(default)]
    confirmation: Option<Confirmation>,
}

#[derive(Deserialize)]
struct Confirmation {
    #[serde(default)]
    confirmation_url: Option<String>,
}

impl YooKassa {
    pub fn new(shop: Shop) -> YooKassa {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .unwrap_or_default();
        YooKassa { shop, http }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.shop.base_url.trim_end_matches('/'))
    }

    async fn answer(&self, request: reqwest::RequestBuilder) -> Result<ApiPayment, GatewayError> {
        let response = request
            .basic_auth(&self.shop.shop_id, Some(&self.shop.secret_key))
            .send()
            .await
            .map_err(|e| GatewayError::Unavailable(e.to_string()))?;
        let status = response.status();
        let body = response
            .text()
            .await
            .map_err(|e| GatewayError::Unavailable(e.to_string()))?;
        if status.is_server_error() || status.as_u16() == 429 {
            return Err(GatewayError::Unavailable(format!("{status}: {body}")));
        }
        if !status.is_success() {
            return Err(GatewayError::Refused(format!("{status}: {body}")));
        }
        serde_json::from_str(&body).map_err(|e| GatewayError::Refused(format!("{e}: {body}")))
    }
}

/// The body of `POST /payments`: one receipt item per service (54-ФЗ), their sum the
/// amount.
fn create_body(order: &Order) -> serde_json::Value {
    let items: Vec<_> = order
        .items
        .iter()
        .map(|(service, amount)| {
            json!({
                "description": truncate(service, 128),
                "quantity": "1.00",
                "amount": ProviderAmount::rubles(*amount),
                "vat_code": 1,
                "payment_mode": "full_payment",
                "payment_subject": "service",
            })
        })
        .collect();
    json!({
        "amount": ProviderAmount::rubles(order.amount),
        "capture": true,
        "confirmation": {"type": "redirect", "return_url": order.return_url},
        "description": truncate(&order.description, 128),
        "metadata": {"domkom_payment": order.reference.to_string()},
        "receipt": {"customer": {"email": order.customer_email}, "items": items},
    })
}

fn truncate(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

#[async_trait::async_trait]
impl PaymentGateway for YooKassa {
    fn name(&self) -> &'static str {
        NAME
    }

    async fn create(&self, order: &Order) -> Result<Created, GatewayError> {
        let request = self
            .http
            .post(self.url("payments"))
            .header("Idempotence-Key", &order.idempotence_key)
            .json(&create_body(order));
        let payment = self.answer(request).await?;
        let url = payment
            .confirmation
            .and_then(|c| c.confirmation_url)
            .ok_or_else(|| GatewayError::Refused("no confirmation_url".into()))?;
        Ok(Created {
            provider_id: payment.id,
            confirmation_url: url,
        })
    }

    async fn fetch(&self, provider_id: &str) -> Result<ProviderPayment, GatewayError> {
        if !domkom_dto::rules::url_safe(provider_id, 64) {
            return Err(GatewayError::Refused(format!(
                "not a payment id: {provider_id}"
            )));
        }
        let request = self.http.get(self.url(&format!("payments/{provider_id}")));
        let p = self.answer(request).await?;
        Ok(ProviderPayment {
            id: p.id,
            status: p.status,
            amount: p.amount,
        })
    }

    async fn confirm(
        &self,
        _headers: &HeaderMap,
        body: &[u8],
    ) -> Result<ProviderPayment, NotificationError> {
        let note: PaymentNotification = serde_json::from_slice(body)
            .map_err(|e| NotificationError::Malformed(e.to_string()))?;
        // Believed only as the API tells it now.
        Ok(self.fetch(&note.object.id).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domkom_values::{Money, OnlinePaymentId};

    #[test]
    fn the_payment_carries_the_receipt_with_an_item_a_service() {
        let order = Order {
            reference: OnlinePaymentId(7),
            amount: Money::from_kopecks(152_113),
            description: "Оплата ЖКУ, л/с 1001012".into(),
            return_url: "https://lk.example.ru/accounts/1/payments?online=7".into(),
            idempotence_key: "domkom-online-7".into(),
            customer_email: "ivanov@example.ru".into(),
            items: vec![
                (
                    "Содержание жилого помещения".into(),
                    Money::from_kopecks(127_500),
                ),
                ("Холодное водоснабжение".into(), Money::from_kopecks(24_613)),
            ],
        };
        let body = create_body(&order);
        assert_eq!(
            body["amount"],
            json!({"value": "1521.13", "currency": "RUB"})
        );
        assert_eq!(body["capture"], true);
        assert_eq!(body["confirmation"]["type"], "redirect");
        assert_eq!(body["receipt"]["customer"]["email"], "ivanov@example.ru");
        let items = body["receipt"]["items"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[1]["amount"]["value"], "246.13");
        assert_eq!(items[0]["payment_subject"], "service");
    }
}
