//! A resident's charges («Начисления»): closed periods, and each line with how it was
//! computed.

use domkom_values::Period;
use serde::{Deserialize, Serialize};

/// A closed period in the charges list (kopecks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChargePeriodSummary {
    pub period: Period,
    /// The period's charges before recalculations.
    pub charged: i64,
    /// Recalculations booked in the period, for it or for earlier ones.
    pub recalculated: i64,
    /// Penalties accrued in the period, with the corrections of earlier periods'
    /// penalties booked in it.
    pub penalties: i64,
    /// charged + recalculated + penalties.
    pub total: i64,
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
    pub charged: i64,
    pub recalculated: i64,
    /// With the corrections of earlier periods' penalties booked in the period.
    pub penalties: i64,
    pub total: i64,
    /// The corrections of earlier periods' penalties booked in the period.
    #[serde(default)]
    pub penalty_corrections: Vec<PenaltyCorrectionLine>,
}

/// A charge line and how it was computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExplainedLine {
    pub service_id: i64,
    pub service: String,
    pub supplier_name: String,
    pub unit: String,
    /// 0 unless a zone of a multi-zone meter.
    pub zone: i32,
    /// meter | average | norm | area | persons | fixed | share | house_meter_by_area | drainage
    pub method: String,
    /// The individual volume, thousandths of the unit.
    pub volume: i64,
    /// The common-house volume, thousandths of the unit.
    pub common_volume: i64,
    /// Hundredths of a kopeck per unit.
    pub tariff: i64,
    /// The day the tariff took effect.
    pub tariff_from: Option<chrono::NaiveDate>,
    /// Kopecks, as computed in the period.
    pub amount: i64,
    /// Recalculations of this service booked in the period, kopecks.
    pub recalculated: i64,
    /// amount + recalculated.
    pub adjusted: i64,
    /// How the line was computed, in words: readings, average months, norm × persons,
    /// the house meter and areas, the tariff and its date.
    pub explanation: String,
}

/// A recalculation booked in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecalculationLine {
    pub service_id: i64,
    pub service: String,
    /// The period it corrects (this one or an earlier one).
    pub corrects_period: Period,
    /// Kopecks; negative reduces the bill.
    pub amount: i64,
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
    pub amount: i64,
    /// «Перерасчёт пеней за июль 2026: оплата 20.07.2026 поступила после закрытия периода».
    pub reason: String,
}
