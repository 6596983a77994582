//! `operator/meters`: flats' meters (ИПУ, with an account) and house meters (ОДПУ).

use super::crud::{self, State};
use crate::auth::Operator;
use crate::db::{self, accounts, houses, meters, services, DbConn};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::routes::valid;
use actix_web::{delete, get, post, put, web, HttpResponse};
use domkom_dto::{rules, Meter, MeterData, MeterFilter, Page, PageQuery, Problem};
use domkom_values::{HouseId, MeterId, OrganizationId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(read)
        .service(update)
        .service(remove);
}

/// Checks the references and answers the meter's house: the account's for a flat's meter.
fn house_of(c: &mut DbConn, org: OrganizationId, d: &MeterData) -> Result<HouseId, db::DbError> {
    db::must_own(services::exists(c, org, d.service_id)?, "service_id")?;
    match (d.account_id, d.house_id) {
        (Some(account), _) => {
            let house = accounts::house_of(c, org, account)?;
            db::must_own(house.is_some(), "account_id")?;
            Ok(house.unwrap_or_default())
        }
        (None, Some(house)) => {
            db::must_own(houses::exists(c, org, house)?, "house_id")?;
            Ok(house)
        }
        (None, None) => db::must_own(false, "house_id").map(|()| HouseId::default()),
    }
}

/// The organization's meters, optionally of one account or house.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(PageQuery, MeterFilter),
    responses((status = 200, body = Page<Meter>), (status = 403, body = Problem)))]
#[get("/operator/meters")]
async fn list(
    state: State,
    op: Operator,
    page: Query<PageQuery>,
    f: Query<MeterFilter>,
) -> Result<web::Json<Page<Meter>>, ApiError> {
    let (limit, offset, f) = (page.limit(), page.offset(), f.into_inner());
    crud::page(&state, move |c| {
        meters::list(c, op.organization_id, &f, limit, offset)
    })
    .await
}

/// Install a meter: with `account_id` a flat's (its house is the account's), else a house's.
#[utoipa::path(tag = "operator", security(("bearer" = [])), request_body = MeterData,
    responses((status = 201, body = Meter), (status = 422, body = Problem)))]
#[post("/operator/meters")]
async fn create(
    state: State,
    op: Operator,
    body: Json<MeterData>,
) -> Result<HttpResponse, ApiError> {
    let (org, data) = (op.organization_id, body.into_inner());
    valid(rules::check_meter(&data))?;
    let write = move |c: &mut DbConn| {
        let house = house_of(c, org, &data)?;
        Ok(meters::insert(c, org, &data, house)?)
    };
    crud::created(&state, org, write, meters::get).await
}

/// One meter.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Meter), (status = 404, body = Problem)))]
#[get("/operator/meters/{id}")]
async fn read(
    state: State,
    op: Operator,
    id: web::Path<MeterId>,
) -> Result<web::Json<Meter>, ApiError> {
    crud::fetch(&state, op.organization_id, id.into_inner(), meters::get).await
}

/// Replace a meter's data.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)), request_body = MeterData,
    responses((status = 200, body = Meter), (status = 404, body = Problem), (status = 422, body = Problem)))]
#[put("/operator/meters/{id}")]
async fn update(
    state: State,
    op: Operator,
    id: web::Path<MeterId>,
    body: Json<MeterData>,
) -> Result<web::Json<Meter>, ApiError> {
    let (org, id, data) = (op.organization_id, id.into_inner(), body.into_inner());
    valid(rules::check_meter(&data))?;
    let write = move |c: &mut DbConn| {
        crud::found(c, org, id, meters::get)?;
        let house = house_of(c, org, &data)?;
        crud::updated(meters::update(c, org, id, &data, house)?, id)
    };
    crud::save(&state, org, write, meters::get)
        .await
        .map(web::Json)
}

/// Delete a meter that has no readings and was never billed.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 409, description = "`in_use`", body = Problem)))]
#[delete("/operator/meters/{id}")]
async fn remove(
    state: State,
    op: Operator,
    id: web::Path<MeterId>,
) -> Result<HttpResponse, ApiError> {
    let (org, id) = (op.organization_id, id.into_inner());
    crud::remove(&state, move |c| {
        // Another organization's meter is not there, billed or not.
        crud::found(c, org, id, meters::get)?;
        if meters::was_billed(c, id)? {
            return Err(db::DbError::InUse.into());
        }
        Ok(meters::delete(c, org, id).map_err(db::in_use)?)
    })
    .await
}
