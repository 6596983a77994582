//! Sessions: an access token plus a refresh token whose family is one sign-in.

use super::{secret, Caller};
use crate::db::{self, refresh_tokens, DbConn};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::HttpRequest;
use domkom_dto::ErrorCode;
use domkom_dto::TokenResponse;

pub const REFRESH_COOKIE: &str = "domkom_refresh";
const COOKIE_PATH: &str = "/api/v1/auth";

/// Starts a new token family for the user. Runs inside the caller's transaction.
pub fn start(
    conn: &mut DbConn,
    state: &AppState,
    caller: Caller,
) -> Result<TokenResponse, ApiError> {
    issue(conn, state, caller, &secret::generate())
}

fn issue(
    conn: &mut DbConn,
    state: &AppState,
    caller: Caller,
    family: &str,
) -> Result<TokenResponse, ApiError> {
    let refresh = secret::generate();
    let expires = db::now()
        + chrono::Duration::from_std(state.config.refresh_ttl).map_err(ApiError::internal)?;
    refresh_tokens::insert(
        conn,
        caller.user_id,
        family,
        &secret::hash(&refresh),
        expires,
    )?;
    Ok(TokenResponse {
        access_token: state.jwt.issue(caller)?,
        token_type: "Bearer".into(),
        expires_in: state.jwt.ttl.as_secs() as i64,
        refresh_token: refresh,
        user: crate::views::profile::read(conn, caller.user_id)?,
    })
}

fn invalid() -> ApiError {
    ApiError::unauthorized(
        ErrorCode::TokenInvalid,
        "Сессия недействительна. Войдите заново",
    )
}

/// Exchanges a refresh token for a new pair. A token used twice means it was stolen: the
/// whole family is revoked, so neither the thief nor the owner can go on with it.
///
/// The outer error rolls the transaction back; the inner one is a refusal whose revocation
/// must be committed.
pub fn rotate(
    conn: &mut DbConn,
    state: &AppState,
    token: &str,
) -> Result<Result<TokenResponse, ApiError>, ApiError> {
    let Some(row) = refresh_tokens::find(conn, &secret::hash(token))? else {
        return Ok(Err(invalid()));
    };
    if row.revoked_at.is_some() || row.expires_at <= db::now() {
        return Ok(Err(invalid()));
    }
    if row.rotated_at.is_some() || !refresh_tokens::mark_rotated(conn, row.id)? {
        refresh_tokens::revoke_family(conn, &row.family)?;
        return Ok(Err(ApiError::unauthorized(
            ErrorCode::TokenReused,
            "Сессия отозвана: токен обновления использован повторно. Войдите заново",
        )));
    }
    let Some(user) = db::users::find(conn, row.user_id)? else {
        return Ok(Err(invalid()));
    };
    let caller = user.as_caller().ok_or_else(invalid)?;
    issue(conn, state, caller, &row.family).map(Ok)
}

/// Revokes the family of a refresh token; unknown tokens are ignored.
pub fn end(conn: &mut DbConn, token: &str) -> Result<(), ApiError> {
    if let Some(row) = refresh_tokens::find(conn, &secret::hash(token))? {
        refresh_tokens::revoke_family(conn, &row.family)?;
    }
    Ok(())
}

/// The refresh token from the body (third-party apps) or else the cookie (the SPA).
pub fn token_from(req: &HttpRequest, body: Option<String>) -> Option<String> {
    body.filter(|t| !t.is_empty())
        .or_else(|| req.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned()))
}

pub fn cookie(state: &AppState, token: &str) -> Cookie<'static> {
    let max_age = time::Duration::seconds(state.config.refresh_ttl.as_secs() as i64);
    Cookie::build(REFRESH_COOKIE, token.to_owned())
        .path(COOKIE_PATH)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.config.public_url.starts_with("https://"))
        .max_age(max_age)
        .finish()
}

pub fn removal_cookie() -> Cookie<'static> {
    let mut cookie = Cookie::build(REFRESH_COOKIE, "")
        .path(COOKIE_PATH)
        .http_only(true)
        .same_site(SameSite::Strict)
        .finish();
    cookie.make_removal();
    cookie
}
