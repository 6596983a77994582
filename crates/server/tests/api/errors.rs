//! Bad requests of every kind get problem+json with a stable code, never a 500 or HTML.

use crate::helpers::TestApp;
use crate::on_both_backends;
use reqwest::{Method, StatusCode};

/// A request and the status and code it must get.
type Case = (
    Method,
    &'static str,
    &'static str,
    Vec<u8>,
    u16,
    &'static str,
);

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, String, serde_json::Value) {
    let response = reqwest::Client::new()
        .request(method, app.url(path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let json = response.json().await.unwrap_or(serde_json::Value::Null);
    (status, kind, json)
}

async fn malformed_requests_get_problem_details(app: TestApp) {
    let json = "application/json";
    let cases: Vec<Case> = vec![
        (
            Method::POST,
            "/api/v1/auth/login",
            json,
            b"{not json".to_vec(),
            400,
            "malformed_json",
        ),
        (
            Method::POST,
            "/api/v1/auth/login",
            json,
            br#"{"login": 5, "password": "x"}"#.to_vec(),
            422,
            "invalid_body",
        ),
        (
            Method::POST,
            "/api/v1/auth/login",
            json,
            br#"{"password": "x"}"#.to_vec(),
            422,
            "invalid_body",
        ),
        (
            Method::POST,
            "/api/v1/auth/login",
            "text/plain",
            b"hello".to_vec(),
            415,
            "unsupported_media_type",
        ),
        (
            Method::POST,
            "/api/v1/auth/register",
            json,
            vec![b' '; 70 * 1024],
            413,
            "payload_too_large",
        ),
        (
            Method::GET,
            "/api/v1/no/such/thing",
            json,
            Vec::new(),
            404,
            "route_not_found",
        ),
        (
            Method::PUT,
            "/health/live",
            json,
            Vec::new(),
            405,
            "method_not_allowed",
        ),
        // serde would read a struct from an array: a body is an object.
        (
            Method::POST,
            "/api/v1/auth/login",
            json,
            br#"["demo", "secret123"]"#.to_vec(),
            422,
            "invalid_body",
        ),
        // An optional body, when sent, is read like any other.
        (
            Method::POST,
            "/api/v1/auth/logout",
            json,
            br#"{"refresh_token": 5}"#.to_vec(),
            422,
            "invalid_body",
        ),
        // Who may ask comes before what is asked.
        (
            Method::GET,
            "/api/v1/operator/houses?limit=0&q=%00",
            json,
            Vec::new(),
            401,
            "unauthorized",
        ),
    ];
    for (method, path, content_type, body, status, code) in cases {
        let (got, kind, problem) = send(&app, method.clone(), path, content_type, body).await;
        assert_eq!(
            (got.as_u16(), problem["code"].as_str()),
            (status, Some(code)),
            "{method} {path}: {problem}"
        );
        assert_eq!(kind, "application/problem+json", "{method} {path}");
        assert!(problem["detail"].as_str().is_some_and(|d| !d.is_empty()));
    }
    let (_, _, missing) = send(
        &app,
        Method::POST,
        "/api/v1/auth/login",
        json,
        br#"{"password": "x"}"#.to_vec(),
    )
    .await;
    assert_eq!(missing["errors"][0]["field"], "login");

    // A path the API has, with a method it has not: 405 naming the methods it has.
    for (method, path, allow) in [
        (Method::PUT, "/health/live", "GET, HEAD"),
        (Method::PUT, "/api/v1/auth/login", "POST"),
        (Method::DELETE, "/api/v1/operator/houses", "GET, POST"),
        (
            Method::POST,
            "/api/v1/operator/houses/7",
            "GET, PUT, DELETE",
        ),
        (Method::PATCH, "/api/v1/operator/imports/houses", "POST"),
    ] {
        let response = reqwest::Client::new()
            .request(method.clone(), app.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 405, "{method} {path}");
        assert_eq!(response.headers()["allow"], allow, "{method} {path}");
        let problem: serde_json::Value = response.json().await.unwrap();
        assert_eq!(problem["code"], "method_not_allowed");
    }

    // Not `payments/{id}` with a bad id: a route of its own, with its own methods.
    let (operator, _) = app.operator(&app.admin().await, 1).await;
    let response = reqwest::Client::new()
        .get(app.url("/api/v1/operator/payments/registry"))
        .bearer_auth(operator.access_token().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "POST");
}

async fn health_and_headers(app: TestApp) {
    let http = reqwest::Client::new();
    for path in ["/health/live", "/health/ready"] {
        let response = http.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
    }
    let response = http
        .post(app.url("/api/v1/auth/logout"))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let headers = response.headers();
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("script-src 'self' 'wasm-unsafe-eval'"));
}

on_both_backends!(malformed_requests_get_problem_details, health_and_headers);
