//! `me/subscriptions`: receipts by e-mail, per linked account, and the letters' one-click
//! unsubscribe link (see docs/receipts.md).

use super::State;
use crate::auth::Resident;
use crate::db::{self, subscriptions};
use crate::error::ApiError;
use crate::input::{Json, Query};
use crate::routes::auth::link_invalid;
use crate::routes::{valid, with_db};
use actix_web::{get, post, put, HttpResponse};
use domkom_dto::{rules, FieldError, Problem, Subscriptions, Unsubscribed};
use domkom_dto::{UnsubscribeQuery, UpdateSubscriptions};

/// Whether each linked account's receipt is e-mailed when its period closes, and the
/// confirmed address it goes to.
#[utoipa::path(tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Subscriptions), (status = 401, body = Problem),
        (status = 403, description = "Not a resident", body = Problem)))]
#[get("/me/subscriptions")]
pub(super) async fn get_subscriptions(
    state: State,
    me: Resident,
) -> Result<HttpResponse, ApiError> {
    let subs = with_db(&state.pool, move |conn| read(conn, me)).await?;
    Ok(HttpResponse::Ok().json(subs))
}

/// Switches the receipts of the named accounts on or off, all or none; answers as `GET`.
#[utoipa::path(tag = "me", security(("bearer" = [])), request_body = UpdateSubscriptions,
    responses(
        (status = 200, body = Subscriptions),
        (status = 401, body = Problem),
        (status = 403, description = "Not a resident", body = Problem),
        (status = 422, description = "An account named twice, too many, or `not_found` \
            on `accounts[i].account_id`: not linked to the caller", body = Problem)))]
#[put("/me/subscriptions")]
pub(super) async fn put_subscriptions(
    state: State,
    me: Resident,
    body: Json<UpdateSubscriptions>,
) -> Result<HttpResponse, ApiError> {
    let change = body.into_inner();
    valid(rules::check_update_subscriptions(&change))?;
    let subs = with_db(&state.pool, move |conn| {
        db::write_tx(conn, |conn| {
            let mut not_linked = Vec::new();
            for (i, c) in change.accounts.iter().enumerate() {
                if !subscriptions::set(conn, me.user_id, c.account_id, c.receipts_by_email)? {
                    not_linked.push(not_found(i));
                }
            }
            valid(not_linked)?;
            read(conn, me)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(subs))
}

/// The one-click unsubscribe of a receipt letter (RFC 8058: a mail program posts here;
/// the letter's link opens a page that does). No session: the token is the proof.
#[utoipa::path(tag = "me", params(UnsubscribeQuery),
    responses(
        (status = 200, description = "Switched off (again is fine)", body = Unsubscribed),
        (status = 400, description = "`token_invalid`", body = Problem)))]
#[post("/subscriptions/unsubscribe")]
pub(super) async fn unsubscribe(
    state: State,
    query: Query<UnsubscribeQuery>,
) -> Result<HttpResponse, ApiError> {
    let token = query.into_inner().token;
    if !token_shaped(&token) {
        return Err(link_invalid());
    }
    let done = with_db(&state.pool, move |conn| {
        Ok(subscriptions::unsubscribe(conn, &token)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(done.ok_or_else(link_invalid)?))
}

fn read(conn: &mut db::DbConn, me: Resident) -> Result<Subscriptions, ApiError> {
    let user = db::users::find(conn, me.user_id)?.ok_or_else(ApiError::not_found)?;
    Ok(Subscriptions {
        email: user.email,
        accounts: subscriptions::of_user(conn, me.user_id)?,
    })
}

fn not_found(i: usize) -> FieldError {
    FieldError::new(
        &format!("accounts[{i}].account_id"),
        "not_found",
        "Этот лицевой счёт не подключён к вашему кабинету",
    )
}

/// As `auth::secret::generate` makes them: 43 URL-safe characters.
fn token_shaped(token: &str) -> bool {
    token.len() == 43 && rules::url_safe(token, 43)
}
