//! Users: registration data, credentials, role and activation state.

use super::schema::users;
use super::{now, DbConn};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: i64,
    pub login: String,
    pub email: String,
    pub full_name: String,
    pub phone: String,
    pub password_hash: String,
    pub role: String,
    pub is_active: bool,
    pub created_at: chrono::NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub login: &'a str,
    pub login_key: String,
    pub email: String,
    pub full_name: &'a str,
    pub phone: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub is_active: bool,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

/// Logins compare without regard to letter case.
pub fn login_key(login: &str) -> String {
    login.trim().to_lowercase()
}

pub fn insert(conn: &mut DbConn, user: &NewUser) -> QueryResult<i64> {
    crate::per_backend!(conn, |c| diesel::insert_into(users::table)
        .values(user)
        .returning(users::id)
        .get_result(c))
}

pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn login_taken(conn: &mut DbConn, login: &str) -> QueryResult<bool> {
    let key = login_key(login);
    diesel::select(diesel::dsl::exists(
        users::table.filter(users::login_key.eq(key)),
    ))
    .get_result(conn)
}

pub fn email_taken(conn: &mut DbConn, email: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        users::table.filter(users::email.eq(email)),
    ))
    .get_result(conn)
}

/// Finds a user by login or by e-mail (already normalised by the caller when it has an `@`).
pub fn find_by_login_or_email(conn: &mut DbConn, key: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::login_key.eq(key).or(users::email.eq(key)))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn activate(conn: &mut DbConn, id: i64) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((users::is_active.eq(true), users::updated_at.eq(now())))
        .execute(conn)
}

pub fn set_password_hash(conn: &mut DbConn, id: i64, hash: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((users::password_hash.eq(hash), users::updated_at.eq(now())))
        .execute(conn)
}

#[derive(Debug, AsChangeset)]
#[diesel(table_name = users)]
pub struct ProfileChanges<'a> {
    pub full_name: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub updated_at: chrono::NaiveDateTime,
}

pub fn update_profile(conn: &mut DbConn, id: i64, changes: &ProfileChanges) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(changes)
        .execute(conn)
}

/// Removes the user and, by cascade, every token of theirs.
pub fn delete(conn: &mut DbConn, id: i64) -> QueryResult<usize> {
    diesel::delete(users::table.find(id)).execute(conn)
}
