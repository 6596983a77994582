//! A flat meter's consumption for a period (Правила 354): the difference of readings,
//! else the average of past periods (п.59), else the norm (п.60).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::billing::charge::{ChargeDetails, NormReason};
use crate::billing::input::{MeterInput, PastConsumption, VolumeMethod, ZoneReading};
use crate::decimal::div_round_half_up;
use crate::error::EngineError;
use crate::period::Period;
use crate::quantity::Quantity;
use crate::reading::ReadingError;

/// How many past periods with readings the average looks at, and how many it needs.
pub const AVERAGE_MONTHS: usize = 6;
pub const AVERAGE_MIN_MONTHS: usize = 3;
/// Periods in a row that may be billed by average before the norm applies (п.59): after
/// the last reading given, or from the period a meter's verification expired in.
pub const AVERAGE_MAX_IN_ROW: u8 = 3;

/// One zone's volume and how it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneVolume {
    pub zone: u8,
    pub volume: Quantity,
    pub details: ChargeDetails,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MeterConsumption {
    /// By readings or by average (`method` says which), per zone.
    Measured {
        method: VolumeMethod,
        zones: Vec<ZoneVolume>,
    },
    /// The meter gives nothing usable: bill the norm × registered persons.
    Absent {
        reason: NormReason,
        /// The meter's verification expired on this date.
        verification_expired: Option<NaiveDate>,
    },
}

/// The volume a meter consumed in `period`.
pub fn meter_consumption(
    meter: &MeterInput,
    period: Period,
) -> Result<MeterConsumption, EngineError> {
    if meter.zones.is_empty() || meter.zones.len() > 4 {
        return Err(EngineError::BadZones {
            meter_id: meter.meter_id,
        });
    }
    // Readings are taken by the end of the month; a meter unverified by then is out of
    // order for the whole month.
    if meter.verification_due <= period.last_day() {
        return Ok(after_verification(meter, period));
    }
    if meter.zones.iter().all(|z| z.current.is_some()) {
        let zones = meter
            .zones
            .iter()
            .map(|z| zone_by_readings(meter, z))
            .collect::<Result<_, _>>()?;
        return Ok(MeterConsumption::Measured {
            method: VolumeMethod::Meter,
            zones,
        });
    }
    Ok(by_average(meter, period))
}

fn zone_by_readings(meter: &MeterInput, z: &ZoneReading) -> Result<ZoneVolume, EngineError> {
    let current = z.current.unwrap_or(z.previous);
    let volume = reading_delta(meter, z, current)?;
    Ok(ZoneVolume {
        zone: z.zone,
        volume,
        details: ChargeDetails::Meter {
            meter_id: meter.meter_id,
            previous: z.previous,
            current,
            rolled_over: z.rolled_over,
        },
    })
}

/// current − previous; past the meter's capacity (10^digits units) only when flagged.
fn reading_delta(
    meter: &MeterInput,
    z: &ZoneReading,
    current: Quantity,
) -> Result<Quantity, EngineError> {
    let (meter_id, zone) = (meter.meter_id, z.zone);
    crate::reading::consumption(z.previous, current, z.rolled_over, meter.digits).map_err(|e| {
        match e {
            ReadingError::BeyondCapacity => EngineError::ReadingBeyondCapacity { meter_id, zone },
            ReadingError::Decreased => EngineError::ReadingDecreased { meter_id, zone },
            ReadingError::RollOverWithoutDecrease => {
                EngineError::RollOverWithoutDecrease { meter_id, zone }
            }
        }
    })
}

/// No reading given (п.59 «б»): the average for at most 3 periods in a row, then the norm.
fn by_average(meter: &MeterInput, period: Period) -> MeterConsumption {
    let in_row_before = average_periods_in_row(meter, period);
    if in_row_before >= AVERAGE_MAX_IN_ROW {
        return MeterConsumption::Absent {
            reason: NormReason::AverageLimitReached,
            verification_expired: None,
        };
    }
    averaged(meter, period, in_row_before + 1, None)
}

/// A meter past its verification is out of order (п.59 «а»): the average for at most 3
/// periods counted from the one it expired in, then the norm (п.60).
fn after_verification(meter: &MeterInput, period: Period) -> MeterConsumption {
    let expired = meter.verification_due;
    let nth = Period::containing(expired)
        .map(|p| p.months_until(period) + 1)
        .and_then(|n| u8::try_from(n).ok())
        .filter(|n| *n <= AVERAGE_MAX_IN_ROW);
    match nth {
        Some(nth) => averaged(meter, period, nth, Some(expired)),
        None => MeterConsumption::Absent {
            reason: NormReason::AverageLimitReached,
            verification_expired: Some(expired),
        },
    }
}

/// The average of past readings as this period's volume, the `in_row`-th period so; the
/// norm without enough history.
fn averaged(
    meter: &MeterInput,
    period: Period,
    in_row: u8,
    verification_expired: Option<NaiveDate>,
) -> MeterConsumption {
    let Some(basis) = average_monthly(&meter.history, period, meter.zones.len()) else {
        return MeterConsumption::Absent {
            reason: NormReason::NotEnoughHistory,
            verification_expired,
        };
    };
    let zones = meter
        .zones
        .iter()
        .zip(basis.zones)
        .map(|(z, (total, average))| ZoneVolume {
            zone: z.zone,
            volume: average,
            details: ChargeDetails::Average {
                meter_id: meter.meter_id,
                months: basis.months.clone(),
                months_total: total,
                in_row,
                verification_expired,
            },
        })
        .collect();
    MeterConsumption::Measured {
        method: VolumeMethod::Average,
        zones,
    }
}

/// The periods an average is taken over and, per zone, their total and average.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AverageBasis {
    /// Newest first.
    pub months: Vec<Period>,
    /// `(total, average)` per zone, zone 1 first.
    pub zones: Vec<(Quantity, Quantity)>,
}

/// The average monthly consumption per zone over the last [`AVERAGE_MONTHS`] periods
/// before `period` billed by readings (п.59); `None` with fewer than
/// [`AVERAGE_MIN_MONTHS`] of them.
pub fn average_monthly(
    history: &[PastConsumption],
    period: Period,
    zones: usize,
) -> Option<AverageBasis> {
    let mut measured: Vec<_> = history
        .iter()
        .filter(|h| h.method == VolumeMethod::Meter && h.period < period)
        .collect();
    measured.sort_by_key(|h| std::cmp::Reverse(h.period));
    measured.dedup_by_key(|h| h.period);
    measured.truncate(AVERAGE_MONTHS);
    if measured.len() < AVERAGE_MIN_MONTHS {
        return None;
    }
    let n = i128::try_from(measured.len()).expect("at most 6 months");
    let zones = (0..zones)
        .map(|i| {
            // A past period without this zone's figure counts as zero for it.
            let total: Quantity = measured
                .iter()
                .map(|h| h.volumes.get(i).copied().unwrap_or(Quantity::ZERO))
                .sum();
            let average = div_round_half_up(i128::from(total.thousandths()), n);
            let average = i64::try_from(average).expect("an average never exceeds its total");
            (total, Quantity::from_thousandths(average))
        })
        .collect();
    Some(AverageBasis {
        months: measured.iter().map(|h| h.period).collect(),
        zones,
    })
}

/// How many periods right before `period` this meter was billed by average.
fn average_periods_in_row(meter: &MeterInput, period: Period) -> u8 {
    let mut count = 0;
    let mut p = period.prev();
    while let Some(past) = p {
        let averaged = meter
            .history
            .iter()
            .any(|h| h.period == past && h.method == VolumeMethod::Average);
        if !averaged || count == u8::MAX {
            break;
        }
        count += 1;
        p = past.prev();
    }
    count
}
