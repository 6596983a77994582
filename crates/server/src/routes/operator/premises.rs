//! `operator/premises`: flats and non-residential premises of the organization's houses.

use super::crud::{self, State};
use crate::auth::Operator;
use crate::db::{self, houses, premises, DbConn};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::routes::valid;
use actix_web::{delete, get, post, put, web, HttpResponse};
use domkom_dto::ErrorCode;
use domkom_dto::{rules, Page, PageQuery, Premise, PremiseData, PremiseFilter, Problem};
use domkom_values::{OrganizationId, PremiseId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(read)
        .service(update)
        .service(remove);
}

fn checked(c: &mut DbConn, org: OrganizationId, d: &PremiseData) -> Result<(), db::DbError> {
    db::must_own(houses::exists(c, org, d.house_id)?, "house_id")
}

fn number_taken() -> impl Fn(diesel::result::Error) -> db::DbError {
    db::taken(
        ErrorCode::PremiseNumberTaken,
        "number",
        "В этом доме уже есть помещение с таким номером",
    )
}

/// The organization's premises, optionally of one house.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(PageQuery, PremiseFilter),
    responses((status = 200, body = Page<Premise>), (status = 403, body = Problem)))]
#[get("/operator/premises")]
async fn list(
    state: State,
    op: Operator,
    page: Query<PageQuery>,
    f: Query<PremiseFilter>,
) -> Result<web::Json<Page<Premise>>, ApiError> {
    let (limit, offset, house) = (page.limit(), page.offset(), f.house_id);
    crud::page(&state, move |c| {
        premises::list(c, op.organization_id, house, limit, offset)
    })
    .await
}

/// Add a premise to a house of the organization.
#[utoipa::path(tag = "operator", security(("bearer" = [])), request_body = PremiseData,
    responses((status = 201, body = Premise), (status = 409, description = "`premise_number_taken`", body = Problem),
        (status = 422, body = Problem)))]
#[post("/operator/premises")]
async fn create(
    state: State,
    op: Operator,
    body: Json<PremiseData>,
) -> Result<HttpResponse, ApiError> {
    let (org, data) = (op.organization_id, body.into_inner());
    valid(rules::check_premise(&data))?;
    let write = move |c: &mut DbConn| {
        checked(c, org, &data)?;
        Ok(premises::insert(c, org, &data).map_err(number_taken())?)
    };
    crud::created(&state, org, write, premises::get).await
}

/// One premise.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Premise), (status = 404, body = Problem)))]
#[get("/operator/premises/{id}")]
async fn read(
    state: State,
    op: Operator,
    id: web::Path<PremiseId>,
) -> Result<web::Json<Premise>, ApiError> {
    crud::fetch(&state, op.organization_id, id.into_inner(), premises::get).await
}

/// Replace a premise's data.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)), request_body = PremiseData,
    responses((status = 200, body = Premise), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
#[put("/operator/premises/{id}")]
async fn update(
    state: State,
    op: Operator,
    id: web::Path<PremiseId>,
    body: Json<PremiseData>,
) -> Result<web::Json<Premise>, ApiError> {
    let (org, id, data) = (op.organization_id, id.into_inner(), body.into_inner());
    valid(rules::check_premise(&data))?;
    let write = move |c: &mut DbConn| {
        crud::found(c, org, id, premises::get)?;
        checked(c, org, &data)?;
        crud::updated(
            premises::update(c, org, id, &data).map_err(number_taken())?,
            id,
        )
    };
    crud::save(&state, org, write, premises::get)
        .await
        .map(web::Json)
}

/// Delete a premise that has no accounts.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 409, description = "`in_use`", body = Problem)))]
#[delete("/operator/premises/{id}")]
async fn remove(
    state: State,
    op: Operator,
    id: web::Path<PremiseId>,
) -> Result<HttpResponse, ApiError> {
    let (org, id) = (op.organization_id, id.into_inner());
    crud::remove(&state, move |c| {
        Ok(premises::delete(c, org, id).map_err(db::in_use)?)
    })
    .await
}
