//! A period close killed half-way leaves nothing behind; its job runs again at the next
//! start and gives exactly the numbers of an uninterrupted close of the same data.

use diesel::prelude::*;
use domkom_server::config::Config;
use domkom_server::db::schema::{balances, charges, jobs, periods};
use domkom_server::db::DbPool;
use domkom_values::OrganizationId;
use std::process::Command;
use std::time::{Duration, Instant};

const ACCOUNTS: i64 = 20_000;
const PERIOD: &str = "2026-10";

/// A fresh SQLite database in `dir` with a synthetic organization; returns its id.
fn prepare(dir: &std::path::Path) -> (DbPool, OrganizationId) {
    let url = format!("sqlite://{}", dir.join("domkom.sqlite3").display());
    let state = domkom_server::prepare(Config::for_data_dir(dir.to_path_buf(), url)).unwrap();
    let mut conn = state.pool.get().unwrap();
    let org = domkom_server::devtools::synthetic::organization(&mut conn, 1).unwrap();
    domkom_server::devtools::synthetic::generate(&mut conn, org, ACCOUNTS, PERIOD.parse().unwrap())
        .unwrap();
    (state.pool.clone(), org)
}

fn domkom(dir: &std::path::Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_domkom"));
    cmd.args(args)
        .env("DOMKOM_DATA_DIR", dir)
        .env("RUST_LOG", "warn")
        .env_remove("DATABASE_URL");
    cmd
}

fn close_fully(dir: &std::path::Path, org: OrganizationId) {
    let out = domkom(
        dir,
        &[
            "close-period",
            "--organization",
            &org.to_string(),
            "--period",
            PERIOD,
        ],
    )
    .output()
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn period_row(pool: &DbPool) -> Option<(String, i32, Option<String>)> {
    periods::table
        .filter(periods::period.eq(PERIOD))
        .select((periods::status, periods::accounts_done, periods::error))
        .first(&mut pool.get().unwrap())
        .optional()
        .unwrap()
}

/// (account, charge lines as stored) and (account, closing) of every account of the
/// period, in a stable order.
type Results = (Vec<(i64, String)>, Vec<(i64, i64)>);

fn results(pool: &DbPool) -> Results {
    let mut conn = pool.get().unwrap();
    let lines = charges::table
        .filter(charges::period.eq(PERIOD))
        .order(charges::account_id)
        .select((charges::account_id, charges::lines))
        .load(&mut conn)
        .unwrap();
    let closing = balances::table
        .filter(balances::period.eq(PERIOD))
        .order(balances::account_id)
        .select((balances::account_id, balances::closing))
        .load(&mut conn)
        .unwrap();
    (lines, closing)
}

#[test]
fn a_killed_close_leaves_nothing_and_its_resumed_job_matches_a_clean_close() {
    let killed_dir = tempfile::tempdir().unwrap();
    let (pool, org) = prepare(killed_dir.path());

    let mut child = domkom(
        killed_dir.path(),
        &[
            "close-period",
            "--organization",
            &org.to_string(),
            "--period",
            PERIOD,
        ],
    )
    .stderr(std::process::Stdio::null())
    .spawn()
    .unwrap();
    // Kill it while it is computing: some accounts done, nothing written yet.
    let started = Instant::now();
    loop {
        if let Some((status, done, _)) = period_row(&pool) {
            if status == "closing" && done > 0 {
                break;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the close never showed progress"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let (lines, closing) = results(&pool);
    assert!(
        lines.is_empty() && closing.is_empty(),
        "no partial rows after the kill"
    );

    assert_eq!(period_row(&pool).unwrap().0, "closing", "not closed");

    // The next start takes the interrupted job up again and runs it to the end.
    let out = domkom(killed_dir.path(), &["run-jobs"]).output().unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.trim_end().ends_with("1 job(s) run."), "{said}");
    let retried = results(&pool);
    assert_eq!(period_row(&pool).unwrap().0, "closed");
    assert_eq!(retried.1.len(), ACCOUNTS as usize);
    let (status, attempts): (String, i32) = jobs::table
        .filter(jobs::kind.eq("close_period"))
        .select((jobs::status, jobs::attempts))
        .first(&mut pool.get().unwrap())
        .unwrap();
    assert_eq!((status.as_str(), attempts), ("done", 2));

    let clean_dir = tempfile::tempdir().unwrap();
    let (clean_pool, clean_org) = prepare(clean_dir.path());
    close_fully(clean_dir.path(), clean_org);
    assert_eq!(
        retried,
        results(&clean_pool),
        "the retry gives the same numbers"
    );
}
