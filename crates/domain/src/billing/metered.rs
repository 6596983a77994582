//! The lines of one account's metered service: per meter and zone by readings or
//! average, or one line by norm.

use chrono::NaiveDate;

use crate::billing::charge::{Charge, ChargeDetails, ChargeMethod, NormReason};
use crate::billing::input::{AccountInput, ServiceInput, VolumeMethod};
use crate::consumption::{meter_consumption, MeterConsumption};
use crate::error::EngineError;
use crate::period::Period;
use crate::quantity::Quantity;
use crate::tariff::{zone_tariff, Tariff};

/// An account's volume of a metered service, with its lines.
#[derive(Debug, Clone)]
pub(crate) struct MeteredVolume {
    pub lines: Vec<Charge>,
    pub total: Quantity,
    /// The weakest method among the lines (norm over average over meter), for drainage.
    pub method: VolumeMethod,
}

pub(crate) fn metered_lines(
    account: &AccountInput,
    service: &ServiceInput,
    norm_per_person: Quantity,
    zone_tariffs: &[Tariff],
    period: Period,
) -> Result<MeteredVolume, EngineError> {
    let meters: Vec<_> = account
        .meters
        .iter()
        .filter(|m| m.service_id == service.service_id)
        .collect();
    let norm = |meter_id, reason, verification_expired| {
        norm_line(
            account,
            service,
            norm_per_person,
            meter_id,
            reason,
            verification_expired,
        )
    };
    if meters.is_empty() {
        return norm(None, NormReason::NoMeter, None);
    }
    let mut outcomes = Vec::with_capacity(meters.len());
    for meter in &meters {
        match meter_consumption(meter, period)? {
            // One unusable meter of several leaves the flat's volume unknown: the norm
            // covers the whole flat, so it is billed once, not per meter.
            MeterConsumption::Absent {
                reason,
                verification_expired,
            } => return norm(Some(meter.meter_id), reason, verification_expired),
            MeterConsumption::Measured { method, zones } => outcomes.push((method, zones)),
        }
    }
    let mut lines = Vec::new();
    let mut weakest = VolumeMethod::Meter;
    for (method, zones) in outcomes {
        if method == VolumeMethod::Average {
            weakest = VolumeMethod::Average;
        }
        let multi_zone = zones.len() > 1;
        for z in zones {
            let tariff = zone_tariff(service.tariff, zone_tariffs, multi_zone, z.zone).ok_or(
                EngineError::MissingZoneTariff {
                    service_id: service.service_id,
                    zone: z.zone,
                },
            )?;
            lines.push(Charge {
                account_id: account.account_id,
                service_id: service.service_id,
                zone: multi_zone.then_some(z.zone),
                method: method.into(),
                individual_volume: z.volume,
                common_volume: Quantity::ZERO,
                tariff,
                amount: tariff.charge_volume(z.volume)?,
                details: z.details,
            });
        }
    }
    let total = lines.iter().map(|l| l.individual_volume).sum();
    Ok(MeteredVolume {
        lines,
        total,
        method: weakest,
    })
}

fn norm_line(
    account: &AccountInput,
    service: &ServiceInput,
    norm_per_person: Quantity,
    meter_id: Option<i64>,
    reason: NormReason,
    verification_expired: Option<NaiveDate>,
) -> Result<MeteredVolume, EngineError> {
    let volume = Quantity::from_thousandths(
        norm_per_person
            .thousandths()
            .checked_mul(i64::from(account.registered_persons))
            .ok_or(EngineError::Overflow)?,
    );
    let line = Charge {
        account_id: account.account_id,
        service_id: service.service_id,
        zone: None,
        method: ChargeMethod::Norm,
        individual_volume: volume,
        common_volume: Quantity::ZERO,
        tariff: service.tariff,
        amount: service.tariff.charge_volume(volume)?,
        details: ChargeDetails::Norm {
            meter_id,
            norm_per_person,
            persons: account.registered_persons,
            reason,
            verification_expired,
        },
    };
    Ok(MeteredVolume {
        lines: vec![line],
        total: volume,
        method: VolumeMethod::Norm,
    })
}
