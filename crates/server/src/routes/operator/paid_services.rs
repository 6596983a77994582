//! `operator/paid-services`: the catalogue of paid services residents order from.

use super::crud::{self, State};
use crate::auth::Operator;
use crate::db::{self, paid_services as q, DbConn};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::routes::valid;
use actix_web::{delete, get, post, put, web, HttpResponse};
use domkom_dto::{rules, ErrorCode, Page, PageQuery, PaidService, PaidServiceData, Problem};
use domkom_values::PaidServiceId;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(read)
        .service(update)
        .service(remove);
}

fn name_taken() -> impl Fn(diesel::result::Error) -> db::DbError {
    db::taken(
        ErrorCode::NameTaken,
        "name",
        "Услуга с таким названием уже есть в каталоге",
    )
}

/// The whole catalogue, inactive services too, by name.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = Page<PaidService>), (status = 403, body = Problem)))]
#[get("/operator/paid-services")]
async fn list(
    state: State,
    op: Operator,
    page: Query<PageQuery>,
) -> Result<web::Json<Page<PaidService>>, ApiError> {
    let (limit, offset) = (page.limit(), page.offset());
    crud::page(&state, move |c| {
        q::catalogue(c, op.organization_id, false, limit, offset)
    })
    .await
}

/// Adds a service to the catalogue.
#[utoipa::path(tag = "operator", security(("bearer" = [])), request_body = PaidServiceData,
    responses((status = 201, body = PaidService), (status = 409, description = "`name_taken`", body = Problem),
        (status = 422, body = Problem)))]
#[post("/operator/paid-services")]
async fn create(
    state: State,
    op: Operator,
    body: Json<PaidServiceData>,
) -> Result<HttpResponse, ApiError> {
    let (org, data) = (op.organization_id, body.into_inner());
    valid(rules::check_paid_service(&data))?;
    let write = move |c: &mut DbConn| Ok(q::insert_service(c, org, &data).map_err(name_taken())?);
    crud::created(&state, org, write, q::get_service).await
}

/// One service of the catalogue.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = PaidService), (status = 404, body = Problem)))]
#[get("/operator/paid-services/{id}")]
async fn read(
    state: State,
    op: Operator,
    id: web::Path<PaidServiceId>,
) -> Result<web::Json<PaidService>, ApiError> {
    crud::fetch(&state, op.organization_id, id.into_inner(), q::get_service).await
}

/// Replaces a service's data; `active: false` takes it off the catalogue, its requests
/// stay.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = PaidServiceData,
    responses((status = 200, body = PaidService), (status = 404, body = Problem),
        (status = 409, description = "`name_taken`", body = Problem), (status = 422, body = Problem)))]
#[put("/operator/paid-services/{id}")]
async fn update(
    state: State,
    op: Operator,
    id: web::Path<PaidServiceId>,
    body: Json<PaidServiceData>,
) -> Result<web::Json<PaidService>, ApiError> {
    let (org, id, data) = (op.organization_id, id.into_inner(), body.into_inner());
    valid(rules::check_paid_service(&data))?;
    let write = move |c: &mut DbConn| {
        crud::found(c, org, id, q::get_service)?;
        crud::updated(
            q::update_service(c, org, id, &data).map_err(name_taken())?,
            id,
        )
    };
    crud::save(&state, org, write, q::get_service)
        .await
        .map(web::Json)
}

/// Deletes a service no request names; one that has requests is taken off instead
/// (`active: false`).
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem),
        (status = 409, description = "`in_use`: requests name it", body = Problem)))]
#[delete("/operator/paid-services/{id}")]
async fn remove(
    state: State,
    op: Operator,
    id: web::Path<PaidServiceId>,
) -> Result<HttpResponse, ApiError> {
    let (org, id) = (op.organization_id, id.into_inner());
    crud::remove(&state, move |c| {
        crud::found(c, org, id, q::get_service)?;
        Ok(q::delete_service(c, org, id).map_err(db::in_use)?)
    })
    .await
}
