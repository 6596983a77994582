//! Writes a computed period: every row in one transaction, so a close is all or nothing.

use super::error::CloseError;
use crate::db::schema::{
    balances as b, charges as ch, meter_volumes as mv, penalty_corrections as pc,
};
use crate::db::{self, charges, enum_text, join_ids, DbConn};
use diesel::prelude::*;
use domkom_domain::billing::input::{MeterInput, VolumeMethod};
use domkom_domain::consumption::{meter_consumption, MeterConsumption};
use domkom_domain::penalty_correction::PenaltyCorrection;
use domkom_domain::{Balance, Charge, Period};
use domkom_values::OrganizationId;

/// Everything a close writes.
#[derive(Default)]
pub struct ClosedRows {
    pub sheets: Vec<ChargeSheetRow>,
    pub volumes: Vec<MeterVolumeRow>,
    pub balances: Vec<BalanceRow>,
    pub corrections: Vec<PenaltyCorrectionRow>,
}

/// One account's charge lines of the period.
#[derive(Insertable)]
#[diesel(table_name = ch)]
pub struct ChargeSheetRow {
    account_id: i64,
    period: String,
    organization_id: OrganizationId,
    lines: String,
}

#[derive(Insertable)]
#[diesel(table_name = mv)]
pub struct MeterVolumeRow {
    meter_id: i64,
    organization_id: OrganizationId,
    period: String,
    method: String,
    volumes: String,
    billed_values: String,
}

#[derive(Insertable)]
#[diesel(table_name = b)]
pub struct BalanceRow {
    account_id: i64,
    organization_id: OrganizationId,
    period: String,
    opening: i64,
    charged: i64,
    recalculated: i64,
    penalties: i64,
    paid: i64,
    closing: i64,
}

/// A correction of an earlier period's penalties, booked in the period being closed.
#[derive(Insertable)]
#[diesel(table_name = pc)]
pub struct PenaltyCorrectionRow {
    account_id: i64,
    period: String,
    corrects_period: String,
    organization_id: OrganizationId,
    amount: i64,
    reason: String,
}

pub fn charge_sheet_row(
    org: OrganizationId,
    period: Period,
    account_id: i64,
    lines: &[Charge],
) -> Result<ChargeSheetRow, CloseError> {
    Ok(ChargeSheetRow {
        account_id,
        period: period.to_string(),
        organization_id: org,
        lines: charges::to_json(lines).map_err(|e| CloseError::Corrupt(e.to_string()))?,
    })
}

/// What a meter consumed and which readings are now billed; `None` for a house meter
/// without readings this period (its last billed readings stay the base).
pub fn meter_volume_row(
    org: OrganizationId,
    period: Period,
    meter: &MeterInput,
    is_house_meter: bool,
) -> Result<Option<MeterVolumeRow>, CloseError> {
    let previous: Vec<i64> = meter
        .zones
        .iter()
        .map(|z| z.previous.thousandths())
        .collect();
    let (method, volumes, billed) = if is_house_meter {
        let Some(current) = meter
            .zones
            .iter()
            .map(|z| z.current)
            .collect::<Option<Vec<_>>>()
        else {
            return Ok(None);
        };
        let volumes = current
            .iter()
            .zip(&previous)
            .map(|(c, p)| c.thousandths() - p)
            .collect();
        (
            VolumeMethod::Meter,
            volumes,
            current.iter().map(|c| c.thousandths()).collect(),
        )
    } else {
        match meter_consumption(meter, period)? {
            MeterConsumption::Measured { method, zones } => {
                let volumes = zones.iter().map(|z| z.volume.thousandths()).collect();
                let billed = match method {
                    VolumeMethod::Meter => meter
                        .zones
                        .iter()
                        .map(|z| z.current.unwrap_or(z.previous).thousandths())
                        .collect(),
                    _ => previous.clone(),
                };
                (method, volumes, billed)
            }
            MeterConsumption::Absent { .. } => (
                VolumeMethod::Norm,
                vec![0; previous.len()],
                previous.clone(),
            ),
        }
    };
    Ok(Some(MeterVolumeRow {
        meter_id: meter.meter_id,
        organization_id: org,
        period: period.to_string(),
        method: enum_text(&method),
        volumes: join_ids(&volumes),
        billed_values: join_ids(&billed),
    }))
}

pub fn balance_row(
    org: OrganizationId,
    period: Period,
    account_id: i64,
    balance: &Balance,
) -> BalanceRow {
    BalanceRow {
        account_id,
        organization_id: org,
        period: period.to_string(),
        opening: balance.opening.kopecks(),
        charged: balance.charged.kopecks(),
        recalculated: balance.recalculated.kopecks(),
        penalties: balance.penalties.kopecks(),
        paid: balance.paid.kopecks(),
        closing: balance.closing.kopecks(),
    }
}

pub fn penalty_correction_row(
    org: OrganizationId,
    period: Period,
    account_id: i64,
    correction: &PenaltyCorrection,
) -> PenaltyCorrectionRow {
    PenaltyCorrectionRow {
        account_id,
        period: period.to_string(),
        corrects_period: correction.corrects.to_string(),
        organization_id: org,
        amount: correction.amount.kopecks(),
        reason: super::explain::penalty_correction(correction),
    }
}

/// Rows per PostgreSQL INSERT … SELECT FROM UNNEST: one statement with one array per
/// column, far cheaper than thousands of bound parameters.
const PG_ARRAY_BATCH: usize = 20_000;

/// A column of a PostgreSQL array insert.
enum Column {
    Int(Vec<i64>),
    Text(Vec<String>),
}

fn ints<R>(rows: &[R], f: impl Fn(&R) -> i64) -> Column {
    Column::Int(rows.iter().map(f).collect())
}

fn texts<R>(rows: &[R], f: impl Fn(&R) -> &str) -> Column {
    Column::Text(rows.iter().map(|r| f(r).to_owned()).collect())
}

fn pg_unnest(
    conn: &mut diesel::PgConnection,
    table: &str,
    columns: Vec<(&str, Column)>,
) -> QueryResult<usize> {
    use diesel::sql_types::{Array, BigInt, Text};
    let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
    let arrays: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, (_, c))| match c {
            Column::Int(_) => format!("${}::bigint[]", i + 1),
            Column::Text(_) => format!("${}::text[]", i + 1),
        })
        .collect();
    let mut query = diesel::sql_query(format!(
        "INSERT INTO {table} ({}) SELECT * FROM UNNEST({})",
        names.join(", "),
        arrays.join(", ")
    ))
    .into_boxed();
    for (_, column) in columns {
        query = match column {
            Column::Int(v) => query.bind::<Array<BigInt>, _>(v),
            Column::Text(v) => query.bind::<Array<Text>, _>(v),
        };
    }
    query.execute(conn)
}

fn pg_insert_all(conn: &mut diesel::PgConnection, all: &ClosedRows) -> QueryResult<()> {
    for rows in all.sheets.chunks(PG_ARRAY_BATCH) {
        pg_unnest(
            conn,
            "charges",
            vec![
                ("account_id", ints(rows, |r| r.account_id)),
                ("period", texts(rows, |r| &r.period)),
                ("organization_id", ints(rows, |r| r.organization_id.get())),
                ("lines", texts(rows, |r| &r.lines)),
            ],
        )?;
    }
    for rows in all.volumes.chunks(PG_ARRAY_BATCH) {
        pg_unnest(
            conn,
            "meter_volumes",
            vec![
                ("meter_id", ints(rows, |r| r.meter_id)),
                ("organization_id", ints(rows, |r| r.organization_id.get())),
                ("period", texts(rows, |r| &r.period)),
                ("method", texts(rows, |r| &r.method)),
                ("volumes", texts(rows, |r| &r.volumes)),
                ("billed_values", texts(rows, |r| &r.billed_values)),
            ],
        )?;
    }
    for rows in all.balances.chunks(PG_ARRAY_BATCH) {
        pg_unnest(
            conn,
            "balances",
            vec![
                ("account_id", ints(rows, |r| r.account_id)),
                ("organization_id", ints(rows, |r| r.organization_id.get())),
                ("period", texts(rows, |r| &r.period)),
                ("opening", ints(rows, |r| r.opening)),
                ("charged", ints(rows, |r| r.charged)),
                ("recalculated", ints(rows, |r| r.recalculated)),
                ("penalties", ints(rows, |r| r.penalties)),
                ("paid", ints(rows, |r| r.paid)),
                ("closing", ints(rows, |r| r.closing)),
            ],
        )?;
    }
    Ok(())
}

fn sqlite_insert_all(conn: &mut diesel::SqliteConnection, all: &ClosedRows) -> QueryResult<()> {
    for chunk in all.sheets.chunks(db::BATCH) {
        diesel::insert_into(ch::table).values(chunk).execute(conn)?;
    }
    for chunk in all.volumes.chunks(db::BATCH) {
        diesel::insert_into(mv::table).values(chunk).execute(conn)?;
    }
    for chunk in all.balances.chunks(db::BATCH) {
        diesel::insert_into(b::table).values(chunk).execute(conn)?;
    }
    Ok(())
}

pub fn insert_all(conn: &mut DbConn, all: &ClosedRows) -> QueryResult<()> {
    match conn {
        DbConn::Pg(c) => pg_insert_all(c, all),
        DbConn::Sqlite(c) => sqlite_insert_all(c, all),
    }?;
    // Few: only accounts with a late payment have them.
    for chunk in all.corrections.chunks(db::BATCH) {
        crate::per_backend!(conn, |c| diesel::insert_into(pc::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(())
}
