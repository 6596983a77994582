//! Houses (МКД) of an organization.

use super::schema::houses as h;
use super::{now, DbConn};
use diesel::prelude::*;
use domkom_dto::{House, HouseData};
use domkom_values::{Area, HouseId, OrganizationId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = h)]
struct Row {
    id: HouseId,
    address: String,
    total_area: Area,
    common_area: Area,
    share_cap_at_norm: bool,
}

fn to_dto(row: Row) -> House {
    House {
        id: row.id,
        data: HouseData {
            address: row.address,
            total_area: row.total_area,
            common_area: row.common_area,
            share_cap_at_norm: row.share_cap_at_norm,
        },
    }
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = h)]
struct Values<'a> {
    address: &'a str,
    total_area: Area,
    common_area: Area,
    share_cap_at_norm: bool,
}

fn values(d: &HouseData) -> Values<'_> {
    Values {
        address: d.address.trim(),
        total_area: d.total_area,
        common_area: d.common_area,
        share_cap_at_norm: d.share_cap_at_norm,
    }
}

pub fn insert(conn: &mut DbConn, org: OrganizationId, d: &HouseData) -> QueryResult<HouseId> {
    crate::per_backend!(conn, |c| diesel::insert_into(h::table)
        .values((
            values(d),
            h::organization_id.eq(org),
            h::created_at.eq(now())
        ))
        .returning(h::id)
        .get_result(c))
}

pub fn update(
    conn: &mut DbConn,
    org: OrganizationId,
    id: HouseId,
    d: &HouseData,
) -> QueryResult<usize> {
    diesel::update(h::table.find(id).filter(h::organization_id.eq(org)))
        .set(values(d))
        .execute(conn)
}

pub fn get(conn: &mut DbConn, org: OrganizationId, id: HouseId) -> QueryResult<Option<House>> {
    h::table
        .find(id)
        .filter(h::organization_id.eq(org))
        .select(Row::as_select())
        .first(conn)
        .optional()
        .map(|r| r.map(to_dto))
}

pub fn list(
    conn: &mut DbConn,
    org: OrganizationId,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<House>, i64)> {
    let items = h::table
        .filter(h::organization_id.eq(org))
        .order(h::id)
        .limit(limit)
        .offset(offset)
        .select(Row::as_select())
        .load(conn)?;
    let total = h::table
        .filter(h::organization_id.eq(org))
        .count()
        .get_result(conn)?;
    Ok((items.into_iter().map(to_dto).collect(), total))
}

pub fn delete(conn: &mut DbConn, org: OrganizationId, id: HouseId) -> QueryResult<usize> {
    diesel::delete(h::table.find(id).filter(h::organization_id.eq(org))).execute(conn)
}

pub fn exists(conn: &mut DbConn, org: OrganizationId, id: HouseId) -> QueryResult<bool> {
    get(conn, org, id).map(|h| h.is_some())
}

/// Writes many houses (checked by the caller) in batches.
pub fn insert_many(conn: &mut DbConn, org: OrganizationId, ds: &[HouseData]) -> QueryResult<usize> {
    let at = now();
    let rows: Vec<_> = ds
        .iter()
        .map(|d| (values(d), h::organization_id.eq(org), h::created_at.eq(at)))
        .collect();
    let mut n = 0;
    for batch in rows.chunks(super::BATCH) {
        n += crate::per_backend!(conn, |c| diesel::insert_into(h::table)
            .values(batch)
            .execute(c))?;
    }
    Ok(n)
}

/// `(id, address)` of every house of the organization.
pub fn addresses(conn: &mut DbConn, org: OrganizationId) -> QueryResult<Vec<(HouseId, String)>> {
    h::table
        .filter(h::organization_id.eq(org))
        .select((h::id, h::address))
        .load(conn)
}
