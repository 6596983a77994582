//! Organizations (УК, ТСЖ, ...) with requisites and settings.

use super::schema::organizations as o;
use super::{enum_text, now, text_enum, DbConn};
use diesel::prelude::*;
use domkom_dto::{BankDetails, Organization, OrganizationData, OrganizationSettings};
use domkom_values::OrganizationId;

#[derive(Queryable, Selectable)]
#[diesel(table_name = o)]
struct Row {
    id: OrganizationId,
    kind: String,
    name: String,
    inn: String,
    kpp: String,
    ogrn: String,
    address: String,
    phone: String,
    email: String,
    site: String,
    hours: String,
    bank_account: String,
    bank_name: String,
    bic: String,
    corr_account: String,
    reading_day_from: i32,
    reading_day_to: i32,
    due_day: i32,
    penalties_enabled: bool,
}

fn to_dto(row: Row) -> QueryResult<Organization> {
    Ok(Organization {
        id: row.id,
        data: OrganizationData {
            kind: text_enum(&row.kind)?,
            name: row.name,
            inn: row.inn,
            kpp: row.kpp,
            ogrn: row.ogrn,
            address: row.address,
            phone: row.phone,
            email: row.email,
            site: row.site,
            hours: row.hours,
            bank: BankDetails {
                account: row.bank_account,
                bank_name: row.bank_name,
                bic: row.bic,
                corr_account: row.corr_account,
            },
            settings: OrganizationSettings {
                reading_day_from: row.reading_day_from,
                reading_day_to: row.reading_day_to,
                due_day: row.due_day,
                penalties_enabled: row.penalties_enabled,
            },
        },
    })
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = o)]
struct Values<'a> {
    kind: String,
    name: &'a str,
    inn: &'a str,
    kpp: &'a str,
    ogrn: &'a str,
    address: &'a str,
    phone: &'a str,
    email: &'a str,
    site: &'a str,
    hours: &'a str,
    bank_account: &'a str,
    bank_name: &'a str,
    bic: &'a str,
    corr_account: &'a str,
    reading_day_from: i32,
    reading_day_to: i32,
    due_day: i32,
    penalties_enabled: bool,
}

fn values(d: &OrganizationData) -> Values<'_> {
    Values {
        kind: enum_text(&d.kind),
        name: d.name.trim(),
        inn: &d.inn,
        kpp: &d.kpp,
        ogrn: &d.ogrn,
        address: d.address.trim(),
        phone: d.phone.trim(),
        email: d.email.trim(),
        site: d.site.trim(),
        hours: d.hours.trim(),
        bank_account: &d.bank.account,
        bank_name: d.bank.bank_name.trim(),
        bic: &d.bank.bic,
        corr_account: &d.bank.corr_account,
        reading_day_from: d.settings.reading_day_from,
        reading_day_to: d.settings.reading_day_to,
        due_day: d.settings.due_day,
        penalties_enabled: d.settings.penalties_enabled,
    }
}

pub fn insert(conn: &mut DbConn, d: &OrganizationData) -> QueryResult<OrganizationId> {
    crate::per_backend!(conn, |c| diesel::insert_into(o::table)
        .values((values(d), o::created_at.eq(now())))
        .returning(o::id)
        .get_result(c))
}

pub fn update(conn: &mut DbConn, id: OrganizationId, d: &OrganizationData) -> QueryResult<usize> {
    diesel::update(o::table.find(id))
        .set(values(d))
        .execute(conn)
}

/// Every organization's id.
pub fn ids(conn: &mut DbConn) -> QueryResult<Vec<OrganizationId>> {
    o::table.order(o::id).select(o::id).load(conn)
}

pub fn get(conn: &mut DbConn, id: OrganizationId) -> QueryResult<Option<Organization>> {
    o::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()
        .and_then(|r| r.map(to_dto).transpose())
}

pub fn inn_taken(
    conn: &mut DbConn,
    inn: &str,
    except: Option<OrganizationId>,
) -> QueryResult<bool> {
    // Ids start at 1, so 0 excludes nothing.
    let except = except.unwrap_or_default();
    diesel::select(diesel::dsl::exists(
        o::table.filter(o::inn.eq(inn)).filter(o::id.ne(except)),
    ))
    .get_result(conn)
}

pub fn list(conn: &mut DbConn, limit: i64, offset: i64) -> QueryResult<(Vec<Organization>, i64)> {
    let items = o::table
        .order(o::id)
        .limit(limit)
        .offset(offset)
        .select(Row::as_select())
        .load(conn)?;
    let total = o::table.count().get_result(conn)?;
    Ok((
        items.into_iter().map(to_dto).collect::<QueryResult<_>>()?,
        total,
    ))
}
