//! A resident's submission of readings, checked as the period close will bill them: each
//! reading by the meter rules, every zone of a meter present, the unusual jumps to
//! confirm; and what each meter's consumption will cost.

use super::rules::{self, Checked};
use crate::db::account_meters::{self as am, MeterBook};
use crate::db::{tariffs, DbConn};
use domkom_domain::reading::Window;
use domkom_domain::tariff::zone_tariff;
use domkom_domain::{ru, Period, Quantity};
use domkom_dto::{
    FieldError, MeterEstimate, NewReading, ReadingData, ReadingEntry, ReadingsResult, ZoneEstimate,
};
use domkom_values::{AccountId, OrganizationId, ReadingId};

/// Why a submission is refused; `routes::meters::submit` gives each its answer.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// Readings the meter rules do not allow, at their fields.
    #[error("readings refused")]
    Invalid(Vec<FieldError>),
    /// Unusual jumps the resident has not confirmed, at their fields.
    #[error("jumps to confirm")]
    Unconfirmed(Vec<FieldError>),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// What a valid submission stores and what it costs.
pub struct Plan {
    period: Period,
    message: String,
    /// What to store, each with the reading it repeats, if any (then nothing is stored).
    pub rows: Vec<(ReadingData, Option<ReadingId>)>,
    pub meters: Vec<MeterEstimate>,
}

impl Plan {
    pub fn result(self, preview: bool, mut readings: Vec<ReadingEntry>) -> ReadingsResult {
        readings.sort_by_key(|r| r.id);
        ReadingsResult {
            preview,
            period: self.period,
            message: self.message,
            charge: self.meters.iter().map(|m| m.charge).sum(),
            meters: self.meters,
            readings,
        }
    }
}

/// Checks every reading against its meter; any problem refuses the whole submission,
/// hard errors first, then the jumps to confirm.
pub fn plan(
    c: &mut DbConn,
    org: OrganizationId,
    account: AccountId,
    window: &Window,
    readings: &[NewReading],
) -> Result<Plan, Refused> {
    let period = window.period;
    let books = am::books(c, account, period)?;
    let prices = tariffs::in_force(c, org, period.first_day())?;
    let (mut errors, mut jumps) = (Vec::new(), Vec::new());
    let mut meters: Vec<MeterEstimate> = Vec::new();
    let mut rows = Vec::new();
    for (i, r) in readings.iter().enumerate() {
        let Some(book) = books.iter().find(|b| b.meter.id == r.meter_id) else {
            errors.push(at(
                i,
                "meter_id",
                "not_found",
                "У этого лицевого счёта нет такого счётчика".into(),
            ));
            continue;
        };
        let checked = rules::verification_expired(book, period)
            .map_or_else(|| rules::check(book, period, r.into()), Err);
        match checked {
            Err(e) => errors.push(at(i, e.0, e.1, e.2)),
            Ok(Checked { base, used, jump }) => {
                if let Some(message) = jump.filter(|_| !r.confirm) {
                    jumps.push(at(i, "value", "confirm_required", message));
                }
                let estimate = estimate(&prices, book, r, base, used);
                match meters.iter_mut().find(|m| m.meter_id == r.meter_id) {
                    Some(m) => m.zones.push(estimate),
                    None => meters.push(MeterEstimate {
                        meter_id: r.meter_id,
                        service_name: book.meter.service_name.clone(),
                        unit: book.meter.unit.clone(),
                        zones: vec![estimate],
                        consumption: Quantity::ZERO,
                        charge: None,
                    }),
                }
                let repeated = rules::repeated(book, period, r.into());
                rows.push((
                    ReadingData {
                        meter_id: r.meter_id,
                        period: period.to_string(),
                        zone: r.zone,
                        value: r.value,
                        rolled_over: r.rolled_over,
                        taken_on: None,
                    },
                    repeated,
                ));
            }
        }
    }
    errors.extend(missing_zones(&books, period, readings));
    if !errors.is_empty() {
        return Err(Refused::Invalid(errors));
    }
    if !jumps.is_empty() {
        return Err(Refused::Unconfirmed(jumps));
    }
    for m in &mut meters {
        m.zones.sort_by_key(|z| z.zone);
        m.consumption = m.zones.iter().map(|z| z.consumption).sum();
        m.charge = m.zones.iter().map(|z| z.charge).sum();
    }
    Ok(Plan {
        period,
        message: window.message(),
        rows,
        meters,
    })
}

fn at(i: usize, field: &str, code: &str, message: String) -> FieldError {
    FieldError::new(&format!("readings[{i}].{field}"), code, message)
}

/// A meter billed by readings needs every zone: with one missing the close bills the
/// average instead, which a resident would not expect.
fn missing_zones(books: &[MeterBook], period: Period, readings: &[NewReading]) -> Vec<FieldError> {
    let mut seen = Vec::new();
    let mut errors = Vec::new();
    for (i, r) in readings.iter().enumerate() {
        let Some(book) = books.iter().find(|b| b.meter.id == r.meter_id) else {
            continue;
        };
        if seen.contains(&r.meter_id) {
            continue;
        }
        seen.push(r.meter_id);
        let before = book.newest_by_period().remove(&period).unwrap_or_default();
        let missing: Vec<String> = (1..=book.meter.zones)
            .filter(|z| {
                let sent = readings
                    .iter()
                    .any(|o| o.meter_id == r.meter_id && o.zone == *z);
                let earlier = before
                    .get(usize::try_from(z - 1).unwrap_or(0))
                    .is_some_and(Option::is_some);
                !sent && !earlier
            })
            .map(|z| z.to_string())
            .collect();
        if !missing.is_empty() {
            errors.push(at(
                i,
                "meter_id",
                "zones_missing",
                format!(
                    "Передайте показания всех зон счётчика {} (нет зон: {}): иначе начисление \
                     будет по среднему",
                    ru::number(&book.meter.serial),
                    missing.join(", ")
                ),
            ));
        }
    }
    errors
}

/// The zone's consumption at the tariff the close will use: the service's tariff in force
/// on the period's first day, the zone's own on a multi-zone meter.
fn estimate(
    prices: &tariffs::InForce,
    book: &MeterBook,
    r: &NewReading,
    base: Quantity,
    used: Quantity,
) -> ZoneEstimate {
    let tariff = tariffs::of_service(prices, book.meter.service_id).and_then(|(single, zones)| {
        let zone = u8::try_from(r.zone).ok()?;
        zone_tariff(single, &zones, book.meter.zones > 1, zone)
    });
    let charge = tariff.and_then(|t| t.charge_volume(used).ok());
    ZoneEstimate {
        zone: r.zone,
        base,
        value: r.value,
        consumption: used,
        tariff,
        charge,
    }
}
