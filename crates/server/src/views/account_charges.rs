//! A resident's charges: the closed periods of a linked account and each period's lines
//! with their explanation.

use crate::billing::explain::{explain, Context};
use crate::db::schema::{balances as b, meters as m, recalculations as r};
use crate::db::{by_key, charges, enum_text, penalty_corrections, periods, tariffs, DbConn};
use diesel::prelude::*;
use domkom_domain::{Charge, Period};
use domkom_dto::{ChargePeriodSummary, ExplainedLine, PeriodCharges, RecalculationLine};
use domkom_values::{AccountId, MeterId, Money, OrganizationId, ServiceId};
use std::collections::HashMap;

/// Periods kept in view by default: a year.
const DEFAULT_PERIODS: i64 = 12;

/// A closed period's sums as the `balances` table keeps them.
#[derive(Queryable, Selectable)]
#[diesel(table_name = b)]
struct Sums {
    #[diesel(deserialize_as = String)]
    period: Period,
    charged: Money,
    recalculated: Money,
    penalties: Money,
}

/// Closed periods from `from` to `to` (both optional), newest first.
pub fn periods(
    conn: &mut DbConn,
    account: AccountId,
    from: Option<Period>,
    to: Option<Period>,
) -> QueryResult<Vec<ChargePeriodSummary>> {
    let text = |p: Option<Period>, none: &str| p.map_or_else(|| none.to_owned(), |p| p.to_string());
    let rows: Vec<Sums> = b::table
        .filter(b::account_id.eq(account))
        .filter(b::period.ge(text(from, "")))
        .filter(b::period.le(text(to, "9999-12")))
        .order(b::period.desc())
        .limit(if from.is_some() {
            i64::MAX
        } else {
            DEFAULT_PERIODS
        })
        .select(Sums::as_select())
        .load(conn)?;
    let (Some(newest), Some(oldest)) = (rows.first(), rows.last()) else {
        return Ok(Vec::new());
    };
    let mut corrections =
        penalty_corrections::booked_in(conn, account, oldest.period, newest.period)?;
    Ok(rows
        .into_iter()
        .map(|s| ChargePeriodSummary {
            penalty_corrections: corrections.remove(&s.period).unwrap_or_default(),
            period: s.period,
            charged: s.charged,
            recalculated: s.recalculated,
            penalties: s.penalties,
            total: s.charged + s.recalculated + s.penalties,
        })
        .collect())
}

/// A recalculation booked in the period, as its charges page lists it.
#[derive(Queryable, Selectable)]
#[diesel(table_name = r)]
struct Recalculated {
    service_id: ServiceId,
    #[diesel(deserialize_as = String)]
    corrects_period: Period,
    amount: Money,
    reason: String,
}

/// The period's lines explained, or `None` when the account has no closed `period`.
pub fn of_period(
    conn: &mut DbConn,
    org: OrganizationId,
    account: AccountId,
    period: Period,
) -> QueryResult<Option<PeriodCharges>> {
    let key = period.to_string();
    let found: Option<(Money, Money, Money)> = by_key(
        conn,
        b::table
            .find((account, &key))
            .select((b::charged, b::recalculated, b::penalties)),
    )?;
    let Some((charged, recalculated, penalties)) = found else {
        return Ok(None);
    };
    let lines: Vec<Charge> = charges::of_account(conn, account, &key)?;
    let recalcs: Vec<Recalculated> = crate::db::load(
        conn,
        r::table
            .filter(r::account_id.eq(account))
            .filter(r::period.eq(&key))
            .order(r::id)
            .select(crate::db::columns::<Recalculated>()),
    )?;
    let services = periods::labels(conn, org, period)?;
    let serials: HashMap<MeterId, String> = crate::db::load(
        conn,
        m::table
            .filter(m::account_id.eq(account))
            .select((m::id, m::serial)),
    )?
    .into_iter()
    .collect();
    let tariffs = tariffs::in_force(conn, org, period.first_day())?;
    let name = |id: ServiceId| services.get(&id).map(|s| s.0.clone()).unwrap_or_default();

    let explained = lines
        .iter()
        .map(|line| {
            // The engine's lines keep bare ids.
            let service_id = ServiceId(line.service_id);
            let (service, supplier_name, unit) =
                services.get(&service_id).cloned().unwrap_or_default();
            let zone = line.zone.map_or(0, i32::from);
            // A zone's own tariff, else the single one (zone 0), else the first zone's.
            let since = [zone, 0, 1]
                .iter()
                .find_map(|z| tariffs.get(&(service_id, *z)))
                .map(|(_, from)| *from);
            let ctx = Context {
                unit: &unit,
                tariff_from: since,
                serial: &|id| serials.get(&MeterId(id)).cloned(),
                service: &|id| services.get(&ServiceId(id)).map(|s| s.0.clone()),
            };
            let recalculated = crate::db::sum_money(
                recalcs
                    .iter()
                    .filter(|r| r.service_id == service_id)
                    .map(|r| r.amount),
            )?;
            Ok(explained_line(
                line,
                &ctx,
                service,
                supplier_name,
                zone,
                recalculated,
            ))
        })
        .collect::<QueryResult<_>>()?;
    let recalculations = recalcs
        .into_iter()
        .map(|r| RecalculationLine {
            service: name(r.service_id),
            service_id: r.service_id,
            corrects_period: r.corrects_period,
            amount: r.amount,
            reason: r.reason,
        })
        .collect();
    let penalty_corrections = penalty_corrections::booked_in(conn, account, period, period)?
        .remove(&period)
        .unwrap_or_default();
    Ok(Some(PeriodCharges {
        penalty_corrections,
        period,
        lines: explained,
        recalculations,
        charged,
        recalculated,
        penalties,
        total: charged + recalculated + penalties,
    }))
}

fn explained_line(
    line: &Charge,
    ctx: &Context,
    service: String,
    supplier_name: String,
    zone: i32,
    recalculated: Money,
) -> ExplainedLine {
    let amount = line.amount;
    ExplainedLine {
        service_id: ServiceId(line.service_id),
        service,
        supplier_name,
        unit: ctx.unit.to_owned(),
        zone,
        method: enum_text(&line.method),
        volume: line.individual_volume,
        common_volume: line.common_volume,
        tariff: line.tariff,
        tariff_from: ctx.tariff_from,
        amount,
        recalculated,
        adjusted: amount + recalculated,
        explanation: explain(line, ctx),
    }
}
