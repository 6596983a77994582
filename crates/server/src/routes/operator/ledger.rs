//! `operator/charges` and `operator/balances`: what closed periods computed.

use super::crud::{page, State};
use crate::auth::Operator;
use crate::error::ApiError;
use crate::input::Query;
use crate::views::ledger;
use actix_web::{get, web};
use domkom_dto::{AccountPeriodFilter, BalanceLine, ChargeSheet, Page, PageQuery, Problem};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(charges).service(balances);
}

/// Charge sheets of closed periods (one per account and period), newest period first.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(AccountPeriodFilter, PageQuery),
    responses((status = 200, body = Page<ChargeSheet>), (status = 403, body = Problem)))]
#[get("/operator/charges")]
async fn charges(
    state: State,
    op: Operator,
    f: Query<AccountPeriodFilter>,
    q: Query<PageQuery>,
) -> Result<web::Json<Page<ChargeSheet>>, ApiError> {
    let (f, limit, offset) = (f.into_inner(), q.limit(), q.offset());
    page(&state, move |c| {
        ledger::charges(c, op.organization_id, &f, limit, offset)
    })
    .await
}

/// Balances (сальдо) of closed periods: opening + charged + recalculated + penalties −
/// paid = closing.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(AccountPeriodFilter, PageQuery),
    responses((status = 200, body = Page<BalanceLine>), (status = 403, body = Problem)))]
#[get("/operator/balances")]
async fn balances(
    state: State,
    op: Operator,
    f: Query<AccountPeriodFilter>,
    q: Query<PageQuery>,
) -> Result<web::Json<Page<BalanceLine>>, ApiError> {
    let (f, limit, offset) = (f.into_inner(), q.limit(), q.offset());
    page(&state, move |c| {
        ledger::balances(c, op.organization_id, &f, limit, offset)
    })
    .await
}
