//! `auth/*`: registration, activation, sign-in, token refresh, sign-out, password recovery.

pub mod activation;

use crate::auth::{password, secret, session};
use crate::db::{self, user_tokens::Purpose, users};
use crate::error::ApiError;
use crate::input::{Json, OptionalJson};
use crate::routes::with_db;
use crate::state::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use domkom_dto::ErrorCode;
use domkom_dto::{rules, *};
use utoipa_actix_web::service_config::ServiceConfig;

type State = web::Data<AppState>;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(activation::register)
        .service(activation::activate)
        .service(activation::resend_activation)
        .service(login)
        .service(refresh)
        .service(logout)
        .service(forgot_password)
        .service(reset_password);
}

fn ip_key(what: &str, req: &HttpRequest) -> String {
    format!("{what}:ip:{}", AppState::client_ip(req))
}

pub(crate) fn expiry(ttl: std::time::Duration) -> Result<chrono::NaiveDateTime, ApiError> {
    Ok(db::now() + chrono::Duration::from_std(ttl).map_err(ApiError::internal)?)
}

/// 400 `token_invalid` for a link from a letter that no longer works.
pub(crate) fn link_invalid() -> ApiError {
    ApiError::bad_request(
        ErrorCode::TokenInvalid,
        "Ссылка недействительна, уже использована или устарела",
    )
}

/// Sign in by login or e-mail. Returns tokens and sets the refresh cookie for browsers.
#[utoipa::path(
    tag = "auth",
    request_body = Login,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "`invalid_credentials`", body = Problem),
        (status = 403, description = "`account_inactive`: the e-mail is not confirmed yet", body = Problem),
        (status = 429, description = "Too many attempts", body = Problem),
    )
)]
#[post("/auth/login")]
async fn login(
    state: State,
    req: HttpRequest,
    body: Json<Login>,
) -> Result<HttpResponse, ApiError> {
    let Login {
        login,
        password: pw,
    } = body.into_inner();
    let key = login.trim().to_lowercase();
    let lookup = key.clone();
    let user = with_db(&state.pool, move |conn| {
        Ok(users::find_by_login_or_email(conn, &lookup)?)
    })
    .await?;
    // Only failures count, under the user whatever name was typed (the login or the
    // e-mail), so signing in never locks anyone out, and a guesser elsewhere locks only
    // its own address out of this user; the looser per-user limit caps guessing from many.
    let who = user
        .as_ref()
        .map_or(format!("name:{key}"), |u| format!("user:{}", u.id));
    let limits = state.config.limits;
    let ip = ip_key("login", &req);
    let keys = [
        (ip.clone(), limits.login_per_ip),
        (format!("login:{who}:{ip}"), limits.login_per_user_and_ip),
        (format!("login:{who}"), limits.login_per_user),
    ];
    state.limiter.unspent(&keys).await?;
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let matches = password::verify_off_thread(pw, stored).await?;
    let user = match user {
        Some(user) if matches => user,
        _ => {
            state.limiter.count(&keys).await?;
            return Err(ApiError::unauthorized(
                ErrorCode::InvalidCredentials,
                "Неверный логин или пароль",
            ));
        }
    };
    if !user.is_active {
        return Err(ApiError::forbidden(
            ErrorCode::AccountInactive,
            "Учётная запись не активирована. Перейдите по ссылке из письма, отправленного при регистрации",
        ));
    }
    let caller = user
        .as_caller()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown role {}", user.role)))?;
    let st = state.clone();
    let tokens = with_db(&state.pool, move |conn| {
        db::write_tx(conn, |c| session::start(c, &st, caller))
    })
    .await?;
    Ok(with_session(&state, tokens))
}

fn with_session(state: &AppState, tokens: TokenResponse) -> HttpResponse {
    HttpResponse::Ok()
        .cookie(session::cookie(state, &tokens.refresh_token))
        .json(tokens)
}

/// Exchange a refresh token (body, or the cookie) for new tokens. Each refresh token works
/// once; presenting a used one revokes the whole session (`token_reused`).
#[utoipa::path(
    tag = "auth",
    request_body = Option<RefreshRequest>,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "`token_invalid` or `token_reused`", body = Problem),
    )
)]
#[post("/auth/refresh")]
async fn refresh(
    state: State,
    req: HttpRequest,
    body: OptionalJson<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let token =
        session::token_from(&req, body.0.and_then(|b| b.refresh_token)).ok_or_else(|| {
            ApiError::unauthorized(
                ErrorCode::TokenInvalid,
                "Сессия недействительна. Войдите заново",
            )
        })?;
    let st = state.clone();
    let result = with_db(&state.pool, move |conn| {
        db::write_tx(conn, |c| session::rotate(c, &st, &token))
    })
    .await?;
    // A reused token ended its session.
    state.revoked.changed();
    Ok(match result {
        Ok(tokens) => with_session(&state, tokens),
        Err(e) => {
            // A dead session's cookie is of no further use to the browser.
            let mut response = actix_web::ResponseError::error_response(&e);
            let _ = response.add_cookie(&session::removal_cookie());
            response
        }
    })
}

/// Sign out: revokes the session of the refresh token (body, or the cookie).
#[utoipa::path(
    tag = "auth",
    request_body = Option<RefreshRequest>,
    responses((status = 204, description = "Signed out"))
)]
#[post("/auth/logout")]
async fn logout(
    state: State,
    req: HttpRequest,
    body: OptionalJson<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    if let Some(token) = session::token_from(&req, body.0.and_then(|b| b.refresh_token)) {
        with_db(&state.pool, move |conn| {
            db::write_tx(conn, |c| session::end(c, &token))
        })
        .await?;
        state.revoked.changed();
    }
    Ok(HttpResponse::NoContent()
        .cookie(session::removal_cookie())
        .finish())
}

/// Ask for a password-reset link. The answer is the same whether the e-mail is known or not.
#[utoipa::path(
    tag = "auth",
    request_body = ForgotPassword,
    responses(
        (status = 202, body = MessageResponse),
        (status = 422, body = Problem),
        (status = 429, body = Problem),
    )
)]
#[post("/auth/password/forgot")]
async fn forgot_password(
    state: State,
    req: HttpRequest,
    body: Json<ForgotPassword>,
) -> Result<HttpResponse, ApiError> {
    if let Some(e) = rules::check_email("email", &body.email) {
        return Err(ApiError::validation(vec![e]));
    }
    let email = rules::normalize_email(&body.email);
    let limits = state.config.limits;
    let keys = [
        (ip_key("recovery", &req), limits.recovery_per_ip),
        (format!("recovery:{email}"), limits.recovery_per_email),
    ];
    state.limiter.count(&keys).await?;
    let token = secret::generate();
    let (hash, expires, lookup) = (
        secret::hash(&token),
        expiry(state.config.reset_ttl)?,
        email.clone(),
    );
    let user = with_db(&state.pool, move |conn| {
        db::write_tx(conn, |conn| {
            let Some(user) = users::find_by_email(conn, &lookup)? else {
                return Ok(None);
            };
            db::user_tokens::insert(conn, user.id, Purpose::PasswordReset, &hash, expires)?;
            Ok(Some(user))
        })
    })
    .await?;
    if let Some(user) = user {
        if let Err(e) = state
            .mailer
            .send_password_reset(&user.email, &user.full_name, &token)
            .await
        {
            tracing::error!(error = format!("{e:#}"), "password reset letter not sent");
        }
    }
    Ok(HttpResponse::Accepted().json(MessageResponse::new(
        "Если этот адрес зарегистрирован, на него отправлено письмо со ссылкой для восстановления пароля",
    )))
}

/// Set a new password with the token from the reset letter (single use, 1 hour). Ends every
/// session of the user, confirms the e-mail and cancels a pending change of e-mail.
#[utoipa::path(
    tag = "auth",
    request_body = ResetPassword,
    responses(
        (status = 200, body = MessageResponse),
        (status = 400, description = "`token_invalid`", body = Problem),
        (status = 422, description = "`weak_password` on `new_password`", body = Problem),
        (status = 429, body = Problem),
    )
)]
#[post("/auth/password/reset")]
async fn reset_password(
    state: State,
    req: HttpRequest,
    body: Json<ResetPassword>,
) -> Result<HttpResponse, ApiError> {
    let key = (ip_key("reset", &req), state.config.limits.recovery_per_ip);
    state.limiter.count(&[key]).await?;
    let ResetPassword {
        token,
        new_password,
    } = body.into_inner();
    if let Some(e) = rules::check_password("new_password", &new_password) {
        return Err(ApiError::validation(vec![e]));
    }
    let new_hash = password::hash_off_thread(new_password).await?;
    let token_hash = secret::hash(token.trim());
    with_db(&state.pool, move |conn| {
        db::write_tx(conn, |conn| {
            let user_id = db::user_tokens::consume(conn, Purpose::PasswordReset, &token_hash)?
                .ok_or_else(link_invalid)?;
            users::set_password_hash(conn, user_id, &new_hash)?;
            users::activate(conn, user_id)?;
            db::refresh_tokens::revoke_all_of_user(conn, user_id)?;
            // Whoever knew the old password may have asked to move the account elsewhere.
            db::user_tokens::cancel_email_change(conn, user_id)?;
            Ok(())
        })
    })
    .await?;
    state.revoked.changed();
    Ok(HttpResponse::Ok().json(MessageResponse::new(
        "Пароль изменён. Войдите с новым паролем",
    )))
}
