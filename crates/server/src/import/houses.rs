//! `houses`: address; total_area; common_area; share_cap_at_norm.

use super::Refused;
use super::{key, parse_rows, unique, Columns, File};
use crate::db::{houses, DbConn};
use domkom_domain::Area;
use domkom_dto::{rules, HouseData};
use domkom_values::OrganizationId;
use std::collections::HashSet;

pub const COLUMNS: Columns = Columns {
    names: &["address", "total_area", "common_area", "share_cap_at_norm"],
    required: 3,
};

pub fn import(c: &mut DbConn, org: OrganizationId, file: File) -> Result<(i64, i64), Refused> {
    let (parsed, mut errors) = parse_rows(&COLUMNS, file, |r| {
        let address = r.required("address");
        let total_area = r.number::<Area>("total_area", None, "2400,00");
        let common_area = r.number::<Area>("common_area", None, "350,50");
        let share_cap_at_norm = r.flag("share_cap_at_norm", true);
        let house = HouseData {
            address: address?.to_owned(),
            total_area: total_area?,
            common_area: common_area?,
            share_cap_at_norm: share_cap_at_norm?,
        };
        r.rules(rules::check_house(&house), &[]);
        Some(house)
    });
    let existing: HashSet<String> = houses::addresses(c, org)?
        .into_iter()
        .map(|(_, address)| key(&address))
        .collect();
    let new = unique(
        parsed,
        &existing,
        |x| key(&x.address),
        ("address", "Дом с таким адресом уже есть"),
        &mut errors,
    );
    errors.check()?;
    Ok((houses::insert_many(c, org, &new)? as i64, 0))
}
