//! Persistence: one codebase over SQLite (embedded default) and PostgreSQL.
//!
//! Query functions live in one module per aggregate and take `&mut DbConn`; the caller owns
//! the transaction (`write_tx`). They are blocking: handlers call them through `run`.

pub mod account_meters;
pub mod accounts;
pub mod appeals;
pub mod charges;
pub mod error;
pub mod houses;
pub mod jobs;
pub mod links;
pub mod meters;
pub mod online_payments;
pub mod organizations;
pub mod paid_services;
pub mod payments;
pub mod penalty_corrections;
pub mod periods;
pub mod premises;
pub mod readings;
pub mod recalculations;
pub mod receipt_letters;
pub mod refresh_tokens;
pub mod revocations;
pub mod sandbox_payments;
pub mod schema;
pub mod services;
pub mod subscriptions;
pub mod tariffs;
pub mod user_tokens;
pub mod users;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, QueryResult};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use domkom_dto::ErrorCode;
use domkom_values::{Money, Quantity};
pub use error::DbError;
use std::time::Duration;

const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");
const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");

#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

pub type DbPool = Pool<ConnectionManager<DbConn>>;
pub type PooledConn = PooledConnection<ConnectionManager<DbConn>>;

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else if url.starts_with("sqlite://") {
            Some(Backend::Sqlite)
        } else {
            None
        }
    }
}

/// Runs the same diesel expression on whichever connection is inside, for the statements the
/// `MultiConnection` enum cannot express itself (batch inserts, upserts, `returning`).
#[macro_export]
macro_rules! per_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Pg($c) => $body,
            $crate::db::DbConn::Sqlite($c) => $body,
        }
    };
}

/// SQLite settings every pooled connection needs: WAL for concurrent readers, a busy
/// timeout instead of immediate "database is locked", and enforced foreign keys.
#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<DbConn, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConn) -> Result<(), diesel::r2d2::Error> {
        if let DbConn::Sqlite(c) = conn {
            c.batch_execute(
                // WAL is the file's, set once by `connect`. Reads through a shared memory
                // map instead of a read syscall per page missing from each connection's own
                // small cache.
                "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; \
                 PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 1073741824;",
            )
            .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// Connects once with the concrete connection type (so a bad password or a missing database
/// is reported as such), then builds the pool and brings the schema up to date.
pub fn connect(url: &str, max_size: u32) -> anyhow::Result<DbPool> {
    let backend = Backend::of_url(url)
        .ok_or_else(|| anyhow::anyhow!("DATABASE_URL must start with postgres:// or sqlite://"))?;
    let target = match backend {
        Backend::Postgres => url.to_owned(),
        Backend::Sqlite => {
            let path = url.trim_start_matches("sqlite://");
            let file = std::path::Path::new(path);
            if let Some(dir) = file
                .parent()
                .filter(|d| !d.as_os_str().is_empty() && !d.exists())
            {
                crate::private::dir(dir)?;
            }
            if !file.exists() {
                // SQLite gives its journal files the database file's mode.
                crate::private::write_new(file, b"")?;
            }
            // Once, before the pool opens its connections together: switching to WAL needs
            // the file to itself, and the pool's connections would fail on each other
            // ("database is locked") while each tried. The file keeps the mode.
            SqliteConnection::establish(path)?
                .batch_execute("PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL;")?;
            path.to_owned()
        }
    };
    if backend == Backend::Postgres {
        PgConnection::establish(url)?;
    }
    let pool = Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(10))
        // No ping before every checkout (a round trip on PostgreSQL): a connection that
        // fails is dropped when it comes back broken.
        .test_on_check_out(false)
        .connection_customizer(Box::new(SqlitePragmas))
        .build(ConnectionManager::<DbConn>::new(target))?;
    Ok(pool)
}

/// Applies the pending migrations of the connection's backend.
pub fn migrate(conn: &mut DbConn) -> anyhow::Result<Vec<String>> {
    let applied = match conn {
        DbConn::Pg(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
    }
    .map_err(|e| anyhow::anyhow!("migration failed: {e}"))?;
    Ok(applied.iter().map(ToString::to_string).collect())
}

/// A write transaction. On SQLite it starts with `BEGIN IMMEDIATE`: a deferred transaction
/// that reads and then writes fails with "database is locked" under concurrency.
pub fn write_tx<T, E>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    type Manager = <DbConn as Connection>::TransactionManager;
    match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?,
        DbConn::Pg(_) => return conn.transaction(f),
    }
    match f(conn) {
        Ok(value) => {
            Manager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(e) => {
            // The original error matters more than a failed rollback.
            let _ = Manager::rollback_transaction(conn);
            Err(e)
        }
    }
}

/// Maps a foreign-key violation (deleting what other records use, or naming a record
/// that is not there) to [`DbError::InUse`].
pub fn in_use(e: diesel::result::Error) -> DbError {
    use diesel::result::{DatabaseErrorKind, Error};
    match e {
        Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => DbError::InUse,
        other => other.into(),
    }
}

/// Timestamps keep microseconds: PostgreSQL stores no more, and a value read back must
/// equal the one written on both backends.
/// Rows per multi-row INSERT: at most 16 columns stay under SQLite's 32 766 bound
/// parameters (PostgreSQL allows 65 535).
pub const BATCH: usize = 2_000;

pub fn now() -> chrono::NaiveDateTime {
    use chrono::{SubsecRound, Utc};
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// Maps a unique violation to [`DbError::Taken`] naming the clashing field.
pub fn taken(
    code: ErrorCode,
    field: &'static str,
    message: &'static str,
) -> impl Fn(diesel::result::Error) -> DbError {
    use diesel::result::{DatabaseErrorKind, Error};
    move |e| match e {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
            DbError::taken(code, field, message)
        }
        other => other.into(),
    }
}

/// [`DbError::NotOwned`] unless the record `field` names belongs to the organization.
pub fn must_own(found: bool, field: &str) -> Result<(), DbError> {
    if found {
        Ok(())
    } else {
        Err(DbError::NotOwned(field.to_owned()))
    }
}

/// A snake_case enum as stored in a TEXT column (the same words as in the API).
pub fn enum_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Reads back what `enum_text` stored.
pub fn text_enum<T: serde::de::DeserializeOwned>(text: &str) -> QueryResult<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
}

/// A period read from a TEXT column; rows read it with `#[diesel(deserialize_as = String)]`.
pub fn stored_period(text: &str) -> QueryResult<domkom_domain::Period> {
    text.parse()
        .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
}

/// The sum of stored amounts, checked: amounts the input rules bound never overflow, and
/// anything stored before them is an error, never a wrapped number.
pub fn sum_money(amounts: impl IntoIterator<Item = Money>) -> QueryResult<Money> {
    Money::checked_sum(amounts)
        .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
}

/// A JSON array stored in a TEXT column, as `T`s (or any lighter view of their fields).
pub fn json_array<T: serde::de::DeserializeOwned>(text: &str) -> QueryResult<Vec<T>> {
    serde_json::from_str(text).map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
}

/// The rows of `query`, run on the concrete connection: there diesel finds the prepared
/// statement by the query's type, where through `DbConn` it renders the SQL on every
/// call. For the queries of the busiest pages.
pub fn load<'q, Q, T>(conn: &mut DbConn, query: Q) -> QueryResult<Vec<T>>
where
    Q: diesel::query_dsl::LoadQuery<'q, PgConnection, T>
        + diesel::query_dsl::LoadQuery<'q, SqliteConnection, T>,
{
    per_backend!(conn, |c| query.load(c))
}

/// The columns of a row struct for [`load`] and [`by_key`], which run one query on either
/// backend: `as_select()` names the backend it selects for, this does not.
pub fn columns<T: diesel::Selectable<diesel::pg::Pg>>() -> T::SelectExpression {
    T::construct_selection()
}

/// The one row a key lookup finds, if any. Unlike `.first()` it adds no `LIMIT`: diesel
/// keeps no SQLite statement with a LIMIT prepared, and preparing costs more than the
/// lookup on the resident's pages.
pub fn by_key<'q, Q, T>(conn: &mut DbConn, query: Q) -> QueryResult<Option<T>>
where
    Q: diesel::query_dsl::LoadQuery<'q, PgConnection, T>
        + diesel::query_dsl::LoadQuery<'q, SqliteConnection, T>,
{
    Ok(load(conn, query)?.into_iter().next())
}

/// Ids stored comma-separated in a TEXT column (`"1,2,3"`).
pub fn join_ids<T: Copy + Into<i64>>(ids: &[T]) -> String {
    join_numbers(ids.iter().map(|&id| id.into()))
}

pub fn split_ids<T: From<i64>>(text: &str) -> QueryResult<Vec<T>> {
    Ok(split_numbers(text)?.into_iter().map(T::from).collect())
}

/// Quantities stored comma-separated in a TEXT column, as thousandths.
pub fn join_quantities(values: &[Quantity]) -> String {
    join_numbers(values.iter().map(|q| q.thousandths()))
}

pub fn split_quantities(text: &str) -> QueryResult<Vec<Quantity>> {
    Ok(split_numbers(text)?
        .into_iter()
        .map(Quantity::from_thousandths)
        .collect())
}

fn join_numbers(numbers: impl Iterator<Item = i64>) -> String {
    numbers.map(|n| n.to_string()).collect::<Vec<_>>().join(",")
}

fn split_numbers(text: &str) -> QueryResult<Vec<i64>> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.trim()
                .parse()
                .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
        })
        .collect()
}
