//! What the engine returns: one charge line per account, service (and meter zone),
//! with the figures an "explain my bill" screen shows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::billing::input::VolumeMethod;
use crate::money::Money;
use crate::period::Period;
use crate::quantity::{Area, AreaNorm, Quantity};
use crate::tariff::Tariff;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charge {
    pub account_id: i64,
    pub service_id: i64,
    /// The meter zone for multi-zone meters (1 = day...), `None` otherwise.
    pub zone: Option<u8>,
    pub method: ChargeMethod,
    /// The quantity billed at the tariff, in thousandths of the tariff's unit: the volume
    /// for metered services, m² for area services, persons for per-person services, 1
    /// for a fixed fee, zero for common-house shares.
    pub individual_volume: Quantity,
    /// The common-house share (на СОИ, heating by house meter); zero otherwise.
    pub common_volume: Quantity,
    pub tariff: Tariff,
    /// `tariff × (individual_volume + common_volume)`, rounded once.
    pub amount: Money,
    pub details: ChargeDetails,
}

/// How a line was determined: what the resident sees next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChargeMethod {
    Meter,
    Average,
    Norm,
    Area,
    Persons,
    Fixed,
    /// Common-house share (formula 12 or 15).
    Share,
    /// Heating by the house meter, split by area.
    HouseMeterByArea,
    /// Drainage: the sum of the flat's cold and hot water volumes.
    Drainage,
}

impl From<VolumeMethod> for ChargeMethod {
    fn from(m: VolumeMethod) -> Self {
        match m {
            VolumeMethod::Meter => ChargeMethod::Meter,
            VolumeMethod::Average => ChargeMethod::Average,
            VolumeMethod::Norm => ChargeMethod::Norm,
        }
    }
}

/// Why the engine fell back to the norm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NormReason {
    NoMeter,
    /// The meter's verification expired. Closes before the average rule for an expired
    /// meter (п.59 «а») billed it by the norm at once; their sheets still say so. Since,
    /// an expired meter gives one of the two reasons below, with the expiry date beside.
    VerificationExpired,
    /// Fewer than 3 past periods with readings.
    NotEnoughHistory,
    /// Already 3 periods in a row by average (п.59), or 3 since the verification expired.
    AverageLimitReached,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChargeDetails {
    Meter {
        meter_id: i64,
        previous: Quantity,
        current: Quantity,
        rolled_over: bool,
    },
    Average {
        meter_id: i64,
        /// The periods with readings averaged over, latest first.
        months: Vec<Period>,
        /// Their total volume for this zone; the average is this / months, rounded to the
        /// thousandth half up.
        months_total: Quantity,
        /// This is the n-th period in a row billed by average (1 to 3); for an expired
        /// meter, the n-th period counted from the one its verification expired in.
        in_row: u8,
        /// Why there is no reading: the meter's verification expired on this date (п.59
        /// «а»); `None`: the reading was not given (п.59 «б»).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        verification_expired: Option<NaiveDate>,
    },
    Norm {
        meter_id: Option<i64>,
        norm_per_person: Quantity,
        persons: u32,
        reason: NormReason,
        /// The meter's verification expired on this date, and the average could not be
        /// used (`reason`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        verification_expired: Option<NaiveDate>,
    },
    Area {
        area: Area,
    },
    Persons {
        persons: u32,
    },
    Fixed,
    Share(ShareDetails),
    HouseMeterByArea {
        house_volume: Quantity,
        flat_area: Area,
        total_area: Area,
    },
    Drainage {
        parts: Vec<DrainagePart>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrainagePart {
    pub service_id: i64,
    pub volume: Quantity,
    pub method: VolumeMethod,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareFormula {
    /// House meter: V_house − Σ V_individual − Σ V_non-residential.
    Formula12,
    /// No house meter: norm per m² × S_common.
    Formula15,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareDetails {
    pub formula: ShareFormula,
    /// Formula 12: the house meter's volume.
    pub house_volume: Option<Quantity>,
    /// Formula 12: Σ of residential accounts' volumes (meter, average and norm alike).
    pub individual_total: Quantity,
    /// Formula 12: Σ of non-residential volumes, billed here or given as external.
    pub non_residential_total: Quantity,
    /// The volume split across the house (negative difference → 0).
    pub distributed: Quantity,
    pub flat_area: Area,
    pub total_area: Area,
    pub common_area: Area,
    pub norm_per_m2: Option<AreaNorm>,
    /// The flat's share before the cap.
    pub uncapped: Quantity,
    /// The flat's share of the norm, when the house caps at the norm.
    pub cap: Option<Quantity>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_stored_before_the_expiry_date_was_kept_still_read() {
        let average = r#"{"kind":"average","meter_id":7,"months":["2026-09","2026-08","2026-07"],"months_total":30000,"in_row":2}"#;
        let norm = r#"{"kind":"norm","meter_id":7,"norm_per_person":4745,"persons":2,"reason":"verification_expired"}"#;
        let stored_norm = norm;
        let average: ChargeDetails = serde_json::from_str(average).unwrap();
        assert!(matches!(
            average,
            ChargeDetails::Average {
                in_row: 2,
                verification_expired: None,
                ..
            }
        ));
        let norm: ChargeDetails = serde_json::from_str(norm).unwrap();
        assert!(matches!(
            norm,
            ChargeDetails::Norm {
                reason: NormReason::VerificationExpired,
                verification_expired: None,
                ..
            }
        ));
        // And lines without the date are stored as before.
        assert_eq!(serde_json::to_string(&norm).unwrap(), stored_norm);
    }
}
