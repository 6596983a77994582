//! Refresh tokens: opaque, stored hashed, rotated on every use, grouped in families.

use super::schema::refresh_tokens as rt;
use super::{now, DbConn};
use diesel::prelude::*;
use domkom_values::{RefreshTokenId, UserId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = rt)]
pub struct RefreshRow {
    pub id: RefreshTokenId,
    pub user_id: UserId,
    pub family: String,
    pub expires_at: chrono::NaiveDateTime,
    pub rotated_at: Option<chrono::NaiveDateTime>,
    pub revoked_at: Option<chrono::NaiveDateTime>,
}

pub fn insert(
    conn: &mut DbConn,
    user_id: UserId,
    family: &str,
    token_hash: &str,
    expires_at: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(rt::table)
        .values((
            rt::user_id.eq(user_id),
            rt::family.eq(family),
            rt::token_hash.eq(token_hash),
            rt::expires_at.eq(expires_at),
            rt::created_at.eq(now()),
        ))
        .execute(conn)
}

pub fn find(conn: &mut DbConn, token_hash: &str) -> QueryResult<Option<RefreshRow>> {
    rt::table
        .filter(rt::token_hash.eq(token_hash))
        .select(RefreshRow::as_select())
        .first(conn)
        .optional()
}

/// Marks the token rotated; `false` when another request rotated it first.
pub fn mark_rotated(conn: &mut DbConn, id: RefreshTokenId) -> QueryResult<bool> {
    let updated = diesel::update(rt::table.find(id).filter(rt::rotated_at.is_null()))
        .set(rt::rotated_at.eq(now()))
        .execute(conn)?;
    Ok(updated == 1)
}

/// Ends the session of `family`; its user's access tokens issued until now end too (the
/// user's other sessions refresh theirs).
pub fn revoke_family(conn: &mut DbConn, family: &str) -> QueryResult<usize> {
    let user: Option<UserId> = rt::table
        .filter(rt::family.eq(family))
        .select(rt::user_id)
        .first(conn)
        .optional()?;
    if let Some(user) = user {
        super::revocations::record(conn, user)?;
    }
    diesel::update(
        rt::table
            .filter(rt::family.eq(family))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(now()))
    .execute(conn)
}

/// Ends every session of the user, and every access token issued until now.
pub fn revoke_all_of_user(conn: &mut DbConn, user_id: UserId) -> QueryResult<usize> {
    super::revocations::record(conn, user_id)?;
    diesel::update(
        rt::table
            .filter(rt::user_id.eq(user_id))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(now()))
    .execute(conn)
}
