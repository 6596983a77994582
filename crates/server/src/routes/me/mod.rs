//! `me`: the signed-in user's own profile.

pub mod email;
pub mod subscriptions;

use crate::auth::{password, session, Caller};
use crate::db::{self, refresh_tokens, users};
use crate::error::ApiError;
use crate::input::Json;
use crate::routes::with_db;
use crate::state::AppState;
use crate::views;
use actix_web::{delete, get, http::StatusCode, patch, put, web, HttpResponse};
use domkom_dto::ErrorCode;
use domkom_dto::{rules, *};
use domkom_values::UserId;
use utoipa_actix_web::service_config::ServiceConfig;

type State = web::Data<AppState>;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_me)
        .service(update_me)
        .service(delete_me)
        .service(change_password)
        .service(email::request_change)
        .service(email::confirm_change)
        .service(subscriptions::get_subscriptions)
        .service(subscriptions::put_subscriptions)
        .service(subscriptions::unsubscribe);
}

/// The caller's row; a token of a deleted user no longer opens anything.
fn load(conn: &mut db::DbConn, caller: Caller) -> Result<users::UserRow, ApiError> {
    users::find(conn, caller.user_id)?.ok_or_else(views::profile::gone)
}

/// The password asked once more of a signed-in user (at `field`). Wrong ones count against
/// the user, whichever of these requests sends them: past the limit even the right one
/// waits (429), so a session left open cannot be used to guess the password.
async fn confirm_password(
    state: &State,
    user: UserId,
    given: String,
    hash: String,
    field: &str,
) -> Result<(), ApiError> {
    let key = [(
        format!("password:user:{user}"),
        state.config.limits.password_per_user,
    )];
    state.limiter.unspent(&key).await?;
    if password::verify_off_thread(given, Some(hash)).await? {
        return Ok(());
    }
    state.limiter.count(&key).await?;
    Err(ApiError::field(
        StatusCode::FORBIDDEN,
        ErrorCode::WrongPassword,
        field,
        "Неверный пароль",
    ))
}

/// The signed-in user's profile.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses((status = 200, body = User), (status = 401, body = Problem))
)]
#[get("/me")]
async fn get_me(state: State, caller: Caller) -> Result<web::Json<User>, ApiError> {
    let user = with_db(&state.pool, move |conn| {
        views::profile::read(conn, caller.user_id)
    })
    .await?;
    Ok(web::Json(user))
}

/// Change the full name or the phone.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = UpdateProfile,
    responses((status = 200, body = User), (status = 401, body = Problem), (status = 422, body = Problem))
)]
#[patch("/me")]
async fn update_me(
    state: State,
    caller: Caller,
    body: Json<UpdateProfile>,
) -> Result<web::Json<User>, ApiError> {
    let changes = body.into_inner();
    let errors: Vec<_> = [
        changes
            .full_name
            .as_deref()
            .and_then(rules::check_full_name),
        changes
            .phone
            .as_deref()
            .and_then(|p| rules::check_phone("phone", p)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let user = with_db(&state.pool, move |conn| {
        db::write_tx(conn, |conn| {
            load(conn, caller)?;
            users::update_profile(
                conn,
                caller.user_id,
                &users::ProfileChanges {
                    full_name: changes.full_name.as_deref().map(str::trim),
                    phone: changes.phone.as_deref().map(str::trim),
                    updated_at: db::now(),
                },
            )?;
            views::profile::read(conn, caller.user_id)
        })
    })
    .await?;
    Ok(web::Json(user))
}

/// Delete the profile: removes the personal data and ends every session. Asks for the
/// password once more.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = DeleteProfile,
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem),
        (status = 403, description = "`wrong_password`", body = Problem),
    )
)]
#[delete("/me")]
async fn delete_me(
    state: State,
    caller: Caller,
    body: Json<DeleteProfile>,
) -> Result<HttpResponse, ApiError> {
    let row = with_db(&state.pool, move |conn| load(conn, caller)).await?;
    let given = body.into_inner().password;
    confirm_password(&state, caller.user_id, given, row.password_hash, "password").await?;
    with_db(&state.pool, move |conn| {
        db::write_tx(conn, |conn| {
            refresh_tokens::revoke_all_of_user(conn, caller.user_id)?;
            users::delete(conn, caller.user_id)?;
            Ok(())
        })
    })
    .await?;
    state.revoked.changed();
    Ok(HttpResponse::NoContent()
        .cookie(session::removal_cookie())
        .finish())
}

/// Change the password. Every session is ended (the browser that asked gets a new one) and
/// a pending change of e-mail is cancelled.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = ChangePassword,
    responses(
        (status = 200, body = MessageResponse),
        (status = 401, body = Problem),
        (status = 403, description = "`wrong_password` on `current_password`", body = Problem),
        (status = 422, description = "`weak_password` or `same_password` (the current one again) on `new_password`", body = Problem),
    )
)]
#[put("/me/password")]
async fn change_password(
    state: State,
    caller: Caller,
    body: Json<ChangePassword>,
) -> Result<HttpResponse, ApiError> {
    let ChangePassword {
        current_password,
        new_password,
    } = body.into_inner();
    if let Some(e) = rules::check_new_password(&current_password, &new_password) {
        return Err(ApiError::validation(vec![e]));
    }
    let row = with_db(&state.pool, move |conn| load(conn, caller)).await?;
    let hash = row.password_hash;
    confirm_password(
        &state,
        caller.user_id,
        current_password,
        hash,
        "current_password",
    )
    .await?;
    let new_hash = password::hash_off_thread(new_password).await?;
    let st = state.clone();
    let tokens = with_db(&state.pool, move |conn| {
        db::write_tx(conn, |conn| {
            users::set_password_hash(conn, caller.user_id, &new_hash)?;
            refresh_tokens::revoke_all_of_user(conn, caller.user_id)?;
            db::user_tokens::cancel_email_change(conn, caller.user_id)?;
            session::start(conn, &st, caller)
        })
    })
    .await?;
    state.revoked.changed();
    Ok(HttpResponse::Ok()
        .cookie(session::cookie(&state, &tokens.refresh_token))
        .json(MessageResponse::new(
            "Пароль изменён. На других устройствах войдите заново",
        )))
}
