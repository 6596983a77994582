//! `premises`: house_address; number; residential; area.

use super::Refused;
use super::{index, key, parse_rows, unique, Columns, File};
use crate::db::{houses, premises, DbConn};
use domkom_domain::Area;
use domkom_dto::ErrorCode;
use domkom_dto::{rules, PremiseData};
use domkom_values::{HouseId, OrganizationId};
use std::collections::HashSet;

pub const COLUMNS: Columns = Columns {
    names: &["house_address", "number", "residential", "area"],
    required: 4,
};

pub const NO_HOUSE: &str = "Нет такого дома в организации";

pub fn import(c: &mut DbConn, org: OrganizationId, file: File) -> Result<(i64, i64), Refused> {
    let houses = index(
        houses::addresses(c, org)?
            .into_iter()
            .map(|(id, address)| (key(&address), id)),
    );
    let (parsed, mut errors) = parse_rows(&COLUMNS, file, |r| {
        let house = r.required("house_address");
        let house = house.and_then(|a| r.find("house_address", &houses, &key(a), NO_HOUSE));
        let number = r.required("number");
        let residential = r.flag("residential", true);
        let area = r.number::<Area>("area", None, "54,30");
        let premise = PremiseData {
            house_id: house?,
            number: number?.to_owned(),
            residential: residential?,
            area: area?,
        };
        r.rules(
            rules::check_premise(&premise),
            &[("house_id", "house_address")],
        );
        Some(premise)
    });
    let existing: HashSet<(HouseId, String)> = premises::numbers(c, org)?
        .into_iter()
        .map(|(_, house, number)| (house, key(&number)))
        .collect();
    let new = unique(
        parsed,
        &existing,
        |x| (x.house_id, key(&x.number)),
        ("number", "В этом доме уже есть помещение с таким номером"),
        &mut errors,
    );
    errors.check()?;
    // Written by someone else since the check (PostgreSQL): 409, try again.
    let taken = crate::db::taken(
        ErrorCode::PremiseNumberTaken,
        "number",
        "В этом доме уже есть помещение с таким номером",
    );
    Ok((
        premises::insert_many(c, org, &new).map_err(taken)? as i64,
        0,
    ))
}
