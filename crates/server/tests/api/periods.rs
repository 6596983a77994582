//! Period closing: its rules and its effects on an organization without data yet; the
//! billing itself is checked by the worked example.

use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::{PageQuery, PeriodState, PeriodStatus};
use domkom_client::Client;

/// Closes and waits for the background job to finish.
pub async fn close_and_wait(client: &Client, period: &str) -> PeriodState {
    let started = client.close_period(period).await.unwrap();
    assert_eq!(started.period, period);
    for _ in 0..600 {
        let state = client.period(period).await.unwrap();
        if state.status != PeriodStatus::Closing {
            return state;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the close of {period} never finished");
}

async fn periods_close_once_in_order_after_the_month(app: TestApp) {
    let admin = app.admin().await;
    let (op, _) = app.operator(&admin, 1).await;
    assert_eq!(
        op.period("2026-09").await.unwrap().status,
        PeriodStatus::Open
    );

    let closed = close_and_wait(&op, "2026-09").await;
    assert_eq!((closed.status, closed.error), (PeriodStatus::Closed, None));
    assert!(closed.closed_at.is_some());
    // On the wire a timestamp carries its zone (RFC 3339), as the spec's date-time says.
    let raw: serde_json::Value = reqwest::Client::new()
        .get(app.url("/api/v1/operator/periods/2026-09"))
        .bearer_auth(op.access_token().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let at = raw["closed_at"].as_str().unwrap();
    assert!(chrono::DateTime::parse_from_rfc3339(at).is_ok(), "{at}");

    let again = op.close_period("2026-09").await.unwrap_err();
    assert_eq!(
        (again.status(), again.code()),
        (Some(409), Some("period_closed"))
    );
    let skip = op.close_period("2026-08").await.unwrap_err();
    assert_eq!(skip.code(), Some("period_order"));
    let future = op.close_period("2099-01").await.unwrap_err();
    assert_eq!(future.code(), Some("period_not_ended"));
    let bad = op.close_period("2026-13").await.unwrap_err();
    assert_eq!(
        (bad.status(), bad.code()),
        (Some(400), Some("invalid_period"))
    );

    close_and_wait(&op, "2026-10").await;
    let list = op.periods(PageQuery::default()).await.unwrap();
    let names: Vec<_> = list.items.iter().map(|p| p.period.as_str()).collect();
    assert_eq!(names, ["2026-10", "2026-09"]);

    // Another organization has its own calendar.
    let (other, _) = app.operator(&admin, 2).await;
    assert_eq!(
        other.period("2026-09").await.unwrap().status,
        PeriodStatus::Open
    );
    assert_eq!(other.periods(PageQuery::default()).await.unwrap().total, 0);
}

async fn only_operators_close_periods(app: TestApp) {
    let admin = app.admin().await;
    let (resident, _) = app.signed_in("resident").await;
    for client in [&admin, &resident] {
        for e in [
            client.close_period("2026-09").await.unwrap_err(),
            client.period("2026-09").await.unwrap_err(),
            client.periods(PageQuery::default()).await.unwrap_err(),
        ] {
            assert_eq!(e.status(), Some(403));
        }
    }
}

on_both_backends!(
    periods_close_once_in_order_after_the_month,
    only_operators_close_periods
);
