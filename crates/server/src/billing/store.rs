//! Writes a computed period: every row in one transaction, so a close is all or nothing.

use crate::db::schema::{balances as b, charges as ch, meter_volumes as mv};
use crate::db::{enum_text, join_ids, DbConn};
use diesel::prelude::*;
use domkom_domain::billing::input::{MeterInput, VolumeMethod};
use domkom_domain::consumption::{meter_consumption, MeterConsumption};
use domkom_domain::{Balance, Charge, Period};

#[derive(Insertable)]
#[diesel(table_name = ch)]
pub struct ChargeRow {
    organization_id: i64,
    account_id: i64,
    period: String,
    service_id: i64,
    zone: i32,
    method: String,
    volume: i64,
    common_volume: i64,
    tariff: i64,
    amount: i64,
    details: String,
}

#[derive(Insertable)]
#[diesel(table_name = mv)]
pub struct MeterVolumeRow {
    meter_id: i64,
    organization_id: i64,
    period: String,
    method: String,
    volumes: String,
    billed_values: String,
}

#[derive(Insertable)]
#[diesel(table_name = b)]
pub struct BalanceRow {
    account_id: i64,
    organization_id: i64,
    period: String,
    opening: i64,
    charged: i64,
    recalculated: i64,
    penalties: i64,
    paid: i64,
    closing: i64,
}

pub fn charge_row(org: i64, period: Period, charge: &Charge) -> Result<ChargeRow, String> {
    Ok(ChargeRow {
        organization_id: org,
        account_id: charge.account_id,
        period: period.to_string(),
        service_id: charge.service_id,
        zone: charge.zone.map_or(0, i32::from),
        method: enum_text(&charge.method),
        volume: charge.individual_volume.thousandths(),
        common_volume: charge.common_volume.thousandths(),
        tariff: charge.tariff.hundredths_of_kopeck(),
        amount: charge.amount.kopecks(),
        details: serde_json::to_string(&charge.details).map_err(|e| e.to_string())?,
    })
}

/// What a meter consumed and which readings are now billed; `None` for a house meter
/// without readings this period (its last billed readings stay the base).
pub fn meter_volume_row(
    org: i64,
    period: Period,
    meter: &MeterInput,
    is_house_meter: bool,
) -> Result<Option<MeterVolumeRow>, String> {
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
        match meter_consumption(meter, period).map_err(|e| e.to_string())? {
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

pub fn balance_row(org: i64, period: Period, account_id: i64, balance: &Balance) -> BalanceRow {
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

/// Rows per INSERT: under SQLite's 32 766 and PostgreSQL's 65 535 bound parameters.
const BATCH: usize = 2_000;

/// Rows per PostgreSQL INSERT … SELECT FROM UNNEST: one statement with one array per
/// column, far cheaper than thousands of bound parameters for the largest table.
const PG_ARRAY_BATCH: usize = 50_000;

fn pg_insert_charges(conn: &mut diesel::PgConnection, rows: &[ChargeRow]) -> QueryResult<usize> {
    use diesel::sql_types::{Array, BigInt, Integer, Text};
    let col = |f: fn(&ChargeRow) -> i64| rows.iter().map(f).collect::<Vec<i64>>();
    let text = |f: fn(&ChargeRow) -> &str| {
        rows.iter()
            .map(|r| f(r).to_owned())
            .collect::<Vec<String>>()
    };
    diesel::sql_query(
        "INSERT INTO charges (organization_id, account_id, period, service_id, zone, method, \
         volume, common_volume, tariff, amount, details) \
         SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::int[], \
         $6::text[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::text[])",
    )
    .bind::<Array<BigInt>, _>(col(|r| r.organization_id))
    .bind::<Array<BigInt>, _>(col(|r| r.account_id))
    .bind::<Array<Text>, _>(text(|r| &r.period))
    .bind::<Array<BigInt>, _>(col(|r| r.service_id))
    .bind::<Array<Integer>, _>(rows.iter().map(|r| r.zone).collect::<Vec<i32>>())
    .bind::<Array<Text>, _>(text(|r| &r.method))
    .bind::<Array<BigInt>, _>(col(|r| r.volume))
    .bind::<Array<BigInt>, _>(col(|r| r.common_volume))
    .bind::<Array<BigInt>, _>(col(|r| r.tariff))
    .bind::<Array<BigInt>, _>(col(|r| r.amount))
    .bind::<Array<Text>, _>(text(|r| &r.details))
    .execute(conn)
}

pub fn insert_all(
    conn: &mut DbConn,
    charges: &[ChargeRow],
    volumes: &[MeterVolumeRow],
    balances: &[BalanceRow],
) -> QueryResult<()> {
    match conn {
        DbConn::Pg(c) => {
            for chunk in charges.chunks(PG_ARRAY_BATCH) {
                pg_insert_charges(c, chunk)?;
            }
        }
        DbConn::Sqlite(c) => {
            for chunk in charges.chunks(BATCH) {
                diesel::insert_into(ch::table).values(chunk).execute(c)?;
            }
        }
    }
    for chunk in volumes.chunks(BATCH) {
        crate::per_backend!(conn, |c| diesel::insert_into(mv::table)
            .values(chunk)
            .execute(c))?;
    }
    for chunk in balances.chunks(BATCH) {
        crate::per_backend!(conn, |c| diesel::insert_into(b::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(())
}
