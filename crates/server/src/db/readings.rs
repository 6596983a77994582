//! Meter readings: every submission is kept; the newest of a (meter, period, zone) counts.

use super::schema::{accounts as a, houses as h, meters as m, premises as p, readings as r};
use super::{enum_text, now, text_enum, DbConn};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use domkom_dto::{Reading, ReadingData, ReadingFilter, ReadingSource};
use domkom_values::{AccountId, HouseId, MeterId, OrganizationId, Quantity, ReadingId, UserId};
use std::collections::{HashMap, HashSet};

/// A stored reading as its table holds it.
#[derive(Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct Row {
    pub id: ReadingId,
    pub meter_id: MeterId,
    pub period: String,
    pub zone: i32,
    pub value: Quantity,
    pub rolled_over: bool,
    pub source: String,
    pub created_at: NaiveDateTime,
    pub taken_on: NaiveDate,
}

fn to_dto(row: Row) -> QueryResult<Reading> {
    Ok(Reading {
        id: row.id,
        data: ReadingData {
            meter_id: row.meter_id,
            period: row.period,
            zone: row.zone,
            value: row.value,
            rolled_over: row.rolled_over,
            taken_on: Some(row.taken_on),
        },
        source: text_enum(&row.source)?,
        created_at: row.created_at.and_utc(),
    })
}

/// Stores a reading checked by the caller, taken on `taken_on` (see
/// `domkom_domain::reading::taken_on`).
pub fn insert(
    conn: &mut DbConn,
    org: OrganizationId,
    d: &ReadingData,
    taken_on: NaiveDate,
    source: ReadingSource,
    user: UserId,
) -> QueryResult<ReadingId> {
    crate::per_backend!(conn, |c| diesel::insert_into(r::table)
        .values((
            r::organization_id.eq(org),
            r::meter_id.eq(d.meter_id),
            r::period.eq(&d.period),
            r::zone.eq(d.zone),
            r::value.eq(d.value),
            r::rolled_over.eq(d.rolled_over),
            r::source.eq(enum_text(&source)),
            r::submitted_by.eq(user),
            r::created_at.eq(now()),
            r::taken_on.eq(taken_on),
        ))
        .returning(r::id)
        .get_result(c))
}

pub fn get(conn: &mut DbConn, org: OrganizationId, id: ReadingId) -> QueryResult<Option<Reading>> {
    r::table
        .find(id)
        .filter(r::organization_id.eq(org))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(to_dto)
        .transpose()
}

/// Newest first.
pub fn list(
    conn: &mut DbConn,
    org: OrganizationId,
    f: &ReadingFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Reading>, i64)> {
    let period = f.period.as_deref();
    let filter = r::organization_id
        .eq(org)
        .and(
            r::period
                .eq(period.unwrap_or(""))
                .or(period.is_none().into_sql::<Bool>()),
        )
        .and(
            r::meter_id
                .eq(f.meter_id.unwrap_or_default())
                .or(f.meter_id.is_none().into_sql::<Bool>()),
        )
        .and(
            m::house_id
                .eq(f.house_id.unwrap_or_default())
                .or(f.house_id.is_none().into_sql::<Bool>()),
        )
        .and(
            m::account_id
                .eq(f.account_id.unwrap_or_default())
                .or(f.account_id.is_none().into_sql::<Bool>()),
        );
    let rows = r::table
        .inner_join(m::table)
        .filter(filter)
        .order((r::created_at.desc(), r::id.desc()))
        .limit(limit)
        .offset(offset)
        .select(Row::as_select())
        .load(conn)?;
    let total = r::table
        .inner_join(m::table)
        .filter(filter)
        .count()
        .get_result(conn)?;
    Ok((
        rows.into_iter().map(to_dto).collect::<QueryResult<_>>()?,
        total,
    ))
}

/// One line of the readings export.
pub struct ExportLine {
    pub account_number: String,
    pub address: String,
    pub premise_number: String,
    pub serial: String,
    pub zone: i32,
    pub value: Quantity,
    pub source: String,
    /// The day the meter was read.
    pub taken_on: NaiveDate,
}

/// The newest reading of each (meter, zone) of the period, by account number. One query
/// per table of the organization, joined in memory.
pub fn export(
    conn: &mut DbConn,
    org: OrganizationId,
    period: &str,
) -> QueryResult<Vec<ExportLine>> {
    let readings = r::table
        .filter(r::organization_id.eq(org).and(r::period.eq(period)))
        .order((r::created_at.desc(), r::id.desc()))
        .select((r::meter_id, r::zone, r::value, r::source, r::taken_on))
        .load::<(MeterId, i32, Quantity, String, NaiveDate)>(conn)?;
    let meters: HashMap<MeterId, (Option<AccountId>, HouseId, String)> = m::table
        .filter(m::organization_id.eq(org))
        .select((m::id, m::account_id, m::house_id, m::serial))
        .load::<(MeterId, Option<AccountId>, HouseId, String)>(conn)?
        .into_iter()
        .map(|(id, account, house, serial)| (id, (account, house, serial)))
        .collect();
    let accounts: HashMap<AccountId, (String, String)> = a::table
        .inner_join(p::table)
        .filter(a::organization_id.eq(org))
        .select((a::id, a::number, p::number))
        .load::<(AccountId, String, String)>(conn)?
        .into_iter()
        .map(|(id, number, premise)| (id, (number, premise)))
        .collect();
    let houses: HashMap<HouseId, String> = h::table
        .filter(h::organization_id.eq(org))
        .select((h::id, h::address))
        .load(conn)?
        .into_iter()
        .collect();
    let mut seen = HashSet::new();
    let mut lines = Vec::new();
    for (meter, zone, value, source, taken_on) in readings {
        if !seen.insert((meter, zone)) {
            continue;
        }
        let Some((account, house, serial)) = meters.get(&meter) else {
            continue;
        };
        let (account_number, premise_number) = account
            .and_then(|id| accounts.get(&id).cloned())
            .unwrap_or_default();
        lines.push(ExportLine {
            account_number,
            address: houses.get(house).cloned().unwrap_or_default(),
            premise_number,
            serial: serial.clone(),
            zone,
            value,
            source,
            taken_on,
        });
    }
    lines.sort_by(|x, y| {
        (&x.account_number, &x.serial, x.zone).cmp(&(&y.account_number, &y.serial, y.zone))
    });
    Ok(lines)
}

/// Writes many readings (checked by the caller, each with the day it was taken) in
/// batches.
pub fn insert_many(
    conn: &mut DbConn,
    org: OrganizationId,
    ds: &[(ReadingData, NaiveDate)],
    source: ReadingSource,
    user: UserId,
) -> QueryResult<usize> {
    let (at, source) = (now(), enum_text(&source));
    let rows: Vec<_> = ds
        .iter()
        .map(|(d, taken_on)| {
            (
                r::organization_id.eq(org),
                r::meter_id.eq(d.meter_id),
                r::period.eq(&d.period),
                r::zone.eq(d.zone),
                r::value.eq(d.value),
                r::rolled_over.eq(d.rolled_over),
                r::source.eq(&source),
                r::submitted_by.eq(user),
                r::created_at.eq(at),
                r::taken_on.eq(*taken_on),
            )
        })
        .collect();
    let mut n = 0;
    for batch in rows.chunks(super::BATCH) {
        n += crate::per_backend!(conn, |c| diesel::insert_into(r::table)
            .values(batch)
            .execute(c))?;
    }
    Ok(n)
}
