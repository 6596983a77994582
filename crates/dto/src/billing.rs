//! Services, tariffs, meters, readings, periods, charges, recalculations and payments.
//!
//! Money is integer kopecks; volumes are thousandths of the unit (`12345` = 12.345 m³);
//! tariffs are hundredths of a kopeck per unit (`456700` = 45.67 ₽), so regulated tariffs
//! with fractions of a kopeck are exact. Periods are written `YYYY-MM`, dates `YYYY-MM-DD`.

use chrono::{DateTime, NaiveDate, Utc};
use domkom_values::{
    AccountId, AreaNorm, HouseId, MeterId, Money, PaymentId, Period, Quantity, ReadingId,
    RecalculationId, ServiceId, TariffId,
};
use serde::{Deserialize, Serialize};

/// How a service is calculated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServiceMethodKind {
    /// By the flat's meters, else average, else norm × persons.
    Meter,
    /// Per m² of the premise.
    Area,
    /// Per registered person.
    Person,
    /// A fixed monthly fee.
    Fixed,
    /// The common-house share of a metered resource (formula 12 with a house meter,
    /// formula 15 without).
    CommonShare,
    /// Heating by the house meter, shared by area.
    Heating,
    /// Водоотведение: the sum of the flat's cold and hot water.
    Drainage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    ColdWater,
    HotWater,
    Electricity,
    Heat,
    Gas,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceData {
    /// «Холодное водоснабжение».
    pub name: String,
    /// «м³», «кВт·ч», «м²», «чел.».
    pub unit: String,
    /// The supplier: the organization itself or another one.
    pub supplier_name: String,
    pub supplier_inn: String,
    pub method: ServiceMethodKind,
    /// The resource metered (meter, common share, heating).
    #[serde(default)]
    pub resource: Option<Resource>,
    /// The metered services a common share or drainage is computed from.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<i64>))]
    pub source_service_ids: Vec<ServiceId>,
    /// Norm per registered person per month, thousandths of the unit (metered services).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub norm_per_person: Quantity,
    /// Norm per m² of common area per month, millionths of the unit (common shares).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub norm_per_m2: Option<AreaNorm>,
    /// Order of the lines on the receipt.
    #[serde(default)]
    pub sort_order: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Service {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: ServiceId,
    #[serde(flatten)]
    pub data: ServiceData,
}

/// A price in force from a date; one per zone for multi-zone meters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TariffData {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub service_id: ServiceId,
    #[serde(deserialize_with = "crate::time::date")]
    pub valid_from: NaiveDate,
    /// 0 for the single tariff, 1–4 for a zone (day, night, peak...).
    #[serde(default)]
    pub zone: i32,
    /// Hundredths of a kopeck per unit.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub price: domkom_values::Tariff,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tariff {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: TariffId,
    #[serde(flatten)]
    pub data: TariffData,
}

/// A flat's meter (with `account_id`) or a house meter (without).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeterData {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub account_id: Option<AccountId>,
    /// Required for a house meter; taken from the account's premise otherwise.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub house_id: Option<HouseId>,
    /// The metered service it measures.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub service_id: ServiceId,
    pub serial: String,
    /// Tariff zones, 1–4.
    #[serde(default = "one")]
    pub zones: i32,
    /// Digits before the decimal point: the reading rolls over at 10^digits.
    #[serde(default = "five")]
    pub digits: i32,
    #[serde(deserialize_with = "crate::time::date")]
    pub installed_on: NaiveDate,
    /// Next verification (поверка); from this date on the meter counts as absent.
    #[serde(deserialize_with = "crate::time::date")]
    pub verification_due: NaiveDate,
    /// The reading at installation per zone, thousandths.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<i64>))]
    pub initial_values: Vec<Quantity>,
}

fn one() -> i32 {
    1
}

fn five() -> i32 {
    5
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Meter {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: MeterId,
    #[serde(flatten)]
    pub data: MeterData,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReadingSource {
    Resident,
    Operator,
    Import,
}

/// A meter reading for a period and zone; the newest one of a period counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadingData {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub meter_id: MeterId,
    pub period: String,
    #[serde(default = "one")]
    pub zone: i32,
    /// Thousandths of the unit.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub value: Quantity,
    /// The meter passed its capacity and started from zero.
    #[serde(default)]
    pub rolled_over: bool,
    /// The day the meter was read. When omitted: today, or the period's last day for a
    /// period that has ended. Never in the future, and within the month before the period
    /// to the month after it.
    #[serde(default)]
    #[serde(deserialize_with = "crate::time::optional_date")]
    pub taken_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reading {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: ReadingId,
    #[serde(flatten)]
    pub data: ReadingData,
    pub source: ReadingSource,
    #[serde(deserialize_with = "crate::time::instant")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PeriodStatus {
    Open,
    /// The close is running; `accounts_done` of `accounts_total` are computed.
    Closing,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodState {
    pub period: Period,
    pub status: PeriodStatus,
    pub accounts_total: i32,
    pub accounts_done: i32,
    /// Why the last close failed, if it did.
    pub error: Option<String>,
    #[serde(default, deserialize_with = "crate::time::optional_instant")]
    pub closed_at: Option<DateTime<Utc>>,
    /// What the close set aside and billed by the fallback rules instead.
    pub notes: Vec<CloseNote>,
}

/// A reading a close did not bill because the meter's history no longer allows it (a
/// reading of an earlier period entered after it, say): the meter was billed by the average
/// or the norm, as when no reading is given (Правила 354 п.59), and the reading waits for
/// the staff to correct it in the next period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CloseNote {
    /// The flat meter's account; none for a house meter.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub account_id: Option<AccountId>,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub meter_id: MeterId,
    pub zone: i32,
    /// `decreased`, `beyond_capacity` or `roll_over_without_decrease`, as the reading
    /// rules name them.
    pub code: String,
    pub message: String,
}

/// A correction booked in an open period (перерасчёт).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecalculationData {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub account_id: AccountId,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub service_id: ServiceId,
    /// The open period it is booked in.
    pub period: String,
    /// The period it corrects.
    pub corrects_period: String,
    /// Kopecks; negative reduces the debt.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub amount: Money,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recalculation {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: RecalculationId,
    #[serde(flatten)]
    pub data: RecalculationData,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentData {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub account_id: AccountId,
    /// Kopecks, positive.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub amount: Money,
    #[serde(deserialize_with = "crate::time::date")]
    pub paid_on: NaiveDate,
    /// Where it came from: «bank», «cash», «online», a registry name.
    pub source: String,
    /// The payment's id at its source; a second payment with the same source and id is
    /// refused, so a registry can be loaded twice safely.
    #[serde(default)]
    pub external_id: Option<String>,
    /// The period the payer named, if any.
    #[serde(default)]
    pub for_period: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: PaymentId,
    #[serde(flatten)]
    pub data: PaymentData,
}

/// An account's charges of one closed period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChargeSheet {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub account_id: AccountId,
    pub period: Period,
    /// The sum of the lines, kopecks.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub amount: Money,
    pub lines: Vec<ChargeLine>,
}

/// One line of a closed period's charges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChargeLine {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub service_id: ServiceId,
    /// 0 unless a zone of a multi-zone meter.
    pub zone: i32,
    /// meter | average | norm | area | persons | fixed | share | house_meter_by_area | drainage
    pub method: String,
    /// Thousandths of the unit (m², persons or 1 for area, person and fixed services).
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub volume: Quantity,
    /// The common-house volume, thousandths.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub common_volume: Quantity,
    /// Hundredths of a kopeck per unit.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub tariff: domkom_values::Tariff,
    /// Kopecks.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub amount: Money,
}

/// An account's money in one period (kopecks); positive `closing` is a debt, negative an
/// advance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BalanceLine {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub account_id: AccountId,
    pub period: Period,
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
