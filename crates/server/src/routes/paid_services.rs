//! Paid services as the resident orders them: the account's organization's catalogue and
//! the resident's requests (see docs/paid-services.md). A request is its writer's, as an
//! appeal is: anyone else gets 404.

use crate::auth::Caller;
use crate::correspondence::Party;
use crate::db::{appeals, paid_services as q, write_tx, DbError};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::paid_services::reach;
use crate::routes::accounts::linked_organization;
use crate::routes::{valid, with_db};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use domkom_dto::ServiceRequest;
use domkom_dto::{rules, Contact, NewServiceRequest, Page, PageQuery, PaidService, Problem};
use domkom_values::{AccountId, ServiceRequestId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(catalogue)
        .service(list)
        .service(create)
        .service(read);
}

type State = web::Data<AppState>;

/// What the account's company offers, by name.
#[utoipa::path(tag = "paid services", security(("bearer" = [])),
    params(("account_id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<PaidService>), (status = 401, body = Problem),
        (status = 404, body = Problem)))]
#[get("/accounts/{account_id}/paid-services")]
async fn catalogue(
    state: State,
    caller: Caller,
    path: web::Path<AccountId>,
    page: Query<PageQuery>,
) -> Result<web::Json<Page<PaidService>>, ApiError> {
    let (account, limit, offset) = (path.into_inner(), page.limit(), page.offset());
    let (items, total) = with_db(&state.pool, move |c| {
        let org = linked_organization(c, &caller, account)?;
        Ok(q::catalogue(c, org, true, limit, offset)?)
    })
    .await?;
    Ok(web::Json(Page { items, total }))
}

/// The caller's requests about the account, newest first.
#[utoipa::path(tag = "paid services", security(("bearer" = [])),
    params(("account_id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<ServiceRequest>), (status = 401, body = Problem),
        (status = 404, body = Problem)))]
#[get("/accounts/{account_id}/service-requests")]
async fn list(
    state: State,
    caller: Caller,
    path: web::Path<AccountId>,
    page: Query<PageQuery>,
) -> Result<web::Json<Page<ServiceRequest>>, ApiError> {
    let (account, limit, offset) = (path.into_inner(), page.limit(), page.offset());
    let (items, total) = with_db(&state.pool, move |c| {
        linked_organization(c, &caller, account)?;
        Ok(q::of_account(c, account, caller.user_id, limit, offset)?)
    })
    .await?;
    Ok(web::Json(Page { items, total }))
}

/// Asks for a service of the catalogue on a date and in a time slot.
#[utoipa::path(tag = "paid services", security(("bearer" = [])),
    params(("account_id" = i64, Path)), request_body = NewServiceRequest,
    responses((status = 201, body = ServiceRequest), (status = 401, body = Problem),
        (status = 404, body = Problem),
        (status = 422, description = "The date, the comment, the contact, or `not_found` on \
            `paid_service_id`: not an active service of the account's company", body = Problem)))]
#[post("/accounts/{account_id}/service-requests")]
async fn create(
    state: State,
    caller: Caller,
    path: web::Path<AccountId>,
    body: Json<NewServiceRequest>,
) -> Result<HttpResponse, ApiError> {
    let (account, data) = (path.into_inner(), body.into_inner());
    valid(rules::check_new_service_request(
        &data,
        state.config.today(),
    ))?;
    let request = with_db(&state.pool, move |c| {
        write_tx(c, |c| {
            let org = linked_organization(c, &caller, account)?;
            let Some(service) =
                q::get_service(c, org, data.paid_service_id)?.filter(|s| s.data.active)
            else {
                return Err(DbError::NotOwned("paid_service_id".into()).into());
            };
            let house_id = appeals::house_of(c, account)?.ok_or_else(ApiError::not_found)?;
            let id = q::insert(
                c,
                &q::New {
                    organization_id: org,
                    account_id: account,
                    house_id,
                    user_id: caller.user_id,
                    service: &service,
                    preferred_date: data.preferred_date,
                    time_slot: data.time_slot,
                    comment: &data.comment,
                    contact: Contact {
                        phone: rules::present(&data.contact_phone).map(str::to_owned),
                        email: rules::present(&data.contact_email).map(rules::normalize_email),
                    },
                },
            )?;
            q::get(c, id)?.ok_or_else(ApiError::not_found)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(request))
}

/// One of the caller's requests.
#[utoipa::path(tag = "paid services", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = ServiceRequest), (status = 401, body = Problem),
        (status = 404, body = Problem)))]
#[get("/service-requests/{id}")]
async fn read(
    state: State,
    caller: Caller,
    path: web::Path<ServiceRequestId>,
) -> Result<web::Json<ServiceRequest>, ApiError> {
    let id = path.into_inner();
    let request = with_db(&state.pool, move |c| {
        reach(c, Party::Resident(caller.user_id), id)?;
        q::get(c, id)?.ok_or_else(ApiError::not_found)
    })
    .await?;
    Ok(web::Json(request))
}
