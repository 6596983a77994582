use crate::helpers::{Backend, TestApp};

const COMMITTED: &str = include_str!("../../../../openapi/openapi.json");

/// `openapi/openapi.json` is what the code generates; `UPDATE_OPENAPI=1` rewrites it.
#[test]
fn the_committed_spec_is_current() {
    let generated = domkom_server::openapi::spec_json();
    if std::env::var("UPDATE_OPENAPI").as_deref() == Ok("1") {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json");
        std::fs::write(path, &generated).unwrap();
        return;
    }
    assert!(
        generated == COMMITTED,
        "openapi/openapi.json is stale: run `UPDATE_OPENAPI=1 cargo test -p domkom-server --test api openapi` and commit it"
    );
}

#[tokio::test]
async fn the_spec_and_swagger_ui_are_served_and_list_every_endpoint() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let http = reqwest::Client::new();
    let spec: serde_json::Value = http
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let paths = spec["paths"].as_object().unwrap();
    for path in [
        "/api/v1/auth/register",
        "/api/v1/auth/activate",
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/auth/password/forgot",
        "/api/v1/auth/password/reset",
        "/api/v1/me",
        "/api/v1/me/password",
        "/api/v1/accounts/{account_id}/meters",
        "/api/v1/accounts/{account_id}/meters/{meter_id}/readings",
        "/api/v1/accounts/{account_id}/readings",
        "/api/v1/accounts/{account_id}/statement",
        "/api/v1/accounts/{account_id}/payments",
        "/health/live",
        "/health/ready",
    ] {
        assert!(paths.contains_key(path), "{path} missing from the spec");
    }
    assert_eq!(
        paths["/api/v1/me"].as_object().unwrap().len(),
        3,
        "GET, PATCH, DELETE"
    );
    assert_eq!(
        spec["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );

    let ui = http.get(app.url("/swagger-ui/")).send().await.unwrap();
    assert_eq!(ui.status(), 200);
    assert!(ui.text().await.unwrap().contains("swagger"));
}
