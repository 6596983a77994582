//! Registration and activation: the letter with the link, sent again on request.

use super::{expiry, ip_key, link_invalid, State};
use crate::auth::{password, secret};
use crate::db::{self, user_tokens::Purpose, users};
use crate::error::ApiError;
use crate::input::Json;
use crate::routes::with_db;
use actix_web::{post, HttpRequest, HttpResponse};
use domkom_dto::{rules, *};

/// Register a resident. The account stays inactive until the link from the e-mail is opened.
#[utoipa::path(
    tag = "auth",
    request_body = Register,
    responses(
        (status = 201, description = "Registered; the activation letter is sent", body = MessageResponse),
        (status = 409, description = "`login_taken` or `email_taken`", body = Problem),
        (status = 422, description = "A field breaks the input rules", body = Problem),
        (status = 429, description = "Too many attempts", body = Problem),
    )
)]
#[post("/auth/register")]
pub(super) async fn register(
    state: State,
    req: HttpRequest,
    form: Json<Register>,
) -> Result<HttpResponse, ApiError> {
    let key = (
        ip_key("register", &req),
        state.config.limits.register_per_ip,
    );
    state.limiter.count(&[key]).await?;
    let form = form.into_inner();
    let errors = rules::check_register(&form);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let hash = password::hash_off_thread(form.password.clone()).await?;

    let email = rules::normalize_email(&form.email);
    let token = secret::generate();
    let token_hash = secret::hash(&token);
    let expires = expiry(state.config.activation_ttl)?;
    let f = form.clone();
    let user_id = with_db(&state.pool, move |conn| {
        db::write_tx(conn, |conn| {
            let id = users::create(conn, &f, &hash, Role::Resident, None)?;
            db::user_tokens::insert(conn, id, Purpose::Activation, &token_hash, expires)?;
            Ok(id)
        })
    })
    .await?;

    if let Err(e) = state
        .mailer
        .send_activation(&email, form.full_name.trim(), &token)
        .await
    {
        // Without the letter the account could never be activated: take it back.
        tracing::error!(error = format!("{e:#}"), "activation letter not sent");
        with_db(&state.pool, move |conn| Ok(users::delete(conn, user_id)?)).await?;
        return Err(ApiError::mail_unavailable(
            "Не удалось отправить письмо. Попробуйте зарегистрироваться позже",
        ));
    }
    Ok(HttpResponse::Created().json(MessageResponse::new(format!(
        "На адрес {email} отправлено письмо со ссылкой для активации учётной записи"
    ))))
}

/// Activate the account with the token from the registration letter (single use, 24 hours).
#[utoipa::path(
    tag = "auth",
    request_body = Activate,
    responses(
        (status = 200, description = "Activated", body = MessageResponse),
        (status = 400, description = "`token_invalid`: unknown, used or expired", body = Problem),
    )
)]
#[post("/auth/activate")]
pub(super) async fn activate(state: State, body: Json<Activate>) -> Result<HttpResponse, ApiError> {
    let hash = secret::hash(body.token.trim());
    with_db(&state.pool, move |conn| {
        db::write_tx(conn, |conn| {
            let user_id = db::user_tokens::consume(conn, Purpose::Activation, &hash)?
                .ok_or_else(link_invalid)?;
            users::activate(conn, user_id)?;
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(MessageResponse::new(
        "Учётная запись активирована. Теперь можно войти",
    )))
}

/// The answer to every request for the letter again: it tells nobody whether the login or
/// address is known, or whether its account is active.
const RESENT: &str = "Если учётная запись с таким логином или e-mail ждёт активации, на её адрес \
                      отправлено новое письмо со ссылкой. Ссылка действует 24 часа";

/// Send the activation letter again, with a new link, to an account not activated yet.
/// Asked by the login or the e-mail; the answer is the same whether it is known, already
/// active or not.
#[utoipa::path(
    tag = "auth",
    request_body = ResendActivation,
    responses(
        (status = 202, body = MessageResponse),
        (status = 422, body = Problem),
        (status = 429, description = "Too many requests from this address or for this account", body = Problem),
    )
)]
#[post("/auth/activation/resend")]
pub(super) async fn resend_activation(
    state: State,
    req: HttpRequest,
    body: Json<ResendActivation>,
) -> Result<HttpResponse, ApiError> {
    if let Some(e) = rules::check_login_or_email("login", &body.login) {
        return Err(ApiError::validation(vec![e]));
    }
    // A login and an e-mail are both stored lower-cased.
    let key = users::login_key(&body.login);
    let limits = state.config.limits;
    let keys = [
        (ip_key("activation", &req), limits.activation_per_ip),
        (format!("activation:{key}"), limits.activation_per_account),
    ];
    state.limiter.count(&keys).await?;
    let token = secret::generate();
    let (hash, expires) = (secret::hash(&token), expiry(state.config.activation_ttl)?);
    let user = with_db(&state.pool, move |conn| {
        db::write_tx(conn, |conn| {
            let user = users::find_by_login_or_email(conn, &key)?.filter(|u| !u.is_active);
            if let Some(user) = &user {
                db::user_tokens::insert(conn, user.id, Purpose::Activation, &hash, expires)?;
            }
            Ok(user)
        })
    })
    .await?;
    if let Some(user) = user {
        if let Err(e) = state
            .mailer
            .send_activation(&user.email, &user.full_name, &token)
            .await
        {
            tracing::error!(error = format!("{e:#}"), "activation letter not sent again");
        }
    }
    Ok(HttpResponse::Accepted().json(MessageResponse::new(RESENT)))
}
