//! Online payment from the cabinet: started by the resident, confirmed by the provider,
//! credited once as a payment of the account.

use domkom_values::{AccountId, Money, OnlinePaymentId, PaymentId, Period, ServiceRequestId};
use serde::{Deserialize, Serialize};

/// `POST accounts/{id}/payments`: what to pay. An `Idempotency-Key` header makes a
/// retried request answer the payment the first one started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartPayment {
    /// Kopecks: more than zero, at most the debt plus an advance (see docs/payments.md).
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub amount: Money,
    /// The period the payment is for, `YYYY-MM`, if the payer names one.
    #[serde(default)]
    pub for_period: Option<String>,
    /// A done request for a paid service of the account to pay instead of the charges:
    /// `amount` is then its agreed price.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    #[serde(default)]
    pub service_request_id: Option<ServiceRequestId>,
}

/// Where an online payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OnlinePaymentStatus {
    /// Waiting for the payer on the provider's page.
    Pending,
    /// Paid and credited to the account (`payment_id`).
    Succeeded,
    /// Refused by the payer or the provider.
    Canceled,
    /// Not paid in time.
    Expired,
}

impl OnlinePaymentStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Succeeded => "succeeded",
            Self::Canceled => "canceled",
            Self::Expired => "expired",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Succeeded,
            Self::Canceled,
            Self::Expired,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// An online payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OnlinePayment {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: OnlinePaymentId,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub account_id: AccountId,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub amount: Money,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub for_period: Option<Period>,
    pub status: OnlinePaymentStatus,
    /// The provider's page to send the payer to, while the payment is pending.
    pub confirmation_url: Option<String>,
    /// The payment that credited the account, once it succeeded.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub payment_id: Option<PaymentId>,
    #[serde(deserialize_with = "crate::time::instant")]
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// A pending payment not paid by then expires.
    #[serde(deserialize_with = "crate::time::instant")]
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// A provider's notification as Domkom reads it (the shape YooKassa sends, which the
/// sandbox acquirer sends too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentNotification {
    /// `payment.succeeded`, `payment.canceled`, …
    pub event: String,
    pub object: ProviderPayment,
}

/// A payment as the provider describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderPayment {
    pub id: String,
    /// `pending`, `waiting_for_capture`, `succeeded`, `canceled`.
    pub status: String,
    pub amount: ProviderAmount,
}

/// `{"value": "100.00", "currency": "RUB"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderAmount {
    pub value: String,
    pub currency: String,
}

impl ProviderAmount {
    pub fn rubles(amount: Money) -> Self {
        let k = amount.kopecks();
        Self {
            value: format!("{}.{:02}", k / 100, (k % 100).abs()),
            currency: "RUB".into(),
        }
    }

    /// The kopecks of a `"100.00"`, exactly; `None` for anything else.
    pub fn kopecks(&self) -> Option<Money> {
        let (rubles, kopecks) = self.value.split_once('.')?;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(1..=12).contains(&rubles.len()) || !digits(rubles, rubles.len()) || !digits(kopecks, 2)
        {
            return None;
        }
        let k = rubles.parse::<i64>().ok()?.checked_mul(100)? + kopecks.parse::<i64>().ok()?;
        Some(Money::from_kopecks(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_amounts_are_exact_kopecks_both_ways() {
        let a = ProviderAmount::rubles(Money::from_kopecks(152_113));
        assert_eq!(a.value, "1521.13");
        assert_eq!(a.kopecks(), Some(Money::from_kopecks(152_113)));
        assert_eq!(ProviderAmount::rubles(Money::from_kopecks(5)).value, "0.05");
        for bad in [
            "1521.1", "1521", "-1.00", "1e3.00", ".50", "1 000.00", "1521.130",
        ] {
            let a = ProviderAmount {
                value: bad.into(),
                currency: "RUB".into(),
            };
            assert_eq!(a.kopecks(), None, "{bad}");
        }
    }
}
