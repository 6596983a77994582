//! `operator/houses`: the organization's houses.

use super::crud::{self, State};
use crate::auth::Operator;
use crate::db::{self, houses, DbConn};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::routes::valid;
use actix_web::{delete, get, post, put, web, HttpResponse};
use domkom_dto::{rules, House, HouseData, Page, PageQuery, Problem};
use domkom_values::HouseId;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(read)
        .service(update)
        .service(remove);
}

/// The organization's houses.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = Page<House>), (status = 403, body = Problem)))]
#[get("/operator/houses")]
async fn list(
    state: State,
    op: Operator,
    q: Query<PageQuery>,
) -> Result<web::Json<Page<House>>, ApiError> {
    let (limit, offset) = (q.limit(), q.offset());
    crud::page(&state, move |c| {
        houses::list(c, op.organization_id, limit, offset)
    })
    .await
}

/// Add a house.
#[utoipa::path(tag = "operator", security(("bearer" = [])), request_body = HouseData,
    responses((status = 201, body = House), (status = 422, body = Problem)))]
#[post("/operator/houses")]
async fn create(
    state: State,
    op: Operator,
    body: Json<HouseData>,
) -> Result<HttpResponse, ApiError> {
    let (org, data) = (op.organization_id, body.into_inner());
    valid(rules::check_house(&data))?;
    let write = move |c: &mut DbConn| Ok(houses::insert(c, org, &data)?);
    crud::created(&state, org, write, houses::get).await
}

/// One house.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = House), (status = 404, body = Problem)))]
#[get("/operator/houses/{id}")]
async fn read(
    state: State,
    op: Operator,
    id: web::Path<HouseId>,
) -> Result<web::Json<House>, ApiError> {
    crud::fetch(&state, op.organization_id, id.into_inner(), houses::get).await
}

/// Replace a house's data.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)), request_body = HouseData,
    responses((status = 200, body = House), (status = 404, body = Problem), (status = 422, body = Problem)))]
#[put("/operator/houses/{id}")]
async fn update(
    state: State,
    op: Operator,
    id: web::Path<HouseId>,
    body: Json<HouseData>,
) -> Result<web::Json<House>, ApiError> {
    let (org, id, data) = (op.organization_id, id.into_inner(), body.into_inner());
    valid(rules::check_house(&data))?;
    let write = move |c: &mut DbConn| crud::updated(houses::update(c, org, id, &data)?, id);
    crud::save(&state, org, write, houses::get)
        .await
        .map(web::Json)
}

/// Delete a house that has no premises or meters.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 409, description = "`in_use`", body = Problem)))]
#[delete("/operator/houses/{id}")]
async fn remove(
    state: State,
    op: Operator,
    id: web::Path<HouseId>,
) -> Result<HttpResponse, ApiError> {
    let (org, id) = (op.organization_id, id.into_inner());
    crud::remove(&state, move |c| {
        Ok(houses::delete(c, org, id).map_err(db::in_use)?)
    })
    .await
}
