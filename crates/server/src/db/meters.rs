//! Meters: a flat's (with an account) or a house's (without).

use super::schema::meters as m;
use super::{join_quantities, split_quantities, DbConn};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::Bool;
use domkom_dto::{Meter, MeterData, MeterFilter};
use domkom_values::{AccountId, HouseId, MeterId, OrganizationId, ServiceId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = m)]
struct Row {
    id: MeterId,
    account_id: Option<AccountId>,
    house_id: HouseId,
    service_id: ServiceId,
    serial: String,
    zones: i32,
    digits: i32,
    installed_on: NaiveDate,
    verification_due: NaiveDate,
    initial_values: String,
}

fn to_dto(row: Row) -> QueryResult<Meter> {
    Ok(Meter {
        id: row.id,
        data: MeterData {
            account_id: row.account_id,
            house_id: Some(row.house_id),
            service_id: row.service_id,
            serial: row.serial,
            zones: row.zones,
            digits: row.digits,
            installed_on: row.installed_on,
            verification_due: row.verification_due,
            initial_values: split_quantities(&row.initial_values)?,
        },
    })
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = m, treat_none_as_null = true)]
struct Values<'a> {
    account_id: Option<AccountId>,
    house_id: HouseId,
    service_id: ServiceId,
    serial: &'a str,
    zones: i32,
    digits: i32,
    installed_on: NaiveDate,
    verification_due: NaiveDate,
    initial_values: String,
}

/// `house` is the account's house for a flat's meter (checked by the caller).
fn values(d: &MeterData, house: HouseId) -> Values<'_> {
    Values {
        account_id: d.account_id,
        house_id: house,
        service_id: d.service_id,
        serial: d.serial.trim(),
        zones: d.zones,
        digits: d.digits,
        installed_on: d.installed_on,
        verification_due: d.verification_due,
        initial_values: join_quantities(&d.initial_values),
    }
}

pub fn insert(
    conn: &mut DbConn,
    org: OrganizationId,
    d: &MeterData,
    house: HouseId,
) -> QueryResult<MeterId> {
    crate::per_backend!(conn, |c| diesel::insert_into(m::table)
        .values((values(d, house), m::organization_id.eq(org)))
        .returning(m::id)
        .get_result(c))
}

pub fn update(
    conn: &mut DbConn,
    org: OrganizationId,
    id: MeterId,
    d: &MeterData,
    house: HouseId,
) -> QueryResult<usize> {
    diesel::update(m::table.find(id).filter(m::organization_id.eq(org)))
        .set(values(d, house))
        .execute(conn)
}

pub fn get(conn: &mut DbConn, org: OrganizationId, id: MeterId) -> QueryResult<Option<Meter>> {
    m::table
        .find(id)
        .filter(m::organization_id.eq(org))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(to_dto)
        .transpose()
}

pub fn list(
    conn: &mut DbConn,
    org: OrganizationId,
    f: &MeterFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Meter>, i64)> {
    let filter = m::organization_id
        .eq(org)
        .and(
            m::account_id
                .eq(f.account_id.unwrap_or_default())
                .or(f.account_id.is_none().into_sql::<Bool>()),
        )
        .and(
            m::house_id
                .eq(f.house_id.unwrap_or_default())
                .or(f.house_id.is_none().into_sql::<Bool>()),
        );
    let rows = m::table
        .filter(filter)
        .order(m::id)
        .limit(limit)
        .offset(offset)
        .select(Row::as_select())
        .load(conn)?;
    let total = m::table.filter(filter).count().get_result(conn)?;
    Ok((
        rows.into_iter().map(to_dto).collect::<QueryResult<_>>()?,
        total,
    ))
}

/// A closed period computed the meter's volume: its history must stay (the volumes refer
/// to meters without a foreign key, see the packed-charges migration).
pub fn was_billed(conn: &mut DbConn, id: MeterId) -> QueryResult<bool> {
    use super::schema::meter_volumes as mv;
    diesel::select(diesel::dsl::exists(mv::table.filter(mv::meter_id.eq(id)))).get_result(conn)
}

pub fn delete(conn: &mut DbConn, org: OrganizationId, id: MeterId) -> QueryResult<usize> {
    diesel::delete(m::table.find(id).filter(m::organization_id.eq(org))).execute(conn)
}

/// Installs many meters (checked by the caller), each with its house, in batches.
pub fn insert_many(
    conn: &mut DbConn,
    org: OrganizationId,
    ds: &[(MeterData, HouseId)],
) -> QueryResult<usize> {
    let rows: Vec<_> = ds
        .iter()
        .map(|(d, house)| (values(d, *house), m::organization_id.eq(org)))
        .collect();
    let mut n = 0;
    for batch in rows.chunks(super::BATCH) {
        n += crate::per_backend!(conn, |c| diesel::insert_into(m::table)
            .values(batch)
            .execute(c))?;
    }
    Ok(n)
}

/// A meter as files name it.
pub struct MeterKey {
    pub id: MeterId,
    pub account_id: Option<AccountId>,
    pub house_id: HouseId,
    pub serial: String,
    pub zones: i32,
}

/// Every meter of the organization.
pub fn keys(conn: &mut DbConn, org: OrganizationId) -> QueryResult<Vec<MeterKey>> {
    let rows = m::table
        .filter(m::organization_id.eq(org))
        .select((m::id, m::account_id, m::house_id, m::serial, m::zones))
        .load::<(MeterId, Option<AccountId>, HouseId, String, i32)>(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, account_id, house_id, serial, zones)| MeterKey {
            id,
            account_id,
            house_id,
            serial,
            zones,
        })
        .collect())
}
