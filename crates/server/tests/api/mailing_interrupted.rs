//! A receipt mailing killed half-way: the server's process is killed while it sends, and
//! the next start sends the rest. Every subscriber ends with exactly one letter, with the
//! PDF, and the outbox's rows say so.

use crate::helpers::TestApp;
use crate::on_both_backends;
use diesel::prelude::*;
use domkom_server::billing::close::CloseRequest;
use domkom_server::db::schema::{accounts, jobs, receipt_letters as rl};
use domkom_server::db::{links, subscriptions, users, DbPool};
use domkom_server::devtools::synthetic;
use domkom_values::{AccountId, OrganizationId, Period};
use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SUBSCRIBERS: i64 = 40;

/// An organization of `SUBSCRIBERS` accounts, each with a subscribed resident, whose
/// period is closed: the letters and the mailing job are queued, nobody runs them yet.
fn closed_with_subscribers(pool: &DbPool) -> OrganizationId {
    let mut conn = pool.get().unwrap();
    let period: Period = "2026-10".parse().unwrap();
    let org = synthetic::organization(&mut conn, 1).unwrap();
    synthetic::generate(&mut conn, org, SUBSCRIBERS, period).unwrap();
    let ids: Vec<AccountId> = accounts::table
        .filter(accounts::organization_id.eq(org))
        .select(accounts::id)
        .load(&mut conn)
        .unwrap();
    for (i, account) in ids.into_iter().enumerate() {
        let mut form = crate::helpers::register_form(&format!("r{i}"));
        form.email = format!("r{i}@example.ru");
        let user = users::create(&mut conn, &form, "-", domkom_dto::Role::Resident, None).unwrap();
        users::activate(&mut conn, user).unwrap();
        links::link(&mut conn, user, account, org).unwrap();
        assert!(subscriptions::set(&mut conn, user, account, true).unwrap());
    }
    let req = CloseRequest {
        organization_id: org,
        period,
        user_id: None,
        key_rate_bp: domkom_server::config::DEFAULT_KEY_RATE_BP,
    };
    let today = chrono::Local::now().date_naive();
    domkom_server::cli::close_now(pool, req, today, &|_, _| {}).unwrap();
    org
}

fn sent(pool: &DbPool) -> i64 {
    rl::table
        .filter(rl::status.eq("sent"))
        .count()
        .get_result(&mut pool.get().unwrap())
        .unwrap()
}

async fn a_mailing_killed_half_way_sends_each_letter_once(app: TestApp) {
    let pool = app.pool.clone();
    tokio::task::spawn_blocking(move || closed_with_subscribers(&pool))
        .await
        .unwrap();
    let domkom = |log: &str| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_domkom"));
        cmd.arg("run-jobs")
            .env("DOMKOM_DATA_DIR", app.data_dir.path())
            .env("DATABASE_URL", app.database_url())
            .env("RUST_LOG", log)
            .env_remove("SMTP_URL");
        cmd
    };

    let mut child = domkom("warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while sent(&app.pool) < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no letter went"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let at_kill = sent(&app.pool);
    assert!(at_kill < SUBSCRIBERS, "killed half-way: {at_kill} sent");

    if app.is_postgres() {
        // Several instances may share PostgreSQL, so a job is taken over once its
        // instance's heartbeat is 30 s old: that time passes.
        let long_ago = domkom_server::db::now() - chrono::Duration::seconds(60);
        diesel::update(jobs::table.filter(jobs::status.eq("running")))
            .set(jobs::heartbeat_at.eq(long_ago))
            .execute(&mut app.pool.get().unwrap())
            .unwrap();
    }
    let out = domkom("info").output().unwrap();
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("1 job(s) run."), "{said}");
    assert!(
        said.contains("receipt mailing"),
        "progress in the log: {said}"
    );

    let rows: Vec<(String, i32)> = rl::table
        .select((rl::status, rl::attempts))
        .load(&mut app.pool.get().unwrap())
        .unwrap();
    assert_eq!(rows.len(), SUBSCRIBERS as usize);
    assert!(rows.iter().all(|(s, _)| s == "sent"), "{rows:?}");

    let outbox = app.data_dir.path().join("outbox");
    let mut to = BTreeSet::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&outbox).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.ends_with(".part"), "no half-written letter: {name}");
        if !name.starts_with("receipt-") {
            continue;
        }
        files += 1;
        let letter = std::fs::read_to_string(&path).unwrap();
        assert!(letter.contains("Content-Type: application/pdf"), "{name}");
        let recipient = letter
            .lines()
            .find_map(|l| l.strip_prefix("To: "))
            .unwrap()
            .to_owned();
        assert!(to.insert(recipient), "one letter a subscriber");
    }
    assert_eq!(files, SUBSCRIBERS);
    let expected: BTreeSet<String> = (0..SUBSCRIBERS)
        .map(|i| format!("r{i}@example.ru"))
        .collect();
    assert_eq!(to, expected);

    let (status, attempts): (String, i32) = jobs::table
        .filter(jobs::kind.eq("receipt_mailing"))
        .select((jobs::status, jobs::attempts))
        .first(&mut app.pool.get().unwrap())
        .unwrap();
    assert_eq!((status.as_str(), attempts), ("done", 2));
}

on_both_backends!(a_mailing_killed_half_way_sends_each_letter_once);
