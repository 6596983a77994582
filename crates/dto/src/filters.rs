//! Filters of the operator's lists (`?house_id=` ...). They sit beside `PageQuery` in the
//! same query string: a handler extracts both.

use chrono::NaiveDate;
use domkom_values::{AccountId, HouseId, MeterId, Money, ServiceId};
use serde::{Deserialize, Serialize};

/// `operator/premises?house_id=`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PremiseFilter {
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub house_id: Option<HouseId>,
}

/// `operator/accounts?house_id=&number=`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct AccountFilter {
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub house_id: Option<HouseId>,
    /// The exact account number.
    pub number: Option<String>,
}

/// `operator/tariffs?service_id=`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct TariffFilter {
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub service_id: Option<ServiceId>,
}

/// `operator/meters?account_id=&house_id=`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct MeterFilter {
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub account_id: Option<AccountId>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub house_id: Option<HouseId>,
}

/// `operator/payments?account_id=&from=&to=` (dates inclusive).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PaymentFilter {
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub account_id: Option<AccountId>,
    #[serde(default, deserialize_with = "crate::time::optional_date")]
    pub from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::time::optional_date")]
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
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub total_amount: Money,
}

/// `operator/readings?period=&meter_id=&house_id=`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ReadingFilter {
    /// `YYYY-MM`.
    pub period: Option<String>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub meter_id: Option<MeterId>,
    /// The flat meters of one account.
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub account_id: Option<AccountId>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub house_id: Option<HouseId>,
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
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>))]
    pub account_id: Option<AccountId>,
    /// `YYYY-MM`.
    pub period: Option<String>,
}

/// `operator/receipts/{period}?house_id=`: whose receipts to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct HouseQuery {
    #[cfg_attr(feature = "openapi", param(value_type = i64))]
    pub house_id: HouseId,
}
