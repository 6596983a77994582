//! Appeals as the resident writes them: `accounts/{id}/appeals` and `appeals/{id}` (see
//! docs/appeals.md). An appeal is its writer's: reached while the writer is linked to its
//! account; anyone else gets 404, a flatmate linked to the same account too.

use crate::appeals::{self, found};
use crate::auth::Caller;
use crate::correspondence::Party;
use crate::db::{appeals as q, write_tx};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::routes::accounts::linked_organization;
use crate::routes::{valid, with_db};
use crate::state::AppState;
use crate::uploads::WithPhotos;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{get, post, web, HttpResponse};
use domkom_dto::{rules, Appeal, AppealList, AppealTopics, ChangeAppealStatus, Contact};
use domkom_dto::{FieldError, NewAppeal, NewMessage, PageQuery, Problem};
use domkom_values::{AccountId, AppealId, AppealPhotoId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(read_topics)
        .service(list)
        .service(create)
        .service(read)
        .service(write)
        .service(set_status)
        .service(read_photo);
}

type State = web::Data<AppState>;

/// The topics an appeal to the account's company may have.
#[utoipa::path(tag = "appeals", security(("bearer" = [])), params(("account_id" = i64, Path)),
    responses((status = 200, body = AppealTopics), (status = 401, body = Problem),
        (status = 404, body = Problem)))]
#[get("/accounts/{account_id}/appeal-topics")]
async fn read_topics(
    state: State,
    caller: Caller,
    path: web::Path<AccountId>,
) -> Result<web::Json<AppealTopics>, ApiError> {
    let account = path.into_inner();
    let topics = with_db(&state.pool, move |c| {
        let org = linked_organization(c, &caller, account)?;
        Ok(q::topics(c, org)?)
    })
    .await?;
    Ok(web::Json(AppealTopics { topics }))
}

/// The caller's appeals about the account, newest first, with the answers not yet read.
#[utoipa::path(tag = "appeals", security(("bearer" = [])),
    params(("account_id" = i64, Path), PageQuery),
    responses((status = 200, body = AppealList), (status = 401, body = Problem),
        (status = 404, body = Problem)))]
#[get("/accounts/{account_id}/appeals")]
async fn list(
    state: State,
    caller: Caller,
    path: web::Path<AccountId>,
    page: Query<PageQuery>,
) -> Result<web::Json<AppealList>, ApiError> {
    let (account, limit, offset) = (path.into_inner(), page.limit(), page.offset());
    let list = with_db(&state.pool, move |c| {
        linked_organization(c, &caller, account)?;
        let (rows, total) = q::of_account(c, account, caller.user_id, limit, offset)?;
        Ok(AppealList {
            items: q::summaries(c, rows)?,
            total,
            unread_answers: q::unread_of_account(c, account, caller.user_id)?,
        })
    })
    .await?;
    Ok(web::Json(list))
}

/// Writes an appeal to the account's company: JSON, or `multipart/form-data` with photos.
#[utoipa::path(tag = "appeals", security(("bearer" = [])), params(("account_id" = i64, Path)),
    request_body(content(
        (NewAppeal = "application/json"),
        (domkom_dto::NewAppealForm = "multipart/form-data"))),
    responses(
        (status = 201, body = Appeal), (status = 401, body = Problem),
        (status = 404, body = Problem),
        (status = 413, description = "A photo above 5 MiB", body = Problem),
        (status = 415, description = "A photo that is not JPEG, PNG or HEIC", body = Problem),
        (status = 422, description = "The text, the topic, the contact or more than 5 photos",
            body = Problem)))]
#[post("/accounts/{account_id}/appeals")]
async fn create(
    state: State,
    caller: Caller,
    path: web::Path<AccountId>,
    body: WithPhotos<NewAppeal>,
) -> Result<HttpResponse, ApiError> {
    let (account, WithPhotos { data, photos }) = (path.into_inner(), body);
    valid(rules::check_new_appeal(&data))?;
    let appeal = with_db(&state.pool, move |c| {
        write_tx(c, |c| {
            let org = linked_organization(c, &caller, account)?;
            let topic = data.topic.trim();
            if !q::topics(c, org)?.iter().any(|t| t == topic) {
                valid(vec![FieldError::new(
                    "topic",
                    "unknown",
                    "Выберите тему из списка",
                )])?;
            }
            let house_id = q::house_of(c, account)?.ok_or_else(ApiError::not_found)?;
            let new = q::New {
                organization_id: org,
                account_id: account,
                house_id,
                user_id: caller.user_id,
                topic,
                text: &data.text,
                contact: Contact {
                    phone: rules::present(&data.contact_phone).map(str::to_owned),
                    email: rules::present(&data.contact_email).map(rules::normalize_email),
                },
            };
            let id = q::insert(c, &new, &photos)?;
            found(appeals::thread(c, id)?)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(appeal))
}

/// An appeal with its thread; the company's answers in it count as read from now.
#[utoipa::path(tag = "appeals", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Appeal), (status = 401, body = Problem),
        (status = 404, body = Problem)))]
#[get("/appeals/{id}")]
async fn read(
    state: State,
    caller: Caller,
    path: web::Path<AppealId>,
) -> Result<web::Json<Appeal>, ApiError> {
    let id = path.into_inner();
    let appeal = with_db(&state.pool, move |c| {
        let row = appeals::reach(c, Party::Resident(caller.user_id), id)?;
        if row.answered_at.is_some_and(|at| at > row.read_at) {
            q::mark_read(c, id)?;
        }
        found(appeals::thread(c, id)?)
    })
    .await?;
    Ok(web::Json(appeal))
}

/// Writes in the thread (JSON, or multipart with photos). Writing in an answered appeal
/// reopens it, for 30 days after the answer.
#[utoipa::path(tag = "appeals", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body(content(
        (NewMessage = "application/json"),
        (domkom_dto::NewMessageForm = "multipart/form-data"))),
    responses(
        (status = 201, body = Appeal), (status = 401, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`status_not_allowed`: closed; `reopen_expired`", body = Problem),
        (status = 413, body = Problem), (status = 415, body = Problem),
        (status = 422, body = Problem)))]
#[post("/appeals/{id}/messages")]
async fn write(
    state: State,
    caller: Caller,
    path: web::Path<AppealId>,
    body: WithPhotos<NewMessage>,
) -> Result<HttpResponse, ApiError> {
    let (id, WithPhotos { data, photos }) = (path.into_inner(), body);
    valid(rules::check_new_message(&data))?;
    let party = Party::Resident(caller.user_id);
    let (appeal, _) = with_db(&state.pool, move |c| {
        appeals::write(c, party, id, &data.text, &photos)
    })
    .await?;
    Ok(HttpResponse::Created().json(appeal))
}

/// Closes the appeal (`closed`), or reopens an answered one (`in_progress`) within 30
/// days of the answer.
#[utoipa::path(tag = "appeals", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = ChangeAppealStatus,
    responses(
        (status = 200, body = Appeal), (status = 401, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`status_not_allowed` naming the rule; `reopen_expired`",
            body = Problem)))]
#[post("/appeals/{id}/status")]
async fn set_status(
    state: State,
    caller: Caller,
    path: web::Path<AppealId>,
    body: Json<ChangeAppealStatus>,
) -> Result<web::Json<Appeal>, ApiError> {
    let (id, to) = (path.into_inner(), body.into_inner().status);
    let party = Party::Resident(caller.user_id);
    let appeal = with_db(&state.pool, move |c| appeals::set_status(c, party, id, to)).await?;
    Ok(web::Json(appeal))
}

/// A photo of the appeal: its bytes, as the type read from them.
#[utoipa::path(tag = "appeals", security(("bearer" = [])),
    params(("id" = i64, Path), ("photo_id" = i64, Path)),
    responses(
        (status = 200, description = "JPEG, PNG or HEIC", content_type = "image/*", body = Vec<u8>),
        (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/appeals/{id}/photos/{photo_id}")]
async fn read_photo(
    state: State,
    caller: Caller,
    path: web::Path<(AppealId, AppealPhotoId)>,
) -> Result<HttpResponse, ApiError> {
    let (id, photo_id) = path.into_inner();
    let party = Party::Resident(caller.user_id);
    photo_response(&state, party, id, photo_id).await
}

/// A stored photo, shown inline; never read as anything but the image it is.
pub async fn photo_response(
    state: &AppState,
    party: Party,
    id: AppealId,
    photo_id: AppealPhotoId,
) -> Result<HttpResponse, ApiError> {
    let (content_type, bytes) =
        with_db(&state.pool, move |c| appeals::photo(c, party, id, photo_id)).await?;
    let extension = content_type.trim_start_matches("image/");
    Ok(HttpResponse::Ok()
        .content_type(content_type.as_str())
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Content-Security-Policy", "default-src 'none'; sandbox"))
        .insert_header(ContentDisposition {
            disposition: DispositionType::Inline,
            parameters: vec![DispositionParam::Filename(format!(
                "photo-{photo_id}.{extension}"
            ))],
        })
        .body(bytes))
}
