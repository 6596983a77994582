//! `operator/houses`: the organization's houses.

use crate::auth::Operator;
use crate::db::{self, houses};
use crate::error::ApiError;
use crate::routes::valid;
use crate::state::AppState;
use actix_web::{delete, get, post, put, web, HttpResponse};
use domkom_dto::{rules, House, HouseData, Page, PageQuery, Problem};

type State = web::Data<AppState>;

pub fn configure(cfg: &mut web::ServiceConfig) {
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
    q: web::Query<PageQuery>,
) -> Result<web::Json<Page<House>>, ApiError> {
    let (limit, offset) = (q.limit(), q.offset());
    let (items, total) = db::run(&state.pool, move |c| {
        Ok(houses::list(c, op.organization_id, limit, offset)?)
    })
    .await?;
    Ok(web::Json(Page { items, total }))
}

/// Add a house.
#[utoipa::path(tag = "operator", security(("bearer" = [])), request_body = HouseData,
    responses((status = 201, body = House), (status = 422, body = Problem)))]
#[post("/operator/houses")]
async fn create(
    state: State,
    op: Operator,
    body: web::Json<HouseData>,
) -> Result<HttpResponse, ApiError> {
    let data = body.into_inner();
    valid(rules::check_house(&data))?;
    let house = db::run(&state.pool, move |c| {
        db::write_tx(c, |c| {
            let id = houses::insert(c, op.organization_id, &data)?;
            houses::get(c, op.organization_id, id)?.ok_or_else(ApiError::not_found)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(house))
}

/// One house.
#[utoipa::path(tag = "operator", security(("bearer" = [])),
    responses((status = 200, body = House), (status = 404, body = Problem)))]
#[get("/operator/houses/{id}")]
async fn read(
    state: State,
    op: Operator,
    id: web::Path<i64>,
) -> Result<web::Json<House>, ApiError> {
    let id = id.into_inner();
    let house = db::run(&state.pool, move |c| {
        houses::get(c, op.organization_id, id)?.ok_or_else(ApiError::not_found)
    })
    .await?;
    Ok(web::Json(house))
}

/// Replace a house's data.
#[utoipa::path(tag = "operator", security(("bearer" = [])), request_body = HouseData,
    responses((status = 200, body = House), (status = 404, body = Problem), (status = 422, body = Problem)))]
#[put("/operator/houses/{id}")]
async fn update(
    state: State,
    op: Operator,
    id: web::Path<i64>,
    body: web::Json<HouseData>,
) -> Result<web::Json<House>, ApiError> {
    let (id, data) = (id.into_inner(), body.into_inner());
    valid(rules::check_house(&data))?;
    let house = db::run(&state.pool, move |c| {
        db::write_tx(c, |c| {
            houses::update(c, op.organization_id, id, &data)?;
            houses::get(c, op.organization_id, id)?.ok_or_else(ApiError::not_found)
        })
    })
    .await?;
    Ok(web::Json(house))
}

/// Delete a house that has no premises or meters.
#[utoipa::path(tag = "operator", security(("bearer" = [])),
    responses((status = 204), (status = 404, body = Problem), (status = 409, description = "`in_use`", body = Problem)))]
#[delete("/operator/houses/{id}")]
async fn remove(state: State, op: Operator, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    db::run(&state.pool, move |c| {
        db::write_tx(c, |c| {
            match houses::delete(c, op.organization_id, id).map_err(db::in_use)? {
                0 => Err(ApiError::not_found()),
                _ => Ok(()),
            }
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
