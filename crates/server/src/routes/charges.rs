//! `accounts/{id}/charges`: the closed periods of a linked account and each period's
//! lines explained («Начисления»). 404 to anyone the account is not linked to.

use crate::auth::Caller;
use crate::error::ApiError;
use crate::input::Query;
use crate::routes::accounts::linked_organization;
use crate::routes::operator::periods::parse_period;
use crate::routes::period_range;
use crate::routes::with_db;
use crate::state::AppState;
use crate::views::account_charges;
use actix_web::{get, web};
use domkom_dto::{ChargePeriodSummary, PeriodCharges, PeriodRange, Problem};
use domkom_values::AccountId;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list).service(period);
}

/// Closed periods with their charges, recalculations and penalties, newest first; the
/// last 12 unless `from` is given.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), params(("account_id" = i64, Path), PeriodRange),
    responses((status = 200, body = [ChargePeriodSummary]), (status = 404, body = Problem), (status = 422, body = Problem)))]
#[get("/accounts/{account_id}/charges")]
async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<AccountId>,
    range: Query<PeriodRange>,
) -> Result<web::Json<Vec<ChargePeriodSummary>>, ApiError> {
    let (id, (from, to)) = (id.into_inner(), period_range(&range)?);
    let list = with_db(&state.pool, move |c| {
        linked_organization(c, &caller, id)?;
        Ok(account_charges::periods(c, id, from, to)?)
    })
    .await?;
    Ok(web::Json(list))
}

/// One closed period line by line: the volume and how it was found (readings, average,
/// norm, the house meter and areas), the tariff and its date, recalculations and reasons.
#[utoipa::path(tag = "accounts", security(("bearer" = [])),
    params(("account_id" = i64, Path), ("period" = String, Path, description = "YYYY-MM")),
    responses((status = 200, body = PeriodCharges), (status = 404, body = Problem)))]
#[get("/accounts/{account_id}/charges/{period}")]
async fn period(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(AccountId, String)>,
) -> Result<web::Json<PeriodCharges>, ApiError> {
    let (id, period) = path.into_inner();
    let period = parse_period(&period)?;
    let charges = with_db(&state.pool, move |c| {
        let org = linked_organization(c, &caller, id)?;
        account_charges::of_period(c, org, id, period)?.ok_or_else(ApiError::not_found)
    })
    .await?;
    Ok(web::Json(charges))
}
