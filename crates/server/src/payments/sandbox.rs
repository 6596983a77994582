//! The sandbox acquirer, for development, the demo and the tests. It keeps its own books
//! (`sandbox_payments`) and serves its own payment page (`/sandbox/payments/{id}`) with
//! «Оплатить» and «Отказаться». The payer's decision goes to Domkom as an external
//! acquirer's would: a notification over HTTP to `payments/webhooks/sandbox`, signed
//! with HMAC-SHA256 (`X-Sandbox-Signature: sha256=<hex>`). No money moves.

use super::gateway::{Created, GatewayError, NotificationError, Order, PaymentGateway};
use crate::db::{sandbox_payments as books, DbPool};
use actix_web::http::header::HeaderMap;
use domkom_dto::{PaymentNotification, ProviderAmount, ProviderPayment};
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const NAME: &str = "sandbox";
pub const SIGNATURE: &str = "X-Sandbox-Signature";

pub struct Sandbox {
    pool: DbPool,
    public_url: String,
    key: Vec<u8>,
    http: reqwest::Client,
}

impl Sandbox {
    /// `secret` is the server's; the signing key is derived from it.
    pub fn new(pool: DbPool, public_url: &str, secret: &[u8]) -> Sandbox {
        let key = mac(secret).chain_update(b"sandbox-webhook").finalize();
        Sandbox {
            pool,
            public_url: public_url.to_owned(),
            key: key.into_bytes().to_vec(),
            http: reqwest::Client::new(),
        }
    }

    /// `sha256=<hex>` of the body.
    pub fn sign(&self, body: &[u8]) -> String {
        let digest = mac(&self.key).chain_update(body).finalize().into_bytes();
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        format!("sha256={hex}")
    }

    fn verify(&self, header: Option<&str>, body: &[u8]) -> bool {
        let Some(hex) = header.and_then(|h| h.strip_prefix("sha256=")) else {
            return false;
        };
        let Some(bytes) = decode_hex(hex) else {
            return false;
        };
        mac(&self.key)
            .chain_update(body)
            .verify_slice(&bytes)
            .is_ok()
    }

    /// The payment as its page shows it.
    pub async fn page(&self, id: String) -> Result<Option<books::Row>, GatewayError> {
        self.books(move |c| books::get(c, &id)).await
    }

    /// The payer's decision on the page: recorded once (a second click changes nothing),
    /// told to Domkom by a signed notification; answers where the payer goes back to.
    pub async fn decide(&self, id: String, pay: bool) -> Result<Option<String>, GatewayError> {
        let status = if pay { "succeeded" } else { "canceled" };
        let key = id.clone();
        let Some(row) = self
            .books(move |c| {
                books::decide(c, &key, status)?;
                books::get(c, &key)
            })
            .await?
        else {
            return Ok(None);
        };
        let note = PaymentNotification {
            event: format!("payment.{}", row.status),
            object: provider_payment(&row),
        };
        let body = serde_json::to_vec(&note).map_err(|e| GatewayError::Refused(e.to_string()))?;
        let url = format!("{}/api/v1/payments/webhooks/{NAME}", self.public_url);
        let sent = self
            .http
            .post(&url)
            .header("content-type", "application/json")
            .header(SIGNATURE, self.sign(&body))
            .body(body)
            .send()
            .await;
        // Not delivered: Domkom reads the payment again when the payer comes back.
        match sent {
            Ok(r) if r.status().is_success() => {}
            Ok(r) => tracing::warn!(id, status = %r.status(), "sandbox notification refused"),
            Err(e) => tracing::warn!(id, error = %e, "sandbox notification not delivered"),
        }
        Ok(Some(row.return_url))
    }

    async fn books<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut crate::db::DbConn) -> diesel::QueryResult<T> + Send + 'static,
    ) -> Result<T, GatewayError> {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            work(&mut conn).map_err(|e| e.to_string())
        })
        .await
        .map_err(|e| GatewayError::Unavailable(e.to_string()))?
        .map_err(GatewayError::Unavailable)
    }
}

#[async_trait::async_trait]
impl PaymentGateway for Sandbox {
    fn name(&self) -> &'static str {
        NAME
    }

    async fn create(&self, order: &Order) -> Result<Created, GatewayError> {
        let id = format!("sb-{}", crate::auth::secret::generate());
        let row = books::Row {
            id: id.clone(),
            amount: order.amount,
            currency: "RUB".into(),
            description: order.description.clone(),
            return_url: order.return_url.clone(),
            status: "pending".into(),
        };
        self.books(move |c| books::insert(c, &row)).await?;
        Ok(Created {
            confirmation_url: format!("{}/sandbox/payments/{id}", self.public_url),
            provider_id: id,
        })
    }

    async fn fetch(&self, provider_id: &str) -> Result<ProviderPayment, GatewayError> {
        let id = provider_id.to_owned();
        self.books(move |c| books::get(c, &id))
            .await?
            .map(|row| provider_payment(&row))
            .ok_or_else(|| GatewayError::Refused(format!("no payment {provider_id}")))
    }

    async fn confirm(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<ProviderPayment, NotificationError> {
        let signature = headers.get(SIGNATURE).and_then(|v| v.to_str().ok());
        if !self.verify(signature, body) {
            return Err(NotificationError::BadSignature);
        }
        let note: PaymentNotification = serde_json::from_slice(body)
            .map_err(|e| NotificationError::Malformed(e.to_string()))?;
        Ok(note.object)
    }
}

fn provider_payment(row: &books::Row) -> ProviderPayment {
    ProviderPayment {
        id: row.id.clone(),
        status: row.status.clone(),
        amount: ProviderAmount::rubles(row.amount),
    }
}

fn mac(key: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length.
    <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!())
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if hex.len() != 64 {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_checks_the_body_and_the_key() {
        let pool = crate::db::connect("sqlite://:memory:", 1).unwrap();
        let a = Sandbox::new(
            pool.clone(),
            "http://x",
            b"first secret of thirty-two bytes",
        );
        let b = Sandbox::new(pool, "http://x", b"other secret of thirty-two bytes");
        let body = br#"{"event":"payment.succeeded"}"#;
        let sig = a.sign(body);
        assert!(sig.starts_with("sha256=") && sig.len() == 71);
        assert!(a.verify(Some(&sig), body));
        assert!(!a.verify(Some(&sig), br#"{"event":"payment.canceled"}"#));
        assert!(!b.verify(Some(&sig), body), "another key");
        assert!(!a.verify(Some(&sig.replace("sha256=", "sha1=")), body));
        assert!(!a.verify(Some(&sig[..70]), body));
        assert!(!a.verify(None, body));
    }
}
