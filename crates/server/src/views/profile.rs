//! The user's profile as its owner sees it: `GET me`, and the user a sign-in or a refresh
//! answers with, so a client knows who it is without asking again.

use crate::db::{self, users, DbConn};
use crate::error::ApiError;
use domkom_dto::{ErrorCode, Role, User};
use domkom_values::UserId;

/// The profile with the new address waiting for confirmation.
pub fn read(conn: &mut DbConn, user: UserId) -> Result<User, ApiError> {
    let row = users::find(conn, user)?.ok_or_else(gone)?;
    Ok(User {
        pending_email: db::user_tokens::pending_email(conn, user)?,
        ..to_dto(row)?
    })
}

/// A token of a deleted user opens nothing.
pub fn gone() -> ApiError {
    ApiError::unauthorized(
        ErrorCode::Unauthorized,
        "Пользователь не найден. Войдите заново",
    )
}

/// The stored user; no change of e-mail pending.
pub fn to_dto(row: users::UserRow) -> Result<User, ApiError> {
    Ok(User {
        id: row.id,
        role: Role::parse(&row.role)
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown role {}", row.role)))?,
        login: row.login,
        email: row.email,
        full_name: row.full_name,
        phone: row.phone,
        created_at: row.created_at.and_utc(),
        pending_email: None,
    })
}
