//! A closed period's receipt (ЕПД) as the close stored it: the same lines, recalculations
//! and balance as the charges page and the statement, with the payer, the company and its
//! bank, the house meters and the account's link code.

use crate::db::account_meters::{by_meter, StoredVolumes};
use crate::db::schema::{
    accounts as a, houses as h, meter_volumes as mv, meters as m, premises as p,
};
use crate::db::{by_key, columns, load, organizations, periods, DbConn};
use crate::views::card::due_date;
use crate::views::{account_charges, account_money};
use diesel::prelude::*;
use domkom_dto::{OrganizationData, PeriodCharges};
use domkom_receipt::{Bank, Correction, Executor, HouseMeter, Line, MoneyDue, Payer, Receipt};
use domkom_values::{ru, AccountId, Area, HouseId, MeterId, OrganizationId, Period, ServiceId};

/// The account, its premise and house, as a receipt prints them.
#[derive(Queryable, Selectable)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
struct Heading {
    #[diesel(select_expression = a::number)]
    number: String,
    #[diesel(select_expression = a::holder)]
    holder: String,
    #[diesel(select_expression = a::persons)]
    persons: i32,
    #[diesel(select_expression = a::link_code)]
    link_code: String,
    #[diesel(select_expression = p::number)]
    premise: String,
    #[diesel(select_expression = p::area)]
    area: Area,
    #[diesel(select_expression = h::id)]
    house_id: HouseId,
    #[diesel(select_expression = h::address)]
    house: String,
}

/// What every receipt of one house prints alike: the company and the house meters.
struct House {
    company: OrganizationData,
    meters: Vec<HouseMeter>,
}

impl House {
    fn read(
        conn: &mut DbConn,
        org: OrganizationId,
        house: HouseId,
        period: Period,
    ) -> QueryResult<Option<House>> {
        let Some(company) = organizations::get(conn, org)? else {
            return Ok(None);
        };
        Ok(Some(House {
            company: company.data,
            meters: house_meters(conn, org, house, period)?,
        }))
    }
}

/// The receipt of `account` for `period`, or `None` when the period is not closed for
/// the account (the caller has checked the account is the company's).
pub fn receipt(
    conn: &mut DbConn,
    org: OrganizationId,
    account: AccountId,
    period: Period,
    portal: &str,
) -> QueryResult<Option<Receipt>> {
    let Some(heading) = heading(conn, org, account)? else {
        return Ok(None);
    };
    let Some(house) = House::read(conn, org, heading.house_id, period)? else {
        return Ok(None);
    };
    assemble(conn, org, account, period, heading, &house, portal)
}

/// The receipt's file name: `kvitanciya-1001012-2026-11.pdf`.
pub fn file_name(r: &Receipt) -> String {
    format!(
        "kvitanciya-{}-{}.pdf",
        file_safe(&r.payer.account_number),
        r.period
    )
}

/// An account number as a header's file name holds it: Latin letters, digits and `-`.
fn file_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The receipts of every account of a house billed in `period`, in flat order (flat 2
/// before flat 10), for printing and delivery. What the flats share is read once.
pub fn of_house(
    conn: &mut DbConn,
    org: OrganizationId,
    house: HouseId,
    period: Period,
    portal: &str,
) -> QueryResult<Vec<Receipt>> {
    let Some(shared) = House::read(conn, org, house, period)? else {
        return Ok(Vec::new());
    };
    let mut accounts: Vec<(AccountId, String, String)> = load(
        conn,
        a::table
            .inner_join(p::table.on(p::id.eq(a::premise_id)))
            .filter(a::organization_id.eq(org))
            .filter(p::house_id.eq(house))
            .select((a::id, p::number, a::number)),
    )?;
    accounts.sort_by_cached_key(|(_, flat, number)| (flat_order(flat), number.clone()));
    let mut receipts = Vec::with_capacity(accounts.len());
    for (account, _, _) in accounts {
        if let Some(heading) = heading(conn, org, account)? {
            receipts.extend(assemble(
                conn, org, account, period, heading, &shared, portal,
            )?);
        }
    }
    Ok(receipts)
}

fn heading(
    conn: &mut DbConn,
    org: OrganizationId,
    account: AccountId,
) -> QueryResult<Option<Heading>> {
    by_key(
        conn,
        a::table
            .inner_join(p::table.on(p::id.eq(a::premise_id)))
            .inner_join(h::table.on(h::id.eq(p::house_id)))
            .filter(a::id.eq(account))
            .filter(a::organization_id.eq(org))
            .select(columns::<Heading>()),
    )
}

/// One account's receipt: its charges, balance and payments with what its house shares.
fn assemble(
    conn: &mut DbConn,
    org: OrganizationId,
    account: AccountId,
    period: Period,
    heading: Heading,
    house: &House,
    portal: &str,
) -> QueryResult<Option<Receipt>> {
    let Some(charges) = account_charges::of_period(conn, org, account, period)? else {
        return Ok(None);
    };
    let Some((_, movement)) = account_money::balances(conn, account, period, period)?.pop() else {
        return Ok(None);
    };
    let last_paid_on = account_money::payments_booked(conn, org, account, period, period)?
        .last()
        .map(|(_, p)| p.paid_on);
    let money = MoneyDue {
        opening: movement.opening,
        charged: movement.charged,
        recalculated: movement.recalculated,
        penalties: movement.penalties,
        paid: movement.paid,
        last_paid_on,
        closing: movement.closing,
        due_date: due_date(period, house.company.settings.due_day),
    };
    Ok(Some(Receipt {
        period,
        payer: Payer {
            account_number: heading.number,
            holder: heading.holder,
            address: ru::flat_address(&heading.house, &heading.premise),
            area: heading.area,
            persons: heading.persons,
        },
        executor: executor(&house.company),
        money,
        lines: lines(&charges),
        house_meters: house.meters.clone(),
        corrections: corrections(&charges),
        link_code: heading.link_code,
        site: portal.to_owned(),
    }))
}

fn executor(c: &OrganizationData) -> Executor {
    Executor {
        name: c.name.clone(),
        inn: c.inn.clone(),
        kpp: c.kpp.clone(),
        address: c.address.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
        site: c.site.clone(),
        hours: c.hours.clone(),
        bank: Bank {
            account: c.bank.account.clone(),
            name: c.bank.bank_name.clone(),
            bic: c.bank.bic.clone(),
            corr_account: c.bank.corr_account.clone(),
        },
    }
}

/// The charges page's lines, a zone of a multi-zone meter named as such.
fn lines(charges: &PeriodCharges) -> Vec<Line> {
    charges
        .lines
        .iter()
        .map(|l| Line {
            service: match l.zone {
                0 => l.service.clone(),
                zone => format!("{}, зона {zone}", l.service),
            },
            unit: l.unit.clone(),
            volume: l.volume,
            common_volume: l.common_volume,
            tariff: l.tariff,
            charged: l.amount,
            recalculated: l.recalculated,
            total: l.adjusted,
        })
        .collect()
}

/// The recalculations booked in the period, then the corrections of earlier penalties.
fn corrections(charges: &PeriodCharges) -> Vec<Correction> {
    let recalculations = charges.recalculations.iter().map(|r| Correction {
        service: r.service.clone(),
        corrects_period: r.corrects_period,
        amount: r.amount,
        reason: r.reason.clone(),
    });
    let penalties = charges.penalty_corrections.iter().map(|c| Correction {
        service: "Пени".to_owned(),
        corrects_period: c.corrects_period,
        amount: c.amount,
        reason: c.reason.clone(),
    });
    recalculations.chain(penalties).collect()
}

/// The house meters billed in the period: the readings that counted and the volume.
fn house_meters(
    conn: &mut DbConn,
    org: OrganizationId,
    house: HouseId,
    period: Period,
) -> QueryResult<Vec<HouseMeter>> {
    let meters: Vec<(MeterId, ServiceId, String)> = load(
        conn,
        m::table
            .filter(m::organization_id.eq(org))
            .filter(m::house_id.eq(house))
            .filter(m::account_id.is_null())
            .order(m::id)
            .select((m::id, m::service_id, m::serial)),
    )?;
    if meters.is_empty() {
        return Ok(Vec::new());
    }
    let stored: Vec<StoredVolumes> = load(
        conn,
        mv::table
            .filter(mv::meter_id.eq_any(meters.iter().map(|m| m.0)))
            .filter(mv::period.eq(period.to_string()))
            .select(columns::<StoredVolumes>()),
    )?;
    let mut volumes = by_meter(stored)?;
    let labels = periods::labels(conn, org, period)?;
    Ok(meters
        .into_iter()
        .filter_map(|(id, service, serial)| {
            let row = volumes.remove(&id)?.pop()?;
            let (name, _, unit) = labels.get(&service).cloned().unwrap_or_default();
            Some(HouseMeter {
                service: name,
                unit,
                serial,
                readings: row.billed,
                volume: row.volumes.into_iter().sum(),
            })
        })
        .collect())
}

/// Flats by their number's leading digits, then as written: «2», «2а», «10», «Н1».
fn flat_order(number: &str) -> (u64, String) {
    let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u64::MAX), number.to_owned())
}

#[cfg(test)]
mod tests {
    use super::flat_order;

    #[test]
    fn flats_go_by_their_number() {
        let mut flats = ["10", "Н1", "2а", "2", "1"];
        flats.sort_by_cached_key(|f| flat_order(f));
        assert_eq!(flats, ["1", "2", "2а", "10", "Н1"]);
    }
}
