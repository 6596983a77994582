//! `operator/service-requests`: the desk of requests for paid services. Accepting, doing
//! and rejecting each tell the resident by e-mail.

use super::crud::State;
use crate::auth::Operator;
use crate::correspondence::{self, Party};
use crate::db::paid_services::{self as q, Move};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::paid_services::{self, reach};
use crate::routes::{valid, with_db};
use crate::state::AppState;
use actix_web::{get, post, web};
use domkom_dto::{rules, AcceptRequest, Page, PageQuery, Problem, RejectRequest};
use domkom_dto::{ServiceRequest, ServiceRequestFilter};
use domkom_values::ServiceRequestId;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(read)
        .service(accept)
        .service(done)
        .service(reject);
}

/// The organization's requests: new first (oldest first), then accepted by the agreed
/// time, then done and rejected, the latest change first.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(ServiceRequestFilter, PageQuery),
    responses((status = 200, body = Page<ServiceRequest>), (status = 403, body = Problem)))]
#[get("/operator/service-requests")]
async fn list(
    state: State,
    op: Operator,
    filter: Query<ServiceRequestFilter>,
    page: Query<PageQuery>,
) -> Result<web::Json<Page<ServiceRequest>>, ApiError> {
    let (filter, limit, offset) = (filter.into_inner(), page.limit(), page.offset());
    let (items, total) = with_db(&state.pool, move |c| {
        Ok(q::queue(c, op.organization_id, &filter, limit, offset)?)
    })
    .await?;
    Ok(web::Json(Page { items, total }))
}

/// One request of the organization.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = ServiceRequest), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
#[get("/operator/service-requests/{id}")]
async fn read(
    state: State,
    op: Operator,
    path: web::Path<ServiceRequestId>,
) -> Result<web::Json<ServiceRequest>, ApiError> {
    let id = path.into_inner();
    let request = with_db(&state.pool, move |c| {
        reach(c, Party::Staff(op), id)?;
        q::get(c, id)?.ok_or_else(ApiError::not_found)
    })
    .await?;
    Ok(web::Json(request))
}

/// Accepts a new request with the time and the price agreed with the resident.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = AcceptRequest,
    responses((status = 200, body = ServiceRequest), (status = 404, body = Problem),
        (status = 409, description = "`status_not_allowed` naming the rule", body = Problem),
        (status = 422, body = Problem)))]
#[post("/operator/service-requests/{id}/accept")]
async fn accept(
    state: State,
    op: Operator,
    path: web::Path<ServiceRequestId>,
    body: Json<AcceptRequest>,
) -> Result<web::Json<ServiceRequest>, ApiError> {
    let form = body.into_inner();
    valid(rules::check_accept_request(&form, state.config.today()))?;
    let to = move || Move::Accept {
        at: form.scheduled_at,
        price: form.price,
    };
    moved(&state, op, path.into_inner(), to).await
}

/// Marks an accepted request done; one with a price can then be paid online.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = ServiceRequest), (status = 404, body = Problem),
        (status = 409, description = "`status_not_allowed`: only an accepted request is done", body = Problem)))]
#[post("/operator/service-requests/{id}/done")]
async fn done(
    state: State,
    op: Operator,
    path: web::Path<ServiceRequestId>,
) -> Result<web::Json<ServiceRequest>, ApiError> {
    moved(&state, op, path.into_inner(), || Move::Done).await
}

/// Rejects a new or accepted request, with the reason the resident reads.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = RejectRequest,
    responses((status = 200, body = ServiceRequest), (status = 404, body = Problem),
        (status = 409, description = "`status_not_allowed` naming the rule", body = Problem),
        (status = 422, body = Problem)))]
#[post("/operator/service-requests/{id}/reject")]
async fn reject(
    state: State,
    op: Operator,
    path: web::Path<ServiceRequestId>,
    body: Json<RejectRequest>,
) -> Result<web::Json<ServiceRequest>, ApiError> {
    let form = body.into_inner();
    valid(rules::check_reject_request(&form))?;
    moved(&state, op, path.into_inner(), move || Move::Reject {
        reason: form.reason.clone(),
    })
    .await
}

/// Moves the request, then tells the resident.
async fn moved(
    state: &AppState,
    op: Operator,
    id: ServiceRequestId,
    to: impl FnOnce() -> Move + Send + 'static,
) -> Result<web::Json<ServiceRequest>, ApiError> {
    let (request, to) = with_db(&state.pool, move |c| {
        let request = paid_services::change(c, op, id, to())?;
        let row = q::row(c, id)?.ok_or_else(ApiError::not_found)?;
        let to = correspondence::recipient(c, row.user_id, row.contact_email)?;
        Ok((request, to))
    })
    .await?;
    if let Some((email, name)) = to {
        if let Err(e) = state
            .mailer
            .send_request_update(&email, &name, &request)
            .await
        {
            tracing::error!(request = %id, error = %e, "the request's letter was not sent");
        }
    }
    Ok(web::Json(request))
}
