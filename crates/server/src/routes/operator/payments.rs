//! `operator/payments`: payments received, one by one or as a bank registry.

use super::crud::{self, State};
use crate::auth::Operator;
use crate::db::{self, accounts, payments, DbConn};
use crate::error::ApiError;
use crate::import::{self, registry};
use crate::input::{Json, Query};
use crate::routes::valid;
use crate::routes::with_db;
use actix_web::{get, post, web, HttpResponse};
use domkom_dto::ErrorCode;
use domkom_dto::{
    rules, Page, PageQuery, Payment, PaymentData, PaymentFilter, Problem, RegistryResult,
};
use domkom_values::{Money, PaymentId};
use utoipa_actix_web::service_config::ServiceConfig;

/// The `source` of payments loaded from a bank registry.
pub const REGISTRY: &str = "registry";

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(load_registry)
        .service(read);
}

fn duplicate() -> impl Fn(diesel::result::Error) -> db::DbError {
    db::taken(
        ErrorCode::PaymentDuplicate,
        "external_id",
        "Платёж с этим номером от этого источника уже учтён",
    )
}

/// The organization's payments, newest first.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(PageQuery, PaymentFilter),
    responses((status = 200, body = Page<Payment>), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[get("/operator/payments")]
async fn list(
    state: State,
    op: Operator,
    page: Query<PageQuery>,
    f: Query<PaymentFilter>,
) -> Result<web::Json<Page<Payment>>, ApiError> {
    let (limit, offset, f) = (page.limit(), page.offset(), f.into_inner());
    valid(rules::check_date_range(f.from, f.to))?;
    crud::page(&state, move |c| {
        payments::list(c, op.organization_id, &f, limit, offset)
    })
    .await
}

/// Record one payment.
#[utoipa::path(tag = "operator", security(("bearer" = [])), request_body = PaymentData,
    responses((status = 201, body = Payment), (status = 409, description = "`payment_duplicate`", body = Problem),
        (status = 422, body = Problem)))]
#[post("/operator/payments")]
async fn create(
    state: State,
    op: Operator,
    body: Json<PaymentData>,
) -> Result<HttpResponse, ApiError> {
    let (org, data) = (op.organization_id, body.into_inner());
    valid(rules::check_payment(&data))?;
    let write = move |c: &mut DbConn| {
        db::must_own(accounts::exists(c, org, data.account_id)?, "account_id")?;
        Ok(payments::insert(c, org, &data).map_err(duplicate())?)
    };
    crud::created(&state, org, write, payments::get).await
}

/// One payment.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Payment), (status = 404, body = Problem)))]
#[get("/operator/payments/{id}")]
async fn read(
    state: State,
    op: Operator,
    id: web::Path<PaymentId>,
) -> Result<web::Json<Payment>, ApiError> {
    crud::fetch(&state, op.organization_id, id.into_inner(), payments::get).await
}

/// Load a bank registry (CSV, see docs/import.md): checked whole, then written in one
/// transaction; payments loaded before (same bank id) are skipped, so a file may be sent
/// twice. Any error: 422 listing every bad cell as `row N: column`, and nothing written.
#[utoipa::path(tag = "operator", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = RegistryResult), (status = 422, body = Problem)))]
#[post("/operator/payments/registry")]
async fn load_registry(
    state: State,
    op: Operator,
    body: String,
) -> Result<web::Json<RegistryResult>, ApiError> {
    let org = op.organization_id;
    let lines = registry::parse(&body).map_err(|e| ApiError::validation(e.into_list()))?;
    let result = with_db(&state.pool, move |c| {
        db::write_tx(c, |c| {
            let mut accounts = Vec::with_capacity(lines.len());
            let mut errors = import::Errors::default();
            for line in &lines {
                match payments::account_by_number(c, org, &line.account_number)? {
                    Some(id) => accounts.push(id),
                    None => errors.push(
                        line.row,
                        registry::cell_error(
                            line.row,
                            "account",
                            "not_found",
                            "Нет такого лицевого счёта",
                        ),
                    ),
                }
            }
            errors.check()?;
            let mut result = RegistryResult {
                accepted: 0,
                skipped: 0,
                total_amount: Money::ZERO,
            };
            for (line, account_id) in lines.into_iter().zip(accounts) {
                if payments::known(c, org, REGISTRY, &line.external_id)? {
                    result.skipped += 1;
                    continue;
                }
                let payment = PaymentData {
                    account_id,
                    amount: line.amount,
                    paid_on: line.paid_on,
                    source: REGISTRY.into(),
                    external_id: Some(line.external_id),
                    for_period: line.for_period,
                };
                // The same registry loaded at this moment by someone else: 409, try again.
                payments::insert(c, org, &payment).map_err(duplicate())?;
                result.accepted += 1;
                result.total_amount = db::sum_money([result.total_amount, payment.amount])?;
            }
            Ok(result)
        })
    })
    .await?;
    Ok(web::Json(result))
}
