//! Recalculations (перерасчёты) booked in open periods.

use super::schema::recalculations as r;
use super::{now, DbConn};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use domkom_dto::{AccountPeriodFilter, Recalculation, RecalculationData};
use domkom_values::{AccountId, Money, OrganizationId, RecalculationId, ServiceId, UserId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = r)]
struct Row {
    id: RecalculationId,
    account_id: AccountId,
    service_id: ServiceId,
    period: String,
    corrects_period: String,
    amount: Money,
    reason: String,
}

fn to_dto(row: Row) -> Recalculation {
    Recalculation {
        id: row.id,
        data: RecalculationData {
            account_id: row.account_id,
            service_id: row.service_id,
            period: row.period,
            corrects_period: row.corrects_period,
            amount: row.amount,
            reason: row.reason,
        },
    }
}

pub fn insert(
    conn: &mut DbConn,
    org: OrganizationId,
    d: &RecalculationData,
    user: UserId,
) -> QueryResult<RecalculationId> {
    crate::per_backend!(conn, |c| diesel::insert_into(r::table)
        .values((
            r::organization_id.eq(org),
            r::account_id.eq(d.account_id),
            r::service_id.eq(d.service_id),
            r::period.eq(&d.period),
            r::corrects_period.eq(&d.corrects_period),
            r::amount.eq(d.amount),
            r::reason.eq(d.reason.trim()),
            r::created_by.eq(user),
            r::created_at.eq(now()),
        ))
        .returning(r::id)
        .get_result(c))
}

pub fn get(
    conn: &mut DbConn,
    org: OrganizationId,
    id: RecalculationId,
) -> QueryResult<Option<Recalculation>> {
    r::table
        .find(id)
        .filter(r::organization_id.eq(org))
        .select(Row::as_select())
        .first(conn)
        .optional()
        .map(|row| row.map(to_dto))
}

pub fn list(
    conn: &mut DbConn,
    org: OrganizationId,
    f: &AccountPeriodFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Recalculation>, i64)> {
    let period = f.period.as_deref();
    let filter = r::organization_id
        .eq(org)
        .and(
            r::account_id
                .eq(f.account_id.unwrap_or_default())
                .or(f.account_id.is_none().into_sql::<Bool>()),
        )
        .and(
            r::period
                .eq(period.unwrap_or(""))
                .or(period.is_none().into_sql::<Bool>()),
        );
    let items = r::table
        .filter(filter)
        .order((r::period.desc(), r::id.desc()))
        .limit(limit)
        .offset(offset)
        .select(Row::as_select())
        .load(conn)?;
    let total = r::table.filter(filter).count().get_result(conn)?;
    Ok((items.into_iter().map(to_dto).collect(), total))
}

pub fn delete(conn: &mut DbConn, org: OrganizationId, id: RecalculationId) -> QueryResult<usize> {
    diesel::delete(r::table.find(id).filter(r::organization_id.eq(org))).execute(conn)
}
