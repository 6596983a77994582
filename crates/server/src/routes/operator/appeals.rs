//! `operator/appeals`: the company's desk of appeals, and `operator/appeal-topics`, the
//! topics residents choose from.

use super::crud::State;
use crate::appeals::{self, found};
use crate::auth::Operator;
use crate::correspondence::{self, Party};
use crate::db::{appeals as q, write_tx};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::routes::appeals::photo_response;
use crate::routes::{valid, with_db};
use actix_web::{get, post, put, web, HttpResponse};
use domkom_dto::{rules, Appeal, AppealFilter, AppealSummary, AppealTopics, ChangeAppealStatus};
use domkom_dto::{NewMessage, Page, PageQuery, Problem};
use domkom_values::{AppealId, AppealPhotoId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(queue)
        .service(read)
        .service(answer)
        .service(set_status)
        .service(read_photo)
        .service(read_topics)
        .service(set_topics);
}

/// The organization's appeals: waiting ones first (new, then in progress), the longest
/// waiting first; then answered and closed, the latest first.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(AppealFilter, PageQuery),
    responses((status = 200, body = Page<AppealSummary>), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
#[get("/operator/appeals")]
async fn queue(
    state: State,
    op: Operator,
    filter: Query<AppealFilter>,
    page: Query<PageQuery>,
) -> Result<web::Json<Page<AppealSummary>>, ApiError> {
    let (filter, limit, offset) = (filter.into_inner(), page.limit(), page.offset());
    valid(rules::check_appeal_filter(&filter))?;
    let page = with_db(&state.pool, move |c| {
        let (rows, total) = q::queue(c, op.organization_id, &filter, limit, offset)?;
        Ok(Page {
            items: q::summaries(c, rows)?,
            total,
        })
    })
    .await?;
    Ok(web::Json(page))
}

/// An appeal with its thread and the resident's contact.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Appeal), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
#[get("/operator/appeals/{id}")]
async fn read(
    state: State,
    op: Operator,
    path: web::Path<AppealId>,
) -> Result<web::Json<Appeal>, ApiError> {
    let id = path.into_inner();
    let appeal = with_db(&state.pool, move |c| {
        appeals::reach(c, Party::Staff(op), id)?;
        found(appeals::thread(c, id)?)
    })
    .await?;
    Ok(web::Json(appeal))
}

/// Answers in the thread: the appeal becomes answered and the resident gets an e-mail.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = NewMessage,
    responses(
        (status = 201, body = Appeal), (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`status_not_allowed`: the appeal is closed", body = Problem),
        (status = 422, body = Problem)))]
#[post("/operator/appeals/{id}/messages")]
async fn answer(
    state: State,
    op: Operator,
    path: web::Path<AppealId>,
    body: Json<NewMessage>,
) -> Result<HttpResponse, ApiError> {
    let (id, data) = (path.into_inner(), body.into_inner());
    valid(rules::check_new_message(&data))?;
    let text = data.text.clone();
    let (appeal, to) = with_db(&state.pool, move |c| {
        let (appeal, row) = appeals::write(c, Party::Staff(op), id, &data.text, &[])?;
        let to = correspondence::recipient(c, row.user_id, row.contact_email)?;
        Ok((appeal, to))
    })
    .await?;
    if let Some((email, name)) = to {
        let sent = state
            .mailer
            .send_appeal_answer(&email, &name, &appeal.summary, &text)
            .await;
        if let Err(e) = sent {
            tracing::error!(appeal = %id, error = %e, "the answer's letter was not sent");
        }
    }
    Ok(HttpResponse::Created().json(appeal))
}

/// Takes a new appeal up (`in_progress`) or closes one (`closed`). An appeal becomes
/// answered by an answer, not by this.
#[utoipa::path(tag = "operator", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = ChangeAppealStatus,
    responses(
        (status = 200, body = Appeal), (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`status_not_allowed` naming the rule", body = Problem)))]
#[post("/operator/appeals/{id}/status")]
async fn set_status(
    state: State,
    op: Operator,
    path: web::Path<AppealId>,
    body: Json<ChangeAppealStatus>,
) -> Result<web::Json<Appeal>, ApiError> {
    let (id, to) = (path.into_inner(), body.into_inner().status);
    let appeal = with_db(&state.pool, move |c| {
        appeals::set_status(c, Party::Staff(op), id, to)
    })
    .await?;
    Ok(web::Json(appeal))
}

/// A photo of the appeal.
#[utoipa::path(tag = "operator", security(("bearer" = [])),
    params(("id" = i64, Path), ("photo_id" = i64, Path)),
    responses(
        (status = 200, description = "JPEG, PNG or HEIC", content_type = "image/*", body = Vec<u8>),
        (status = 403, body = Problem), (status = 404, body = Problem)))]
#[get("/operator/appeals/{id}/photos/{photo_id}")]
async fn read_photo(
    state: State,
    op: Operator,
    path: web::Path<(AppealId, AppealPhotoId)>,
) -> Result<HttpResponse, ApiError> {
    let (id, photo_id) = path.into_inner();
    photo_response(&state, Party::Staff(op), id, photo_id).await
}

/// The topics residents choose from (the default list until the organization sets its own).
#[utoipa::path(tag = "operator", security(("bearer" = [])),
    responses((status = 200, body = AppealTopics), (status = 403, body = Problem)))]
#[get("/operator/appeal-topics")]
async fn read_topics(state: State, op: Operator) -> Result<web::Json<AppealTopics>, ApiError> {
    let topics = with_db(&state.pool, move |c| Ok(q::topics(c, op.organization_id)?)).await?;
    Ok(web::Json(AppealTopics { topics }))
}

/// Replaces the topics; appeals keep the topic they were written with.
#[utoipa::path(tag = "operator", security(("bearer" = [])), request_body = AppealTopics,
    responses((status = 200, body = AppealTopics), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
#[put("/operator/appeal-topics")]
async fn set_topics(
    state: State,
    op: Operator,
    body: Json<AppealTopics>,
) -> Result<web::Json<AppealTopics>, ApiError> {
    let data = body.into_inner();
    valid(rules::check_appeal_topics(&data))?;
    let org = op.organization_id;
    let topics = with_db(&state.pool, move |c| {
        write_tx(c, |c| {
            q::set_topics(c, org, &data.topics)?;
            Ok(q::topics(c, org)?)
        })
    })
    .await?;
    Ok(web::Json(AppealTopics { topics }))
}
