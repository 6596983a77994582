//! Personal accounts (лицевые счета) and the services billed to them.

use super::schema::{account_services as s, accounts as a, premises as p};
use super::{enum_text, now, text_enum, DbConn};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use domkom_dto::{Account, AccountData, AccountFilter};
use domkom_values::{AccountId, HouseId, Money, OrganizationId, PremiseId, ServiceId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = a)]
struct Row {
    id: AccountId,
    premise_id: PremiseId,
    number: String,
    kind: String,
    holder: String,
    persons: i32,
    opening_balance: Money,
    link_code: String,
}

/// Linking codes avoid characters people confuse on paper: no 0/O, no 1/I.
pub const LINK_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
pub const LINK_LEN: usize = 8;

pub fn new_link_code() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..LINK_LEN)
        .map(|_| char::from(LINK_ALPHABET[rng.random_range(0..LINK_ALPHABET.len())]))
        .collect()
}

fn to_dto(conn: &mut DbConn, org: OrganizationId, row: Row) -> QueryResult<Account> {
    let service_ids = s::table
        .filter(s::organization_id.eq(org).and(s::account_id.eq(row.id)))
        .order(s::service_id)
        .select(s::service_id)
        .load(conn)?;
    Ok(Account {
        id: row.id,
        data: AccountData {
            premise_id: row.premise_id,
            number: row.number,
            kind: text_enum(&row.kind)?,
            holder: row.holder,
            persons: row.persons,
            opening_balance: row.opening_balance,
            service_ids,
        },
        link_code: row.link_code,
    })
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = a)]
struct Values<'a> {
    premise_id: PremiseId,
    number: &'a str,
    kind: String,
    holder: &'a str,
    persons: i32,
    opening_balance: Money,
}

fn values(d: &AccountData) -> Values<'_> {
    Values {
        premise_id: d.premise_id,
        number: d.number.trim(),
        kind: enum_text(&d.kind),
        holder: d.holder.trim(),
        persons: d.persons,
        opening_balance: d.opening_balance,
    }
}

/// Replaces the account's services (already checked to be the organization's).
fn set_services(
    conn: &mut DbConn,
    org: OrganizationId,
    id: AccountId,
    services: &[ServiceId],
) -> QueryResult<()> {
    diesel::delete(s::table.filter(s::organization_id.eq(org).and(s::account_id.eq(id))))
        .execute(conn)?;
    let mut services = services.to_vec();
    services.sort_unstable();
    services.dedup();
    for service in services {
        diesel::insert_into(s::table)
            .values((
                s::account_id.eq(id),
                s::service_id.eq(service),
                s::organization_id.eq(org),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn insert(conn: &mut DbConn, org: OrganizationId, d: &AccountData) -> QueryResult<AccountId> {
    let id = crate::per_backend!(conn, |c| diesel::insert_into(a::table)
        .values((
            values(d),
            a::organization_id.eq(org),
            a::link_code.eq(new_link_code()),
            a::created_at.eq(now()),
        ))
        .returning(a::id)
        .get_result(c))?;
    set_services(conn, org, id, &d.service_ids)?;
    Ok(id)
}

/// Replaces the linking code (the demo data sets reproducible ones).
pub fn set_link_code(
    conn: &mut DbConn,
    org: OrganizationId,
    id: AccountId,
    code: &str,
) -> QueryResult<usize> {
    diesel::update(a::table.find(id).filter(a::organization_id.eq(org)))
        .set(a::link_code.eq(code))
        .execute(conn)
}

pub fn update(
    conn: &mut DbConn,
    org: OrganizationId,
    id: AccountId,
    d: &AccountData,
) -> QueryResult<usize> {
    let n = diesel::update(a::table.find(id).filter(a::organization_id.eq(org)))
        .set(values(d))
        .execute(conn)?;
    if n > 0 {
        set_services(conn, org, id, &d.service_ids)?;
    }
    Ok(n)
}

pub fn get(conn: &mut DbConn, org: OrganizationId, id: AccountId) -> QueryResult<Option<Account>> {
    let row = a::table
        .find(id)
        .filter(a::organization_id.eq(org))
        .select(Row::as_select())
        .first(conn)
        .optional()?;
    row.map(|r| to_dto(conn, org, r)).transpose()
}

pub fn exists(conn: &mut DbConn, org: OrganizationId, id: AccountId) -> QueryResult<bool> {
    a::table
        .find(id)
        .filter(a::organization_id.eq(org))
        .count()
        .get_result::<i64>(conn)
        .map(|n| n > 0)
}

/// The house of an account's premise.
pub fn house_of(
    conn: &mut DbConn,
    org: OrganizationId,
    id: AccountId,
) -> QueryResult<Option<HouseId>> {
    a::table
        .inner_join(p::table)
        .filter(a::id.eq(id).and(a::organization_id.eq(org)))
        .select(p::house_id)
        .first(conn)
        .optional()
}

pub fn list(
    conn: &mut DbConn,
    org: OrganizationId,
    f: &AccountFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Account>, i64)> {
    let number = f.number.as_deref().map(str::trim);
    let filter = a::organization_id
        .eq(org)
        .and(
            p::house_id
                .eq(f.house_id.unwrap_or_default())
                .or(f.house_id.is_none().into_sql::<Bool>()),
        )
        .and(
            a::number
                .eq(number.unwrap_or(""))
                .or(number.is_none().into_sql::<Bool>()),
        );
    let rows = a::table
        .inner_join(p::table)
        .filter(filter)
        .order(a::id)
        .limit(limit)
        .offset(offset)
        .select(Row::as_select())
        .load(conn)?;
    let total = a::table
        .inner_join(p::table)
        .filter(filter)
        .count()
        .get_result(conn)?;
    let items = rows
        .into_iter()
        .map(|r| to_dto(conn, org, r))
        .collect::<QueryResult<_>>()?;
    Ok((items, total))
}

pub fn delete(conn: &mut DbConn, org: OrganizationId, id: AccountId) -> QueryResult<usize> {
    diesel::delete(a::table.find(id).filter(a::organization_id.eq(org))).execute(conn)
}

/// Opens many accounts (checked by the caller) with their services, in batches.
pub fn insert_many(
    conn: &mut DbConn,
    org: OrganizationId,
    ds: &[AccountData],
) -> QueryResult<usize> {
    let at = now();
    let rows: Vec<_> = ds
        .iter()
        .map(|d| {
            (
                values(d),
                a::organization_id.eq(org),
                a::link_code.eq(new_link_code()),
                a::created_at.eq(at),
            )
        })
        .collect();
    let mut n = 0;
    for batch in rows.chunks(super::BATCH) {
        n += crate::per_backend!(conn, |c| diesel::insert_into(a::table)
            .values(batch)
            .execute(c))?;
    }
    let ids: std::collections::HashMap<String, AccountId> = numbers(conn, org)?
        .into_iter()
        .map(|(id, number, _)| (number, id))
        .collect();
    let mut links = Vec::new();
    for d in ds {
        let mut services = d.service_ids.clone();
        services.sort_unstable();
        services.dedup();
        let id = ids.get(d.number.trim()).copied().unwrap_or_default();
        links.extend(services.into_iter().map(|service| {
            (
                s::account_id.eq(id),
                s::service_id.eq(service),
                s::organization_id.eq(org),
            )
        }));
    }
    for batch in links.chunks(super::BATCH) {
        crate::per_backend!(conn, |c| diesel::insert_into(s::table)
            .values(batch)
            .execute(c))?;
    }
    Ok(n)
}

/// `(id, number, house)` of every account of the organization.
pub fn numbers(
    conn: &mut DbConn,
    org: OrganizationId,
) -> QueryResult<Vec<(AccountId, String, HouseId)>> {
    a::table
        .inner_join(p::table)
        .filter(a::organization_id.eq(org))
        .select((a::id, a::number, p::house_id))
        .load(conn)
}
