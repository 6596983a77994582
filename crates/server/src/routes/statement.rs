//! `accounts/{id}/statement` and `accounts/{id}/payments`: a linked account's money
//! («Платежи»). 404 for an account not linked to the caller.

use super::accounts::linked_organization;
use crate::auth::Caller;
use crate::db::{self, penalty_corrections};
use crate::error::ApiError;
use crate::input::Query;
use crate::routes::with_db;
use crate::routes::{period_range, valid};
use crate::state::AppState;
use crate::views::account_money;
use actix_web::{get, web};
use domkom_domain::Period;
use domkom_dto::{
    rules, AccountPayment, DateRange, FieldError, MoneyMovement, Page, PageQuery, PaymentFilter,
    PeriodRange, Problem, Statement, StatementPeriod,
};
use domkom_values::{AccountId, Money};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(statement).service(payments);
}

/// Closed periods one statement may show: ten years.
const STATEMENT_MONTHS_MAX: i32 = 120;
/// Closed periods shown when no range is given.
const DEFAULT_MONTHS: usize = 12;

/// The statement («движение денежных средств») of closed periods: per period the opening
/// balance, charged, recalculated, penalties, paid and the closing balance, with the
/// payments made in it, and the totals of the range. `from`/`to` are periods; by default
/// the last 12 closed periods.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), params(("account_id" = i64, Path), PeriodRange),
    responses((status = 200, body = Statement), (status = 401, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
#[get("/accounts/{account_id}/statement")]
async fn statement(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<AccountId>,
    range: Query<PeriodRange>,
) -> Result<web::Json<Statement>, ApiError> {
    let (account, (from, to)) = (id.into_inner(), period_range(&range)?);
    if let (Some(from), Some(to)) = (from, to) {
        let months = from.months_until(to) + 1;
        if months > STATEMENT_MONTHS_MAX {
            valid(vec![FieldError::new(
                "from",
                "range",
                format!("Не более {STATEMENT_MONTHS_MAX} месяцев за раз"),
            )])?;
        }
    }
    let statement = with_db(&state.pool, move |c| {
        let org = linked_organization(c, &caller, account)?;
        let closed = account_money::closed_periods(c, account)?;
        let recent = closed.len().saturating_sub(DEFAULT_MONTHS);
        let to = to.or_else(|| closed.last().copied());
        let from = from.or_else(|| closed.get(recent).copied());
        let (Some(from), Some(to)) = (from, to) else {
            return Ok(empty(None, None));
        };
        let balances = account_money::balances(c, account, from, to)?;
        if balances.is_empty() {
            return Ok(empty(Some(from), Some(to)));
        }
        let (first, last) = (balances[0].0, balances[balances.len() - 1].0);
        let mut received = account_money::payments_booked(c, org, account, first, last)?;
        let mut corrections = penalty_corrections::booked_in(c, account, from, to)?;
        let periods: Vec<StatementPeriod> = balances
            .into_iter()
            .map(|(period, money)| {
                let (mine, rest): (Vec<_>, Vec<_>) = received
                    .drain(..)
                    .partition(|(booked, _)| *booked == period);
                received = rest;
                StatementPeriod {
                    penalty_corrections: corrections.remove(&period).unwrap_or_default(),
                    period,
                    money,
                    payments: mine.into_iter().map(|(_, pay)| pay).collect(),
                }
            })
            .collect();
        Ok(Statement {
            totals: totals(&periods)?,
            from: Some(from),
            to: Some(to),
            periods,
            notice: None,
        })
    })
    .await?;
    Ok(web::Json(statement))
}

fn empty(from: Option<Period>, to: Option<Period>) -> Statement {
    Statement {
        from,
        to,
        periods: Vec::new(),
        totals: MoneyMovement::default(),
        notice: Some(
            "Движение средств появится, когда управляющая организация закроет расчётный период"
                .into(),
        ),
    }
}

/// The opening of the first period, the closing of the last, the sums of the rest.
fn totals(periods: &[StatementPeriod]) -> diesel::QueryResult<MoneyMovement> {
    let sum = |f: fn(&MoneyMovement) -> Money| db::sum_money(periods.iter().map(|p| f(&p.money)));
    Ok(MoneyMovement {
        opening: periods.first().map_or(Money::ZERO, |p| p.money.opening),
        charged: sum(|m| m.charged)?,
        recalculated: sum(|m| m.recalculated)?,
        penalties: sum(|m| m.penalties)?,
        paid: sum(|m| m.paid)?,
        closing: periods.last().map_or(Money::ZERO, |p| p.money.closing),
    })
}

/// Payments received for the account, newest first; `from`/`to` are dates, inclusive.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), params(("account_id" = i64, Path), PageQuery, DateRange),
    responses((status = 200, body = Page<AccountPayment>), (status = 401, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
#[get("/accounts/{account_id}/payments")]
async fn payments(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<AccountId>,
    page: Query<PageQuery>,
    range: Query<DateRange>,
) -> Result<web::Json<Page<AccountPayment>>, ApiError> {
    let (account, range) = (id.into_inner(), range.into_inner());
    let (limit, offset) = (page.limit(), page.offset());
    valid(rules::check_date_range(range.from, range.to))?;
    let (items, total) = with_db(&state.pool, move |c| {
        let org = linked_organization(c, &caller, account)?;
        let filter = PaymentFilter {
            account_id: Some(account),
            from: range.from,
            to: range.to,
        };
        Ok(db::payments::list(c, org, &filter, limit, offset)?)
    })
    .await?;
    Ok(web::Json(Page {
        items: items.into_iter().map(AccountPayment::from).collect(),
        total,
    }))
}
