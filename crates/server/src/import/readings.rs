//! `readings`: account_number (or empty); house_address (for a house meter); serial;
//! period; zone; value; optionally taken_on (the day the meter was read).

use super::meters::{name, MeterName, NO_ACCOUNT};
use super::premises::NO_HOUSE;
use super::{check, csv, index, key, parse_rows, Columns, File};
use crate::db::{accounts, houses, meters, periods, readings, DbConn};
use crate::error::ApiError;
use crate::routes::operator::readings::taken_on_refusal;
use chrono::NaiveDate;
use domkom_domain::Quantity;
use domkom_dto::{rules, PeriodStatus, ReadingData, ReadingSource};
use std::collections::{BTreeSet, HashMap, HashSet};

pub const COLUMNS: Columns = Columns {
    names: &[
        "account_number",
        "house_address",
        "serial",
        "period",
        "zone",
        "value",
        "taken_on",
    ],
    required: 6,
};

pub fn import(
    c: &mut DbConn,
    org: i64,
    user: i64,
    today: NaiveDate,
    file: File,
) -> Result<(i64, i64), ApiError> {
    let mut errors = Vec::new();
    let houses = index(
        houses::addresses(c, org)?
            .into_iter()
            .map(|(id, address)| (key(&address), id)),
    );
    let accounts = index(
        accounts::numbers(c, org)?
            .into_iter()
            .map(|(id, number, _)| (key(&number), id)),
    );
    let meter_list = meters::keys(c, org)?;
    let zones: HashMap<i64, i32> = meter_list.iter().map(|m| (m.id, m.zones)).collect();
    let meters: HashMap<MeterName, Option<i64>> = index(
        meter_list
            .iter()
            .map(|m| (name(m.account_id, m.house_id, &m.serial), m.id)),
    );
    let parsed = parse_rows(&COLUMNS, file, &mut errors, |r| {
        let owner = match (r.text("account_number"), r.text("house_address")) {
            ("", "") => {
                let message = "Укажите лицевой счёт или, для общедомового счётчика, адрес дома";
                r.error("account_number", "required", message);
                None
            }
            ("", address) => r
                .find("house_address", &houses, &key(address), NO_HOUSE)
                .map(|house| (None, house)),
            (number, _) => r
                .find("account_number", &accounts, &key(number), NO_ACCOUNT)
                .map(|account| (Some(account), 0)),
        };
        let serial = r.required("serial");
        let meter = match (owner, serial) {
            (Some((account, house)), Some(serial)) => r.find(
                "serial",
                &meters,
                &name(account, house, serial),
                "Нет такого счётчика у этого счёта или дома",
            ),
            _ => None,
        };
        let period = r.period("period");
        let zone = r.number::<i32>("zone", Some(1), "1");
        let value = r.number::<Quantity>("value", None, "110,000");
        let given = r.optional_date("taken_on");
        let reading = ReadingData {
            meter_id: meter?,
            period: period?,
            zone: zone?,
            value: value?.thousandths(),
            rolled_over: false,
            taken_on: given?,
        };
        r.rules(rules::check_reading(&reading), &[]);
        if reading.zone > zones.get(&reading.meter_id).copied().unwrap_or(0) {
            r.error("zone", "range", "У счётчика нет такой зоны");
        }
        let period = reading.period.parse().ok()?;
        match domkom_domain::reading::taken_on(period, reading.taken_on, today) {
            Ok(day) => Some((reading, day)),
            Err(e) => {
                r.error("taken_on", "range", taken_on_refusal(e));
                None
            }
        }
    });
    let periods: Vec<String> = parsed
        .iter()
        .map(|(_, (r, _))| r.period.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut shut = HashMap::new();
    for period in &periods {
        let (code, message) = match periods::booking_status(c, org, period)? {
            PeriodStatus::Open => continue,
            PeriodStatus::Closed => ("period_closed", "Период закрыт: изменения в нём невозможны"),
            PeriodStatus::Closing => (
                "period_closing",
                "Период закрывается: изменения в нём невозможны",
            ),
        };
        shut.insert(period.clone(), (code, message));
    }
    let current = readings::current(c, org, &periods)?;
    let mut seen = HashSet::new();
    let (mut new, mut skipped) = (Vec::with_capacity(parsed.len()), 0);
    for (row, (reading, taken_on)) in parsed {
        let k = (reading.meter_id, reading.period.clone(), reading.zone);
        if let Some((code, message)) = shut.get(&reading.period) {
            errors.push((row, csv::cell_error(row, "period", code, message)));
        } else if !seen.insert(k.clone()) {
            let message = "Показание этого счётчика за этот период и зону уже есть выше в файле";
            errors.push((row, csv::cell_error(row, "value", "duplicate", message)));
        } else if current.get(&k) == Some(&reading.value) {
            skipped += 1;
        } else {
            new.push((reading, taken_on));
        }
    }
    check(errors)?;
    let created = readings::insert_many(c, org, &new, ReadingSource::Import, user)?;
    Ok((created as i64, skipped))
}
