//! The SPA's files: the build's brotli or gzip copy the client accepts, sent as it is, with
//! the type of the original; `index.html` for the client-side routes; the build's directory
//! kept for a year, the page never.

use crate::helpers::{Backend, TestApp};
use std::path::Path;

const WASM: &[u8] = b"\0asm the app";

/// A build as spa-build writes it, each copy marked so the test sees which one was sent.
fn write_build(dir: &Path) {
    let pkg = dir.join("pkg/0123abcd");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><p>page").unwrap();
    std::fs::write(dir.join("index.html.br"), "page as brotli").unwrap();
    std::fs::write(dir.join("index.html.gz"), "page as gzip").unwrap();
    std::fs::write(pkg.join("app_bg.wasm"), WASM).unwrap();
    std::fs::write(pkg.join("app_bg.wasm.br"), "wasm as brotli").unwrap();
    std::fs::write(pkg.join("app_bg.wasm.gz"), "wasm as gzip").unwrap();
    // A file the build did not compress is compressed on the fly, like the API's JSON.
    std::fs::write(pkg.join("plain.js"), "export {};".repeat(100)).unwrap();
}

async fn app() -> (TestApp, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    write_build(dist.path());
    let path = dist.path().to_path_buf();
    let app = TestApp::spawn_with(Backend::Sqlite, move |c| c.static_dir = path)
        .await
        .expect("SQLite is always available");
    (app, dist)
}

async fn get(app: &TestApp, path: &str, accept: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(app.url(path));
    if let Some(accept) = accept {
        request = request.header("accept-encoding", accept);
    }
    request.send().await.unwrap()
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn the_best_copy_the_client_takes_is_sent_as_built() {
    let (app, _dist) = app().await;
    let cases = [
        (
            Some("gzip, deflate, br, zstd"),
            Some("br"),
            &b"wasm as brotli"[..],
        ),
        (Some("gzip"), Some("gzip"), b"wasm as gzip"),
        (Some("br;q=0.5, gzip"), Some("gzip"), b"wasm as gzip"),
        (Some("identity"), None, WASM),
        (None, None, WASM),
    ];
    for (accept, encoding, body) in cases {
        let response = get(&app, "/pkg/0123abcd/app_bg.wasm", accept).await;
        assert_eq!(response.status(), 200, "{accept:?}");
        assert_eq!(
            header(&response, "content-encoding"),
            encoding,
            "{accept:?}"
        );
        assert_eq!(header(&response, "content-type"), Some("application/wasm"));
        let vary = header(&response, "vary").unwrap_or_default().to_lowercase();
        assert!(vary.split(", ").any(|h| h == "accept-encoding"), "{vary}");
        assert_eq!(
            header(&response, "cache-control"),
            Some("public, max-age=31536000, immutable"),
            "a build's directory is named by its content"
        );
        assert_eq!(header(&response, "content-disposition"), None);
        assert_eq!(&response.bytes().await.unwrap()[..], body, "{accept:?}");
    }
}

#[tokio::test]
async fn a_client_route_gets_the_page_which_is_never_kept() {
    let (app, _dist) = app().await;
    for path in ["/", "/accounts/7/charges", "/index.html"] {
        let response = get(&app, path, Some("br")).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            header(&response, "content-type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        assert_eq!(header(&response, "content-encoding"), Some("br"), "{path}");
        assert_eq!(
            header(&response, "cache-control"),
            Some("no-cache"),
            "{path}"
        );
        assert_eq!(response.text().await.unwrap(), "page as brotli");
    }
}

#[tokio::test]
async fn what_was_not_compressed_at_build_time_is_compressed_on_the_fly() {
    let (app, _dist) = app().await;
    let response = get(&app, "/pkg/0123abcd/plain.js", Some("gzip")).await;
    assert_eq!(header(&response, "content-encoding"), Some("gzip"));
    let response = get(&app, "/pkg/0123abcd/plain.js", None).await;
    assert_eq!(header(&response, "content-encoding"), None);
    assert_eq!(response.text().await.unwrap(), "export {};".repeat(100));
    let json = get(&app, "/api/v1/site", Some("gzip")).await;
    assert_eq!(
        header(&json, "content-encoding"),
        Some("gzip"),
        "the API's JSON"
    );
}

#[tokio::test]
async fn a_missing_file_or_a_path_out_of_the_build_is_not_found() {
    let (app, _dist) = app().await;
    for path in [
        "/pkg/0123abcd/missing.js",
        "/pkg/0123abcd/app_bg.wasm.zst",
        "/pkg/../../etc/passwd.txt",
        "/pkg/0123abcd/..%2F..%2Findex.html",
    ] {
        let response = get(&app, path, Some("br")).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            header(&response, "content-type"),
            Some("application/problem+json"),
            "{path}"
        );
    }
    let response = reqwest::Client::new()
        .post(app.url("/pkg/0123abcd/app_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
}
