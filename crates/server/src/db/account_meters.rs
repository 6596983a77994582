//! An account's meters as its resident sees them: each with what was billed and what was
//! submitted, and the reading rules' inputs (base, past consumption, tariffs).

use super::schema::{
    meter_volumes as mv, meters as m, organizations as o, readings as r, services as s,
};
use super::{readings, split_quantities, text_enum, DbConn};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use domkom_domain::billing::input::{PastConsumption, VolumeMethod};
use domkom_domain::{Period, Quantity};
use domkom_dto::{ReadingEntry, ReadingSource, Resource};
use domkom_values::{AccountId, MeterId, OrganizationId, ReadingId, ServiceId};
use std::collections::{BTreeMap, HashMap};

/// A flat meter of the account with its service.
#[derive(Debug, Clone)]
pub struct MeterRow {
    pub id: MeterId,
    pub service_id: ServiceId,
    pub service_name: String,
    pub unit: String,
    pub resource: Option<Resource>,
    pub serial: String,
    pub zones: i32,
    pub digits: i32,
    pub verification_due: NaiveDate,
    pub initial_values: Vec<Quantity>,
}

/// A closed period of a meter (`meter_volumes`).
#[derive(Debug, Clone)]
pub struct VolumeRow {
    pub period: Period,
    pub method: VolumeMethod,
    pub volumes: Vec<Quantity>,
    pub billed: Vec<Quantity>,
}

impl VolumeRow {
    /// The period as the average reads it.
    pub fn consumption(&self) -> PastConsumption {
        PastConsumption {
            period: self.period,
            method: self.method,
            volumes: self.volumes.clone(),
        }
    }
}

/// A `meter_volumes` row as stored.
#[derive(Queryable, Selectable)]
#[diesel(table_name = mv)]
pub struct StoredVolumes {
    meter_id: MeterId,
    #[diesel(deserialize_as = String)]
    period: Period,
    method: String,
    volumes: String,
    billed_values: String,
}

/// Rows of `meter_volumes` by meter, each meter's in the order read.
pub fn by_meter(rows: Vec<StoredVolumes>) -> QueryResult<HashMap<MeterId, Vec<VolumeRow>>> {
    let mut out: HashMap<MeterId, Vec<VolumeRow>> = HashMap::new();
    for row in rows {
        out.entry(row.meter_id).or_default().push(VolumeRow {
            period: row.period,
            method: text_enum(&row.method)?,
            volumes: split_quantities(&row.volumes)?,
            billed: split_quantities(&row.billed_values)?,
        });
    }
    Ok(out)
}

/// A reading as stored: every submission is kept.
#[derive(Debug, Clone)]
pub struct StoredReading {
    pub id: ReadingId,
    pub period: Period,
    pub zone: i32,
    pub value: Quantity,
    pub rolled_over: bool,
    pub source: ReadingSource,
    pub created_at: NaiveDateTime,
    pub taken_on: NaiveDate,
}

/// A meter with its closed periods (oldest first) and its readings (oldest first).
#[derive(Debug, Clone)]
pub struct MeterBook {
    pub meter: MeterRow,
    pub volumes: Vec<VolumeRow>,
    pub readings: Vec<StoredReading>,
}

/// A meter with its service, as stored.
#[derive(Queryable, Selectable)]
#[diesel(table_name = m)]
struct Row {
    id: MeterId,
    service_id: ServiceId,
    #[diesel(select_expression = s::name)]
    service_name: String,
    #[diesel(select_expression = s::unit)]
    unit: String,
    #[diesel(select_expression = s::resource)]
    resource: Option<String>,
    serial: String,
    zones: i32,
    digits: i32,
    verification_due: NaiveDate,
    initial_values: String,
}

/// The account's flat meters (house meters have no account), by service order.
pub fn meters(conn: &mut DbConn, account: AccountId) -> QueryResult<Vec<MeterRow>> {
    load_meters(conn, Which::Account(account))
}

/// Whose meters [`load_meters`] reads.
enum Which<'a> {
    Account(AccountId),
    /// Meters of an organization, flats' or houses'.
    Meters {
        org: OrganizationId,
        ids: &'a [MeterId],
    },
}

fn load_meters(conn: &mut DbConn, which: Which) -> QueryResult<Vec<MeterRow>> {
    let query = m::table.inner_join(s::table).into_boxed();
    let query = match which {
        Which::Account(account) => query.filter(m::account_id.eq(account)),
        Which::Meters { org, ids } => {
            query.filter(m::id.eq_any(ids).and(m::organization_id.eq(org)))
        }
    };
    query
        .order((s::sort_order, s::id, m::id))
        .select(Row::as_select())
        .load::<Row>(conn)?
        .into_iter()
        .map(|row| {
            Ok(MeterRow {
                id: row.id,
                service_id: row.service_id,
                service_name: row.service_name,
                unit: row.unit,
                resource: row.resource.as_deref().map(text_enum).transpose()?,
                serial: row.serial,
                zones: row.zones,
                digits: row.digits,
                verification_due: row.verification_due,
                initial_values: split_quantities(&row.initial_values)?,
            })
        })
        .collect()
}

/// The account's meters with their closed periods and readings up to `up_to` (inclusive).
pub fn books(conn: &mut DbConn, account: AccountId, up_to: Period) -> QueryResult<Vec<MeterBook>> {
    let meters = meters(conn, account)?;
    with_history(conn, meters, up_to)
}

/// One meter of the organization (a flat's or a house's) with its closed periods and
/// readings up to `up_to` (inclusive): what a reading the staff enters is checked against.
pub fn book(
    conn: &mut DbConn,
    org: OrganizationId,
    id: MeterId,
    up_to: Period,
) -> QueryResult<Option<MeterBook>> {
    Ok(books_of(conn, org, &[id], up_to)?.remove(&id))
}

/// Books of the organization's meters among `ids`, by meter id (others' ids are left out),
/// read in batches so that a whole import's meters fit the bind-parameter limits.
pub fn books_of(
    conn: &mut DbConn,
    org: OrganizationId,
    ids: &[MeterId],
    up_to: Period,
) -> QueryResult<HashMap<MeterId, MeterBook>> {
    let mut out = HashMap::with_capacity(ids.len());
    for ids in ids.chunks(super::BATCH) {
        let meters = load_meters(conn, Which::Meters { org, ids })?;
        let books = with_history(conn, meters, up_to)?;
        out.extend(books.into_iter().map(|book| (book.meter.id, book)));
    }
    Ok(out)
}

/// The meters with their closed periods and readings up to `up_to` (inclusive).
fn with_history(
    conn: &mut DbConn,
    meters: Vec<MeterRow>,
    up_to: Period,
) -> QueryResult<Vec<MeterBook>> {
    let ids: Vec<MeterId> = meters.iter().map(|m| m.id).collect();
    let mut volumes = volumes(conn, &ids, None, up_to)?;
    let mut readings = readings(conn, &ids, None, up_to)?;
    Ok(meters
        .into_iter()
        .map(|meter| MeterBook {
            volumes: volumes.remove(&meter.id).unwrap_or_default(),
            readings: readings.remove(&meter.id).unwrap_or_default(),
            meter,
        })
        .collect())
}

/// Closed periods of the meters in `from..=to` (no `from`: no lower bound).
pub fn volumes(
    conn: &mut DbConn,
    meters: &[MeterId],
    from: Option<Period>,
    to: Period,
) -> QueryResult<HashMap<MeterId, Vec<VolumeRow>>> {
    let (from, to) = bounds(from, to);
    by_meter(
        mv::table
            .filter(mv::meter_id.eq_any(meters))
            .filter(mv::period.ge(from).and(mv::period.le(to)))
            .order(mv::period)
            .select(StoredVolumes::as_select())
            .load(conn)?,
    )
}

/// Readings of the meters in `from..=to`, oldest first.
pub fn readings(
    conn: &mut DbConn,
    meters: &[MeterId],
    from: Option<Period>,
    to: Period,
) -> QueryResult<HashMap<MeterId, Vec<StoredReading>>> {
    let (from, to) = bounds(from, to);
    let mut out: HashMap<MeterId, Vec<StoredReading>> = HashMap::new();
    for row in r::table
        .filter(r::meter_id.eq_any(meters))
        .filter(r::period.ge(from).and(r::period.le(to)))
        .order(r::id)
        .select(readings::Row::as_select())
        .load(conn)?
    {
        out.entry(row.meter_id).or_default().push(StoredReading {
            id: row.id,
            period: super::stored_period(&row.period)?,
            zone: row.zone,
            value: row.value,
            rolled_over: row.rolled_over,
            source: text_enum(&row.source)?,
            created_at: row.created_at,
            taken_on: row.taken_on,
        });
    }
    Ok(out)
}

/// `from..=to` as the TEXT bounds a query compares periods with (`YYYY-MM` sorts in
/// time order; the empty text is below every period).
fn bounds(from: Option<Period>, to: Period) -> (String, String) {
    (
        from.map(|p| p.to_string()).unwrap_or_default(),
        to.to_string(),
    )
}

/// The organization's reading window, days of the month.
pub fn window_days(conn: &mut DbConn, org: OrganizationId) -> QueryResult<(i32, i32)> {
    o::table
        .find(org)
        .select((o::reading_day_from, o::reading_day_to))
        .first(conn)
}

impl MeterBook {
    /// The last closed period before `period` and its billed readings, else the readings
    /// at installation: what the close takes as the previous readings.
    pub fn billed_before(&self, period: Period) -> (Option<Period>, Vec<Quantity>) {
        match self.volumes.iter().rev().find(|v| v.period < period) {
            Some(v) => (Some(v.period), self.per_zone(&v.billed)),
            None => (None, self.per_zone(&self.meter.initial_values)),
        }
    }

    /// What a reading for `period` is checked against: the billed readings, moved on by
    /// the newest complete reading of each later period that is not closed yet (the close
    /// of that period will bill it first).
    pub fn base_for(&self, period: Period) -> Vec<Quantity> {
        let (billed_period, mut base) = self.billed_before(period);
        for (pending, values) in self.newest_by_period() {
            let counts = billed_period.is_none_or(|billed| pending > billed)
                && pending < period
                && self.meter.verification_due > pending.last_day();
            // A period with a zone missing is billed by average: the base stays.
            if let (true, Some(values)) = (counts, values.into_iter().collect::<Option<Vec<_>>>()) {
                base = values.iter().map(|r| r.value).collect();
            }
        }
        base
    }

    /// The newest reading of each zone per period, periods in order.
    pub fn newest_by_period(&self) -> BTreeMap<Period, Vec<Option<&StoredReading>>> {
        let mut out: BTreeMap<Period, Vec<Option<&StoredReading>>> = BTreeMap::new();
        for reading in &self.readings {
            let zones = out
                .entry(reading.period)
                .or_insert_with(|| vec![None; self.zone_count()]);
            if let Some(slot) = usize::try_from(reading.zone - 1)
                .ok()
                .and_then(|i| zones.get_mut(i))
            {
                // Oldest first, so a later one replaces an earlier one.
                *slot = Some(reading);
            }
        }
        out
    }

    /// The closed periods before `period`, as the average needs them.
    pub fn past(&self, period: Period) -> Vec<PastConsumption> {
        self.volumes
            .iter()
            .filter(|v| v.period < period)
            .map(VolumeRow::consumption)
            .collect()
    }

    pub fn zone_count(&self) -> usize {
        usize::try_from(self.meter.zones).unwrap_or(1)
    }

    /// One value per zone: a short list padded with zeros, as the close reads it.
    fn per_zone(&self, values: &[Quantity]) -> Vec<Quantity> {
        (0..self.zone_count())
            .map(|i| values.get(i).copied().unwrap_or(Quantity::ZERO))
            .collect()
    }
}

/// Readings with whether each corrected an earlier one and whether it counts.
pub fn entries(readings: &[StoredReading]) -> Vec<ReadingEntry> {
    let mut newest: HashMap<(Period, i32), ReadingId> = HashMap::new();
    let mut first: HashMap<(Period, i32), ReadingId> = HashMap::new();
    for r in readings {
        let key = (r.period, r.zone);
        let n = newest.entry(key).or_insert(r.id);
        *n = (*n).max(r.id);
        let f = first.entry(key).or_insert(r.id);
        *f = (*f).min(r.id);
    }
    let mut out: Vec<ReadingEntry> = readings
        .iter()
        .map(|r| {
            let key = (r.period, r.zone);
            ReadingEntry {
                id: r.id,
                period: r.period,
                zone: r.zone,
                value: r.value,
                rolled_over: r.rolled_over,
                source: r.source,
                submitted_at: r.created_at.and_utc(),
                taken_on: r.taken_on,
                correction: first.get(&key) != Some(&r.id),
                current: newest.get(&key) == Some(&r.id),
            }
        })
        .collect();
    out.sort_by_key(|r| std::cmp::Reverse(r.id));
    out
}
