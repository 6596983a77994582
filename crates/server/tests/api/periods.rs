//! Period closing: its rules and its effects on an organization without data yet; the
//! billing itself is checked by the worked example.

use crate::fixtures::Company;
use crate::helpers::TestApp;
use crate::on_both_backends;
use diesel::prelude::*;
use domkom_client::dto::ErrorCode;
use domkom_client::dto::{AccountPeriodFilter, PageQuery, PeriodState, PeriodStatus};
use domkom_client::Client;
use domkom_server::db::schema::jobs as j;

/// Closes and waits for the background job to finish.
pub async fn close_and_wait(client: &Client, period: &str) -> PeriodState {
    let started = client.close_period(period).await.unwrap();
    assert_eq!(started.period.to_string(), period);
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
        (Some(409), Some(ErrorCode::PeriodClosed))
    );
    let skip = op.close_period("2026-08").await.unwrap_err();
    assert_eq!(skip.code(), Some(ErrorCode::PeriodOrder));
    let future = op.close_period("2099-01").await.unwrap_err();
    assert_eq!(future.code(), Some(ErrorCode::PeriodNotEnded));
    let bad = op.close_period("2026-13").await.unwrap_err();
    assert_eq!(
        (bad.status(), bad.code()),
        (Some(400), Some(ErrorCode::InvalidPeriod))
    );

    close_and_wait(&op, "2026-10").await;
    let list = op.periods(PageQuery::default()).await.unwrap();
    let names: Vec<_> = list.items.iter().map(|p| p.period.to_string()).collect();
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

/// Twenty close requests at once — on two server instances when the database is
/// PostgreSQL — start exactly one close: one 202, the others 409, one job, one set of
/// charges.
async fn concurrent_close_requests_start_one_close(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let mut instances = vec![co.operator.clone()];
    if app.is_postgres() {
        let second = Client::new(&app.another_instance());
        second.set_access_token(co.operator.access_token());
        instances.push(second);
    }
    let requests: Vec<_> = (0..20)
        .map(|i| {
            let client = instances[i % instances.len()].clone();
            tokio::spawn(async move { client.close_period("2026-10").await })
        })
        .collect();
    let mut statuses = Vec::new();
    for request in requests {
        statuses.push(match request.await.unwrap() {
            Ok(_) => (202, None),
            Err(e) => (e.status().unwrap(), e.code()),
        });
    }
    let started = statuses.iter().filter(|(s, _)| *s == 202).count();
    assert_eq!(started, 1, "{statuses:?}");
    assert!(
        statuses.iter().all(|(s, code)| *s == 202
            || (*s == 409
                && matches!(
                    code,
                    Some(ErrorCode::PeriodClosing | ErrorCode::PeriodClosed)
                ))),
        "{statuses:?}"
    );
    for _ in 0..600 {
        if co.operator.period("2026-10").await.unwrap().status == PeriodStatus::Closed {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let sheets = co
        .operator
        .charges(&AccountPeriodFilter::default(), PageQuery::default())
        .await
        .unwrap();
    assert_eq!(sheets.total, 1, "one sheet for the one account");
    let mut conn = app.pool.get().unwrap();
    let jobs: i64 = j::table
        .filter(j::kind.eq("close_period"))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    assert_eq!(jobs, 1);
}

on_both_backends!(
    concurrent_close_requests_start_one_close,
    periods_close_once_in_order_after_the_month,
    only_operators_close_periods
);
