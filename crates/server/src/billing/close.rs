//! The period close as a job: checked and started by the request, run off the request
//! threads, progress visible in the `periods` row, all rows written in one transaction.

use super::error::{CloseError, Refused};
use super::money::MoneyData;
use super::{load, store};
use crate::db::{self, periods, DbConn, DbPool};
use crate::jobs::{self, JobKind};
use diesel::result::DatabaseErrorKind;
use domkom_domain::arrears::{penalties_in, AccountHistory};
use domkom_domain::penalty::{PenaltyRate, DECREE_329_CAP_BP};
use domkom_domain::penalty_correction::{penalty_corrections, ChargedPenalty, PenaltyCorrection};
use domkom_domain::Overflow;
use domkom_domain::{account_balance, calculate_house, Balance, Charge, Money, Period};
use domkom_dto::{PeriodState, PeriodStatus};
use domkom_values::{JobId, OrganizationId, UserId};
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

/// How often a running close records its progress in the period's row.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// Who asked and for what.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct CloseRequest {
    pub organization_id: OrganizationId,
    pub period: Period,
    pub user_id: Option<UserId>,
    /// The Bank of Russia key rate for penalties, basis points.
    pub key_rate_bp: u32,
}

/// Government decree 329 caps the penalty rate at 9.5 % until 1 January 2027.
fn penalty_cap(period: Period) -> Option<u32> {
    (period < Period::new(2027, 1).unwrap_or(period)).then_some(DECREE_329_CAP_BP)
}

/// Checks that the period may be closed now, marks it `closing` and queues the job that
/// closes it; returns the period's state and the job. Periods close in order, after the
/// month has ended, once.
pub fn start(
    conn: &mut DbConn,
    req: CloseRequest,
    today: chrono::NaiveDate,
) -> Result<(PeriodState, JobId), Refused> {
    let (org, period) = (req.organization_id, req.period);
    db::write_tx(conn, |conn| {
        // One start at a time per organization, whatever the instance: on PostgreSQL the
        // organization's row is locked until this commits, so the next request reads the
        // period as `closing`; SQLite's write transactions run one at a time anyway.
        periods::lock_organization(conn, org)?;
        let state = periods::get(conn, org, period)?;
        match state.status {
            PeriodStatus::Closed => return Err(Refused::Closed(period)),
            PeriodStatus::Closing => return Err(Refused::Closing(period)),
            PeriodStatus::Open => {}
        }
        if Period::containing(today).is_some_and(|current| period >= current) {
            return Err(Refused::NotEnded(period));
        }
        if let Some(last) = periods::last_closed(conn, org)? {
            let next = last.next();
            if next != Some(period) {
                return Err(Refused::Order {
                    next: next.unwrap_or(period),
                });
            }
        }
        let accounts = count_accounts(conn, org)?;
        periods::start_closing(conn, org, period, accounts).map_err(|e| match e {
            // What the lock prevents, should a row be written another way.
            diesel::result::Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                Refused::Closing(period)
            }
            e => e.into(),
        })?;
        let job = jobs::enqueue(conn, &req)?;
        Ok((periods::get(conn, org, period)?, job))
    })
}

fn count_accounts(conn: &mut DbConn, org: OrganizationId) -> diesel::QueryResult<i32> {
    use crate::db::schema::accounts as a;
    use diesel::prelude::*;
    let n: i64 = a::table
        .filter(a::organization_id.eq(org))
        .count()
        .get_result(conn)?;
    Ok(i32::try_from(n).unwrap_or(i32::MAX))
}

/// A close is a background job: queued by [`start`], run by any instance.
impl JobKind for CloseRequest {
    const KIND: &'static str = "close_period";
    type Output = CloseStats;
    type Error = CloseError;

    fn organization_id(&self) -> OrganizationId {
        self.organization_id
    }

    fn run(
        self,
        ctx: &jobs::Context,
        progress: &dyn Fn(i32, i32),
    ) -> Result<Option<CloseStats>, CloseError> {
        let pool = &ctx.pool;
        let state = periods::get(&mut *pool.get()?, self.organization_id, self.period)?;
        // An earlier run committed and died before recording its end: nothing to do.
        if state.status != PeriodStatus::Closing {
            return Ok(None);
        }
        run(pool, self, progress).map(Some)
    }
}

/// Computes and stores the period; on failure the period is open again with the reason.
/// `progress` hears (done, total) accounts as houses are computed.
fn run(
    pool: &DbPool,
    req: CloseRequest,
    progress: &dyn Fn(i32, i32),
) -> Result<CloseStats, CloseError> {
    let result = compute_and_store(pool, req, progress);
    if let Err(e) = &result {
        let error = e.to_string();
        tracing::error!(organization = %req.organization_id, period = %req.period, error, "period close failed");
        if let Ok(mut conn) = pool.get() {
            let _ = periods::mark_failed(&mut conn, req.organization_id, req.period, &error);
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
) -> Result<CloseStats, CloseError> {
    let (org, period) = (req.organization_id, req.period);
    let mut conn = pool.get()?;
    let started = Instant::now();
    let data = load::load(&mut conn, org, period)?;
    let loaded = started.elapsed();
    let total = i32::try_from(data.account_ids.len()).unwrap_or(i32::MAX);

    let mut by_account: HashMap<i64, Vec<Charge>> = HashMap::with_capacity(data.account_ids.len());
    // Every house's problem at once, so one failed close lists all there is to fix.
    let mut problems = Vec::new();
    for house in &data.houses {
        match calculate_house(house) {
            Ok(lines) => {
                for line in lines {
                    by_account.entry(line.account_id).or_default().push(line);
                }
            }
            Err(e) => problems.push(format!("дом {}: {e}", house.house_id)),
        }
    }
    if !problems.is_empty() {
        return Err(CloseError::Houses(problems));
    }

    let flat_meters: HashSet<i64> = data
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
    let rates = Rates {
        key_rate_bp: req.key_rate_bp,
        enabled: data.money.penalties_enabled,
    };
    let mut rows = store::ClosedRows {
        volumes: volume_rows,
        ..store::ClosedRows::default()
    };
    let mut lines = 0;
    // An account is done when its balance is: the charges are the quick part, the penalties
    // replayed over each account's history the long one.
    let mut reported: Option<Instant> = None;
    for (done, &account) in (1..).zip(&data.account_ids) {
        if done == total || reported.is_none_or(|at| at.elapsed() >= PROGRESS_EVERY) {
            progress(done, total);
            // Small separate writes, so a status request sees the progress; a few a
            // second, since each is a commit of its own.
            let _ = periods::set_progress(&mut conn, org, period, done);
            reported = Some(Instant::now());
        }
        let own = by_account.remove(&account).unwrap_or_default();
        let (balance, corrections) = account_money(&data.money, rates, period, account, &own)
            .map_err(|_| CloseError::Overflow(account))?;
        rows.balances
            .push(store::balance_row(org, period, account, &balance));
        for correction in &corrections {
            rows.corrections.push(store::penalty_correction_row(
                org, period, account, correction,
            ));
        }
        if !own.is_empty() {
            lines += own.len();
            rows.sheets
                .push(store::charge_sheet_row(org, period, account, &own)?);
        }
    }
    let computed = started.elapsed();

    let charged_at = rates.of(period, None).effective_bp();
    db::write_tx(&mut conn, |conn| {
        store::insert_all(conn, &rows)?;
        let closed = periods::Closed {
            by: req.user_id.map(UserId::get),
            penalty_rate_bp: charged_at,
            notes: &data.notes,
        };
        if periods::mark_closed(conn, org, period, closed)? != 1 {
            return Err(CloseError::NoLongerClosing);
        }
        crate::mailing::queue(conn, org, period)?;
        Ok(())
    })?;
    let stats = CloseStats {
        accounts: data.account_ids.len(),
        charges: lines,
        load: loaded,
        compute: computed - loaded,
        write: started.elapsed() - computed,
    };
    tracing::info!(organization = %org, period = %period, ?stats, set_aside = data.notes.len(), "period closed");
    Ok(stats)
}

/// The penalty rates of a close.
#[derive(Debug, Clone, Copy)]
struct Rates {
    /// The key rate this close was asked to charge at, basis points.
    key_rate_bp: u32,
    /// Whether the organization charges penalties now.
    enabled: bool,
}

impl Rates {
    /// The rate for `period`: the one its close recorded, else (this period, or one
    /// closed before rates were kept) the key rate with the cap in force for `period`;
    /// zero when the organization charges no penalties.
    fn of(self, period: Period, recorded: Option<u32>) -> PenaltyRate {
        match recorded {
            Some(bp) => PenaltyRate {
                key_rate_bp: bp,
                cap_bp: None,
            },
            None if self.enabled => PenaltyRate {
                key_rate_bp: self.key_rate_bp,
                cap_bp: penalty_cap(period),
            },
            None => PenaltyRate {
                key_rate_bp: 0,
                cap_bp: None,
            },
        }
    }
}

/// The account's balance of the period: its charges, recalculations, payments and the
/// penalties replayed over its history, with the corrections of earlier periods'
/// penalties that late payments call for (part of the penalties).
fn account_money(
    m: &MoneyData,
    rates: Rates,
    period: Period,
    account: i64,
    own: &[Charge],
) -> Result<(Balance, Vec<PenaltyCorrection>), Overflow> {
    let opening = m.openings.get(&account).copied().unwrap_or(Money::ZERO);
    let recalculations = m
        .recalculations
        .get(&account)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let payments = m.payments.get(&account).map(Vec::as_slice).unwrap_or(&[]);
    let history = AccountHistory {
        carried: m.carried.get(&account).copied(),
        accruals: m.accruals.get(&account).map(Vec::as_slice).unwrap_or(&[]),
        payments,
    };
    let penalties = if m.penalties_enabled {
        penalties_in(period, m.due_day, rates.of(period, None), &history)
    } else {
        Money::ZERO
    };
    let corrections = m
        .charged_penalties
        .get(&account)
        .map(|charged| {
            let charged: Vec<ChargedPenalty> = charged
                .iter()
                .map(|&(p, charged)| ChargedPenalty {
                    period: p,
                    charged,
                    rate: rates.of(p, m.penalty_rates.get(&p).copied().flatten()),
                })
                .collect();
            penalty_corrections(period, m.due_day, &history, &charged)
        })
        .unwrap_or_default();
    let penalties = Money::checked_sum(corrections.iter().map(|c| c.amount).chain([penalties]))?;
    let balance = account_balance(
        account,
        period,
        opening,
        own,
        recalculations,
        penalties,
        payments,
    )?;
    Ok((balance, corrections))
}
