//! `GET /metrics`: only with its token, in the format Prometheus scrapes, with requests
//! counted under their route's pattern, the pool, the jobs and the mail.

use crate::fixtures::{close_period, Company};
use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;
use domkom_values::AccountId;

const TOKEN: &str = "a-metrics-token-of-32-characters";

async fn scrape(app: &TestApp, token: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(app.url("/metrics"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

async fn metrics_need_the_token_and_count_requests_by_route(app: TestApp) {
    for token in [None, Some("a-wrong-token-of-32-characters!!")] {
        let refused = scrape(&app, token).await;
        assert_eq!(refused.status(), 401);
        assert_eq!(
            refused.headers()["www-authenticate"],
            "Bearer realm=\"metrics\""
        );
        assert_eq!(
            refused.headers()["content-type"],
            "application/problem+json"
        );
    }

    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let resident = co.resident(&app, "resident").await;
    let foreign = AccountId(co.account.id.get() + 1000);
    for _ in 0..2 {
        let e = resident.account_card(foreign).await.unwrap_err();
        assert_eq!(e.status(), Some(404));
    }
    close_period(&co.operator, "2026-10").await;

    // The period shows closed a moment before its job is marked done.
    let done = "domkom_jobs{kind=\"close_period\",status=\"done\"} 1";
    let mut text = String::new();
    for _ in 0..50 {
        let answer = scrape(&app, Some(TOKEN)).await;
        assert_eq!(answer.status(), 200);
        assert_eq!(
            answer.headers()["content-type"],
            "application/openmetrics-text; version=1.0.0; charset=utf-8"
        );
        text = answer.text().await.unwrap();
        if text.lines().any(|l| l == done) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    for line in [
        "domkom_http_requests_total{method=\"GET\",route=\"/api/v1/accounts/{account_id}\",status=\"404\"} 2",
        "domkom_http_request_duration_seconds_bucket{le=\"+Inf\",method=\"GET\",route=\"/api/v1/accounts/{account_id}\"} 2",
        "domkom_http_requests_total{method=\"GET\",route=\"/metrics\",status=\"401\"} 2",
        done,
        "domkom_jobs_oldest_queued_age_seconds 0.0",
        "domkom_db_pool_max_connections 4",
        "domkom_mail_letters_total{outcome=\"sent\"} 1",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "no line `{line}` in\n{text}"
        );
    }
    assert!(text.contains("domkom_db_pool_connections{state=\"in_use\"}"));
    assert!(
        !text.contains(&format!("/{foreign}")),
        "paths with ids would make a series per account"
    );
    assert!(text.ends_with("# EOF\n"));
}

on_both_backends!(@apps |c: &mut domkom_server::config::Config| {
    c.metrics_token = Some(crate::metrics::TOKEN.into());
}; metrics_need_the_token_and_count_requests_by_route);

#[tokio::test]
async fn without_a_token_there_is_no_metrics_endpoint() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let answer = scrape(&app, Some(TOKEN)).await;
    assert_eq!(answer.status(), 404);
}
