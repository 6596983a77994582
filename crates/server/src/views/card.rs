//! The account card of a resident: only for accounts linked to them.

use crate::db::schema::{
    account_links as l, accounts as a, balances as b, charges as c, houses as h,
    organizations as o, payments as pay, periods as per, premises as p,
};
use crate::db::{columns, json_array, load, services, text_enum, DbConn};
use crate::views::account_money::PaymentRow;
use chrono::NaiveDate;
use diesel::prelude::*;
use domkom_domain::balance::balance_status;
use domkom_domain::{ru, BalanceStatus, Money, Period, Tariff};
use domkom_dto::{AccountCard, AccountPayment, AccountService, MoneyState, OrganizationContacts};
use domkom_values::period::DEFAULT_DUE_DAY;
use domkom_values::{AccountId, Area, OrganizationId, ServiceId, UserId};

/// What the card shows of a stored charge line; the rest of it is skipped unread.
#[derive(serde::Deserialize)]
struct CardLine {
    service_id: ServiceId,
    method: String,
    tariff: Tariff,
}

/// The account with its flat.
#[derive(Queryable, Selectable)]
#[diesel(table_name = a)]
struct AccountRow {
    id: AccountId,
    number: String,
    kind: String,
    holder: String,
    persons: i32,
    organization_id: OrganizationId,
    #[diesel(select_expression = h::address)]
    house: String,
    #[diesel(select_expression = p::number)]
    premise: String,
    #[diesel(select_expression = p::area)]
    area: Area,
}

/// The company's contacts and due day.
#[derive(Queryable, Selectable)]
#[diesel(table_name = o)]
struct OrganizationRow {
    name: String,
    address: String,
    phone: String,
    email: String,
    site: String,
    hours: String,
    due_day: i32,
}

/// The balance of the organization's last closed period for the account (none for an
/// account opened after it).
#[derive(Queryable, Selectable)]
#[diesel(table_name = b)]
struct BalanceRow {
    closing: Money,
    opening: Money,
    paid: Money,
}

/// That period's close: its services as they were.
#[derive(Queryable, Selectable)]
#[diesel(table_name = per)]
struct CloseRow {
    #[diesel(deserialize_as = String)]
    period: Period,
    services: Option<String>,
}

/// The card, or `None` when the account is not linked to `user` (or does not exist).
///
/// One statement: on PostgreSQL each round trip costs more than the lookups themselves.
/// It yields a row per payment not yet counted by the last closed balance (at least one).
pub fn card(
    conn: &mut DbConn,
    user: UserId,
    account: AccountId,
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
            columns::<AccountRow>(),
            columns::<OrganizationRow>(),
            columns::<Option<BalanceRow>>(),
            c::lines.nullable(),
            columns::<Option<CloseRow>>(),
            columns::<Option<PaymentRow>>(),
        ));
    type Row = (
        AccountRow,
        OrganizationRow,
        Option<BalanceRow>,
        Option<String>,
        Option<CloseRow>,
        Option<PaymentRow>,
    );
    let mut rows: Vec<Row> = load(conn, query)?;
    if rows.is_empty() {
        return Ok(None);
    }
    let pending: Vec<AccountPayment> = rows
        .iter_mut()
        .filter_map(|row| row.5.take())
        .map(PaymentRow::into_dto)
        .collect::<QueryResult<_>>()?;
    let (account, org, balance, lines, close, _) = rows.swap_remove(0);
    let paid_since = crate::db::sum_money(pending.iter().map(|p| p.amount))?;
    let (money, services) = match (balance, close) {
        (Some(balance), Some(close)) => (
            Some(money_state(
                close.period,
                Closed {
                    closing: balance.closing,
                    overdue_before: balance.opening - balance.paid,
                    paid_since,
                },
                org.due_day,
                today,
            )),
            services(lines.as_deref(), close.services.as_deref())?,
        ),
        _ => (None, Vec::new()),
    };
    let notice = money.is_none().then(|| {
        "Начисления появятся, когда управляющая организация закроет первый расчётный период"
            .to_owned()
    });
    Ok(Some(AccountCard {
        id: account.id,
        number: account.number,
        kind: text_enum(&account.kind)?,
        holder: account.holder,
        address: ru::flat_address(&account.house, &account.premise),
        area: account.area,
        persons: account.persons,
        organization: OrganizationContacts {
            id: account.organization_id,
            name: org.name,
            address: org.address,
            phone: org.phone,
            email: org.email,
            site: org.site,
            hours: org.hours,
        },
        money,
        pending_payments: pending,
        services,
        notice,
    }))
}

/// The last closed balance: its closing, what its opening debt still owed after the
/// period's payments, and what has been paid since.
struct Closed {
    closing: Money,
    overdue_before: Money,
    paid_since: Money,
}

/// When a period's bill is due under the company's `due_day` setting (the card's money,
/// the receipt's «Оплатить до»).
pub fn due_date(period: Period, due_day: i32) -> NaiveDate {
    let due_day = u8::try_from(due_day).unwrap_or(DEFAULT_DUE_DAY);
    period
        .due_date(due_day)
        .unwrap_or_else(|| period.last_day())
}

fn money_state(period: Period, m: Closed, due_day: i32, today: NaiveDate) -> MoneyState {
    let due_date = due_date(period, due_day);
    let status = balance_status(m.closing, m.overdue_before, m.paid_since, due_date, today);
    let status_text = match status {
        BalanceStatus::Settled => "Нет задолженности".to_owned(),
        BalanceStatus::Advance => "Переплата".to_owned(),
        BalanceStatus::Paid => "Оплачено".to_owned(),
        BalanceStatus::Due => format!("К оплате до {}", ru::date(due_date)),
        BalanceStatus::Overdue => "Задолженность".to_owned(),
    };
    MoneyState {
        period,
        balance: m.closing,
        balance_text: ru::money(m.closing),
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
