//! Filters of the operator's lists (`?house_id=` ...). They sit beside `PageQuery` in the
//! same query string: a handler extracts both.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// `operator/premises?house_id=`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PremiseFilter {
    pub house_id: Option<i64>,
}

/// `operator/accounts?house_id=&number=`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct AccountFilter {
    pub house_id: Option<i64>,
    /// The exact account number.
    pub number: Option<String>,
}

/// `operator/tariffs?service_id=`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct TariffFilter {
    pub service_id: Option<i64>,
}

/// `operator/meters?account_id=&house_id=`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct MeterFilter {
    pub account_id: Option<i64>,
    pub house_id: Option<i64>,
}

/// `operator/payments?account_id=&from=&to=` (dates inclusive).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PaymentFilter {
    pub account_id: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// What a bank registry load did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistryResult {
    /// Payments written.
    pub accepted: i64,
    /// Lines whose bank payment id was loaded before.
    pub skipped: i64,
    /// Kopecks of the accepted payments.
    pub total_amount: i64,
}

/// `operator/readings?period=&meter_id=&house_id=`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ReadingFilter {
    /// `YYYY-MM`.
    pub period: Option<String>,
    pub meter_id: Option<i64>,
    /// The flat meters of one account.
    pub account_id: Option<i64>,
    pub house_id: Option<i64>,
}

/// `operator/readings/export?period=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PeriodQuery {
    /// `YYYY-MM`.
    pub period: String,
}

/// `?account_id=&period=`: recalculations (by the period booked in), charges, balances.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct AccountPeriodFilter {
    pub account_id: Option<i64>,
    /// `YYYY-MM`.
    pub period: Option<String>,
}
