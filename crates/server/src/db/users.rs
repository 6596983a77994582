//! Users: registration data, credentials, role and activation state.

use super::schema::users;
use super::{now, DbConn, DbError};
use diesel::prelude::*;
use domkom_dto::ErrorCode;
use domkom_values::{OrganizationId, UserId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: UserId,
    pub login: String,
    pub email: String,
    pub full_name: String,
    pub phone: String,
    pub password_hash: String,
    pub role: String,
    pub is_active: bool,
    pub created_at: chrono::NaiveDateTime,
    pub organization_id: Option<OrganizationId>,
}

impl UserRow {
    /// Who this user is to the access checks; `None` for an unknown role.
    pub fn as_caller(&self) -> Option<crate::auth::Caller> {
        Some(crate::auth::Caller {
            user_id: self.id,
            role: domkom_dto::Role::parse(&self.role)?,
            organization_id: self.organization_id,
        })
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
struct NewUser<'a> {
    pub login: &'a str,
    pub login_key: String,
    pub email: String,
    pub full_name: &'a str,
    pub phone: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub is_active: bool,
    pub organization_id: Option<OrganizationId>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

/// Logins compare without regard to letter case.
pub fn login_key(login: &str) -> String {
    login.trim().to_lowercase()
}

/// Creates a user once the login and the e-mail are known to be free in any letter case
/// (409 naming the field otherwise). Runs inside the caller's transaction.
pub fn create(
    conn: &mut DbConn,
    form: &domkom_dto::Register,
    password_hash: &str,
    role: domkom_dto::Role,
    organization_id: Option<OrganizationId>,
) -> Result<UserId, DbError> {
    let email = domkom_dto::rules::normalize_email(&form.email);
    if login_taken(conn, &form.login)? {
        return Err(DbError::taken(ErrorCode::LoginTaken, "login", LOGIN_TAKEN));
    }
    ensure_email_free(conn, &email, "email")?;
    let at = now();
    let user = NewUser {
        login: form.login.trim(),
        login_key: login_key(&form.login),
        email,
        full_name: form.full_name.trim(),
        phone: form.phone.trim(),
        password_hash,
        role: role.as_str(),
        // Residents confirm their e-mail; staff and admins are vouched for by who creates them.
        is_active: role != domkom_dto::Role::Resident,
        organization_id,
        created_at: at,
        updated_at: at,
    };
    insert(conn, &user).map_err(unique_violation)
}

const LOGIN_TAKEN: &str = "Этот логин уже занят";
const EMAIL_TAKEN: &str = "Этот адрес электронной почты уже зарегистрирован";

/// Two registrations racing for the same login or e-mail: the database decides.
fn unique_violation(e: diesel::result::Error) -> DbError {
    use diesel::result::{DatabaseErrorKind, Error};
    match &e {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info)
            if info.message().contains("email") =>
        {
            DbError::taken(ErrorCode::EmailTaken, "email", EMAIL_TAKEN)
        }
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
            DbError::taken(ErrorCode::LoginTaken, "login", LOGIN_TAKEN)
        }
        _ => e.into(),
    }
}

fn insert(conn: &mut DbConn, user: &NewUser) -> QueryResult<UserId> {
    crate::per_backend!(conn, |c| diesel::insert_into(users::table)
        .values(user)
        .returning(users::id)
        .get_result(c))
}

/// The active staff of an organization.
pub fn staff_of(conn: &mut DbConn, org: OrganizationId) -> QueryResult<Vec<UserRow>> {
    users::table
        .filter(users::organization_id.eq(org))
        .filter(users::role.eq(domkom_dto::Role::Operator.as_str()))
        .filter(users::is_active)
        .order(users::id)
        .select(super::columns::<UserRow>())
        .load(conn)
}

pub fn find(conn: &mut DbConn, id: UserId) -> QueryResult<Option<UserRow>> {
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

/// 409 `email_taken` naming `field` when a user holds the (normalised) address.
pub fn ensure_email_free(conn: &mut DbConn, email: &str, field: &str) -> Result<(), DbError> {
    if email_taken(conn, email)? {
        return Err(DbError::taken(ErrorCode::EmailTaken, field, EMAIL_TAKEN));
    }
    Ok(())
}

/// Moves the user to the (normalised) address; `Ok(false)`, changing nothing, when another
/// user holds it, also when one took it a moment ago (the unique index decides).
pub fn change_email(conn: &mut DbConn, id: UserId, email: &str) -> QueryResult<bool> {
    use diesel::result::{DatabaseErrorKind, Error};
    if email_taken(conn, email)? {
        return Ok(false);
    }
    let changed = diesel::update(users::table.find(id))
        .set((users::email.eq(email), users::updated_at.eq(now())))
        .execute(conn);
    match changed {
        Ok(_) => Ok(true),
        Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(false),
        Err(e) => Err(e),
    }
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

pub fn activate(conn: &mut DbConn, id: UserId) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((users::is_active.eq(true), users::updated_at.eq(now())))
        .execute(conn)
}

pub fn set_password_hash(conn: &mut DbConn, id: UserId, hash: &str) -> QueryResult<usize> {
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

pub fn update_profile(
    conn: &mut DbConn,
    id: UserId,
    changes: &ProfileChanges,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(changes)
        .execute(conn)
}

/// Removes the user and, by cascade, every token of theirs.
pub fn delete(conn: &mut DbConn, id: UserId) -> QueryResult<usize> {
    diesel::delete(users::table.find(id)).execute(conn)
}
