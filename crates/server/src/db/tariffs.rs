//! Tariffs: a service's price from a date, per zone.

use super::schema::tariffs as t;
use super::DbConn;
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::Bool;
use domkom_dto::{Tariff, TariffData};
use domkom_values::{OrganizationId, ServiceId, TariffId};
use std::collections::HashMap;

#[derive(Queryable, Selectable)]
#[diesel(table_name = t)]
struct Row {
    id: TariffId,
    service_id: ServiceId,
    valid_from: NaiveDate,
    zone: i32,
    price: domkom_values::Tariff,
}

fn to_dto(row: Row) -> Tariff {
    Tariff {
        id: row.id,
        data: TariffData {
            service_id: row.service_id,
            valid_from: row.valid_from,
            zone: row.zone,
            price: row.price,
        },
    }
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = t)]
struct Values {
    service_id: ServiceId,
    valid_from: NaiveDate,
    zone: i32,
    price: domkom_values::Tariff,
}

fn values(d: &TariffData) -> Values {
    Values {
        service_id: d.service_id,
        valid_from: d.valid_from,
        zone: d.zone,
        price: d.price,
    }
}

pub fn insert(conn: &mut DbConn, org: OrganizationId, d: &TariffData) -> QueryResult<TariffId> {
    crate::per_backend!(conn, |c| diesel::insert_into(t::table)
        .values((values(d), t::organization_id.eq(org)))
        .returning(t::id)
        .get_result(c))
}

pub fn update(
    conn: &mut DbConn,
    org: OrganizationId,
    id: TariffId,
    d: &TariffData,
) -> QueryResult<usize> {
    diesel::update(t::table.find(id).filter(t::organization_id.eq(org)))
        .set(values(d))
        .execute(conn)
}

pub fn get(conn: &mut DbConn, org: OrganizationId, id: TariffId) -> QueryResult<Option<Tariff>> {
    t::table
        .find(id)
        .filter(t::organization_id.eq(org))
        .select(Row::as_select())
        .first(conn)
        .optional()
        .map(|r| r.map(to_dto))
}

pub fn list(
    conn: &mut DbConn,
    org: OrganizationId,
    service: Option<ServiceId>,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Tariff>, i64)> {
    let filter = t::organization_id.eq(org).and(
        t::service_id
            .eq(service.unwrap_or_default())
            .or(service.is_none().into_sql::<Bool>()),
    );
    let items = t::table
        .filter(filter)
        .order((t::service_id, t::valid_from.desc(), t::zone))
        .limit(limit)
        .offset(offset)
        .select(Row::as_select())
        .load(conn)?;
    let total = t::table.filter(filter).count().get_result(conn)?;
    Ok((items.into_iter().map(to_dto).collect(), total))
}

pub fn delete(conn: &mut DbConn, org: OrganizationId, id: TariffId) -> QueryResult<usize> {
    diesel::delete(t::table.find(id).filter(t::organization_id.eq(org))).execute(conn)
}

/// The prices in force on a day per (service, zone), with the day each took effect.
pub type InForce = HashMap<(ServiceId, i32), (domkom_values::Tariff, NaiveDate)>;

/// The price in force on `day` and the day it took effect, per (service, zone): the tariff
/// a period is billed at is the one in force on its first day.
pub fn in_force(conn: &mut DbConn, org: OrganizationId, day: NaiveDate) -> QueryResult<InForce> {
    let rows: Vec<(ServiceId, i32, domkom_values::Tariff, NaiveDate)> = super::load(
        conn,
        t::table
            .filter(t::organization_id.eq(org))
            .filter(t::valid_from.le(day))
            .order(t::valid_from)
            .select((t::service_id, t::zone, t::price, t::valid_from)),
    )?;
    // Oldest first, so the newest of each (service, zone) wins.
    Ok(rows
        .into_iter()
        .map(|(service, zone, price, from)| ((service, zone), (price, from)))
        .collect())
}

/// A service's tariffs among those in force: the single one (zone 0, else the first
/// zone's) and the zones' own in zone order; `None` when it has none.
pub fn of_service(
    in_force: &InForce,
    service: ServiceId,
) -> Option<(domkom_domain::Tariff, Vec<domkom_domain::Tariff>)> {
    let price = |zone| in_force.get(&(service, zone)).map(|(p, _)| *p);
    let zones: Vec<_> = (1..=4).filter_map(price).collect();
    let single = price(0).or_else(|| zones.first().copied())?;
    Some((single, zones))
}
