//! `readings`: account_number (or empty); house_address (for a house meter); serial;
//! period; zone; value; optionally taken_on (the day the meter was read) and rolled_over.
//!
//! Each reading follows the rules a reading entered by hand follows
//! ([`reading_rules::check`]), against the meter's stored history and the file's earlier
//! periods of the same meter, so an import never leaves a reading the close cannot bill.

use super::meters::{name, MeterName, NO_ACCOUNT};
use super::premises::NO_HOUSE;
use super::Refused;
use super::{csv, index, key, parse_rows, Columns, File};
use crate::db::account_meters::{self, StoredReading};
use crate::db::{accounts, houses, meters, periods, readings, DbConn};
use crate::readings::rules as reading_rules;
use crate::routes::operator::readings::taken_on_refusal;
use chrono::{NaiveDate, Utc};
use domkom_domain::{Period, Quantity};
use domkom_dto::{rules, ReadingData, ReadingSource};
use domkom_values::{HouseId, MeterId, OrganizationId, ReadingId, UserId};
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
        "rolled_over",
    ],
    required: 6,
};

pub fn import(
    c: &mut DbConn,
    org: OrganizationId,
    user: UserId,
    today: NaiveDate,
    file: File,
) -> Result<(i64, i64), Refused> {
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
    let meters: HashMap<MeterName, Option<MeterId>> = index(
        meters::keys(c, org)?
            .iter()
            .map(|m| (name(m.account_id, m.house_id, &m.serial), m.id)),
    );
    let (mut parsed, mut errors) = parse_rows(&COLUMNS, file, |r| {
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
                .map(|account| (Some(account), HouseId::default())),
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
        let rolled_over = r.flag("rolled_over", false);
        let reading = ReadingData {
            meter_id: meter?,
            period: period?,
            zone: zone?,
            value: value?,
            rolled_over: rolled_over?,
            taken_on: given?,
        };
        r.rules(rules::check_reading(&reading), &[]);
        let period = reading.period.parse().ok()?;
        match domkom_domain::reading::taken_on(period, reading.taken_on, today) {
            Ok(day) => Some((reading, period, day)),
            Err(e) => {
                r.error("taken_on", "range", taken_on_refusal(e));
                None
            }
        }
    });
    let periods: BTreeSet<Period> = parsed.iter().map(|(_, (_, p, _))| *p).collect();
    let mut shut = HashMap::new();
    for &period in &periods {
        if let Some(refusal) = periods::shut(periods::booking_status(c, org, period)?) {
            shut.insert(period, refusal);
        }
    }
    let ids: BTreeSet<MeterId> = parsed.iter().map(|(_, (r, _, _))| r.meter_id).collect();
    let mut books = match periods.last() {
        Some(&up_to) => account_meters::books_of(c, org, &Vec::from_iter(ids), up_to)?,
        None => HashMap::new(),
    };
    // A meter's earlier periods first, so each reading is checked against the one before.
    parsed.sort_by_key(|(_, (_, period, _))| *period);
    let mut seen = HashSet::new();
    let (mut new, mut skipped) = (Vec::with_capacity(parsed.len()), 0);
    for (row, (reading, period, taken_on)) in parsed {
        let k = (reading.meter_id, period, reading.zone);
        let refusal = if let Some((code, message)) = shut.get(&period) {
            Some(("period", code.as_str(), (*message).to_owned()))
        } else if !seen.insert(k) {
            let message = "Показание этого счётчика за этот период и зону уже есть выше в файле";
            Some(("value", "duplicate", message.to_owned()))
        } else {
            let book = books
                .get_mut(&reading.meter_id)
                .ok_or(diesel::result::Error::NotFound)?;
            let value = (&reading).into();
            match reading_rules::check(book, period, value) {
                Err(refusal) => Some(refusal),
                Ok(_) if reading_rules::repeated(book, period, value).is_some() => {
                    skipped += 1;
                    None
                }
                Ok(_) => {
                    book.readings.push(pending(&reading, period, taken_on));
                    new.push((reading, taken_on));
                    None
                }
            }
        };
        if let Some((column, code, message)) = refusal {
            errors.push(row, csv::cell_error(row, column, code, &message));
        }
    }
    errors.check()?;
    let created = readings::insert_many(c, org, &new, ReadingSource::Import, user)?;
    Ok((created as i64, skipped))
}

/// A reading of the file as the later rows of its meter see it.
fn pending(r: &ReadingData, period: Period, taken_on: NaiveDate) -> StoredReading {
    StoredReading {
        id: ReadingId::default(),
        period,
        zone: r.zone,
        value: r.value,
        rolled_over: r.rolled_over,
        source: ReadingSource::Import,
        created_at: Utc::now().naive_utc(),
        taken_on,
    }
}
