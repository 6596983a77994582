//! `accounts`: number; house_address; premise_number; kind; holder; persons;
//! opening_balance; services.

use super::premises::NO_HOUSE;
use super::Refused;
use super::{index, key, parse_rows, unique, Columns, File, Reader};
use crate::db::{accounts, houses, premises, services, DbConn};
use domkom_domain::Money;
use domkom_dto::ErrorCode;
use domkom_dto::{rules, AccountData, AccountKind};
use domkom_values::OrganizationId;
use std::collections::HashSet;

pub const COLUMNS: Columns = Columns {
    names: &[
        "number",
        "house_address",
        "premise_number",
        "kind",
        "holder",
        "persons",
        "opening_balance",
        "services",
    ],
    required: 6,
};

fn kind(r: &mut Reader) -> Option<AccountKind> {
    let kind = match r.required("kind")?.to_lowercase().as_str() {
        "zhku" | "жку" => Some(AccountKind::Zhku),
        "kapremont" | "капремонт" => Some(AccountKind::Kapremont),
        "rso" | "рсо" => Some(AccountKind::Rso),
        _ => None,
    };
    if kind.is_none() {
        r.error("kind", "format", "Вид счёта: ЖКУ, капремонт или РСО");
    }
    kind
}

pub fn import(c: &mut DbConn, org: OrganizationId, file: File) -> Result<(i64, i64), Refused> {
    let houses = index(
        houses::addresses(c, org)?
            .into_iter()
            .map(|(id, address)| (key(&address), id)),
    );
    let premises = index(
        premises::numbers(c, org)?
            .into_iter()
            .map(|(id, house, number)| ((house, key(&number)), id)),
    );
    let services = index(
        services::names(c, org)?
            .into_iter()
            .map(|(id, name)| (key(&name), id)),
    );
    let (parsed, mut errors) = parse_rows(&COLUMNS, file, |r| {
        let number = r.required("number");
        let house = r.required("house_address");
        let house = house.and_then(|a| r.find("house_address", &houses, &key(a), NO_HOUSE));
        let premise = r.required("premise_number");
        let premise = match (house, premise) {
            (Some(house), Some(p)) => r.find(
                "premise_number",
                &premises,
                &(house, key(p)),
                "Нет такого помещения в этом доме",
            ),
            _ => None,
        };
        let kind = kind(r);
        let holder = r.required("holder");
        let persons = r.number::<i32>("persons", None, "2");
        let opening = r.number::<Money>("opening_balance", Some(Money::ZERO), "1521,13");
        let mut service_ids = Vec::new();
        for name in r.text("services").split(',').map(str::trim) {
            if !name.is_empty() {
                let missing = "Нет такой услуги в организации";
                service_ids.extend(r.find("services", &services, &key(name), missing));
            }
        }
        let account = AccountData {
            premise_id: premise?,
            number: number?.to_owned(),
            kind: kind?,
            holder: holder?.to_owned(),
            persons: persons?,
            opening_balance: opening?,
            service_ids,
        };
        r.rules(
            rules::check_account(&account),
            &[
                ("premise_id", "premise_number"),
                ("service_ids", "services"),
            ],
        );
        Some(account)
    });
    let existing: HashSet<String> = accounts::numbers(c, org)?
        .into_iter()
        .map(|(_, number, _)| key(&number))
        .collect();
    let new = unique(
        parsed,
        &existing,
        |x| key(&x.number),
        ("number", "Лицевой счёт с таким номером уже есть"),
        &mut errors,
    );
    errors.check()?;
    // Written by someone else since the check (PostgreSQL): 409, try again.
    let taken = crate::db::taken(
        ErrorCode::AccountNumberTaken,
        "number",
        "Лицевой счёт с таким номером уже есть",
    );
    Ok((
        accounts::insert_many(c, org, &new).map_err(taken)? as i64,
        0,
    ))
}
