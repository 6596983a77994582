//! The period close as a job: checked and started by the request, run off the request
//! threads, progress visible in the `periods` row, all rows written in one transaction.

use super::{load, store};
use crate::db::{self, periods, DbConn, DbPool};
use crate::error::ApiError;
use actix_web::http::StatusCode;
use domkom_domain::arrears::{penalties_in, AccountHistory};
use domkom_domain::penalty::{PenaltyRate, DECREE_329_CAP_BP};
use domkom_domain::{account_balance, calculate_house, Money, Period};
use domkom_dto::{PeriodState, PeriodStatus};
use std::time::{Duration, Instant};

/// Who asked and for what.
#[derive(Debug, Clone, Copy)]
pub struct CloseRequest {
    pub organization_id: i64,
    pub period: Period,
    pub user_id: Option<i64>,
    /// The Bank of Russia key rate for penalties, basis points.
    pub key_rate_bp: u32,
}

/// Government decree 329 caps the penalty rate at 9.5 % until 1 January 2027.
fn penalty_cap(period: Period) -> Option<u32> {
    (period < Period::new(2027, 1).unwrap_or(period)).then_some(DECREE_329_CAP_BP)
}

fn conflict(code: &'static str, detail: String) -> ApiError {
    ApiError::new(StatusCode::CONFLICT, code, detail)
}

/// Checks that the period may be closed now and marks it `closing`. Periods close in
/// order, after the month has ended, once.
pub fn start(
    conn: &mut DbConn,
    req: CloseRequest,
    today: chrono::NaiveDate,
) -> Result<PeriodState, ApiError> {
    let (org, key) = (req.organization_id, req.period.to_string());
    db::write_tx(conn, |conn| {
        let state = periods::get(conn, org, &key)?;
        match state.status {
            PeriodStatus::Closed => {
                return Err(conflict(
                    "period_closed",
                    format!("Период {key} уже закрыт"),
                ))
            }
            PeriodStatus::Closing => {
                return Err(conflict(
                    "period_closing",
                    format!("Период {key} уже закрывается"),
                ))
            }
            PeriodStatus::Open => {}
        }
        if Period::containing(today).is_some_and(|current| req.period >= current) {
            return Err(conflict(
                "period_not_ended",
                format!("Период {key} ещё не закончился"),
            ));
        }
        if let Some(last) = periods::last_closed(conn, org)? {
            let expected = last.parse::<Period>().ok().and_then(Period::next);
            if expected != Some(req.period) {
                let next = expected.map(|p| p.to_string()).unwrap_or_default();
                return Err(conflict(
                    "period_order",
                    format!("Периоды закрываются по порядку: сначала {next}"),
                ));
            }
        }
        let accounts = count_accounts(conn, org)?;
        periods::start_closing(conn, org, &key, accounts)?;
        Ok(periods::get(conn, org, &key)?)
    })
}

fn count_accounts(conn: &mut DbConn, org: i64) -> Result<i32, ApiError> {
    use crate::db::schema::accounts as a;
    use diesel::prelude::*;
    let n: i64 = a::table
        .filter(a::organization_id.eq(org))
        .count()
        .get_result(conn)?;
    Ok(i32::try_from(n).unwrap_or(i32::MAX))
}

/// Checks, starts and runs a close on this thread: the command line and the demo data.
pub fn close_now(
    pool: &DbPool,
    req: CloseRequest,
    today: chrono::NaiveDate,
    progress: &dyn Fn(i32, i32),
) -> anyhow::Result<CloseStats> {
    start(&mut *pool.get()?, req, today).map_err(|e| anyhow::anyhow!("{}", e.detail))?;
    run(pool, req, progress).map_err(|e| anyhow::anyhow!(e))
}

/// Computes and stores the period; on failure the period is open again with the reason.
/// `progress` hears (done, total) accounts as houses are computed.
pub fn run(
    pool: &DbPool,
    req: CloseRequest,
    progress: &dyn Fn(i32, i32),
) -> Result<CloseStats, String> {
    let result = compute_and_store(pool, req, progress);
    if let Err(e) = &result {
        tracing::error!(organization = req.organization_id, period = %req.period, error = e, "period close failed");
        if let Ok(mut conn) = pool.get() {
            let _ =
                periods::mark_failed(&mut conn, req.organization_id, &req.period.to_string(), e);
        }
    }
    result
}

/// What a close did and where its time went.
#[derive(Debug, Clone, Copy)]
pub struct CloseStats {
    pub accounts: usize,
    pub charges: usize,
    pub load: Duration,
    pub compute: Duration,
    pub write: Duration,
}

fn compute_and_store(
    pool: &DbPool,
    req: CloseRequest,
    progress: &dyn Fn(i32, i32),
) -> Result<CloseStats, String> {
    let (org, period, key) = (req.organization_id, req.period, req.period.to_string());
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let started = Instant::now();
    let data = load::load(&mut conn, org, period)?;
    let loaded = started.elapsed();
    let total = i32::try_from(data.account_ids.len()).unwrap_or(i32::MAX);

    let mut charges = Vec::new();
    let mut done = 0;
    for house in &data.houses {
        let lines = calculate_house(house).map_err(|e| format!("дом {}: {e}", house.house_id))?;
        charges.extend(lines);
        done += i32::try_from(house.accounts.len()).unwrap_or(0);
        progress(done, total);
        // Small separate writes, so a status request sees the progress.
        let _ = periods::set_progress(&mut conn, org, &key, done);
    }

    let computed = started.elapsed();
    let charge_rows = charges
        .iter()
        .map(|c| store::charge_row(org, period, c))
        .collect::<Result<Vec<_>, _>>()?;
    let flat_meters: std::collections::HashSet<i64> = data
        .houses
        .iter()
        .flat_map(|h| {
            h.accounts
                .iter()
                .flat_map(|a| a.meters.iter().map(|m| m.meter_id))
        })
        .collect();
    let mut volume_rows = Vec::new();
    for meter in &data.meters {
        if let Some(row) =
            store::meter_volume_row(org, period, meter, !flat_meters.contains(&meter.meter_id))?
        {
            volume_rows.push(row);
        }
    }
    let mut by_account: std::collections::HashMap<i64, Vec<domkom_domain::Charge>> =
        std::collections::HashMap::new();
    for charge in charges {
        by_account
            .entry(charge.account_id)
            .or_default()
            .push(charge);
    }
    let m = &data.money;
    let rate = PenaltyRate {
        key_rate_bp: req.key_rate_bp,
        cap_bp: penalty_cap(period),
    };
    let balance_rows: Vec<_> = data
        .account_ids
        .iter()
        .map(|&account| {
            let opening = m.openings.get(&account).copied().unwrap_or(Money::ZERO);
            let own = by_account.get(&account).map(Vec::as_slice).unwrap_or(&[]);
            let recalculations = m
                .recalculations
                .get(&account)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let payments = m.payments.get(&account).map(Vec::as_slice).unwrap_or(&[]);
            let penalties = if m.penalties_enabled {
                let accruals = m.accruals.get(&account).map(Vec::as_slice).unwrap_or(&[]);
                let history = AccountHistory {
                    carried: m.carried.get(&account).copied(),
                    accruals,
                    payments,
                };
                penalties_in(period, m.due_day, rate, &history)
            } else {
                Money::ZERO
            };
            let balance = account_balance(
                account,
                period,
                opening,
                own,
                recalculations,
                penalties,
                payments,
            );
            store::balance_row(org, period, account, &balance)
        })
        .collect();

    db::write_tx(&mut conn, |conn| -> anyhow::Result<()> {
        store::insert_all(conn, &charge_rows, &volume_rows, &balance_rows)?;
        match periods::mark_closed(conn, org, &key, req.user_id)? {
            1 => Ok(()),
            _ => Err(anyhow::anyhow!("the period is no longer being closed")),
        }
    })
    .map_err(|e| e.to_string())?;
    let stats = CloseStats {
        accounts: data.account_ids.len(),
        charges: charge_rows.len(),
        load: loaded,
        compute: computed - loaded,
        write: started.elapsed() - computed,
    };
    tracing::info!(organization = org, period = %period, ?stats, "period closed");
    Ok(stats)
}
