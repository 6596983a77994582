//! Single-use tokens sent by e-mail (activation, password reset, change of e-mail), stored
//! hashed.

use super::schema::user_tokens;
use super::{now, DbConn};
use diesel::prelude::*;
use domkom_values::UserId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Activation,
    PasswordReset,
    /// The token carries the new address; the change waits for its link.
    EmailChange,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Activation => "activation",
            Purpose::PasswordReset => "password_reset",
            Purpose::EmailChange => "email_change",
        }
    }
}

pub fn insert(
    conn: &mut DbConn,
    user_id: UserId,
    purpose: Purpose,
    token_hash: &str,
    expires_at: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    insert_row(conn, user_id, purpose, token_hash, expires_at, None)
}

fn insert_row(
    conn: &mut DbConn,
    user_id: UserId,
    purpose: Purpose,
    token_hash: &str,
    expires_at: chrono::NaiveDateTime,
    email: Option<&str>,
) -> QueryResult<usize> {
    diesel::insert_into(user_tokens::table)
        .values((
            user_tokens::user_id.eq(user_id),
            user_tokens::purpose.eq(purpose.as_str()),
            user_tokens::token_hash.eq(token_hash),
            user_tokens::email.eq(email),
            user_tokens::expires_at.eq(expires_at),
            user_tokens::created_at.eq(now()),
        ))
        .execute(conn)
}

/// The user's change of e-mail to `email` (normalised), waiting for the link; it replaces
/// any change asked for before, whose link stops working.
pub fn insert_email_change(
    conn: &mut DbConn,
    user_id: UserId,
    email: &str,
    token_hash: &str,
    expires_at: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    cancel_email_change(conn, user_id)?;
    let purpose = Purpose::EmailChange;
    insert_row(conn, user_id, purpose, token_hash, expires_at, Some(email))
}

/// Drops the user's pending change of e-mail, if any: its link no longer works.
pub fn cancel_email_change(conn: &mut DbConn, user_id: UserId) -> QueryResult<usize> {
    diesel::delete(
        user_tokens::table
            .filter(user_tokens::user_id.eq(user_id))
            .filter(user_tokens::purpose.eq(Purpose::EmailChange.as_str()))
            .filter(user_tokens::used_at.is_null()),
    )
    .execute(conn)
}

/// The address the user asked to move to, while its link is still valid.
pub fn pending_email(conn: &mut DbConn, user_id: UserId) -> QueryResult<Option<String>> {
    let email: Option<Option<String>> = user_tokens::table
        .filter(user_tokens::user_id.eq(user_id))
        .filter(user_tokens::purpose.eq(Purpose::EmailChange.as_str()))
        .filter(user_tokens::used_at.is_null())
        .filter(user_tokens::expires_at.gt(now()))
        .order(user_tokens::id.desc())
        .select(user_tokens::email)
        .first(conn)
        .optional()?;
    Ok(email.flatten())
}

/// Marks a valid token used and returns its user. Unknown, used and expired tokens give
/// `None`.
pub fn consume(
    conn: &mut DbConn,
    purpose: Purpose,
    token_hash: &str,
) -> QueryResult<Option<UserId>> {
    Ok(take(conn, purpose, token_hash, None)?.map(|(user_id, _)| UserId(user_id)))
}

/// Marks the user's valid change-of-e-mail token used and returns the new address. Another
/// user's token gives `None` and stays usable by its owner.
pub fn consume_email_change(
    conn: &mut DbConn,
    user_id: UserId,
    token_hash: &str,
) -> QueryResult<Option<String>> {
    let taken = take(conn, Purpose::EmailChange, token_hash, Some(user_id))?;
    Ok(taken.and_then(|(_, email)| email))
}

/// The token's user and address, once; the conditional update makes a token usable
/// exactly once even under races.
fn take(
    conn: &mut DbConn,
    purpose: Purpose,
    token_hash: &str,
    owner: Option<UserId>,
) -> QueryResult<Option<(i64, Option<String>)>> {
    let at = now();
    let found: Option<(i64, i64, Option<String>)> = user_tokens::table
        .filter(user_tokens::token_hash.eq(token_hash))
        .filter(user_tokens::purpose.eq(purpose.as_str()))
        .filter(user_tokens::used_at.is_null())
        .filter(user_tokens::expires_at.gt(at))
        .select((user_tokens::id, user_tokens::user_id, user_tokens::email))
        .first(conn)
        .optional()?;
    let Some((id, user_id, email)) =
        found.filter(|(_, user, _)| owner.is_none_or(|o| o.get() == *user))
    else {
        return Ok(None);
    };
    let updated = diesel::update(
        user_tokens::table
            .find(id)
            .filter(user_tokens::used_at.is_null()),
    )
    .set(user_tokens::used_at.eq(at))
    .execute(conn)?;
    Ok((updated == 1).then_some((user_id, email)))
}
