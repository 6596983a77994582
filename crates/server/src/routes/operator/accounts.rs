//! `operator/accounts`: personal accounts (лицевые счета) and their services.

use super::crud::{self, State};
use crate::auth::Operator;
use crate::db::{self, accounts, premises, services, DbConn};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::routes::valid;
use actix_web::{delete, get, post, put, web, HttpResponse};
use domkom_dto::ErrorCode;
use domkom_dto::{rules, Account, AccountData, AccountFilter, Page, PageQuery, Problem};
use domkom_values::{AccountId, OrganizationId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(read)
        .service(update)
        .service(remove);
}

fn checked(c: &mut DbConn, org: OrganizationId, d: &AccountData) -> Result<(), db::DbError> {
    db::must_own(premises::get(c, org, d.premise_id)?.is_some(), "premise_id")?;
    db::must_own(services::all_exist(c, org, &d.service_ids)?, "service_ids")
}

fn number_taken() -> impl Fn(diesel::result::Error) -> db::DbError {
    db::taken(
        ErrorCode::AccountNumberTaken,
        "number",
        "Лицевой счёт с таким номером уже есть",
    )
}

/// The organization's accounts, optionally of one house or with one number.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(PageQuery, AccountFilter),
    responses((status = 200, body = Page<Account>), (status = 403, body = Problem)))]
#[get("/operator/accounts")]
async fn list(
    state: State,
    op: Operator,
    page: Query<PageQuery>,
    f: Query<AccountFilter>,
) -> Result<web::Json<Page<Account>>, ApiError> {
    let (limit, offset, f) = (page.limit(), page.offset(), f.into_inner());
    crud::page(&state, move |c| {
        accounts::list(c, op.organization_id, &f, limit, offset)
    })
    .await
}

/// Open an account; its linking code is generated.
#[utoipa::path(tag = "operator", security(("bearer" = [])), request_body = AccountData,
    responses((status = 201, body = Account), (status = 409, description = "`account_number_taken`", body = Problem),
        (status = 422, body = Problem)))]
#[post("/operator/accounts")]
async fn create(
    state: State,
    op: Operator,
    body: Json<AccountData>,
) -> Result<HttpResponse, ApiError> {
    let (org, data) = (op.organization_id, body.into_inner());
    valid(rules::check_account(&data))?;
    let write = move |c: &mut DbConn| {
        checked(c, org, &data)?;
        Ok(accounts::insert(c, org, &data).map_err(number_taken())?)
    };
    crud::created(&state, org, write, accounts::get).await
}

/// One account.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Account), (status = 404, body = Problem)))]
#[get("/operator/accounts/{id}")]
async fn read(
    state: State,
    op: Operator,
    id: web::Path<AccountId>,
) -> Result<web::Json<Account>, ApiError> {
    crud::fetch(&state, op.organization_id, id.into_inner(), accounts::get).await
}

/// Replace an account's data and services; the linking code stays.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)), request_body = AccountData,
    responses((status = 200, body = Account), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
#[put("/operator/accounts/{id}")]
async fn update(
    state: State,
    op: Operator,
    id: web::Path<AccountId>,
    body: Json<AccountData>,
) -> Result<web::Json<Account>, ApiError> {
    let (org, id, data) = (op.organization_id, id.into_inner(), body.into_inner());
    valid(rules::check_account(&data))?;
    let write = move |c: &mut DbConn| {
        crud::found(c, org, id, accounts::get)?;
        checked(c, org, &data)?;
        crud::updated(
            accounts::update(c, org, id, &data).map_err(number_taken())?,
            id,
        )
    };
    crud::save(&state, org, write, accounts::get)
        .await
        .map(web::Json)
}

/// Delete an account that has no meters, charges or payments.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 409, description = "`in_use`", body = Problem)))]
#[delete("/operator/accounts/{id}")]
async fn remove(
    state: State,
    op: Operator,
    id: web::Path<AccountId>,
) -> Result<HttpResponse, ApiError> {
    let (org, id) = (op.organization_id, id.into_inner());
    crud::remove(&state, move |c| {
        Ok(accounts::delete(c, org, id).map_err(db::in_use)?)
    })
    .await
}
