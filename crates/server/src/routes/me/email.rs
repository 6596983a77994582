//! `me/email`: changing the e-mail, confirmed by a link sent to the new address.
//!
//! The password is asked for, as for deleting the profile: a session left open on a shared
//! computer must not be enough to move the account to another address (and then reset its
//! password from there). The link works only for the profile that asked, signed in, so an
//! address typed wrong cannot hand the account to whoever owns it. Until the link is
//! followed the current address works for sign-in and recovery; it is told of the request.

use super::{confirm_password, load, State};
use crate::auth::{secret, Caller};
use crate::db::{self, users};
use crate::error::ApiError;
use crate::input::Json;
use crate::routes::auth::{expiry, link_invalid};
use crate::routes::with_db;
use crate::views;
use actix_web::{http::StatusCode, post, web, HttpResponse};
use domkom_dto::ErrorCode;
use domkom_dto::{rules, *};

/// Ask to change the e-mail. A link goes to the new address (valid 24 hours, once) and a
/// notice to the current one; asking again replaces the pending change. The address
/// changes when the link is followed (`POST me/email/confirm`).
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = ChangeEmail,
    responses(
        (status = 202, description = "The confirmation letter is sent", body = MessageResponse),
        (status = 401, body = Problem),
        (status = 403, description = "`wrong_password` on `password`", body = Problem),
        (status = 409, description = "`email_taken` on `new_email`", body = Problem),
        (status = 422, description = "`new_email` malformed or `same_email` (the current one)", body = Problem),
        (status = 429, body = Problem),
        (status = 503, description = "`mail_unavailable`: nothing changed", body = Problem),
    )
)]
#[post("/me/email")]
pub(super) async fn request_change(
    state: State,
    caller: Caller,
    body: Json<ChangeEmail>,
) -> Result<HttpResponse, ApiError> {
    let form = body.into_inner();
    crate::routes::valid(rules::check_change_email(&form))?;
    let key = (
        format!("email-change:user:{}", caller.user_id),
        state.config.limits.email_change_per_user,
    );
    state.limiter.count(&[key]).await?;
    let row = with_db(&state.pool, move |conn| load(conn, caller)).await?;
    let (current, name) = (row.email, row.full_name);
    confirm_password(
        &state,
        caller.user_id,
        form.password,
        row.password_hash,
        "password",
    )
    .await?;
    let email = rules::normalize_email(&form.new_email);
    if email == current {
        return Err(ApiError::validation(vec![FieldError::new(
            "new_email",
            "same_email",
            "Это ваш текущий адрес",
        )]));
    }
    let token = secret::generate();
    let (hash, expires) = (secret::hash(&token), expiry(state.config.email_change_ttl)?);
    let new = email.clone();
    with_db(&state.pool, move |conn| {
        db::write_tx(conn, |conn| {
            users::ensure_email_free(conn, &new, "new_email")?;
            db::user_tokens::insert_email_change(conn, caller.user_id, &new, &hash, expires)?;
            Ok(())
        })
    })
    .await?;
    if let Err(e) = state
        .mailer
        .send_email_confirmation(&email, &name, &token)
        .await
    {
        // A change nobody can confirm would only show as pending: take it back.
        tracing::error!(
            error = format!("{e:#}"),
            "e-mail confirmation letter not sent"
        );
        with_db(&state.pool, move |conn| {
            Ok(db::user_tokens::cancel_email_change(conn, caller.user_id)?)
        })
        .await?;
        return Err(ApiError::mail_unavailable(
            "Не удалось отправить письмо. Попробуйте сменить адрес позже",
        ));
    }
    if let Err(e) = state
        .mailer
        .send_email_change_notice(&current, &name, &email)
        .await
    {
        tracing::error!(error = format!("{e:#}"), "e-mail change notice not sent");
    }
    Ok(HttpResponse::Accepted().json(MessageResponse::new(format!(
        "Письмо для подтверждения отправлено на {email}. Адрес сменится, когда вы перейдёте \
         по ссылке из письма; до этого действует прежний"
    ))))
}

/// Confirm the new e-mail with the token from the letter sent to it (single use, 24
/// hours), signed in as the profile that asked. Another user's token is `token_invalid`
/// and stays usable by its owner.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = ConfirmEmail,
    responses(
        (status = 200, description = "The address is changed", body = User),
        (status = 400, description = "`token_invalid`: unknown, used, expired, replaced or another user's", body = Problem),
        (status = 401, body = Problem),
        (status = 409, description = "`email_taken`: another account took the address meanwhile; the change is dropped", body = Problem),
    )
)]
#[post("/me/email/confirm")]
pub(super) async fn confirm_change(
    state: State,
    caller: Caller,
    body: Json<ConfirmEmail>,
) -> Result<web::Json<User>, ApiError> {
    let hash = secret::hash(body.token.trim());
    let result = with_db(&state.pool, move |conn| {
        db::write_tx(conn, |conn| {
            load(conn, caller)?;
            let email = db::user_tokens::consume_email_change(conn, caller.user_id, &hash)?
                .ok_or_else(link_invalid)?;
            if !users::change_email(conn, caller.user_id, &email)? {
                // The used link is kept used: the change can no longer happen.
                return Ok(Err(ApiError::new(
                    StatusCode::CONFLICT,
                    ErrorCode::EmailTaken,
                    "Этот адрес уже занят другой учётной записью. Укажите другой адрес",
                )));
            }
            Ok(Ok(views::profile::read(conn, caller.user_id)?))
        })
    })
    .await?;
    Ok(web::Json(result?))
}
