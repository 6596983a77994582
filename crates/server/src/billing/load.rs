//! Reads what closing an organization's period needs, in one query per table, and turns
//! it into the engine's input: one `HouseInput` per house.

use super::error::CloseError;
use crate::db::account_meters::{self, StoredVolumes, VolumeRow};
use crate::db::schema::{
    account_services as asv, accounts as a, houses as h, meter_volumes as mv, meters as m,
    premises as pr, readings as r, services as s,
};
use crate::db::DbConn;
use chrono::NaiveDate;
use diesel::prelude::*;
use domkom_domain::billing::input::{
    AccountInput, CommonShareInput, MeterInput, ServiceInput, ShareCap, ZoneReading,
};
use domkom_domain::{Area, AreaNorm, HouseInput, Period, Quantity, ServiceMethod};
use domkom_dto::CloseNote;
use domkom_values::{MeterId, OrganizationId, ServiceId};
use std::collections::{HashMap, HashSet};

/// Everything one close computes from.
pub struct PeriodData {
    pub houses: Vec<HouseInput>,
    /// Every meter (flat and house) with its readings, for the meter history.
    pub meters: Vec<MeterInput>,
    pub money: super::money::MoneyData,
    pub account_ids: Vec<i64>,
    /// The meters billed without this period's readings, and why.
    pub notes: Vec<CloseNote>,
}

/// Past periods loaded per meter: enough for the 6-month average and the count of
/// averages in a row.
const HISTORY_MONTHS: u32 = 12;

pub fn load(
    conn: &mut DbConn,
    org: OrganizationId,
    period: Period,
) -> Result<PeriodData, CloseError> {
    let stored = Stored::read(conn, org, period)?;
    let mut meters = stored.meters(period)?;
    let flats = stored.flats_by_house(&mut meters.of_flat);
    let houses = stored.houses(period, &meters.of_house, flats)?;
    let account_list: Vec<(i64, i64)> = stored.accounts.iter().map(|a| (a.0, a.3)).collect();
    Ok(PeriodData {
        houses,
        meters: meters.all,
        money: super::money::load(conn, org, period, &account_list)?,
        account_ids: stored.accounts.iter().map(|a| a.0).collect(),
        notes: meters.notes,
    })
}

/// The organization's rows the close reads, one query per table.
struct Stored {
    /// Id, total area, common area, whether the common share is capped at the norm.
    houses: Vec<(i64, i64, i64, bool)>,
    /// Premise id → house, residential, area.
    premises: HashMap<i64, (i64, bool, i64)>,
    /// Id, premise, persons, opening balance.
    accounts: Vec<(i64, i64, i32, i64)>,
    account_services: HashMap<i64, Vec<i64>>,
    services: Vec<ServiceRow>,
    tariffs: crate::db::tariffs::InForce,
    meters: Vec<MeterRow>,
    /// The newest reading of each meter and zone: value, rolled over.
    readings: HashMap<(i64, i32), (i64, bool)>,
    /// Each meter's closed periods of the last [`HISTORY_MONTHS`].
    history: HashMap<MeterId, Vec<VolumeRow>>,
}

/// The meters as the engine reads them, grouped once.
struct Meters {
    of_flat: HashMap<i64, Vec<MeterInput>>,
    of_house: HashMap<i64, Vec<MeterInput>>,
    all: Vec<MeterInput>,
    notes: Vec<CloseNote>,
}

impl Stored {
    fn read(conn: &mut DbConn, org: OrganizationId, period: Period) -> Result<Stored, CloseError> {
        let key = period.to_string();
        let history_from = (0..HISTORY_MONTHS)
            .try_fold(period, |p, _| p.prev())
            .unwrap_or(period)
            .to_string();
        let mut account_services: HashMap<i64, Vec<i64>> = HashMap::new();
        for (account, service) in asv::table
            .filter(asv::organization_id.eq(org))
            .select((asv::account_id, asv::service_id))
            .load::<(i64, i64)>(conn)?
        {
            account_services.entry(account).or_default().push(service);
        }
        // The newest reading of each meter and zone counts.
        let mut readings = HashMap::new();
        for (meter, zone, value, rolled) in r::table
            .filter(r::organization_id.eq(org))
            .filter(r::period.eq(&key))
            .order(r::id)
            .select((r::meter_id, r::zone, r::value, r::rolled_over))
            .load::<(i64, i32, i64, bool)>(conn)?
        {
            readings.insert((meter, zone), (value, rolled));
        }
        let history = account_meters::by_meter(
            mv::table
                .filter(mv::organization_id.eq(org))
                .filter(mv::period.lt(&key))
                .filter(mv::period.ge(&history_from))
                .order(mv::period)
                .select(StoredVolumes::as_select())
                .load(conn)?,
        )?;
        Ok(Stored {
            houses: h::table
                .filter(h::organization_id.eq(org))
                .order(h::id)
                .select((h::id, h::total_area, h::common_area, h::share_cap_at_norm))
                .load(conn)?,
            premises: pr::table
                .filter(pr::organization_id.eq(org))
                .select((pr::id, (pr::house_id, pr::residential, pr::area)))
                .load::<(i64, (i64, bool, i64))>(conn)?
                .into_iter()
                .collect(),
            accounts: a::table
                .filter(a::organization_id.eq(org))
                .order(a::id)
                .select((a::id, a::premise_id, a::persons, a::opening_balance))
                .load(conn)?,
            account_services,
            services: s::table
                .filter(s::organization_id.eq(org))
                .order((s::sort_order, s::id))
                .select(ServiceRow::as_select())
                .load(conn)?,
            tariffs: crate::db::tariffs::in_force(conn, org, period.first_day())?,
            meters: m::table
                .filter(m::organization_id.eq(org))
                .order(m::id)
                .select(MeterRow::as_select())
                .load(conn)?,
            readings,
            history,
        })
    }

    /// Every meter with its readings; flat meters by account, house meters by house; the
    /// readings set aside as impossible.
    fn meters(&self, period: Period) -> Result<Meters, CloseError> {
        let mut out = Meters {
            of_flat: HashMap::new(),
            of_house: HashMap::new(),
            all: Vec::with_capacity(self.meters.len()),
            notes: Vec::new(),
        };
        for row in &self.meters {
            let history = self
                .history
                .get(&MeterId(row.id))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let mut input = meter_input(row, &self.readings, history)?;
            out.notes.extend(super::set_aside::impossible_readings(
                &mut input,
                period,
                row.account_id,
                &row.serial,
            ));
            match row.account_id {
                Some(account) => out.of_flat.entry(account).or_default(),
                None => out.of_house.entry(row.house_id).or_default(),
            }
            .push(input.clone());
            out.all.push(input);
        }
        Ok(out)
    }

    /// The accounts as the engine reads them, by house, each taking its flat's meters.
    fn flats_by_house(
        &self,
        flat_meters: &mut HashMap<i64, Vec<MeterInput>>,
    ) -> HashMap<i64, Vec<AccountInput>> {
        let mut flats: HashMap<i64, Vec<AccountInput>> = HashMap::new();
        for &(account_id, premise_id, persons, _) in &self.accounts {
            let Some(&(house_id, residential, area)) = self.premises.get(&premise_id) else {
                continue;
            };
            let mine = self
                .account_services
                .get(&account_id)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            flats.entry(house_id).or_default().push(AccountInput {
                account_id,
                area: Area::from_hundredths(area),
                registered_persons: u32::try_from(persons).unwrap_or(0),
                residential,
                // In the services' order, so every receipt lists them alike.
                services: self
                    .services
                    .iter()
                    .map(|s| s.id)
                    .filter(|id| mine.contains(id))
                    .collect(),
                meters: flat_meters.remove(&account_id).unwrap_or_default(),
            });
        }
        flats
    }

    /// One input per house: its flats, and the services they use with the house meters'
    /// volumes.
    fn houses(
        &self,
        period: Period,
        house_meters: &HashMap<i64, Vec<MeterInput>>,
        mut flats: HashMap<i64, Vec<AccountInput>>,
    ) -> Result<Vec<HouseInput>, CloseError> {
        let mut inputs = Vec::with_capacity(self.houses.len());
        for &(house_id, total_area, common_area, cap) in &self.houses {
            let meters_here = house_meters
                .get(&house_id)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let house_volume = |service_ids: &[i64]| -> Option<Quantity> {
                let volumes: Vec<i64> = meters_here
                    .iter()
                    .filter(|m| service_ids.contains(&m.service_id))
                    .filter_map(house_meter_volume)
                    .collect();
                (!volumes.is_empty()).then(|| Quantity::from_thousandths(volumes.iter().sum()))
            };
            let account_inputs = flats.remove(&house_id).unwrap_or_default();
            let used: HashSet<i64> = account_inputs
                .iter()
                .flat_map(|a| a.services.iter().copied())
                .collect();
            let service_inputs = self
                .services
                .iter()
                .filter(|s| used.contains(&s.id))
                .map(|s| service_input(s, &self.tariffs, &house_volume))
                .collect::<Result<_, CloseError>>()?;
            inputs.push(HouseInput {
                house_id,
                period,
                total_area: Area::from_hundredths(total_area),
                common_area: Area::from_hundredths(common_area),
                share_cap: if cap {
                    ShareCap::AtNorm
                } else {
                    ShareCap::NoCap
                },
                services: service_inputs,
                accounts: account_inputs,
            });
        }
        Ok(inputs)
    }
}

/// A service as the close reads it.
#[derive(Queryable, Selectable)]
#[diesel(table_name = s)]
struct ServiceRow {
    id: i64,
    name: String,
    method: String,
    source_service_ids: String,
    norm_per_person: i64,
    norm_per_m2: Option<i64>,
}

/// A meter (a flat's, or a house's without an account) as the close reads it.
#[derive(Queryable, Selectable)]
#[diesel(table_name = m)]
struct MeterRow {
    id: i64,
    account_id: Option<i64>,
    house_id: i64,
    service_id: i64,
    zones: i32,
    digits: i32,
    verification_due: NaiveDate,
    initial_values: String,
    serial: String,
}

/// The short number lists the schema keeps comma-separated.
fn ids(text: &str) -> Result<Vec<i64>, CloseError> {
    crate::db::split_ids(text).map_err(|e| corrupt_list(text, e))
}

fn quantities(text: &str) -> Result<Vec<Quantity>, CloseError> {
    crate::db::split_quantities(text).map_err(|e| corrupt_list(text, e))
}

fn corrupt_list(text: &str, e: diesel::result::Error) -> CloseError {
    CloseError::Corrupt(format!("bad number list `{text}`: {e}"))
}

fn meter_input(
    row: &MeterRow,
    readings: &HashMap<(i64, i32), (i64, bool)>,
    history: &[VolumeRow],
) -> Result<MeterInput, CloseError> {
    let MeterRow {
        id: meter_id,
        service_id,
        zones,
        digits,
        verification_due,
        initial_values: initial,
        ..
    } = row;
    // The readings billed last, else the ones at installation.
    let previous = match history.last() {
        Some(last) => last.billed.clone(),
        None => quantities(initial)?,
    };
    let zones = (1..=*zones)
        .map(|zone| {
            let current = readings.get(&(*meter_id, zone));
            ZoneReading {
                zone: zone as u8,
                previous: previous
                    .get(zone as usize - 1)
                    .copied()
                    .unwrap_or(Quantity::ZERO),
                current: current.map(|(v, _)| Quantity::from_thousandths(*v)),
                rolled_over: current.is_some_and(|(_, rolled)| *rolled),
            }
        })
        .collect();
    let history = history.iter().map(VolumeRow::consumption).collect();
    Ok(MeterInput {
        meter_id: *meter_id,
        service_id: *service_id,
        digits: u8::try_from(*digits).unwrap_or(5),
        verification_due: *verification_due,
        zones,
        history,
    })
}

/// A house meter's volume this period: the sum over zones of current − previous; `None`
/// without readings for every zone.
fn house_meter_volume(meter: &MeterInput) -> Option<i64> {
    meter
        .zones
        .iter()
        .map(|z| {
            z.current
                .map(|c| (c.thousandths() - z.previous.thousandths()).max(0))
        })
        .sum()
}

fn service_input(
    s: &ServiceRow,
    tariffs: &crate::db::tariffs::InForce,
    house_volume: &dyn Fn(&[i64]) -> Option<Quantity>,
) -> Result<ServiceInput, CloseError> {
    let ServiceRow {
        id,
        name,
        method,
        source_service_ids: sources,
        norm_per_person,
        norm_per_m2,
    } = s;
    let (tariff, zone_tariffs) = crate::db::tariffs::of_service(tariffs, ServiceId(*id))
        .ok_or_else(|| {
            CloseError::Setup(format!(
                "У услуги «{name}» нет тарифа, действующего с начала периода"
            ))
        })?;
    let sources = ids(sources)?;
    let method = match method.as_str() {
        "meter" => ServiceMethod::Metered {
            norm_per_person: Quantity::from_thousandths(*norm_per_person),
            zone_tariffs,
        },
        "area" => ServiceMethod::ByArea,
        "person" => ServiceMethod::PerPerson,
        "fixed" => ServiceMethod::Fixed,
        "common_share" => ServiceMethod::CommonHouseShare(CommonShareInput {
            house_volume: house_volume(&sources),
            resource_service_ids: sources,
            external_non_residential_volume: Quantity::from_thousandths(0),
            norm_per_m2: norm_per_m2.map(AreaNorm::from_millionths),
        }),
        "heating" => ServiceMethod::HeatingByHouseMeter {
            house_volume: house_volume(&[*id]).ok_or_else(|| {
                CloseError::Setup(format!(
                    "Для услуги «{name}» нет показаний общедомового прибора учёта"
                ))
            })?,
        },
        "drainage" => ServiceMethod::Drainage {
            source_service_ids: sources,
        },
        other => return Err(CloseError::Corrupt(format!("unknown method {other}"))),
    };
    Ok(ServiceInput {
        service_id: *id,
        tariff,
        method,
    })
}
