//! Migrations that fill new columns from stored rows, run on a database holding what the
//! previous schema wrote.

use crate::helpers::PgDatabase;
use chrono::NaiveDate;
use diesel::backend::Backend;
use diesel::prelude::*;
use diesel_migrations::{FileBasedMigrations, MigrationHarness};
use domkom_server::db::schema::{organizations as o, periods as p};
use domkom_server::db::services::labels_of;
use domkom_server::db::DbConn;
use domkom_values::{ServiceId, UserId};

/// Runs the migrations of `dir` whose version is before `until`.
fn migrate_before<DB: Backend>(conn: &mut impl MigrationHarness<DB>, dir: &str, until: &str) {
    let path = format!("{}/../../migrations/{dir}", env!("CARGO_MANIFEST_DIR"));
    let source = FileBasedMigrations::from_path(path).expect("migrations");
    for migration in conn.pending_migrations(source).expect("pending migrations") {
        if migration.name().version().to_string().as_str() >= until {
            break;
        }
        conn.run_migration(&migration).expect("migration");
    }
}

/// One organization with two services.
const ORGANIZATION: &str = "
    INSERT INTO organizations (id, kind, name, inn, kpp, ogrn, address, phone, email, site,
        hours, bank_account, bank_name, bic, corr_account, created_at)
    VALUES (1, 'uk', 'УК', '7700000001', '', '', '', '', '', '', '', '', '', '', '',
        '2026-09-01 00:00:00');
    INSERT INTO services (id, organization_id, name, unit, supplier_name, supplier_inn, method)
    VALUES (2, 1, 'Вода \"питьевая\"', 'м³', 'Водоканал', '7700000002', 'meter'),
        (1, 1, 'Содержание', 'м²', 'УК', '7700000001', 'area');";

/// Two closed periods and an open one.
const OLD_PERIODS: &str = "
    INSERT INTO periods (organization_id, period, status, closed_at)
    VALUES (1, '2026-09', 'closed', '2026-10-02 00:00:00'),
        (1, '2026-10', 'closed', '2026-11-02 00:00:00'),
        (1, '2026-11', 'open', NULL);";

/// Past every version: runs them all.
const EVERY: &str = "9";

/// `2026-11-25-000007_period_snapshot`, as diesel writes its version.
const SNAPSHOT: &str = "20261125000007";

fn check_snapshot(conn: &mut DbConn) {
    let rows: Vec<(String, NaiveDate, Option<String>)> = p::table
        .order(p::period)
        .select((p::period, p::ends_on, p::services))
        .load(conn)
        .expect("periods");
    let days: Vec<_> = rows.iter().map(|r| (r.0.as_str(), r.1)).collect();
    let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(
        days,
        [
            ("2026-09", day("2026-09-30")),
            ("2026-10", day("2026-10-31")),
            ("2026-11", day("2026-11-30")),
        ]
    );
    for (period, _, services) in &rows[..2] {
        let labels = labels_of(services.as_deref()).expect("a snapshot that reads back");
        assert_eq!(labels.len(), 2, "{period}");
        assert_eq!(
            labels[&ServiceId(2)],
            ("Вода \"питьевая\"".into(), "Водоканал".into(), "м³".into())
        );
    }
    assert_eq!(rows[2].2, None, "an open period keeps no services");
    let last: Option<String> = o::table
        .find(1)
        .select(o::last_closed)
        .first(conn)
        .expect("organization");
    assert_eq!(last.as_deref(), Some("2026-10"));
}

/// Runs the migrations before `until`, writes `rows`, runs the rest and checks.
fn on_sqlite(until: &str, rows: &str, check: fn(&mut DbConn)) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.sqlite3");
    let mut conn = SqliteConnection::establish(path.to_str().unwrap()).expect("SQLite");
    migrate_before(&mut conn, "sqlite", until);
    diesel::connection::SimpleConnection::batch_execute(&mut conn, rows).expect("old rows");
    migrate_before(&mut conn, "sqlite", EVERY);
    check(&mut DbConn::Sqlite(conn));
}

/// [`on_sqlite`] on a fresh PostgreSQL database, when there is one.
fn on_postgres(until: &str, rows: &str, check: fn(&mut DbConn)) {
    let Some(db) = PgDatabase::create() else {
        return;
    };
    let mut conn = PgConnection::establish(&db.url).expect("PostgreSQL");
    migrate_before(&mut conn, "postgres", until);
    diesel::connection::SimpleConnection::batch_execute(&mut conn, rows).expect("old rows");
    migrate_before(&mut conn, "postgres", EVERY);
    check(&mut DbConn::Pg(conn));
}

#[test]
fn closed_periods_get_their_last_day_and_services_on_sqlite() {
    on_sqlite(
        SNAPSHOT,
        &format!("{ORGANIZATION}{OLD_PERIODS}"),
        check_snapshot,
    );
}

#[test]
fn closed_periods_get_their_last_day_and_services_on_postgres() {
    on_postgres(
        SNAPSHOT,
        &format!("{ORGANIZATION}{OLD_PERIODS}"),
        check_snapshot,
    );
}

/// `2026-12-03-000009_reading_dates`.
const READING_DATES: &str = "20261203000009";

/// A house meter with a reading sent in its own month and one of a past month entered
/// months later.
const OLD_READINGS: &str = "
    INSERT INTO houses (id, organization_id, address, total_area, common_area, created_at)
    VALUES (1, 1, 'ул. Примерная, 1', 20000, 6000, '2026-09-01 00:00:00');
    INSERT INTO meters (id, organization_id, house_id, service_id, serial, installed_on,
        verification_due)
    VALUES (1, 1, 1, 2, 'ОДПУ-1', '2020-01-01', '2030-01-01');
    INSERT INTO readings (organization_id, meter_id, period, value, source, created_at)
    VALUES (1, 1, '2026-11', 1000, 'operator', '2026-11-23 10:00:00'),
        (1, 1, '2026-01', 500, 'import', '2026-12-03 09:00:00');";

fn check_reading_dates(conn: &mut DbConn) {
    use domkom_server::db::schema::readings as r;
    let days: Vec<(String, NaiveDate)> = r::table
        .order(r::period)
        .select((r::period, r::taken_on))
        .load(conn)
        .expect("readings");
    let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(
        days,
        [
            ("2026-01".to_owned(), day("2026-01-31")),
            ("2026-11".to_owned(), day("2026-11-23")),
        ]
    );
}

#[test]
fn readings_are_dated_within_their_period_on_sqlite() {
    on_sqlite(
        READING_DATES,
        &format!("{ORGANIZATION}{OLD_READINGS}"),
        check_reading_dates,
    );
}

#[test]
fn readings_are_dated_within_their_period_on_postgres() {
    on_postgres(
        READING_DATES,
        &format!("{ORGANIZATION}{OLD_READINGS}"),
        check_reading_dates,
    );
}

/// `2026-12-03-000008_email_change`, as diesel writes its version.
const EMAIL_CHANGE: &str = "20261203000008";

/// A resident waiting for activation, with the link's token.
const OLD_TOKENS: &str = "
    INSERT INTO users (id, login, login_key, email, full_name, phone, password_hash, role,
        is_active, created_at, updated_at)
    VALUES (1, 'old', 'old', 'old@example.ru', 'Иванов И. И.', '+79120000000', 'x',
        'resident', FALSE, '2026-11-01 00:00:00', '2026-11-01 00:00:00');
    INSERT INTO user_tokens (id, user_id, purpose, token_hash, expires_at, created_at)
    VALUES (7, 1, 'activation', 'old-hash', '2999-01-01 00:00:00', '2026-11-01 00:00:00');";

fn check_tokens(conn: &mut DbConn) {
    use domkom_server::db::user_tokens::{self, Purpose};
    let expires = NaiveDate::from_ymd_opt(2999, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    user_tokens::insert_email_change(conn, UserId(1), "new@example.ru", "new-hash", expires)
        .expect("a change of e-mail");
    assert_eq!(
        user_tokens::pending_email(conn, UserId(1))
            .unwrap()
            .as_deref(),
        Some("new@example.ru")
    );
    assert_eq!(
        user_tokens::consume(conn, Purpose::Activation, "old-hash").unwrap(),
        Some(UserId(1)),
        "the link sent before still activates"
    );
}

#[test]
fn tokens_sent_before_the_change_of_email_still_work_on_sqlite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.sqlite3");
    let mut conn = SqliteConnection::establish(path.to_str().unwrap()).expect("SQLite");
    migrate_before(&mut conn, "sqlite", EMAIL_CHANGE);
    diesel::connection::SimpleConnection::batch_execute(&mut conn, OLD_TOKENS).expect("old rows");
    migrate_before(&mut conn, "sqlite", EVERY);
    check_tokens(&mut DbConn::Sqlite(conn));
}

#[test]
fn tokens_sent_before_the_change_of_email_still_work_on_postgres() {
    let Some(db) = PgDatabase::create() else {
        return;
    };
    let mut conn = PgConnection::establish(&db.url).expect("PostgreSQL");
    migrate_before(&mut conn, "postgres", EMAIL_CHANGE);
    diesel::connection::SimpleConnection::batch_execute(&mut conn, OLD_TOKENS).expect("old rows");
    migrate_before(&mut conn, "postgres", EVERY);
    check_tokens(&mut DbConn::Pg(conn));
}
