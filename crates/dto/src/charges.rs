//! A resident's charges («Начисления»): closed periods, and each line with how it was
//! computed.

use domkom_values::{Money, Period, Quantity, ServiceId, Tariff};
use serde::{Deserialize, Serialize};

/// A closed period in the charges list (kopecks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChargePeriodSummary {
    pub period: Period,
    /// The period's charges before recalculations.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub charged: Money,
    /// Recalculations booked in the period, for it or for earlier ones.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub recalculated: Money,
    /// Penalties accrued in the period, with the corrections of earlier periods'
    /// penalties booked in it.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub penalties: Money,
    /// charged + recalculated + penalties.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub total: Money,
    /// The corrections of earlier periods' penalties booked in the period.
    #[serde(default)]
    pub penalty_corrections: Vec<PenaltyCorrectionLine>,
}

/// One closed period's charges, line by line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodCharges {
    pub period: Period,
    pub lines: Vec<ExplainedLine>,
    pub recalculations: Vec<RecalculationLine>,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub charged: Money,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub recalculated: Money,
    /// With the corrections of earlier periods' penalties booked in the period.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub penalties: Money,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub total: Money,
    /// The corrections of earlier periods' penalties booked in the period.
    #[serde(default)]
    pub penalty_corrections: Vec<PenaltyCorrectionLine>,
}

/// A charge line and how it was computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExplainedLine {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub service_id: ServiceId,
    pub service: String,
    pub supplier_name: String,
    pub unit: String,
    /// 0 unless a zone of a multi-zone meter.
    pub zone: i32,
    /// meter | average | norm | area | persons | fixed | share | house_meter_by_area | drainage
    pub method: String,
    /// The individual volume, thousandths of the unit.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub volume: Quantity,
    /// The common-house volume, thousandths of the unit.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub common_volume: Quantity,
    /// Hundredths of a kopeck per unit.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub tariff: Tariff,
    /// The day the tariff took effect.
    #[serde(default, deserialize_with = "crate::time::optional_date")]
    pub tariff_from: Option<chrono::NaiveDate>,
    /// Kopecks, as computed in the period.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub amount: Money,
    /// Recalculations of this service booked in the period, kopecks.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub recalculated: Money,
    /// amount + recalculated.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub adjusted: Money,
    /// How the line was computed, in words: readings, average months, norm × persons,
    /// the house meter and areas, the tariff and its date.
    pub explanation: String,
}

/// A recalculation booked in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecalculationLine {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub service_id: ServiceId,
    pub service: String,
    /// The period it corrects (this one or an earlier one).
    pub corrects_period: Period,
    /// Kopecks; negative reduces the bill.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub amount: Money,
    pub reason: String,
}

/// A correction of an earlier period's penalties booked in this one, and part of its
/// penalties: a payment dated in that period reached the company only after the period
/// closed (a late bank registry), and penalties run to the day of payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PenaltyCorrectionLine {
    /// The period whose penalties it corrects.
    pub corrects_period: Period,
    /// Kopecks; negative reduces the debt.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub amount: Money,
    /// «Перерасчёт пеней за июль 2026: оплата 20.07.2026 поступила после закрытия периода».
    pub reason: String,
}
