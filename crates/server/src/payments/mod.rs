//! Online payment: a resident starts a payment, the provider's page takes the money, the
//! provider's notification (or a read of the payment when the payer comes back) settles
//! it. A payment the provider confirms as paid is credited exactly once, as a payment of
//! the account (`source` online, the provider's id as `external_id`) or, when it was
//! started for a request for a paid service, as that request's payment, whatever arrives
//! twice, at once or out of order. See docs/payments.md.

pub mod gateway;
pub mod sandbox;
pub mod settings;
pub mod start;
pub mod yookassa;

pub use gateway::{Created, GatewayError, NotificationError, Order, PaymentGateway};
pub use settings::{Provider, Settings};

use crate::db::{self, online_payments as op, DbConn};
use domkom_dto::{OnlinePaymentStatus as Status, PaymentData, ProviderPayment};
use domkom_values::{PaymentId, ServiceRequestId};

/// What a provider's word did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// Paid: credited now, as this payment.
    Credited(PaymentId),
    /// Paid: the service request is paid now.
    PaidRequest(ServiceRequestId),
    Canceled,
    /// Nothing new: still pending, or settled before.
    Unchanged,
}

/// Why a provider's word is refused; nothing is credited.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("no payment {0} of this provider")]
    Unknown(String),
    #[error("payment {id}: the provider says {said}, Domkom started {started}")]
    Mismatch {
        id: String,
        said: String,
        started: String,
    },
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

/// Applies what `provider` confirmed about one of its payments, all in one transaction.
/// Paid is credited whatever the local state said (the money was taken: a payment the
/// payer was too late for, or one a notification canceled out of order, is still paid);
/// canceled ends a payment not paid.
pub fn apply(
    conn: &mut DbConn,
    provider: &str,
    said: &ProviderPayment,
    today: chrono::NaiveDate,
) -> Result<Settled, Refused> {
    let Some(row) = op::by_provider(conn, provider, &said.id)? else {
        return Err(Refused::Unknown(said.id.clone()));
    };
    let amount = said.amount.kopecks();
    if said.amount.currency != "RUB" || amount != Some(row.amount) {
        return Err(Refused::Mismatch {
            id: said.id.clone(),
            said: format!("{} {}", said.amount.value, said.amount.currency),
            started: domkom_values::ru::money(row.amount),
        });
    }
    let open = [Status::Pending, Status::Expired];
    db::write_tx(conn, |conn| match said.status.as_str() {
        "succeeded" => {
            let from = [Status::Pending, Status::Expired, Status::Canceled];
            if op::transition(conn, row.id, &from, Status::Succeeded, None)? == 0 {
                return Ok(Settled::Unchanged);
            }
            if let Some(request) = db::paid_services::paid_with(conn, row.id)? {
                // A request paid twice (two pages left open) keeps the first payment;
                // the second stays recorded as succeeded for the company to refund.
                if !db::paid_services::mark_paid(conn, request, row.id)? {
                    tracing::warn!(request = %request, payment = %row.id, "service request paid twice");
                }
                return Ok(Settled::PaidRequest(request));
            }
            let payment = db::payments::insert(
                conn,
                row.organization_id,
                &PaymentData {
                    account_id: row.account_id,
                    amount: row.amount,
                    paid_on: today,
                    source: "online".into(),
                    external_id: Some(said.id.clone()),
                    for_period: row.for_period.clone(),
                },
            )?;
            op::credited(conn, row.id, payment)?;
            Ok(Settled::Credited(payment))
        }
        "canceled" => Ok(
            match op::transition(conn, row.id, &open, Status::Canceled, None)? {
                0 => Settled::Unchanged,
                _ => Settled::Canceled,
            },
        ),
        _ => Ok(Settled::Unchanged),
    })
}
