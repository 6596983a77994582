//! The account card of a resident: only for accounts linked to them.

use crate::db::schema::{
    account_links as l, accounts as a, balances as b, charges as c, houses as h,
    organizations as o, payments as pay, periods as per, premises as p,
};
use crate::db::{json_array, load, services, text_enum, DbConn};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use domkom_domain::balance::balance_status;
use domkom_domain::{ru, BalanceStatus, Money, Period};
use domkom_dto::{AccountCard, AccountPayment, AccountService, MoneyState, OrganizationContacts};

/// What the card shows of a stored charge line; the rest of it is skipped unread.
#[derive(serde::Deserialize)]
struct CardLine {
    service_id: i64,
    method: String,
    tariff: i64,
}

type AccountRow = (i64, String, String, String, i32, i64, String, String, i64);
type OrganizationRow = (String, String, String, String, String, String, i32);
/// The organization's last closed period for the account (none for an account opened
/// after it): its balance, charge lines, last day, close time and services.
type ClosedRow = (
    Option<(String, i64, i64, i64)>,
    Option<String>,
    Option<(NaiveDate, Option<NaiveDateTime>, Option<String>)>,
);
type PaymentRow = Option<(i64, NaiveDate, i64, String, Option<String>)>;
type Row = (AccountRow, OrganizationRow, ClosedRow, PaymentRow);

/// The card, or `None` when the account is not linked to `user` (or does not exist).
///
/// One statement: on PostgreSQL each round trip costs more than the lookups themselves.
/// It yields a row per payment not yet counted by the last closed balance (at least one).
pub fn card(
    conn: &mut DbConn,
    user: i64,
    account: i64,
    today: NaiveDate,
) -> QueryResult<Option<AccountCard>> {
    // Flat joins: SQLite plans nested ones (`a JOIN (b JOIN c)`) several times slower.
    let query = l::table
        .inner_join(a::table)
        .inner_join(p::table.on(p::id.eq(a::premise_id)))
        .inner_join(h::table.on(h::id.eq(p::house_id)))
        .inner_join(o::table.on(o::id.eq(a::organization_id)))
        .left_join(
            b::table.on(b::account_id
                .eq(a::id)
                .and(b::period.nullable().eq(o::last_closed))),
        )
        .left_join(c::table.on(c::account_id.eq(a::id).and(c::period.eq(b::period))))
        .left_join(
            per::table.on(per::organization_id
                .eq(o::id)
                .and(per::period.eq(b::period))),
        )
        // Counted by the balance: dated in or before its period and arrived before it
        // closed (`domkom_domain::balance::booked_in`).
        .left_join(
            pay::table.on(pay::account_id.eq(a::id).and(
                per::id
                    .nullable()
                    .is_null()
                    .or(pay::paid_on.gt(per::ends_on))
                    .or(pay::created_at.nullable().ge(per::closed_at)),
            )),
        )
        .filter(l::user_id.eq(user))
        .filter(l::account_id.eq(account))
        .order((pay::paid_on, pay::id))
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
            (
                (b::period, b::closing, b::opening, b::paid).nullable(),
                c::lines.nullable(),
                (per::ends_on, per::closed_at, per::services).nullable(),
            ),
            (
                pay::id,
                pay::paid_on,
                pay::amount,
                pay::source,
                pay::for_period,
            )
                .nullable(),
        ));
    let rows: Vec<Row> = load(conn, query)?;
    let Some((account_row, org_row, closed, _)) = rows.first().cloned() else {
        return Ok(None);
    };
    let (id, number, kind, holder, persons, org, house, premise, area) = account_row;
    let (name, address, phone, email, site, hours, due_day) = org_row;
    let pending: Vec<AccountPayment> = rows
        .into_iter()
        .filter_map(|(.., payment)| payment)
        .map(|(id, paid_on, amount, source, for_period)| AccountPayment {
            id,
            paid_on,
            amount,
            source,
            for_period,
        })
        .collect();
    let paid_since = crate::db::sum_kopecks(pending.iter().map(|p| p.amount))?;
    let (money, services) = match closed {
        (Some((period, closing, opening, paid)), lines, Some((_, _, snapshot))) => {
            match period.parse::<Period>() {
                Ok(period) => (
                    Some(money_state(
                        period,
                        Closed {
                            closing,
                            overdue_before: opening - paid,
                            paid_since,
                        },
                        due_day,
                        today,
                    )),
                    services(lines.as_deref(), snapshot.as_deref())?,
                ),
                Err(_) => (None, Vec::new()),
            }
        }
        _ => (None, Vec::new()),
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
        pending_payments: pending,
        services,
        notice,
    }))
}

/// The last closed balance in kopecks: its closing, what its opening debt still owed after
/// the period's payments, and what has been paid since.
struct Closed {
    closing: i64,
    overdue_before: i64,
    paid_since: i64,
}

fn money_state(period: Period, m: Closed, due_day: i32, today: NaiveDate) -> MoneyState {
    let due_day = u8::try_from(due_day).unwrap_or(15);
    let due_date = period
        .due_date(due_day)
        .unwrap_or_else(|| period.last_day());
    let status = balance_status(
        Money::from_kopecks(m.closing),
        Money::from_kopecks(m.overdue_before),
        Money::from_kopecks(m.paid_since),
        due_date,
        today,
    );
    let status_text = match status {
        BalanceStatus::Settled => "Нет задолженности".to_owned(),
        BalanceStatus::Advance => "Переплата".to_owned(),
        BalanceStatus::Paid => "Оплачено".to_owned(),
        BalanceStatus::Due => format!("К оплате до {}", ru::date(due_date)),
        BalanceStatus::Overdue => "Задолженность".to_owned(),
    };
    MoneyState {
        period: period.to_string(),
        balance: m.closing,
        balance_text: ru::money(Money::from_kopecks(m.closing)),
        paid_since: m.paid_since,
        due_date,
        status,
        status_text,
    }
}

/// The services table: the period's lines named as the period's services were.
fn services(lines: Option<&str>, snapshot: Option<&str>) -> QueryResult<Vec<AccountService>> {
    let lines: Vec<CardLine> = lines.map_or(Ok(Vec::new()), json_array)?;
    let names = services::labels_of(snapshot)?;
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
