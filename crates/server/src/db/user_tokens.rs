//! Single-use tokens sent by e-mail (activation, password reset), stored hashed.

use super::schema::user_tokens;
use super::{now, DbConn};
use diesel::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Activation,
    PasswordReset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Activation => "activation",
            Purpose::PasswordReset => "password_reset",
        }
    }
}

pub fn insert(
    conn: &mut DbConn,
    user_id: i64,
    purpose: Purpose,
    token_hash: &str,
    expires_at: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(user_tokens::table)
        .values((
            user_tokens::user_id.eq(user_id),
            user_tokens::purpose.eq(purpose.as_str()),
            user_tokens::token_hash.eq(token_hash),
            user_tokens::expires_at.eq(expires_at),
            user_tokens::created_at.eq(now()),
        ))
        .execute(conn)
}

/// Marks a valid token used and returns its user. Unknown, used and expired tokens give
/// `None`; the conditional update makes a token usable exactly once even under races.
pub fn consume(conn: &mut DbConn, purpose: Purpose, token_hash: &str) -> QueryResult<Option<i64>> {
    let at = now();
    let found: Option<(i64, i64)> = user_tokens::table
        .filter(user_tokens::token_hash.eq(token_hash))
        .filter(user_tokens::purpose.eq(purpose.as_str()))
        .filter(user_tokens::used_at.is_null())
        .filter(user_tokens::expires_at.gt(at))
        .select((user_tokens::id, user_tokens::user_id))
        .first(conn)
        .optional()?;
    let Some((id, user_id)) = found else {
        return Ok(None);
    };
    let updated = diesel::update(
        user_tokens::table
            .find(id)
            .filter(user_tokens::used_at.is_null()),
    )
    .set(user_tokens::used_at.eq(at))
    .execute(conn)?;
    Ok((updated == 1).then_some(user_id))
}
