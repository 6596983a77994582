//! `operator/recalculations`: corrections booked in an open period, naming the period and
//! service they correct and why.

use super::crud::{self, State};
use crate::auth::Operator;
use crate::db::{self, accounts, periods, recalculations, services, DbConn};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::routes::{passed_period, valid};
use actix_web::{delete, get, post, web, HttpResponse};
use domkom_dto::{
    rules, AccountPeriodFilter, Page, PageQuery, Problem, Recalculation, RecalculationData,
};
use domkom_values::RecalculationId;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(read)
        .service(remove);
}

/// The organization's recalculations, optionally of one account or period.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(PageQuery, AccountPeriodFilter),
    responses((status = 200, body = Page<Recalculation>), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[get("/operator/recalculations")]
async fn list(
    state: State,
    op: Operator,
    page: Query<PageQuery>,
    f: Query<AccountPeriodFilter>,
) -> Result<web::Json<Page<Recalculation>>, ApiError> {
    let (limit, offset, f) = (page.limit(), page.offset(), f.into_inner());
    valid(
        f.period
            .iter()
            .flat_map(|p| rules::check_period("period", p))
            .collect(),
    )?;
    crud::page(&state, move |c| {
        recalculations::list(c, op.organization_id, &f, limit, offset)
    })
    .await
}

/// Book a recalculation in an open period.
#[utoipa::path(tag = "operator", security(("bearer" = [])), request_body = RecalculationData,
    responses((status = 201, body = Recalculation), (status = 409, description = "`period_closed`", body = Problem),
        (status = 422, body = Problem)))]
#[post("/operator/recalculations")]
async fn create(
    state: State,
    op: Operator,
    body: Json<RecalculationData>,
) -> Result<HttpResponse, ApiError> {
    let (org, data) = (op.organization_id, body.into_inner());
    valid(rules::check_recalculation(&data))?;
    let write = move |c: &mut DbConn| {
        db::must_own(accounts::exists(c, org, data.account_id)?, "account_id")?;
        db::must_own(services::exists(c, org, data.service_id)?, "service_id")?;
        periods::ensure_open(c, org, passed_period(&data.period)?)?;
        Ok(recalculations::insert(c, org, &data, op.user_id)?)
    };
    crud::created(&state, org, write, recalculations::get).await
}

/// One recalculation.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Recalculation), (status = 404, body = Problem)))]
#[get("/operator/recalculations/{id}")]
async fn read(
    state: State,
    op: Operator,
    id: web::Path<RecalculationId>,
) -> Result<web::Json<Recalculation>, ApiError> {
    crud::fetch(
        &state,
        op.organization_id,
        id.into_inner(),
        recalculations::get,
    )
    .await
}

/// Cancel a recalculation while its period is open.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 409, description = "`period_closed`", body = Problem)))]
#[delete("/operator/recalculations/{id}")]
async fn remove(
    state: State,
    op: Operator,
    id: web::Path<RecalculationId>,
) -> Result<HttpResponse, ApiError> {
    let (org, id) = (op.organization_id, id.into_inner());
    crud::remove(&state, move |c| {
        let recalculation = crud::found(c, org, id, recalculations::get)?;
        periods::ensure_open(c, org, passed_period(&recalculation.data.period)?)?;
        Ok(recalculations::delete(c, org, id)?)
    })
    .await
}
