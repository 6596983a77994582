//! What the engine needs to bill one house for one period: plain data the server fills
//! from the database.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::period::Period;
use crate::quantity::{Area, AreaNorm, Quantity};
use crate::tariff::Tariff;

/// One house (МКД) and one billing period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseInput {
    pub house_id: i64,
    pub period: Period,
    /// S_total: all premises of the house, residential and not, whether billed here or not.
    pub total_area: Area,
    /// S_common: the common area (formula 15).
    pub common_area: Area,
    /// Whether common-house shares are capped at the norm (the default since 2017,
    /// unless the owners' meeting decided otherwise).
    pub share_cap: ShareCap,
    /// The services in force this period, each with the tariff in force.
    pub services: Vec<ServiceInput>,
    pub accounts: Vec<AccountInput>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareCap {
    AtNorm,
    NoCap,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceInput {
    pub service_id: i64,
    /// The tariff in force for the period; for multi-zone meters, the tariff of a zone
    /// without its own and of volumes billed by norm.
    pub tariff: Tariff,
    pub method: ServiceMethod,
}

/// How a service is calculated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ServiceMethod {
    /// By the flat's meters (ИПУ); average or norm when there is no valid reading.
    Metered {
        /// Norm (норматив) per registered person per month.
        norm_per_person: Quantity,
        /// Tariff per zone, zone 1 first (day, night, peak...); empty for one tariff.
        zone_tariffs: Vec<Tariff>,
    },
    /// Per m² of the premise (содержание, капремонт).
    ByArea,
    /// Per registered person (ТКО in most regions).
    PerPerson,
    /// A fixed monthly fee (домофон).
    Fixed,
    /// The common-house share (коммунальный ресурс на СОИ) of a metered resource.
    CommonHouseShare(CommonShareInput),
    /// Heating (Gcal) by the house meter, split by area.
    HeatingByHouseMeter { house_volume: Quantity },
    /// Водоотведение: the flat's volumes of these metered services (cold and hot water).
    Drainage { source_service_ids: Vec<i64> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommonShareInput {
    /// The metered services whose individual volumes the house meter also counted
    /// (ХВС for ХВС на СОИ).
    pub resource_service_ids: Vec<i64>,
    /// The house meter's volume for the period: `Some` → formula 12, `None` → formula 15.
    pub house_volume: Option<Quantity>,
    /// Volumes of non-residential premises that are not accounts of this calculation
    /// (shops with direct contracts); subtracted in formula 12.
    pub external_non_residential_volume: Quantity,
    /// Norm per m² of common area: needed by formula 15 and by the cap at norm.
    pub norm_per_m2: Option<AreaNorm>,
}

/// A personal account (лицевой счёт) of the house with what it is billed for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountInput {
    pub account_id: i64,
    pub area: Area,
    pub registered_persons: u32,
    pub residential: bool,
    /// Service ids billed to this account; the charges follow this order.
    pub services: Vec<i64>,
    pub meters: Vec<MeterInput>,
}

/// A flat's meter (ИПУ) of one metered service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeterInput {
    pub meter_id: i64,
    pub service_id: i64,
    /// Digits before the decimal point: the reading rolls over at 10^digits.
    pub digits: u8,
    /// The next verification (поверка) date; from this date on the meter is out of order
    /// and takes no readings (п.59 «а»).
    pub verification_due: NaiveDate,
    /// One entry per zone (1 to 4).
    pub zones: Vec<ZoneReading>,
    /// Past periods of this meter, any order; used for the average and to count
    /// periods already billed by average.
    pub history: Vec<PastConsumption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneReading {
    pub zone: u8,
    /// The last reading already billed.
    pub previous: Quantity,
    /// This period's reading, if submitted.
    pub current: Option<Quantity>,
    /// The resident or operator confirmed the meter passed its capacity and restarted.
    pub rolled_over: bool,
}

/// What a meter consumed in a past period, and how that was determined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastConsumption {
    pub period: Period,
    pub method: VolumeMethod,
    /// Per zone, zone 1 first.
    pub volumes: Vec<Quantity>,
}

/// How an individual volume was determined (Правила 354 п.59, п.60).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VolumeMethod {
    Meter,
    Average,
    Norm,
}

/// A correction booked in an open period (перерасчёт): it is a line of `booked_in`,
/// naming the period and service it corrects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recalculation {
    pub account_id: i64,
    pub service_id: i64,
    pub booked_in: Period,
    pub corrects: Period,
    /// Negative reduces the debt.
    pub amount: Money,
    pub reason: String,
}
