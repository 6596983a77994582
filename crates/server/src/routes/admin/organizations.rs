//! `admin/organizations`: the companies on the platform.

use crate::auth::Admin;
use crate::db::{self, organizations};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::routes::valid;
use crate::routes::with_db;
use crate::state::AppState;
use actix_web::{get, post, put, web, HttpResponse};
use domkom_dto::ErrorCode;
use domkom_dto::{rules, Organization, OrganizationData, Page, PageQuery, Problem};
use domkom_values::OrganizationId;
use utoipa_actix_web::service_config::ServiceConfig;

type State = web::Data<AppState>;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(read)
        .service(update);
}

fn inn_taken() -> ApiError {
    ApiError::conflict(
        ErrorCode::InnTaken,
        "inn",
        "Организация с этим ИНН уже зарегистрирована",
    )
}

/// Every organization.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = Page<Organization>), (status = 403, body = Problem)))]
#[get("/admin/organizations")]
async fn list(
    state: State,
    _: Admin,
    q: Query<PageQuery>,
) -> Result<web::Json<Page<Organization>>, ApiError> {
    let (limit, offset) = (q.limit(), q.offset());
    let (items, total) = with_db(&state.pool, move |c| {
        Ok(organizations::list(c, limit, offset)?)
    })
    .await?;
    Ok(web::Json(Page { items, total }))
}

/// Register an organization.
#[utoipa::path(tag = "admin", security(("bearer" = [])), request_body = OrganizationData,
    responses((status = 201, body = Organization), (status = 409, description = "`inn_taken`", body = Problem), (status = 422, body = Problem)))]
#[post("/admin/organizations")]
async fn create(
    state: State,
    _: Admin,
    body: Json<OrganizationData>,
) -> Result<HttpResponse, ApiError> {
    let data = body.into_inner();
    valid(rules::check_organization(&data))?;
    let org = with_db(&state.pool, move |c| {
        db::write_tx(c, |c| {
            if organizations::inn_taken(c, &data.inn, None)? {
                return Err(inn_taken());
            }
            let id = organizations::insert(c, &data)?;
            crate::digest::schedule(c, id)?;
            organizations::get(c, id)?.ok_or_else(ApiError::not_found)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(org))
}

/// One organization.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Organization), (status = 404, body = Problem)))]
#[get("/admin/organizations/{id}")]
async fn read(
    state: State,
    _: Admin,
    id: web::Path<OrganizationId>,
) -> Result<web::Json<Organization>, ApiError> {
    let id = id.into_inner();
    let org = with_db(&state.pool, move |c| {
        organizations::get(c, id)?.ok_or_else(ApiError::not_found)
    })
    .await?;
    Ok(web::Json(org))
}

/// Replace an organization's data and settings.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i64, Path)), request_body = OrganizationData,
    responses((status = 200, body = Organization), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[put("/admin/organizations/{id}")]
async fn update(
    state: State,
    _: Admin,
    id: web::Path<OrganizationId>,
    body: Json<OrganizationData>,
) -> Result<web::Json<Organization>, ApiError> {
    let (id, data) = (id.into_inner(), body.into_inner());
    valid(rules::check_organization(&data))?;
    let org = with_db(&state.pool, move |c| {
        db::write_tx(c, |c| {
            if organizations::inn_taken(c, &data.inn, Some(id))? {
                return Err(inn_taken());
            }
            organizations::update(c, id, &data)?;
            organizations::get(c, id)?.ok_or_else(ApiError::not_found)
        })
    })
    .await?;
    Ok(web::Json(org))
}
