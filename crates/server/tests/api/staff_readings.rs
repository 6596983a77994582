//! A reading the staff enters follows the rules a resident's does — the zone exists, the
//! value fits the meter's digits, it does not go down without a roll-over — so one bad
//! reading cannot stop the organization's close; and nothing is booked in a period before
//! the last closed one. An imported file follows the same rules, each row against the
//! stored history and the file's earlier periods of its meter.

use crate::fixtures::{close_period, reading, Company};
use crate::helpers::{field_codes, TestApp};
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::dto::{
    ImportKind, ImportResult, PageQuery, PeriodStatus, Reading, ReadingData, ReadingFilter,
};

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
            (Some(409), Some(ErrorCode::PeriodClosed)),
            "{period}"
        );
    }
}

async fn imported_readings_follow_the_meters_physics(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    let filter = ReadingFilter {
        meter_id: Some(co.meter.id),
        ..Default::default()
    };
    let stored = || async {
        op.readings(&filter, PageQuery::default())
            .await
            .unwrap()
            .total
    };
    let before = stored().await;
    let refused = |file: &'static str| async move {
        op.import_csv(ImportKind::Readings, file).await.unwrap_err()
    };

    // December is checked against November of the same file, whatever the rows' order.
    let e = refused("h\n1001;;ХВ-000123;12.2026;1;115\n1001;;ХВ-000123;11.2026;1;120\n").await;
    assert_eq!(field_codes(&e), [("row 2: value", "decreased")], "{e:?}");
    let e = refused(concat!(
        "h\n1001;;ХВ-000123;11.2026;1;100000\n",
        "1001;;ХВ-000123;12.2026;1;5;;да\n",
        "1001;;ХВ-000123;01.2027;2;130\n",
    ))
    .await;
    assert_eq!(
        field_codes(&e),
        [
            ("row 2: value", "beyond_capacity"),
            ("row 3: rolled_over", "roll_over_implausible"),
            ("row 4: zone", "range"),
        ]
    );
    assert_eq!(stored().await, before, "a refused file stores nothing");

    let file = "h\n1001;;ХВ-000123;12.2026;1;130;;нет\n1001;;ХВ-000123;11.2026;1;120\n";
    let result = |created, skipped| ImportResult {
        kind: ImportKind::Readings,
        created,
        skipped,
    };
    let imported = op.import_csv(ImportKind::Readings, file).await.unwrap();
    assert_eq!(imported, result(2, 0));
    let imported = op.import_csv(ImportKind::Readings, file).await.unwrap();
    assert_eq!(
        imported,
        result(0, 2),
        "the same file again changes nothing"
    );
    assert_eq!(stored().await, before + 2);
}

/// A reading of October entered after November's leaves November's below what October
/// bills: that meter is billed as one without readings, and the close goes on.
async fn a_reading_the_history_no_longer_allows_is_set_aside(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    let meter = co.meter.id;
    op.create_reading(&reading(meter, "2026-11", 120_000))
        .await
        .unwrap();
    op.create_reading(&reading(meter, "2026-10", 125_000))
        .await
        .unwrap();
    close_period(op, "2026-10").await;
    let november = crate::periods::close_and_wait(op, "2026-11").await;
    assert_eq!(november.status, PeriodStatus::Closed, "{november:?}");
    let [note] = november.notes.as_slice() else {
        panic!("one note: {november:?}");
    };
    assert_eq!(
        (
            note.account_id,
            note.meter_id,
            note.zone,
            note.code.as_str()
        ),
        (Some(co.account.id), meter, 1, "decreased")
    );
    assert!(
        note.message
            .contains("показание 120 меньше начисленного ранее (125)"),
        "{}",
        note.message
    );
    assert_eq!(op.period("2026-11").await.unwrap().notes, november.notes);
    let october = op.period("2026-10").await.unwrap();
    assert!(october.notes.is_empty(), "{october:?}");
}

on_both_backends!(
    staff_readings_follow_the_meters_physics,
    a_reading_the_history_no_longer_allows_is_set_aside,
    imported_readings_follow_the_meters_physics
);
