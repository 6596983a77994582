//! The organizations, their houses, flats, accounts, services, tariffs, meters and users.

use super::data::Spec;
use super::{OrganizationSummary, Rng};
use crate::db::{self, accounts, houses, meters, organizations, premises};
use chrono::{Days, NaiveDate};
use diesel::QueryResult;
use domkom_domain::Period;
use domkom_dto::*;
use domkom_values::{
    AccountId, Area, HouseId, MeterId, Money, OrganizationId, Quantity, ServiceId, UserId,
};

use super::people::{full_name, user, RESIDENT_NAME};
use super::services::create_services;

/// The ids the history needs.
#[derive(Debug, Clone, Copy)]
pub struct Services {
    pub cold: ServiceId,
    pub hot: ServiceId,
    pub electricity: ServiceId,
    pub waste: ServiceId,
    pub intercom: ServiceId,
}

/// How a flat pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payer {
    /// The whole amount due, now and then a month late.
    Good,
    /// Part of each month's charges: the debt grows.
    Partial,
    /// Seldom, round sums.
    Rare,
    /// The bill and the next month's in advance, rounded up; nothing while ahead.
    Ahead,
}

pub struct Flat {
    pub account_id: AccountId,
    pub number: String,
    pub persons: i64,
    pub payer: Payer,
    /// ХВС, ГВС, электроэнергия: meter id and the value it shows now.
    pub meters: [(MeterId, Quantity); 3],
    /// Months of the history (0-based) without readings.
    pub skips: Vec<u32>,
    pub opening_balance: Money,
    pub is_resident: bool,
}

pub struct Company {
    pub org: OrganizationId,
    pub operator_id: UserId,
    pub services: Services,
    pub house_meter: (MeterId, Quantity),
    pub flats: Vec<Flat>,
    pub summary: OrganizationSummary,
}

fn link_code(rng: &mut Rng) -> String {
    let abc = accounts::LINK_ALPHABET;
    (0..accounts::LINK_LEN)
        .map(|_| char::from(abc[usize::try_from(rng.range(0, abc.len() as i64 - 1)).unwrap_or(0)]))
        .collect()
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// The organization, its operator, house, services, tariffs, flats and meters: one
/// transaction.
pub fn create(
    conn: &mut db::DbConn,
    spec: &Spec,
    rng: &mut Rng,
    first: Period,
    current: Period,
    password_hash: &str,
) -> anyhow::Result<Company> {
    db::write_tx(conn, |conn| -> anyhow::Result<Company> {
        let org = organizations::insert(conn, &organization_data(spec))?;
        crate::digest::schedule(conn, org)?;
        let (login, name) = spec.operator;
        let operator_id = user(conn, login, name, Role::Operator, Some(org), password_hash)?;
        let (ids, services) = create_services(conn, org, spec, first, current)?;

        let areas: Vec<Area> = (0..spec.flats)
            .map(|_| Area::from_hundredths(rng.range(3_000, 9_500)))
            .collect();
        let house = houses::insert(
            conn,
            org,
            &HouseData {
                address: spec.house.into(),
                total_area: areas.iter().copied().sum(),
                common_area: Area::from_hundredths(i64::try_from(spec.flats).unwrap_or(0) * 1_450),
                share_cap_at_norm: false,
            },
        )?;
        let far = current.first_day() + Days::new(400);
        let house_value = Quantity::from_thousandths(4_000_000);
        let place = (org, house);
        let house_meter = meter(
            conn,
            rng,
            place,
            None,
            services.cold,
            "ВМХ-50 № 0713385",
            house_value,
            far,
        )?;

        let block = Block {
            place,
            ids: &ids,
            services: &services,
            current,
        };
        let flats = areas
            .iter()
            .enumerate()
            .map(|(i, &area)| flat(conn, rng, spec, &block, i, area))
            .collect::<anyhow::Result<Vec<Flat>>>()?;
        let resident = flats
            .iter()
            .find(|f| f.is_resident)
            .map(|f| (f.number.clone(), f.account_id))
            .unwrap_or_default();
        let resident_link_code = accounts::get(conn, org, resident.1)?
            .map(|a| a.link_code)
            .unwrap_or_default();
        Ok(Company {
            org,
            operator_id,
            services,
            house_meter: (house_meter, house_value),
            summary: OrganizationSummary {
                id: org,
                name: spec.name.into(),
                address: spec.house.into(),
                accounts: flats.len(),
                operator_login: login.into(),
                resident_account: resident.0,
                resident_link_code,
            },
            flats,
        })
    })
}

fn organization_data(spec: &Spec) -> OrganizationData {
    OrganizationData {
        kind: spec.kind,
        name: spec.name.into(),
        inn: spec.inn.into(),
        kpp: spec.kpp.into(),
        ogrn: spec.ogrn.into(),
        address: spec.address.into(),
        phone: spec.phone.into(),
        email: spec.email.into(),
        site: spec.site.into(),
        hours: spec.hours.into(),
        bank: BankDetails {
            account: spec.bank[0].into(),
            bank_name: spec.bank[1].into(),
            bic: spec.bank[2].into(),
            corr_account: spec.bank[3].into(),
        },
        settings: OrganizationSettings::default(),
    }
}

/// What the flats of a house share.
struct Block<'a> {
    place: (OrganizationId, HouseId),
    ids: &'a [ServiceId],
    services: &'a Services,
    current: Period,
}

/// Flat `i` of the house: its premise, account, link code, three meters, the months it
/// sends no readings and how it pays.
fn flat(
    conn: &mut db::DbConn,
    rng: &mut Rng,
    spec: &Spec,
    block: &Block,
    i: usize,
    area: Area,
) -> anyhow::Result<Flat> {
    let Block {
        place,
        ids,
        services,
        current,
    } = *block;
    let (org, house) = place;
    let number = (i + 1).to_string();
    let premise = premises::insert(
        conn,
        org,
        &PremiseData {
            house_id: house,
            number: number.clone(),
            residential: true,
            area,
        },
    )?;
    let is_resident = i == spec.resident_flat;
    let holder = if is_resident {
        RESIDENT_NAME.to_owned()
    } else {
        full_name(rng)
    };
    let persons = rng.range(1, 4);
    let opening_balance = if rng.chance(12) {
        Money::from_kopecks(rng.range(100, 800) * 1_000)
    } else {
        Money::ZERO
    };
    let account_number = (spec.account_prefix + i as i64 + 1).to_string();
    let account_id = accounts::insert(
        conn,
        org,
        &AccountData {
            premise_id: premise,
            number: account_number.clone(),
            kind: AccountKind::Zhku,
            holder,
            persons: i32::try_from(persons).unwrap_or(1),
            opening_balance,
            service_ids: ids.to_vec(),
        },
    )?;
    let code = link_code(rng);
    accounts::set_link_code(conn, org, account_id, &code)?;
    let mut flat_meters = [(MeterId::default(), Quantity::ZERO); 3];
    let kinds = [
        (services.cold, "ВСХд-15", 50_000, 600_000, 1),
        (services.hot, "ВСГд-15", 30_000, 400_000, 1),
        (services.electricity, "Меркурий 201.8", 1_000, 30_000, 1_000),
    ];
    for (k, (service, model, lo, hi, scale)) in kinds.into_iter().enumerate() {
        // A few meters are due for verification within two months.
        let due = if k < 2 && rng.chance(8) {
            current.first_day() + Days::new(rng.range(35, 58) as u64)
        } else {
            current.first_day() + Days::new(rng.range(200, 1_800) as u64)
        };
        let value = Quantity::from_thousandths(rng.range(lo, hi) * scale);
        let serial = format!("{model} № {}", rng.range(10_000_000, 99_999_999));
        let id = meter(
            conn,
            rng,
            place,
            Some(account_id),
            service,
            &serial,
            value,
            due,
        )?;
        flat_meters[k] = (id, value);
    }
    let mut skips = Vec::new();
    if !is_resident && rng.chance(15) {
        let from = rng.range(1, 10) as u32;
        skips.extend(from..from + rng.range(1, 2) as u32);
    }
    // One flat a company is away four months: averages, then the norm.
    if i == 3 {
        skips.extend(5..9);
    }
    let payer = match (i, rng.range(0, 99)) {
        (2 | 9, _) => Payer::Partial,
        (5, _) => Payer::Rare,
        (_, 0..=71) => Payer::Good,
        (_, 72..=81) => Payer::Partial,
        (_, 82..=87) => Payer::Rare,
        _ => Payer::Ahead,
    };
    Ok(Flat {
        account_id,
        number: account_number,
        persons,
        payer: if is_resident { Payer::Good } else { payer },
        meters: flat_meters,
        skips,
        opening_balance,
        is_resident,
    })
}

/// A single-zone meter installed a few years ago.
#[allow(clippy::too_many_arguments)]
fn meter(
    conn: &mut db::DbConn,
    rng: &mut Rng,
    (org, house): (OrganizationId, HouseId),
    account: Option<AccountId>,
    service: ServiceId,
    serial: &str,
    value: Quantity,
    due: NaiveDate,
) -> QueryResult<MeterId> {
    let installed = date(rng.range(2019, 2023) as i32, rng.range(1, 12) as u32, 15);
    meters::insert(
        conn,
        org,
        &MeterData {
            account_id: account,
            house_id: Some(house),
            service_id: service,
            serial: serial.into(),
            zones: 1,
            // Water meters count to 99 999 m³, electricity and the house meter further.
            digits: if account.is_some() && !serial.starts_with("Меркурий") {
                5
            } else {
                6
            },
            installed_on: installed,
            verification_due: due,
            initial_values: vec![value],
        },
        house,
    )
}
