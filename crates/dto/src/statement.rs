//! The resident's money («Платежи», движение денежных средств): the statement of closed
//! periods and the payments received. Money is integer kopecks; positive balances are
//! debts, negative ones advances.

use chrono::NaiveDate;
use domkom_values::{Money, PaymentId, Period};
use serde::{Deserialize, Serialize};

/// A payment received for the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountPayment {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: PaymentId,
    #[serde(deserialize_with = "crate::time::date")]
    pub paid_on: NaiveDate,
    /// Kopecks.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub amount: Money,
    /// Where it came from: «bank», «cash», «online», a registry name.
    pub source: String,
    /// The period the payer named, if any.
    pub for_period: Option<Period>,
}

/// What the resident sees of a payment the company recorded.
impl From<crate::Payment> for AccountPayment {
    fn from(p: crate::Payment) -> Self {
        AccountPayment {
            id: p.id,
            paid_on: p.data.paid_on,
            amount: p.data.amount,
            source: p.data.source,
            // Written through the input rules, so it is always a period.
            for_period: p.data.for_period.and_then(|p| p.parse().ok()),
        }
    }
}

/// `GET accounts/{id}/payments?from=&to=` (dates, inclusive) with `limit`/`offset`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct DateRange {
    #[serde(default, deserialize_with = "crate::time::optional_date")]
    pub from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::time::optional_date")]
    pub to: Option<NaiveDate>,
}

/// The money of one closed period: closing = opening + charged + recalculated +
/// penalties − paid. `penalties` holds the corrections of earlier periods' penalties
/// booked in the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoneyMovement {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub opening: Money,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub charged: Money,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub recalculated: Money,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub penalties: Money,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub paid: Money,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub closing: Money,
}

/// One closed period of the statement with the payments made in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementPeriod {
    pub period: Period,
    #[serde(flatten)]
    pub money: MoneyMovement,
    /// Payments counted in the period, oldest first: those dated in it, and those that
    /// arrived after their own month had closed.
    pub payments: Vec<AccountPayment>,
    /// The corrections of earlier periods' penalties booked in the period (part of its
    /// `penalties`), oldest corrected period first.
    #[serde(default)]
    pub penalty_corrections: Vec<crate::PenaltyCorrectionLine>,
}

/// `GET accounts/{id}/statement?from=YYYY-MM&to=YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Statement {
    /// The range shown, `YYYY-MM`; absent when no period is closed yet.
    pub from: Option<Period>,
    pub to: Option<Period>,
    /// Closed periods in order.
    pub periods: Vec<StatementPeriod>,
    /// The opening of the first period, the closing of the last, the sums of the rest.
    pub totals: MoneyMovement,
    /// Why nothing is shown, when nothing is.
    pub notice: Option<String>,
}
