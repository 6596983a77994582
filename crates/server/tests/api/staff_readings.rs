//! A reading the staff enters follows the rules a resident's does — the zone exists, the
//! value fits the meter's digits, it does not go down without a roll-over — so one bad
//! reading cannot stop the organization's close; and nothing is booked in a period before
//! the last closed one.

use crate::fixtures::{close_period, reading, Company};
use crate::helpers::{field_codes, TestApp};
use crate::on_both_backends;
use domkom_client::dto::{PageQuery, Reading, ReadingData, ReadingFilter};

async fn staff_readings_follow_the_meters_physics(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    let meter = co.meter.id; // 5 digits, 110 m³ in 2026-10
    let refused = |r: ReadingData| async move { op.create_reading(&r).await.unwrap_err() };

    let e = refused(reading(meter, "2026-11", 100_000_000)).await;
    assert_eq!(field_codes(&e), [("value", "beyond_capacity")], "{e:?}");
    let e = refused(reading(meter, "2026-11", 100_000)).await;
    assert_eq!(field_codes(&e), [("value", "decreased")]);
    let e = refused(ReadingData {
        rolled_over: true,
        ..reading(meter, "2026-11", 200_000)
    })
    .await;
    assert_eq!(
        field_codes(&e),
        [("rolled_over", "roll_over_without_decrease")]
    );
    let e = refused(ReadingData {
        zone: 2,
        ..reading(meter, "2026-11", 120_000)
    })
    .await;
    assert_eq!(field_codes(&e), [("zone", "range")]);

    // A large consumption is the staff's to confirm; the same reading again stores nothing.
    let entered = op
        .create_reading(&reading(meter, "2026-11", 99_000_000))
        .await
        .unwrap();
    let again = reqwest::Client::new()
        .post(app.url("/api/v1/operator/readings"))
        .bearer_auth(op.access_token().unwrap())
        .json(&reading(meter, "2026-11", 99_000_000))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200);
    assert_eq!(again.json::<Reading>().await.unwrap(), entered);
    let filter = ReadingFilter {
        meter_id: Some(meter),
        ..Default::default()
    };
    let stored = op.readings(&filter, PageQuery::default()).await.unwrap();
    assert_eq!(stored.total, 2, "October's and November's");
    close_period(op, "2026-10").await;
    for period in ["1970-01", "2026-09"] {
        let e = refused(reading(meter, period, 120_000)).await;
        assert_eq!(
            (e.status(), e.code()),
            (Some(409), Some("period_closed")),
            "{period}"
        );
    }
}

on_both_backends!(staff_readings_follow_the_meters_physics);
