//! The resident's meters («Показания счётчиков»): what is installed, what was billed, the
//! reading window, the history for a chart, and submitting the month's readings.
//!
//! Readings and volumes are thousandths of the unit (`123456` = 123.456 m³); money is
//! kopecks; tariffs are hundredths of a kopeck per unit.

use crate::{ReadingSource, Resource};
use chrono::{DateTime, NaiveDate, Utc};
use domkom_values::{MeterId, Money, Period, Quantity, ReadingId, ServiceId, Tariff};
use serde::{Deserialize, Serialize};

/// When readings are taken and which period one sent now counts for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadingWindow {
    /// The organization's window: days of the month, inclusive.
    pub day_from: i32,
    pub day_to: i32,
    #[serde(deserialize_with = "crate::time::date")]
    pub today: NaiveDate,
    /// Whether today is inside the window.
    pub open: bool,
    /// This month's window has passed: a reading sent now counts for the next period.
    pub next_period: bool,
    /// `YYYY-MM`: the period a reading sent now counts for.
    pub period: Period,
    /// The same for a person, in Russian, to show before sending.
    pub message: String,
}

/// How far the meter's verification (поверка) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VerificationState {
    Valid,
    /// Due within 60 days.
    DueSoon,
    /// Passed: the meter counts as absent and its readings are not accepted.
    Expired,
}

/// A reading that counts for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmittedValue {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub reading_id: ReadingId,
    /// Thousandths.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub value: Quantity,
    pub rolled_over: bool,
    pub source: ReadingSource,
    #[serde(deserialize_with = "crate::time::instant")]
    pub submitted_at: DateTime<Utc>,
    /// The day the meter was read.
    #[serde(deserialize_with = "crate::time::date")]
    pub taken_on: NaiveDate,
}

/// One zone of a meter (day, night...; a one-tariff meter has zone 1 only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeterZoneState {
    pub zone: i32,
    /// The last billed reading (at installation if none was billed yet).
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub billed: Quantity,
    /// What a new reading is checked against: the billed one, or a reading of an earlier
    /// period that is not closed yet (it will be billed first).
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub base: Quantity,
    /// The reading that counts for the window's period, if one was sent.
    pub submitted: Option<SubmittedValue>,
}

/// A meter of the account as its resident sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountMeter {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: MeterId,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub service_id: ServiceId,
    pub service_name: String,
    /// «м³», «кВт·ч».
    pub unit: String,
    pub resource: Option<Resource>,
    pub serial: String,
    pub zones: i32,
    /// Digits before the decimal point: the reading rolls over at 10^digits.
    pub digits: i32,
    #[serde(deserialize_with = "crate::time::date")]
    pub verification_due: NaiveDate,
    pub verification: VerificationState,
    /// Why to act, in Russian, unless the verification is far.
    pub verification_warning: Option<String>,
    /// Whether a reading for the window's period is accepted (not while the meter would be
    /// unverified at that period's end).
    pub accepts_readings: bool,
    /// The last period billed by this meter, `YYYY-MM`.
    pub billed_period: Option<Period>,
    pub readings: Vec<MeterZoneState>,
}

/// `GET accounts/{id}/meters`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountMeters {
    pub window: ReadingWindow,
    pub meters: Vec<AccountMeter>,
}

/// `?from=YYYY-MM&to=YYYY-MM`, both inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PeriodRange {
    /// `YYYY-MM`.
    pub from: Option<String>,
    /// `YYYY-MM`.
    pub to: Option<String>,
}

/// One submitted reading in the meter's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadingEntry {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: ReadingId,
    pub period: Period,
    pub zone: i32,
    /// Thousandths.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub value: Quantity,
    pub rolled_over: bool,
    pub source: ReadingSource,
    /// When it was recorded.
    #[serde(deserialize_with = "crate::time::instant")]
    pub submitted_at: DateTime<Utc>,
    /// The day the meter was read: the day a resident sent it, or the day an import or
    /// the company gave.
    #[serde(deserialize_with = "crate::time::date")]
    pub taken_on: NaiveDate,
    /// It replaced an earlier reading of the same period and zone.
    pub correction: bool,
    /// It is the one that counts for its period (the newest).
    pub current: bool,
}

/// How a period's consumption was determined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsumptionMethod {
    /// By readings.
    Meter,
    /// The average of past months (no reading).
    Average,
    /// The norm (no usable meter).
    Norm,
}

/// A closed period's consumption by the meter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodConsumption {
    pub period: Period,
    pub method: ConsumptionMethod,
    /// Thousandths per zone, zone 1 first (zero by norm: the norm is billed per flat).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<i64>))]
    pub volumes: Vec<Quantity>,
    /// The sum of the zones.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub total: Quantity,
}

/// `GET accounts/{id}/meters/{meter_id}/readings`: newest reading first, consumption in
/// period order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeterHistory {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub meter_id: MeterId,
    pub unit: String,
    pub from: Period,
    pub to: Period,
    pub readings: Vec<ReadingEntry>,
    pub consumption: Vec<PeriodConsumption>,
}

/// One reading in a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewReading {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub meter_id: MeterId,
    /// 1 for a one-tariff meter.
    #[serde(default = "first_zone")]
    pub zone: i32,
    /// Thousandths of the unit, as the operator's readings.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub value: Quantity,
    /// The meter passed its capacity and started from zero.
    #[serde(default)]
    pub rolled_over: bool,
    /// The resident confirms an unusually large consumption (`confirm_required`).
    #[serde(default)]
    pub confirm: bool,
}

fn first_zone() -> i32 {
    1
}

/// `POST accounts/{id}/readings`: the month's readings of the account's meters, stored
/// all or none; with `preview` nothing is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmitReadings {
    pub readings: Vec<NewReading>,
    #[serde(default)]
    pub preview: bool,
}

/// A zone's consumption by a submitted reading and what it would cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ZoneEstimate {
    pub zone: i32,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub base: Quantity,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub value: Quantity,
    /// Thousandths.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub consumption: Quantity,
    /// The tariff in force on the period's first day; absent when there is none yet.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub tariff: Option<Tariff>,
    /// Kopecks: consumption × tariff, rounded once.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub charge: Option<Money>,
}

/// A meter's part of a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeterEstimate {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub meter_id: MeterId,
    pub service_name: String,
    pub unit: String,
    pub zones: Vec<ZoneEstimate>,
    /// Thousandths, all zones sent.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub consumption: Quantity,
    /// Kopecks; absent when a zone has no tariff.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub charge: Option<Money>,
}

/// What a submission did (or, with `preview`, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadingsResult {
    pub preview: bool,
    /// `YYYY-MM`: the period the readings count for.
    pub period: Period,
    /// The window sentence, e.g. that the readings count for the next period.
    pub message: String,
    pub meters: Vec<MeterEstimate>,
    /// Kopecks over the meters; absent when a charge is unknown.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub charge: Option<Money>,
    /// The stored readings; empty for a preview.
    pub readings: Vec<ReadingEntry>,
}
