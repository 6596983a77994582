//! Errors of the domain: bad text for a value type, and inconsistent billing input.

use thiserror::Error;

pub use domkom_values::error::{Overflow, ParseError};

/// Input the billing engine cannot bill without guessing; the server maps these to 422.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EngineError {
    #[error("account {account_id} refers to unknown service {service_id}")]
    UnknownService { account_id: i64, service_id: i64 },
    #[error("service {service_id} is listed twice")]
    DuplicateService { service_id: i64 },
    #[error("account {account_id} is listed twice")]
    DuplicateAccount { account_id: i64 },
    #[error("meter {meter_id} belongs to service {service_id}, which is not billed by meter")]
    MeterOnUnmeteredService { meter_id: i64, service_id: i64 },
    #[error("meter {meter_id} has no zones or more than 4")]
    BadZones { meter_id: i64 },
    #[error("meter {meter_id} zone {zone}: reading is lower than the previous one without the roll-over flag")]
    ReadingDecreased { meter_id: i64, zone: u8 },
    #[error("meter {meter_id} zone {zone}: roll-over flagged but the reading did not decrease")]
    RollOverWithoutDecrease { meter_id: i64, zone: u8 },
    #[error("meter {meter_id} zone {zone}: reading exceeds the meter's digit capacity")]
    ReadingBeyondCapacity { meter_id: i64, zone: u8 },
    #[error("service {service_id} has no tariff for zone {zone}")]
    MissingZoneTariff { service_id: i64, zone: u8 },
    #[error("service {service_id} needs a norm per m² of common area (formula 15 or cap at norm)")]
    MissingAreaNorm { service_id: i64 },
    #[error("service {service_id} refers to service {source_id}, which is not billed by meter")]
    BadSourceService { service_id: i64, source_id: i64 },
    #[error("the accounts sharing service {service_id} have more area than the house total")]
    AreaExceedsHouse { service_id: i64 },
    #[error("the house has no total area to share service {service_id} by")]
    NoHouseArea { service_id: i64 },
    #[error("a negative volume, area or person count was given")]
    NegativeInput,
    #[error("amount out of range")]
    Overflow,
}

/// An amount that overflows is an engine error like any other.
impl From<Overflow> for EngineError {
    fn from(_: Overflow) -> Self {
        EngineError::Overflow
    }
}
