//! `operator/tariffs`: services' prices from a date, per zone.

use super::crud::{self, State};
use crate::auth::Operator;
use crate::db::{self, services, tariffs, DbConn};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::routes::valid;
use actix_web::{delete, get, post, put, web, HttpResponse};
use domkom_dto::ErrorCode;
use domkom_dto::{rules, Page, PageQuery, Problem, Tariff, TariffData, TariffFilter};
use domkom_values::{OrganizationId, TariffId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(read)
        .service(update)
        .service(remove);
}

fn checked(c: &mut DbConn, org: OrganizationId, d: &TariffData) -> Result<(), db::DbError> {
    db::must_own(services::exists(c, org, d.service_id)?, "service_id")
}

fn tariff_exists() -> impl Fn(diesel::result::Error) -> db::DbError {
    db::taken(
        ErrorCode::TariffExists,
        "valid_from",
        "У этой услуги уже есть тариф с этой даты для этой зоны",
    )
}

/// The organization's tariffs, optionally of one service; newest first per service.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(PageQuery, TariffFilter),
    responses((status = 200, body = Page<Tariff>), (status = 403, body = Problem)))]
#[get("/operator/tariffs")]
async fn list(
    state: State,
    op: Operator,
    page: Query<PageQuery>,
    f: Query<TariffFilter>,
) -> Result<web::Json<Page<Tariff>>, ApiError> {
    let (limit, offset, service) = (page.limit(), page.offset(), f.service_id);
    crud::page(&state, move |c| {
        tariffs::list(c, op.organization_id, service, limit, offset)
    })
    .await
}

/// Add a tariff.
#[utoipa::path(tag = "operator", security(("bearer" = [])), request_body = TariffData,
    responses((status = 201, body = Tariff), (status = 409, description = "`tariff_exists`", body = Problem),
        (status = 422, body = Problem)))]
#[post("/operator/tariffs")]
async fn create(
    state: State,
    op: Operator,
    body: Json<TariffData>,
) -> Result<HttpResponse, ApiError> {
    let (org, data) = (op.organization_id, body.into_inner());
    valid(rules::check_tariff(&data))?;
    let write = move |c: &mut DbConn| {
        checked(c, org, &data)?;
        Ok(tariffs::insert(c, org, &data).map_err(tariff_exists())?)
    };
    crud::created(&state, org, write, tariffs::get).await
}

/// One tariff.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Tariff), (status = 404, body = Problem)))]
#[get("/operator/tariffs/{id}")]
async fn read(
    state: State,
    op: Operator,
    id: web::Path<TariffId>,
) -> Result<web::Json<Tariff>, ApiError> {
    crud::fetch(&state, op.organization_id, id.into_inner(), tariffs::get).await
}

/// Replace a tariff.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)), request_body = TariffData,
    responses((status = 200, body = Tariff), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
#[put("/operator/tariffs/{id}")]
async fn update(
    state: State,
    op: Operator,
    id: web::Path<TariffId>,
    body: Json<TariffData>,
) -> Result<web::Json<Tariff>, ApiError> {
    let (org, id, data) = (op.organization_id, id.into_inner(), body.into_inner());
    valid(rules::check_tariff(&data))?;
    let write = move |c: &mut DbConn| {
        crud::found(c, org, id, tariffs::get)?;
        checked(c, org, &data)?;
        crud::updated(
            tariffs::update(c, org, id, &data).map_err(tariff_exists())?,
            id,
        )
    };
    crud::save(&state, org, write, tariffs::get)
        .await
        .map(web::Json)
}

/// Delete a tariff.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem)))]
#[delete("/operator/tariffs/{id}")]
async fn remove(
    state: State,
    op: Operator,
    id: web::Path<TariffId>,
) -> Result<HttpResponse, ApiError> {
    let (org, id) = (op.organization_id, id.into_inner());
    crud::remove(&state, move |c| {
        Ok(tariffs::delete(c, org, id).map_err(db::in_use)?)
    })
    .await
}
