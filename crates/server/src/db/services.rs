//! Services an organization bills (содержание, ХВС, ...).

use super::schema::services as s;
use super::{enum_text, join_ids, json_array, split_ids, text_enum, DbConn};
use diesel::prelude::*;
use domkom_dto::{Service, ServiceData};
use domkom_values::{AreaNorm, OrganizationId, Quantity, ServiceId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = s)]
struct Row {
    id: ServiceId,
    name: String,
    unit: String,
    supplier_name: String,
    supplier_inn: String,
    method: String,
    resource: Option<String>,
    source_service_ids: String,
    norm_per_person: Quantity,
    norm_per_m2: Option<AreaNorm>,
    sort_order: i32,
}

fn to_dto(row: Row) -> QueryResult<Service> {
    Ok(Service {
        id: row.id,
        data: ServiceData {
            name: row.name,
            unit: row.unit,
            supplier_name: row.supplier_name,
            supplier_inn: row.supplier_inn,
            method: text_enum(&row.method)?,
            resource: row.resource.as_deref().map(text_enum).transpose()?,
            source_service_ids: split_ids(&row.source_service_ids)?,
            norm_per_person: row.norm_per_person,
            norm_per_m2: row.norm_per_m2,
            sort_order: row.sort_order,
        },
    })
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = s, treat_none_as_null = true)]
struct Values<'a> {
    name: &'a str,
    unit: &'a str,
    supplier_name: &'a str,
    supplier_inn: &'a str,
    method: String,
    resource: Option<String>,
    source_service_ids: String,
    norm_per_person: Quantity,
    norm_per_m2: Option<AreaNorm>,
    sort_order: i32,
}

fn values(d: &ServiceData) -> Values<'_> {
    Values {
        name: d.name.trim(),
        unit: d.unit.trim(),
        supplier_name: d.supplier_name.trim(),
        supplier_inn: d.supplier_inn.trim(),
        method: enum_text(&d.method),
        resource: d.resource.as_ref().map(enum_text),
        source_service_ids: join_ids(&d.source_service_ids),
        norm_per_person: d.norm_per_person,
        norm_per_m2: d.norm_per_m2,
        sort_order: d.sort_order,
    }
}

pub fn insert(conn: &mut DbConn, org: OrganizationId, d: &ServiceData) -> QueryResult<ServiceId> {
    crate::per_backend!(conn, |c| diesel::insert_into(s::table)
        .values((values(d), s::organization_id.eq(org)))
        .returning(s::id)
        .get_result(c))
}

pub fn update(
    conn: &mut DbConn,
    org: OrganizationId,
    id: ServiceId,
    d: &ServiceData,
) -> QueryResult<usize> {
    diesel::update(s::table.find(id).filter(s::organization_id.eq(org)))
        .set(values(d))
        .execute(conn)
}

pub fn get(conn: &mut DbConn, org: OrganizationId, id: ServiceId) -> QueryResult<Option<Service>> {
    s::table
        .find(id)
        .filter(s::organization_id.eq(org))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(to_dto)
        .transpose()
}

pub fn exists(conn: &mut DbConn, org: OrganizationId, id: ServiceId) -> QueryResult<bool> {
    s::table
        .find(id)
        .filter(s::organization_id.eq(org))
        .count()
        .get_result::<i64>(conn)
        .map(|n| n > 0)
}

/// Whether every id names a service of the organization.
pub fn all_exist(conn: &mut DbConn, org: OrganizationId, ids: &[ServiceId]) -> QueryResult<bool> {
    for id in ids {
        if !exists(conn, org, *id)? {
            return Ok(false);
        }
    }
    Ok(true)
}

pub fn list(
    conn: &mut DbConn,
    org: OrganizationId,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Service>, i64)> {
    let rows = s::table
        .filter(s::organization_id.eq(org))
        .order((s::sort_order, s::id))
        .limit(limit)
        .offset(offset)
        .select(Row::as_select())
        .load(conn)?;
    let total = s::table
        .filter(s::organization_id.eq(org))
        .count()
        .get_result(conn)?;
    Ok((
        rows.into_iter().map(to_dto).collect::<QueryResult<_>>()?,
        total,
    ))
}

/// Whether another service of the organization is computed from this one.
pub fn is_source(conn: &mut DbConn, org: OrganizationId, id: ServiceId) -> QueryResult<bool> {
    let lists: Vec<String> = s::table
        .filter(s::organization_id.eq(org))
        .select(s::source_service_ids)
        .load(conn)?;
    for list in lists {
        if split_ids::<ServiceId>(&list)?.contains(&id) {
            return Ok(true);
        }
    }
    Ok(false)
}

pub fn delete(conn: &mut DbConn, org: OrganizationId, id: ServiceId) -> QueryResult<usize> {
    diesel::delete(s::table.find(id).filter(s::organization_id.eq(org))).execute(conn)
}

/// `(id, name)` of every service of the organization.
pub fn names(conn: &mut DbConn, org: OrganizationId) -> QueryResult<Vec<(ServiceId, String)>> {
    s::table
        .filter(s::organization_id.eq(org))
        .select((s::id, s::name))
        .load(conn)
}

/// `id → (name, supplier, unit)`: what a resident's page prints next to a charge line.
pub type Labels = std::collections::HashMap<ServiceId, (String, String, String)>;

/// The organization's services as a closed period keeps them (`periods.services`): a JSON
/// array of `[id, name, supplier, unit]`.
pub fn snapshot(conn: &mut DbConn, org: OrganizationId) -> QueryResult<String> {
    let rows: Vec<(ServiceId, String, String, String)> = s::table
        .filter(s::organization_id.eq(org))
        .order(s::id)
        .select((s::id, s::name, s::supplier_name, s::unit))
        .load(conn)?;
    serde_json::to_string(&rows).map_err(|e| diesel::result::Error::SerializationError(e.into()))
}

/// Reads a `snapshot`; a period closed with no services has none.
pub fn labels_of(snapshot: Option<&str>) -> QueryResult<Labels> {
    let rows: Vec<(ServiceId, String, String, String)> = match snapshot {
        Some(json) => json_array(json)?,
        None => Vec::new(),
    };
    Ok(rows
        .into_iter()
        .map(|(id, name, supplier, unit)| (id, (name, supplier, unit)))
        .collect())
}
