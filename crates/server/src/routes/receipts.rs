//! Receipts (ЕПД) of a closed period as PDF: `accounts/{id}/receipts/{period}` for the
//! resident (404 to anyone the account is not linked to, as every account endpoint) and
//! `operator/receipts/{period}?house_id=` for the company, a whole house for printing.

use crate::auth::{Caller, Operator};
use crate::db::{houses, periods, DbConn};
use crate::error::ApiError;
use crate::input::Query;
use crate::routes::accounts::linked_organization;
use crate::routes::operator::periods::parse_period;
use crate::routes::with_db;
use crate::state::AppState;
use crate::views;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{get, web, HttpResponse};
use domkom_dto::{ErrorCode, HouseQuery, PdfFile, PeriodStatus, Problem};
use domkom_receipt::Receipt;
use domkom_values::{ru, AccountId, OrganizationId, Period};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(receipt).service(house);
}

/// The receipt of a closed period: a one-page A4 PDF with the payment QR code, equal to
/// the period's charges and statement (see docs/receipts.md).
#[utoipa::path(tag = "accounts", security(("bearer" = [])),
    params(("account_id" = i64, Path), ("period" = String, Path, description = "YYYY-MM")),
    responses(
        (status = 200, description = "The receipt", content_type = "application/pdf", body = PdfFile),
        (status = 400, description = "Not a period", body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "The period is not closed yet", body = Problem)))]
#[get("/accounts/{account_id}/receipts/{period}")]
async fn receipt(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(AccountId, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, period) = path.into_inner();
    let period = parse_period(&period)?;
    let portal = state.config.public_url.clone();
    let receipt = with_db(&state.pool, move |c| {
        let org = linked_organization(c, &caller, id)?;
        match views::receipt::receipt(c, org, id, period, &portal)? {
            Some(receipt) => Ok(receipt),
            None => Err(not_billed(c, org, period)),
        }
    })
    .await?;
    let name = views::receipt::file_name(&receipt);
    pdf(&state, vec![receipt], name).await
}

/// Every receipt of one of the company's houses for a closed period, in flat order, as
/// one PDF: for the flats whose residents have no cabinet.
#[utoipa::path(tag = "operator", security(("bearer" = [])),
    params(("period" = String, Path, description = "YYYY-MM"), HouseQuery),
    responses(
        (status = 200, description = "The receipts, a page each", content_type = "application/pdf", body = PdfFile),
        (status = 400, description = "Not a period or not a house id", body = Problem),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "The period is not closed yet", body = Problem)))]
#[get("/operator/receipts/{period}")]
async fn house(
    state: web::Data<AppState>,
    op: Operator,
    period: web::Path<String>,
    query: Query<HouseQuery>,
) -> Result<HttpResponse, ApiError> {
    let period = parse_period(&period)?;
    let (org, house) = (op.organization_id, query.house_id);
    let portal = state.config.public_url.clone();
    let receipts = with_db(&state.pool, move |c| {
        houses::get(c, org, house)?.ok_or_else(ApiError::not_found)?;
        let receipts = views::receipt::of_house(c, org, house, period, &portal)?;
        if receipts.is_empty() {
            return Err(not_billed(c, org, period));
        }
        Ok(receipts)
    })
    .await?;
    pdf(
        &state,
        receipts,
        format!("kvitancii-dom-{house}-{period}.pdf"),
    )
    .await
}

/// Why a period has no receipt: it is not closed (409), or the account was not billed
/// in it (404).
fn not_billed(c: &mut DbConn, org: OrganizationId, period: Period) -> ApiError {
    match periods::get(c, org, period) {
        Ok(state) if state.status == PeriodStatus::Closed => ApiError::not_found(),
        Ok(_) => ApiError::new(
            actix_web::http::StatusCode::CONFLICT,
            ErrorCode::PeriodOpen,
            format!(
                "Период «{}» ещё не закрыт: квитанция появится после закрытия периода",
                ru::period(period)
            ),
        ),
        Err(e) => e.into(),
    }
}

/// Renders off the async workers and answers with the PDF, shown in the browser.
async fn pdf(
    state: &AppState,
    receipts: Vec<Receipt>,
    file_name: String,
) -> Result<HttpResponse, ApiError> {
    let printer = state.printer.clone();
    let bytes = web::block(move || printer.render(&receipts))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Inline,
            parameters: vec![DispositionParam::Filename(file_name)],
        })
        .body(bytes))
}
