//! The `domkom` command as an operator uses it: start-up errors name the variable at fault,
//! `migrate` and `create-admin` work on a fresh data directory.

use std::process::{Command, Output};

fn domkom(data_dir: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_domkom"));
    cmd.args(args)
        .env_clear()
        .env("DOMKOM_DATA_DIR", data_dir)
        .env("RUST_LOG", "warn")
        .current_dir(data_dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run domkom")
}

#[test]
fn a_bad_setting_stops_start_up_naming_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    for (var, value) in [
        ("DOMKOM_ADDR", "not-an-address"),
        ("DATABASE_URL", "mysql://localhost/domkom"),
        ("DOMKOM_PUBLIC_URL", "::nonsense"),
        ("DOMKOM_JWT_SECRET", "short"),
        ("SMTP_URL", "http://mail.example"),
        ("DOMKOM_DB_POOL_SIZE", "0"),
        ("DOMKOM_KEY_RATE", "много"),
        ("DOMKOM_ENV", "staging"),
        ("DOMKOM_DEMO", "maybe"),
        ("DOMKOM_SUPPORT_EMAIL", "support"),
        ("DOMKOM_SUPPORT_PHONE", "звоните"),
    ] {
        let out = domkom(dir.path(), &[(var, value)], &["serve"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{var}={value} was accepted");
        assert!(stderr.contains(var), "{var}: {stderr}");
    }
}

#[test]
fn migrate_then_create_an_admin_who_can_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let out = domkom(dir.path(), &[], &["migrate"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("domkom.sqlite3").is_file());
    assert!(dir.path().join("jwt-secret").is_file());

    let admin = [
        "create-admin",
        "--login",
        "root",
        "--email",
        "root@example.ru",
    ];
    let out = domkom(
        dir.path(),
        &[("DOMKOM_ADMIN_PASSWORD", "admin-pass1")],
        &admin,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = domkom(
        dir.path(),
        &[("DOMKOM_ADMIN_PASSWORD", "admin-pass1")],
        &admin,
    );
    assert!(!again.status.success(), "the same admin twice");
    let weak = domkom(
        dir.path(),
        &[("DOMKOM_ADMIN_PASSWORD", "weak")],
        &[
            "create-admin",
            "--login",
            "root2",
            "--email",
            "r2@example.ru",
        ],
    );
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password"));

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let url = format!("sqlite://{}", dir.path().join("domkom.sqlite3").display());
        let config = domkom_server::config::Config::for_data_dir(dir.path().to_path_buf(), url);
        let app =
            domkom_server::Application::build(domkom_server::prepare(config).unwrap()).unwrap();
        let client = domkom_client::Client::new(&format!("http://127.0.0.1:{}", app.port()));
        tokio::spawn(app.into_server());
        client
            .login("root@example.ru", "admin-pass1")
            .await
            .unwrap();
        assert_eq!(
            client.me().await.unwrap().role,
            domkom_client::dto::Role::Admin
        );
    });
}

#[test]
fn seed_demo_prints_the_logins_once_and_refuses_production_and_its_receipts_print() {
    let dir = tempfile::tempdir().unwrap();
    let prod = domkom(dir.path(), &[("DOMKOM_ENV", "production")], &["seed-demo"]);
    assert!(!prod.status.success());
    assert!(String::from_utf8_lossy(&prod.stderr).contains("DOMKOM_ENV=production"));

    let out = domkom(dir.path(), &[], &["seed-demo"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for needle in [
        "ООО \"УК Домовой\"",
        "ТСЖ \"Рассвет\"",
        "login operator",
        "login tsj",
        "login demo",
    ] {
        assert!(stdout.contains(needle), "{needle}: {stdout}");
    }
    let again = domkom(dir.path(), &[], &["seed-demo"]);
    assert!(again.status.success());
    assert!(!String::from_utf8_lossy(&again.stdout).contains("password"));

    // The demo's history closes every month before this one: print last month's receipts.
    let this_month = domkom_values::Period::containing(chrono::Local::now().date_naive()).unwrap();
    let print = |period: domkom_values::Period| {
        let out = dir.path().join("receipts");
        let args = [
            "receipts",
            "--organization",
            "1",
            "--period",
            &period.to_string(),
        ];
        let mut args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        args.extend(["--out".to_owned(), out.display().to_string()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        (domkom(dir.path(), &[], &args), out)
    };
    let (out, folder) = print(this_month.prev().unwrap());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(
        !files.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    for file in &files {
        assert!(
            std::fs::read(file).unwrap().starts_with(b"%PDF-"),
            "{}",
            file.display()
        );
    }
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("in {} file(s)", files.len())));
    let (open, _) = print(this_month);
    assert!(!open.status.success());
    assert!(String::from_utf8_lossy(&open.stderr).contains("is not closed"));
}

#[test]
fn the_openapi_command_prints_the_spec() {
    let dir = tempfile::tempdir().unwrap();
    let out = domkom(dir.path(), &[], &["openapi"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        domkom_server::openapi::spec_json()
    );
}
