//! Premises (flats and non-residential premises) of an organization's houses.

use super::schema::premises as p;
use super::DbConn;
use diesel::prelude::*;
use diesel::sql_types::Bool;
use domkom_dto::{Premise, PremiseData};
use domkom_values::{Area, HouseId, OrganizationId, PremiseId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = p)]
struct Row {
    id: PremiseId,
    house_id: HouseId,
    number: String,
    residential: bool,
    area: Area,
}

fn to_dto(row: Row) -> Premise {
    Premise {
        id: row.id,
        data: PremiseData {
            house_id: row.house_id,
            number: row.number,
            residential: row.residential,
            area: row.area,
        },
    }
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = p)]
struct Values<'a> {
    house_id: HouseId,
    number: &'a str,
    residential: bool,
    area: Area,
}

fn values(d: &PremiseData) -> Values<'_> {
    Values {
        house_id: d.house_id,
        number: d.number.trim(),
        residential: d.residential,
        area: d.area,
    }
}

pub fn insert(conn: &mut DbConn, org: OrganizationId, d: &PremiseData) -> QueryResult<PremiseId> {
    crate::per_backend!(conn, |c| diesel::insert_into(p::table)
        .values((values(d), p::organization_id.eq(org)))
        .returning(p::id)
        .get_result(c))
}

pub fn update(
    conn: &mut DbConn,
    org: OrganizationId,
    id: PremiseId,
    d: &PremiseData,
) -> QueryResult<usize> {
    diesel::update(p::table.find(id).filter(p::organization_id.eq(org)))
        .set(values(d))
        .execute(conn)
}

pub fn get(conn: &mut DbConn, org: OrganizationId, id: PremiseId) -> QueryResult<Option<Premise>> {
    p::table
        .find(id)
        .filter(p::organization_id.eq(org))
        .select(Row::as_select())
        .first(conn)
        .optional()
        .map(|r| r.map(to_dto))
}

/// The house of a premise of the organization.
pub fn house_of(
    conn: &mut DbConn,
    org: OrganizationId,
    id: PremiseId,
) -> QueryResult<Option<HouseId>> {
    p::table
        .find(id)
        .filter(p::organization_id.eq(org))
        .select(p::house_id)
        .first(conn)
        .optional()
}

pub fn list(
    conn: &mut DbConn,
    org: OrganizationId,
    house: Option<HouseId>,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Premise>, i64)> {
    let any_house = house.is_none().into_sql::<Bool>();
    let filter = p::organization_id
        .eq(org)
        .and(p::house_id.eq(house.unwrap_or_default()).or(any_house));
    let items = p::table
        .filter(filter)
        .order((p::house_id, p::id))
        .limit(limit)
        .offset(offset)
        .select(Row::as_select())
        .load(conn)?;
    let total = p::table.filter(filter).count().get_result(conn)?;
    Ok((items.into_iter().map(to_dto).collect(), total))
}

pub fn delete(conn: &mut DbConn, org: OrganizationId, id: PremiseId) -> QueryResult<usize> {
    diesel::delete(p::table.find(id).filter(p::organization_id.eq(org))).execute(conn)
}

/// Writes many premises (checked by the caller) in batches.
pub fn insert_many(
    conn: &mut DbConn,
    org: OrganizationId,
    ds: &[PremiseData],
) -> QueryResult<usize> {
    let rows: Vec<_> = ds
        .iter()
        .map(|d| (values(d), p::organization_id.eq(org)))
        .collect();
    let mut n = 0;
    for batch in rows.chunks(super::BATCH) {
        n += crate::per_backend!(conn, |c| diesel::insert_into(p::table)
            .values(batch)
            .execute(c))?;
    }
    Ok(n)
}

/// `(id, house, number)` of every premise of the organization.
pub fn numbers(
    conn: &mut DbConn,
    org: OrganizationId,
) -> QueryResult<Vec<(PremiseId, HouseId, String)>> {
    p::table
        .filter(p::organization_id.eq(org))
        .select((p::id, p::house_id, p::number))
        .load(conn)
}
