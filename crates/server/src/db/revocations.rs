//! `session_revocations`: when each user's sessions last ended, so access tokens issued
//! before are refused by every instance.

use super::schema::session_revocations as sr;
use super::{now, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use domkom_values::UserId;

/// Ends every access token of `user` issued until now.
pub fn record(conn: &mut DbConn, user: UserId) -> QueryResult<NaiveDateTime> {
    let at = now();
    crate::per_backend!(conn, |c| diesel::insert_into(sr::table)
        .values((sr::user_id.eq(user), sr::revoked_at.eq(at)))
        .on_conflict(sr::user_id)
        .do_update()
        .set(sr::revoked_at.eq(at))
        .execute(c))?;
    Ok(at)
}

/// The revocations made after `after`: older ones outlive no access token.
pub fn since(conn: &mut DbConn, after: NaiveDateTime) -> QueryResult<Vec<(i64, NaiveDateTime)>> {
    sr::table
        .filter(sr::revoked_at.gt(after))
        .select((sr::user_id, sr::revoked_at))
        .load(conn)
}
