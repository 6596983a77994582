//! Payments received: one by one or from a bank registry.

use super::schema::{accounts as a, payments as p};
use super::{now, DbConn};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::Bool;
use domkom_dto::{Payment, PaymentData, PaymentFilter};
use domkom_values::{AccountId, Money, OrganizationId, PaymentId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = p)]
struct Row {
    id: PaymentId,
    account_id: AccountId,
    amount: Money,
    paid_on: NaiveDate,
    source: String,
    external_id: Option<String>,
    for_period: Option<String>,
}

fn to_dto(row: Row) -> Payment {
    Payment {
        id: row.id,
        data: PaymentData {
            account_id: row.account_id,
            amount: row.amount,
            paid_on: row.paid_on,
            source: row.source,
            external_id: row.external_id,
            for_period: row.for_period,
        },
    }
}

pub fn insert(conn: &mut DbConn, org: OrganizationId, d: &PaymentData) -> QueryResult<PaymentId> {
    crate::per_backend!(conn, |c| diesel::insert_into(p::table)
        .values((
            p::organization_id.eq(org),
            p::account_id.eq(d.account_id),
            p::amount.eq(d.amount),
            p::paid_on.eq(d.paid_on),
            p::source.eq(d.source.trim()),
            p::external_id.eq(d.external_id.as_deref().map(str::trim)),
            p::for_period.eq(d.for_period.as_deref()),
            p::created_at.eq(now()),
        ))
        .returning(p::id)
        .get_result(c))
}

/// Whether a payment with this id at this source was recorded.
pub fn known(
    conn: &mut DbConn,
    org: OrganizationId,
    source: &str,
    external_id: &str,
) -> QueryResult<bool> {
    p::table
        .filter(p::organization_id.eq(org))
        .filter(p::source.eq(source))
        .filter(p::external_id.eq(external_id))
        .count()
        .get_result::<i64>(conn)
        .map(|n| n > 0)
}

/// The id of the organization's account with this number.
pub fn account_by_number(
    conn: &mut DbConn,
    org: OrganizationId,
    number: &str,
) -> QueryResult<Option<AccountId>> {
    a::table
        .filter(a::organization_id.eq(org).and(a::number.eq(number)))
        .select(a::id)
        .first(conn)
        .optional()
}

pub fn get(conn: &mut DbConn, org: OrganizationId, id: PaymentId) -> QueryResult<Option<Payment>> {
    p::table
        .find(id)
        .filter(p::organization_id.eq(org))
        .select(Row::as_select())
        .first(conn)
        .optional()
        .map(|r| r.map(to_dto))
}

/// Newest first; `from` and `to` inclusive.
pub fn list(
    conn: &mut DbConn,
    org: OrganizationId,
    f: &PaymentFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Payment>, i64)> {
    let any_day = NaiveDate::default();
    let filter = p::organization_id
        .eq(org)
        .and(
            p::account_id
                .eq(f.account_id.unwrap_or_default())
                .or(f.account_id.is_none().into_sql::<Bool>()),
        )
        .and(
            p::paid_on
                .ge(f.from.unwrap_or(any_day))
                .or(f.from.is_none().into_sql::<Bool>()),
        )
        .and(
            p::paid_on
                .le(f.to.unwrap_or(any_day))
                .or(f.to.is_none().into_sql::<Bool>()),
        );
    let items = p::table
        .filter(filter)
        .order((p::paid_on.desc(), p::id.desc()))
        .limit(limit)
        .offset(offset)
        .select(Row::as_select())
        .load(conn)?;
    let total = p::table.filter(filter).count().get_result(conn)?;
    Ok((items.into_iter().map(to_dto).collect(), total))
}
