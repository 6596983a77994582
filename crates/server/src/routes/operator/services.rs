//! `operator/services`: what the organization bills and how it is calculated.

use super::crud::{self, State};
use crate::auth::Operator;
use crate::db::{self, services, DbConn};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::routes::valid;
use actix_web::{delete, get, post, put, web, HttpResponse};
use domkom_dto::{rules, Page, PageQuery, Problem, Service, ServiceData};
use domkom_values::{OrganizationId, ServiceId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(read)
        .service(update)
        .service(remove);
}

fn checked(c: &mut DbConn, org: OrganizationId, d: &ServiceData) -> Result<(), db::DbError> {
    db::must_own(
        services::all_exist(c, org, &d.source_service_ids)?,
        "source_service_ids",
    )
}

/// The organization's services in receipt order.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = Page<Service>), (status = 403, body = Problem)))]
#[get("/operator/services")]
async fn list(
    state: State,
    op: Operator,
    page: Query<PageQuery>,
) -> Result<web::Json<Page<Service>>, ApiError> {
    let (limit, offset) = (page.limit(), page.offset());
    crud::page(&state, move |c| {
        services::list(c, op.organization_id, limit, offset)
    })
    .await
}

/// Add a service.
#[utoipa::path(tag = "operator", security(("bearer" = [])), request_body = ServiceData,
    responses((status = 201, body = Service), (status = 422, body = Problem)))]
#[post("/operator/services")]
async fn create(
    state: State,
    op: Operator,
    body: Json<ServiceData>,
) -> Result<HttpResponse, ApiError> {
    let (org, data) = (op.organization_id, body.into_inner());
    valid(rules::check_service(&data))?;
    let write = move |c: &mut DbConn| {
        checked(c, org, &data)?;
        Ok(services::insert(c, org, &data)?)
    };
    crud::created(&state, org, write, services::get).await
}

/// One service.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Service), (status = 404, body = Problem)))]
#[get("/operator/services/{id}")]
async fn read(
    state: State,
    op: Operator,
    id: web::Path<ServiceId>,
) -> Result<web::Json<Service>, ApiError> {
    crud::fetch(&state, op.organization_id, id.into_inner(), services::get).await
}

/// Replace a service's data.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)), request_body = ServiceData,
    responses((status = 200, body = Service), (status = 404, body = Problem), (status = 422, body = Problem)))]
#[put("/operator/services/{id}")]
async fn update(
    state: State,
    op: Operator,
    id: web::Path<ServiceId>,
    body: Json<ServiceData>,
) -> Result<web::Json<Service>, ApiError> {
    let (org, id, data) = (op.organization_id, id.into_inner(), body.into_inner());
    valid(rules::check_service(&data))?;
    let write = move |c: &mut DbConn| {
        crud::found(c, org, id, services::get)?;
        checked(c, org, &data)?;
        crud::updated(services::update(c, org, id, &data)?, id)
    };
    crud::save(&state, org, write, services::get)
        .await
        .map(web::Json)
}

/// Delete a service no account, tariff, meter or other service uses.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 409, description = "`in_use`", body = Problem)))]
#[delete("/operator/services/{id}")]
async fn remove(
    state: State,
    op: Operator,
    id: web::Path<ServiceId>,
) -> Result<HttpResponse, ApiError> {
    let (org, id) = (op.organization_id, id.into_inner());
    crud::remove(&state, move |c| {
        crud::found(c, org, id, services::get)?;
        if services::is_source(c, org, id)? {
            return Err(db::DbError::InUse.into());
        }
        Ok(services::delete(c, org, id).map_err(db::in_use)?)
    })
    .await
}
