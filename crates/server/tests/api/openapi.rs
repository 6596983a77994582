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

/// Errors are declared as they are sent (problem+json), every operation has a `default`
/// for the statuses it does not list, secured ones list 401 and 403, and timestamps carry
/// their zone.
#[test]
fn the_spec_declares_errors_and_timestamps_as_sent() {
    let spec: serde_json::Value = serde_json::from_str(COMMITTED).unwrap();
    let mut operations = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.contains_key("default"), "{method} {path}");
            if op
                .get("security")
                .is_some_and(|s| !s.as_array().unwrap().is_empty())
            {
                assert!(responses.contains_key("401") && responses.contains_key("403"));
            }
            for (status, response) in responses {
                let content = response["content"].as_object();
                for (kind, body) in content.into_iter().flatten() {
                    if body["schema"]["$ref"] == "#/components/schemas/Problem" {
                        assert_eq!(kind, "application/problem+json", "{method} {path} {status}");
                    }
                }
            }
        }
    }
    assert!(operations > 70);
    let schemas = &spec["components"]["schemas"];
    let flat = |name: &str| schemas[name]["properties"].clone();
    let own = |name: &str| schemas[name]["allOf"][1]["properties"].clone();
    for (properties, field) in [
        (flat("PeriodState"), "closed_at"),
        (own("Reading"), "created_at"),
        (flat("ReadingEntry"), "submitted_at"),
    ] {
        assert_eq!(properties[field]["format"], "date-time", "{field}");
    }
}
