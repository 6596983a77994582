//! The account card of a resident: only for accounts linked to them.

use super::schema::{
    account_links as l, accounts as a, balances as b, houses as h, organizations as o,
    payments as pay, premises as p,
};
use super::{by_key, charges, services, text_enum, DbConn};
use diesel::prelude::*;
use domkom_domain::{Money, Period};
use domkom_dto::{AccountCard, AccountService, MoneyState, OrganizationContacts};

/// What the card shows of a stored charge line; the rest of it is skipped unread.
#[derive(serde::Deserialize)]
struct CardLine {
    service_id: i64,
    method: String,
    tariff: i64,
}

type AccountRow = (i64, String, String, String, i32, i64, String, String, i64);
type OrganizationRow = (String, String, String, String, String, String, i32);

/// The card, or `None` when the account is not linked to `user` (or does not exist).
pub fn card(conn: &mut DbConn, user: i64, account: i64) -> QueryResult<Option<AccountCard>> {
    // Flat joins: SQLite plans nested ones (`a JOIN (b JOIN c)`) several times slower.
    let row: Option<(AccountRow, OrganizationRow)> = by_key(
        conn,
        l::table
            .inner_join(a::table)
            .inner_join(p::table.on(p::id.eq(a::premise_id)))
            .inner_join(h::table.on(h::id.eq(p::house_id)))
            .inner_join(o::table.on(o::id.eq(a::organization_id)))
            .filter(l::user_id.eq(user))
            .filter(l::account_id.eq(account))
            .select((
                (
                    a::id,
                    a::number,
                    a::kind,
                    a::holder,
                    a::persons,
                    a::organization_id,
                    h::address,
                    p::number,
                    p::area,
                ),
                (
                    o::name,
                    o::address,
                    o::phone,
                    o::email,
                    o::site,
                    o::hours,
                    o::due_day,
                ),
            )),
    )?;
    let Some((
        (id, number, kind, holder, persons, org, house, premise, area),
        (name, address, phone, email, site, hours, due_day),
    )) = row
    else {
        return Ok(None);
    };
    // All periods newest first, no LIMIT: see `by_key`; an account has a row a month.
    let last: Option<(String, i64)> = by_key(
        conn,
        b::table
            .filter(b::account_id.eq(id))
            .order(b::period.desc())
            .select((b::period, b::closing)),
    )?;
    let (money, services) =
        match last.and_then(|(p, closing)| Some((p.parse::<Period>().ok()?, closing))) {
            Some((period, closing)) => (
                Some(money_state(conn, id, period, closing, due_day)?),
                services(conn, org, id, period)?,
            ),
            None => (None, Vec::new()),
        };
    let notice = money.is_none().then(|| {
        "Начисления появятся, когда управляющая организация закроет первый расчётный период"
            .to_owned()
    });
    Ok(Some(AccountCard {
        id,
        number,
        kind: text_enum(&kind)?,
        holder,
        address: format!("{house}, кв. {premise}"),
        area,
        persons,
        organization: OrganizationContacts {
            id: org,
            name,
            address,
            phone,
            email,
            site,
            hours,
        },
        money,
        services,
        notice,
    }))
}

fn money_state(
    conn: &mut DbConn,
    account: i64,
    period: Period,
    closing: i64,
    due_day: i32,
) -> QueryResult<MoneyState> {
    let paid: Vec<i64> = pay::table
        .filter(pay::account_id.eq(account))
        .filter(pay::paid_on.gt(period.last_day()))
        .select(pay::amount)
        .load(conn)?;
    let due_day = u8::try_from(due_day).unwrap_or(15);
    Ok(MoneyState {
        period: period.to_string(),
        balance: closing,
        balance_text: Money::from_kopecks(closing).format_rub(),
        paid_since: paid.iter().sum(),
        due_date: period
            .due_date(due_day)
            .unwrap_or_else(|| period.last_day()),
    })
}

fn services(
    conn: &mut DbConn,
    org: i64,
    account: i64,
    period: Period,
) -> QueryResult<Vec<AccountService>> {
    let lines: Vec<CardLine> = charges::of_account(conn, account, &period.to_string())?;
    let names = services::labels(conn, org)?;
    // The lines are in the services' order already: the close lists them so.
    Ok(lines
        .iter()
        .filter_map(|l| {
            let (name, supplier_name, unit) = names.get(&l.service_id)?.clone();
            Some(AccountService {
                name,
                supplier_name,
                unit,
                tariff: l.tariff,
                method: l.method.clone(),
            })
        })
        .collect())
}
