//! `meters`: account_number (empty for a house meter); house_address; service; serial;
//! zones; digits; installed_on; verification_due; initial_values (per zone, `|`).

use super::premises::NO_HOUSE;
use super::Refused;
use super::{index, key, parse_rows, unique, Columns, File};
use crate::db::{accounts, houses, meters, services, DbConn};
use domkom_domain::Quantity;
use domkom_dto::{rules, MeterData};
use domkom_values::{AccountId, HouseId, OrganizationId};
use std::collections::{HashMap, HashSet};

pub const COLUMNS: Columns = Columns {
    names: &[
        "account_number",
        "house_address",
        "service",
        "serial",
        "zones",
        "digits",
        "installed_on",
        "verification_due",
        "initial_values",
    ],
    required: 8,
};

pub const NO_ACCOUNT: &str = "Нет такого лицевого счёта в организации";

/// How a file names a meter: a flat's by its account, a house meter by its house.
pub type MeterName = (Option<AccountId>, HouseId, String);

pub fn name(account: Option<AccountId>, house: HouseId, serial: &str) -> MeterName {
    match account {
        Some(_) => (account, HouseId::default(), key(serial)),
        None => (None, house, key(serial)),
    }
}

pub fn import(c: &mut DbConn, org: OrganizationId, file: File) -> Result<(i64, i64), Refused> {
    let houses = index(
        houses::addresses(c, org)?
            .into_iter()
            .map(|(id, address)| (key(&address), id)),
    );
    let account_list = accounts::numbers(c, org)?;
    let house_of: HashMap<AccountId, HouseId> =
        account_list.iter().map(|(id, _, h)| (*id, *h)).collect();
    let accounts = index(
        account_list
            .into_iter()
            .map(|(id, number, _)| (key(&number), id)),
    );
    let services = index(
        services::names(c, org)?
            .into_iter()
            .map(|(id, name)| (key(&name), id)),
    );
    let (parsed, mut errors) = parse_rows(&COLUMNS, file, |r| {
        let account = match r.text("account_number") {
            "" => None,
            number => Some(r.find("account_number", &accounts, &key(number), NO_ACCOUNT)),
        };
        let address = r.text("house_address");
        let named_house = match address {
            "" => None,
            a => Some(r.find("house_address", &houses, &key(a), NO_HOUSE)),
        };
        let house = match (account, named_house) {
            (Some(account), Some(Some(named))) => {
                let house = account.and_then(|a| house_of.get(&a).copied());
                if house.is_some_and(|h| h != named) {
                    r.error(
                        "house_address",
                        "mismatch",
                        "Помещение этого лицевого счёта в другом доме",
                    );
                }
                house
            }
            (Some(account), _) => account.and_then(|a| house_of.get(&a).copied()),
            (None, Some(house)) => house,
            (None, None) => {
                r.error(
                    "house_address",
                    "required",
                    "Укажите лицевой счёт или адрес дома",
                );
                None
            }
        };
        let service = r.required("service");
        let service =
            service.and_then(|s| r.find("service", &services, &key(s), "Нет такой услуги"));
        let serial = r.required("serial");
        let zones = r.number::<i32>("zones", Some(1), "1");
        let digits = r.number::<i32>("digits", Some(5), "5");
        let installed_on = r.date("installed_on");
        let verification_due = r.date("verification_due");
        let initial = r.text("initial_values");
        let initial_values: Option<Vec<Quantity>> = match initial {
            "" => zones.map(|z| vec![Quantity::ZERO; usize::try_from(z).unwrap_or(0).min(4)]),
            text => {
                let values: Option<Vec<_>> = text
                    .split('|')
                    .map(|v| v.trim().parse::<Quantity>().ok())
                    .collect();
                if values.is_none() {
                    r.error(
                        "initial_values",
                        "format",
                        "Показания через «|», например 123,456|78,900",
                    );
                }
                values
            }
        };
        let meter = MeterData {
            account_id: account.flatten(),
            house_id: Some(house?),
            service_id: service?,
            serial: serial?.to_owned(),
            zones: zones?,
            digits: digits?,
            installed_on: installed_on?,
            verification_due: verification_due?,
            initial_values: initial_values?,
        };
        r.rules(
            rules::check_meter(&meter),
            &[
                ("account_id", "account_number"),
                ("house_id", "house_address"),
                ("service_id", "service"),
            ],
        );
        let house = meter.house_id.unwrap_or_default();
        Some((meter, house))
    });
    let existing: HashSet<MeterName> = meters::keys(c, org)?
        .into_iter()
        .map(|m| name(m.account_id, m.house_id, &m.serial))
        .collect();
    let new = unique(
        parsed,
        &existing,
        |(m, house)| name(m.account_id, *house, &m.serial),
        ("serial", "Такой счётчик уже установлен"),
        &mut errors,
    );
    errors.check()?;
    Ok((meters::insert_many(c, org, &new)? as i64, 0))
}
