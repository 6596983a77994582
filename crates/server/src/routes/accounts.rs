//! `accounts/{id}`: a linked personal account as its resident sees it. An account that is
//! not linked to the caller answers 404 to everyone, operators included.

use crate::auth::Caller;
use crate::db::{links, DbConn};
use crate::error::ApiError;
use crate::routes::with_db;
use crate::state::AppState;
use crate::views::card;
use actix_web::{get, web};
use domkom_dto::{AccountCard, Problem};
use domkom_values::{AccountId, OrganizationId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(read);
}

/// The account card («Главная»): number, holder, address, area, persons, the company's
/// contacts, the money as of the last closed period and the services billed in it.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), params(("account_id" = i64, Path)),
    responses((status = 200, body = AccountCard), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/accounts/{account_id}")]
async fn read(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<AccountId>,
) -> Result<web::Json<AccountCard>, ApiError> {
    let (id, today) = (id.into_inner(), state.config.today());
    let card = with_db(&state.pool, move |c| {
        card::card(c, caller.user_id, id, today)?.ok_or_else(ApiError::not_found)
    })
    .await?;
    Ok(web::Json(card))
}

/// The organization of an account linked to the caller; 404 for any other account, so
/// nobody learns which accounts exist.
pub fn linked_organization(
    c: &mut DbConn,
    caller: &Caller,
    account: AccountId,
) -> Result<OrganizationId, ApiError> {
    links::linked_organization(c, caller.user_id, account)?.ok_or_else(ApiError::not_found)
}
