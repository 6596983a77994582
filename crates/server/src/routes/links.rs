//! `organizations` and `me/accounts`: a resident finds their company and links the
//! personal account with a proof only the payer knows.

use crate::auth::Resident;
use crate::db::{self, links};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::routes::with_db;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{delete, get, post, web, HttpResponse};
use domkom_dto::ErrorCode;
use domkom_dto::{
    FieldError, LinkAccount, LinkedAccount, OrganizationSearch, OrganizationSummary, Problem,
};
use domkom_values::AccountId;
use utoipa_actix_web::service_config::ServiceConfig;

type State = web::Data<AppState>;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(organizations)
        .service(list)
        .service(link)
        .service(unlink);
}

/// The longest search text: longer than any name, INN or address.
const QUERY_MAX: usize = 200;

/// Organizations a resident may link an account with, found by name, INN or address and,
/// given `kind`, keeping accounts of that kind (the best fit first). When a company is not
/// in the list, the resident asks the company to join Domkom.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), params(OrganizationSearch),
    responses((status = 200, body = Vec<OrganizationSummary>), (status = 401, body = Problem),
        (status = 422, description = "`validation_failed`: `q` too long", body = Problem)))]
#[get("/organizations")]
async fn organizations(
    state: State,
    _: Resident,
    q: Query<OrganizationSearch>,
) -> Result<web::Json<Vec<OrganizationSummary>>, ApiError> {
    let OrganizationSearch { q, kind } = q.into_inner();
    let needle = q.as_deref().unwrap_or_default().trim().to_lowercase();
    if needle.chars().count() > QUERY_MAX {
        return Err(ApiError::validation(vec![FieldError::new(
            "q",
            "too_long",
            format!("Не длиннее {QUERY_MAX} символов"),
        )]));
    }
    let all = with_db(&state.pool, |c| Ok(links::organizations(c)?)).await?;
    // Filtered here: SQLite's lower() knows only Latin letters.
    let mut found: Vec<_> = all
        .into_iter()
        .filter(|o| kind.is_none_or(|k| k.fit(o.kind).is_some()))
        .filter(|o| {
            [&o.name, &o.inn, &o.address]
                .iter()
                .any(|f| f.to_lowercase().contains(&needle))
        })
        .collect();
    if let Some(kind) = kind {
        // Stable: by name within each kind of keeper.
        found.sort_by_key(|o| kind.fit(o.kind));
    }
    Ok(web::Json(found))
}

/// The resident's linked personal accounts.
#[utoipa::path(tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = Vec<LinkedAccount>), (status = 401, body = Problem), (status = 403, body = Problem)))]
#[get("/me/accounts")]
async fn list(state: State, me: Resident) -> Result<web::Json<Vec<LinkedAccount>>, ApiError> {
    let accounts = with_db(&state.pool, move |c| {
        Ok(links::linked(c, me.user_id, None)?)
    })
    .await?;
    Ok(web::Json(accounts))
}

fn no_match() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::LinkRefused,
        "Лицевой счёт с таким номером и кодом (или суммой последней квитанции) не найден. \
         Проверьте данные по квитанции",
    )
}

fn kind_mismatch() -> ApiError {
    ApiError::field(
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::AccountKindMismatch,
        "kind",
        "Это лицевой счёт другого вида: выберите вид, указанный в квитанции",
    )
}

/// Link a personal account: the organization, the number, and the linking code from the
/// receipt or the exact total of the last receipt. Five wrong tries an hour, then 429.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), request_body = LinkAccount,
    responses((status = 201, body = LinkedAccount), (status = 422, description = "`validation_failed`, `link_refused`, or `account_kind_mismatch` (at `kind`) when the proven account is of another kind", body = Problem),
        (status = 429, body = Problem)))]
#[post("/me/accounts")]
async fn link(
    state: State,
    me: Resident,
    body: Json<LinkAccount>,
) -> Result<HttpResponse, ApiError> {
    let form = body.into_inner();
    let code = form
        .link_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_uppercase);
    if form.account_number.trim().is_empty()
        || (code.is_none() && form.last_receipt_total.is_none())
    {
        let mut errors = Vec::new();
        if form.account_number.trim().is_empty() {
            errors.push(FieldError::new(
                "account_number",
                "required",
                "Укажите номер лицевого счёта",
            ));
        }
        if code.is_none() && form.last_receipt_total.is_none() {
            errors.push(FieldError::new(
                "link_code",
                "required",
                "Укажите код с квитанции или сумму последней квитанции",
            ));
        }
        return Err(ApiError::validation(errors));
    }
    let key = [(
        format!("link:user:{}", me.user_id),
        state.config.limits.link_failures_per_user,
    )];
    state.limiter.unspent(&key).await?;
    let linked = with_db(&state.pool, move |c| {
        db::write_tx(c, |c| {
            let Some(found) = links::find_account(c, form.organization_id, &form.account_number)?
            else {
                return Ok(None);
            };
            let proven = match (&code, form.last_receipt_total) {
                (Some(code), _) => *code == found.link_code,
                (None, Some(total)) => links::last_receipt_total(c, found.id)? == Some(total),
                (None, None) => false,
            };
            if !proven {
                return Ok(None);
            }
            // Told only after the proof, so the kind says nothing about a stranger's account.
            if form.kind.is_some_and(|k| k != found.kind) {
                return Err(kind_mismatch());
            }
            links::link(c, me.user_id, found.id, form.organization_id)?;
            Ok(links::linked(c, me.user_id, Some(found.id))?.pop())
        })
    })
    .await?;
    match linked {
        Some(account) => Ok(HttpResponse::Created().json(account)),
        None => {
            // Every wrong proof counts, so numbers and codes cannot be guessed.
            state.limiter.count(&key).await?;
            Err(no_match())
        }
    }
}

/// Unlink a personal account from the resident's cabinet.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), params(("account_id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem)))]
#[delete("/me/accounts/{account_id}")]
async fn unlink(
    state: State,
    me: Resident,
    id: web::Path<AccountId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    with_db(&state.pool, move |c| {
        match links::unlink(c, me.user_id, id)? {
            0 => Err(ApiError::not_found()),
            _ => Ok(()),
        }
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
