//! What holds secrets on disk is the server's user's alone, and HSTS is sent when the portal
//! is served over https.

use crate::helpers::{Backend, TestApp};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn the_database_and_the_letters_are_0600_in_0700_directories() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    app.registered("ivan").await;
    let dir = app.data_dir.path();
    assert_eq!(mode(&dir.join("test.sqlite3")), 0o600);
    let outbox = dir.join("outbox");
    assert_eq!(mode(&outbox), 0o700);
    let letters: Vec<_> = std::fs::read_dir(&outbox).unwrap().collect();
    assert!(!letters.is_empty());
    for letter in letters {
        assert_eq!(mode(&letter.unwrap().path()), 0o600);
    }
}

#[tokio::test]
async fn hsts_only_over_https() {
    let hsts = |app: TestApp| async move {
        let response = reqwest::get(app.url("/health/live")).await.unwrap();
        response
            .headers()
            .get("strict-transport-security")
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let https = TestApp::spawn_with(Backend::Sqlite, |c| {
        c.public_url = "https://domkom.example.ru".into()
    })
    .await
    .unwrap();
    assert_eq!(hsts(https).await.as_deref(), Some("max-age=31536000"));
    let http = TestApp::spawn(Backend::Sqlite).await.unwrap();
    assert_eq!(hsts(http).await, None);
}
