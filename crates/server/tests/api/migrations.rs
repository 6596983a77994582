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

/// One organization with two services and two closed periods and an open one.
const OLD_ROWS: &str = "
    INSERT INTO organizations (id, kind, name, inn, kpp, ogrn, address, phone, email, site,
        hours, bank_account, bank_name, bic, corr_account, created_at)
    VALUES (1, 'uk', 'УК', '7700000001', '', '', '', '', '', '', '', '', '', '', '',
        '2026-09-01 00:00:00');
    INSERT INTO services (id, organization_id, name, unit, supplier_name, supplier_inn, method)
    VALUES (2, 1, 'Вода \"питьевая\"', 'м³', 'Водоканал', '7700000002', 'meter'),
        (1, 1, 'Содержание', 'м²', 'УК', '7700000001', 'area');
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
            labels[&2],
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

#[test]
fn closed_periods_get_their_last_day_and_services_on_sqlite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.sqlite3");
    let mut conn = SqliteConnection::establish(path.to_str().unwrap()).expect("SQLite");
    migrate_before(&mut conn, "sqlite", SNAPSHOT);
    diesel::connection::SimpleConnection::batch_execute(&mut conn, OLD_ROWS).expect("old rows");
    migrate_before(&mut conn, "sqlite", EVERY);
    check_snapshot(&mut DbConn::Sqlite(conn));
}

#[test]
fn closed_periods_get_their_last_day_and_services_on_postgres() {
    let Some(db) = PgDatabase::create() else {
        return;
    };
    let mut conn = PgConnection::establish(&db.url).expect("PostgreSQL");
    migrate_before(&mut conn, "postgres", SNAPSHOT);
    diesel::connection::SimpleConnection::batch_execute(&mut conn, OLD_ROWS).expect("old rows");
    migrate_before(&mut conn, "postgres", EVERY);
    check_snapshot(&mut DbConn::Pg(conn));
}
