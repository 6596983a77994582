//! `operator/periods`: billing periods and their close.

use crate::auth::Operator;
use crate::billing::close::{self, CloseRequest};
use crate::billing::error::Refused;
use crate::db::periods;
use crate::error::ApiError;
use crate::input::Query;
use crate::routes::with_db;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use domkom_domain::Period;
use domkom_dto::{ErrorCode, Page, PageQuery, PeriodState, Problem};
use utoipa_actix_web::service_config::ServiceConfig;

type State = web::Data<AppState>;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list).service(read).service(close_period);
}

pub fn parse_period(s: &str) -> Result<Period, ApiError> {
    s.parse().map_err(|_| {
        ApiError::bad_request(
            ErrorCode::InvalidPeriod,
            format!("Период пишется ГГГГ-ММ, а не «{s}»"),
        )
    })
}

/// Periods that were closed or are closing, newest first.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = Page<PeriodState>), (status = 403, body = Problem)))]
#[get("/operator/periods")]
async fn list(
    state: State,
    op: Operator,
    q: Query<PageQuery>,
) -> Result<web::Json<Page<PeriodState>>, ApiError> {
    let (limit, offset) = (q.limit(), q.offset());
    super::crud::page(&state, move |c| {
        periods::list(c, op.organization_id, limit, offset)
    })
    .await
}

/// A period's state, with the progress of a running close.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("period" = String, Path, description = "YYYY-MM")),
    responses((status = 200, body = PeriodState), (status = 400, body = Problem)))]
#[get("/operator/periods/{period}")]
async fn read(
    state: State,
    op: Operator,
    period: web::Path<String>,
) -> Result<web::Json<PeriodState>, ApiError> {
    let period = parse_period(&period)?;
    let st = with_db(&state.pool, move |c| {
        Ok(periods::get(c, op.organization_id, period)?)
    })
    .await?;
    Ok(web::Json(st))
}

/// Close the period: compute every account's charges and balances and freeze them. Runs
/// as a background job on whichever server instance claims it; follow it with
/// `GET operator/periods/{period}`.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("period" = String, Path, description = "YYYY-MM")),
    responses(
        (status = 202, description = "The close has started", body = PeriodState),
        (status = 409, description = "`period_closed`, `period_closing`, `period_order` or `period_not_ended`", body = Problem),
    ))]
#[post("/operator/periods/{period}/close")]
async fn close_period(
    state: State,
    op: Operator,
    period: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let req = CloseRequest {
        organization_id: op.organization_id,
        period: parse_period(&period)?,
        user_id: Some(op.user_id),
        key_rate_bp: state.config.key_rate_bp,
    };
    let today = chrono::Utc::now().date_naive();
    let (started, _) = with_db(&state.pool, move |c| Ok(close::start(c, req, today)?)).await?;
    state.jobs.wake();
    Ok(HttpResponse::Accepted().json(started))
}

/// A refused close is a 409 naming why.
impl From<Refused> for ApiError {
    fn from(e: Refused) -> Self {
        let code = match e {
            Refused::Closed(_) => ErrorCode::PeriodClosed,
            Refused::Closing(_) => ErrorCode::PeriodClosing,
            Refused::NotEnded(_) => ErrorCode::PeriodNotEnded,
            Refused::Order { .. } => ErrorCode::PeriodOrder,
            Refused::Database(e) => return e.into(),
        };
        ApiError::new(StatusCode::CONFLICT, code, e.to_string())
    }
}
