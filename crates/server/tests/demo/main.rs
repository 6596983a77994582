//! The demo data: two organizations with a closed year behind them, demo users who can
//! sign in, nothing added to a database that has data, nothing in production; the same
//! data on every run. On SQLite and, with DOMKOM_TEST_POSTGRES_URL, on PostgreSQL.

#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;
mod texts;

use chrono::NaiveDate;
use domkom_client::dto::{
    AccountFilter, AccountPeriodFilter, AppealStatus, PageQuery, PeriodStatus, RequestStatus,
};
use domkom_server::db::{self, DbPool};
use domkom_server::devtools::demo::{self, Skipped, Summary};
use domkom_values::OrganizationId;
use helpers::{Backend, TestApp};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The clock of the tests: the current month is 2026-11, so 2025-11 … 2026-10 are closed.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

async fn seed(pool: &DbPool) -> Result<Summary, Skipped> {
    let pool = pool.clone();
    tokio::task::spawn_blocking(move || demo::seed(&pool, today()))
        .await
        .unwrap()
        .expect("seed the demo data")
}

fn all() -> AccountPeriodFilter {
    AccountPeriodFilter {
        account_id: None,
        period: None,
    }
}

async fn a_closed_year_and_demo_users_who_sign_in(app: TestApp) {
    let summary = seed(&app.pool).await.expect("an empty database is seeded");
    assert_eq!(summary.organizations.len(), 2);
    assert_eq!(summary.first_period.to_string(), "2025-11");
    assert_eq!(summary.current_period.to_string(), "2026-11");

    let mut conn = app.pool.get().unwrap();
    let mut accounts = 0;
    for org in &summary.organizations {
        let (list, total) =
            db::accounts::list(&mut conn, org.id, &AccountFilter::default(), 100, 0).unwrap();
        assert!((25..=35).contains(&total), "{}: {total} accounts", org.name);
        accounts += total;
        assert!(list.iter().any(
            |a| a.data.number == org.resident_account && a.link_code == org.resident_link_code
        ));

        let (periods, _) = db::periods::list(&mut conn, org.id, 100, 0).unwrap();
        let closed: Vec<_> = periods
            .iter()
            .filter(|p| p.status == PeriodStatus::Closed)
            .map(|p| p.period.to_string())
            .collect();
        assert_eq!(closed.len(), 12, "{}: {closed:?}", org.name);
        assert_eq!(closed.first().map(String::as_str), Some("2026-10"));
        assert_eq!(closed.last().map(String::as_str), Some("2025-11"));
        assert!(
            db::periods::get(&mut conn, org.id, "2026-11".parse().unwrap())
                .unwrap()
                .status
                == PeriodStatus::Open
        );

        let (balances, total) =
            domkom_server::views::ledger::balances(&mut conn, org.id, &all(), 10_000, 0).unwrap();
        assert_eq!(total, 12 * list.len() as i64);
        for b in &balances {
            assert_eq!(
                b.closing,
                b.opening + b.charged + b.recalculated + b.penalties - b.paid,
                "{b:?}"
            );
            assert!(b.charged.is_positive(), "{b:?}");
        }
        let october: Vec<_> = balances
            .iter()
            .filter(|b| b.period.to_string() == "2026-10")
            .collect();
        // Debt beyond the month just billed: some flats pay less or nothing.
        assert!(
            october.iter().filter(|b| b.closing > b.charged).count() >= 2,
            "{}: no debts",
            org.name
        );
        assert!(
            balances.iter().any(|b| b.recalculated.is_negative()),
            "no recalculation"
        );
        assert!(
            balances.iter().any(|b| b.closing.is_negative()),
            "no advance"
        );

        let (charges, _) =
            domkom_server::views::ledger::charges(&mut conn, org.id, &all(), 100_000, 0).unwrap();
        for method in [
            "meter", "average", "norm", "share", "drainage", "area", "persons", "fixed",
        ] {
            assert!(
                charges
                    .iter()
                    .flat_map(|s| &s.lines)
                    .any(|c| c.method == method),
                "{}: no {method} charge",
                org.name
            );
        }
    }
    assert!((55..=65).contains(&accounts), "{accounts} accounts");
    drop(conn);

    let password = summary.password.clone();
    for org in &summary.organizations {
        let operator = app.new_client();
        operator
            .login(&org.operator_login, &password)
            .await
            .unwrap();
        let houses = operator.houses(PageQuery::default()).await.unwrap();
        assert_eq!(houses.total, 1);
        assert_eq!(houses.items[0].data.address, org.address);
        // The desk: appeals in every status, a catalogue, requests in every status.
        let appeals = operator
            .operator_appeals(&Default::default(), PageQuery::default())
            .await
            .unwrap();
        let statuses: Vec<_> = appeals.items.iter().map(|a| a.status).collect();
        assert_eq!(
            statuses[..2],
            [AppealStatus::New, AppealStatus::InProgress],
            "waiting first"
        );
        assert!(
            statuses.contains(&AppealStatus::Answered) && statuses.contains(&AppealStatus::Closed)
        );
        let catalogue = operator
            .operator_paid_services(PageQuery::default())
            .await
            .unwrap();
        assert!(catalogue.total >= 5, "{}", org.name);
        assert!(
            catalogue.items.iter().any(|s| s.data.price.is_none()),
            "по договорённости"
        );
        let requests = operator
            .operator_service_requests(&Default::default(), PageQuery::default())
            .await
            .unwrap();
        let statuses: Vec<_> = requests.items.iter().map(|r| r.status).collect();
        let (first, rest) = statuses.split_at(2);
        assert_eq!(
            first,
            [RequestStatus::New, RequestStatus::Accepted],
            "{statuses:?}"
        );
        assert!(rest.contains(&RequestStatus::Done) && rest.contains(&RequestStatus::Rejected));
    }
    let resident = app.new_client();
    resident
        .login(&summary.resident_login, &password)
        .await
        .unwrap();
    assert_eq!(
        resident.me().await.unwrap().role,
        domkom_client::dto::Role::Resident
    );
    let linked: Vec<String> = resident
        .my_accounts()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.number)
        .collect();
    let printed: Vec<String> = summary
        .organizations
        .iter()
        .map(|o| o.resident_account.clone())
        .collect();
    assert_eq!(linked, printed, "one account in each organization, linked");
    for account in resident.my_accounts().await.unwrap() {
        let appeals = resident
            .appeals(account.id, PageQuery::default())
            .await
            .unwrap();
        assert_eq!(
            (appeals.total, appeals.unread_answers),
            (4, 2),
            "two answers unread"
        );
    }

    // Seeding again adds nothing.
    assert_eq!(seed(&app.pool).await.unwrap_err(), Skipped::NotEmpty);
    let mut conn = app.pool.get().unwrap();
    assert_eq!(db::organizations::list(&mut conn, 10, 0).unwrap().1, 2);
}

mod sqlite {
    #[tokio::test]
    async fn a_closed_year_and_demo_users_who_sign_in() {
        let app = super::TestApp::spawn(super::Backend::Sqlite).await.unwrap();
        super::a_closed_year_and_demo_users_who_sign_in(app).await;
    }
}

mod postgres {
    #[tokio::test]
    async fn a_closed_year_and_demo_users_who_sign_in() {
        if let Some(app) = super::TestApp::spawn(super::Backend::Postgres).await {
            super::a_closed_year_and_demo_users_who_sign_in(app).await;
        }
    }
}

/// Everything but ids' timestamps and the password, as text.
fn dump(pool: &DbPool) -> String {
    let mut conn = pool.get().unwrap();
    let mut out = String::new();
    for org in [OrganizationId(1), OrganizationId(2)] {
        let (accounts, _) =
            db::accounts::list(&mut conn, org, &AccountFilter::default(), 100, 0).unwrap();
        let (readings, _) =
            db::readings::list(&mut conn, org, &Default::default(), 100_000, 0).unwrap();
        let (payments, _) =
            db::payments::list(&mut conn, org, &Default::default(), 100_000, 0).unwrap();
        let (balances, _) =
            domkom_server::views::ledger::balances(&mut conn, org, &all(), 100_000, 0).unwrap();
        let (meters, _) = db::meters::list(&mut conn, org, &Default::default(), 1_000, 0).unwrap();
        let mut readings: Vec<_> = readings.into_iter().map(|r| r.data).collect();
        readings.sort_by_key(|r| (r.meter_id, r.period.clone()));
        out += &format!("{accounts:?}\n{readings:?}\n{payments:?}\n{balances:?}\n{meters:?}\n");
    }
    out
}

#[tokio::test]
async fn two_runs_create_the_same_data() {
    let first = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let second = TestApp::spawn(Backend::Sqlite).await.unwrap();
    seed(&first.pool).await.unwrap();
    seed(&second.pool).await.unwrap();
    let (a, b) = (dump(&first.pool), dump(&second.pool));
    assert!(a.len() > 10_000);
    assert!(a == b, "the two runs differ");
}

#[tokio::test]
async fn not_in_production_nor_when_turned_off() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let mut config = domkom_server::config::Config::for_data_dir(
        app.data_dir.path().to_path_buf(),
        String::new(),
    );
    config.env = domkom_server::config::Environment::Production;
    let got = demo::seed_at_start(&app.pool, &config, today()).unwrap();
    assert_eq!(got.unwrap_err(), Skipped::Production);
    config.env = domkom_server::config::Environment::Development;
    config.demo = false;
    let got = demo::seed_at_start(&app.pool, &config, today()).unwrap();
    assert_eq!(got.unwrap_err(), Skipped::TurnedOff);
    let mut conn = app.pool.get().unwrap();
    assert_eq!(db::organizations::list(&mut conn, 10, 0).unwrap().1, 0);
}

/// Runs `domkom` until a line of its output contains `until`; returns the output so far.
fn domkom_until(dir: &std::path::Path, env: &[(&str, &str)], args: &[&str], until: &str) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_domkom"));
    cmd.args(args)
        .env_clear()
        .env("DOMKOM_DATA_DIR", dir)
        .env("DOMKOM_ADDR", format!("127.0.0.1:{}", helpers::free_port()))
        .env("RUST_LOG", "info")
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("run domkom");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut out = String::new();
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(120)) {
        out += &line;
        out.push('\n');
        if line.contains(until) {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    out
}

#[test]
fn serve_seeds_an_empty_database_and_prints_the_logins_but_not_in_production() {
    let dir = tempfile::tempdir().unwrap();
    let out = domkom_until(
        dir.path(),
        &[("DOMKOM_ENV", "production")],
        &["serve"],
        "is listening",
    );
    assert!(out.contains("is listening"), "{out}");
    assert!(!out.contains("Demo data"), "{out}");

    let out = domkom_until(dir.path(), &[], &["serve"], "is listening");
    for needle in [
        "Demo data created",
        "login operator, password demo-",
        "login tsj, password demo-",
        "login demo, password demo-",
        "link code",
        "is listening",
    ] {
        assert!(out.contains(needle), "{needle}: {out}");
    }
    // The second start finds data and says nothing of it.
    let out = domkom_until(dir.path(), &[], &["serve"], "is listening");
    assert!(!out.contains("Demo data"), "{out}");

    let out = Command::new(env!("CARGO_BIN_EXE_domkom"))
        .arg("seed-demo")
        .env_clear()
        .env("DOMKOM_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("already has organizations"));
}
