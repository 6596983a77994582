//! A reading carries the day the meter was read: given by the company or an import, today
//! for a resident; the resident's history shows that day, not the day it was recorded.

use crate::fixtures::{date, fields, reading, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::{ImportKind, PeriodRange, ReadingData, ReadingFilter};

/// The calendar stands on 20 November 2026; October is still open.
async fn a_reading_is_dated_the_day_it_was_taken(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    assert_eq!(
        co.reading.data.taken_on,
        Some(date("2026-10-31")),
        "a past period without a day given: its last day"
    );

    let given = ReadingData {
        taken_on: Some(date("2026-10-24")),
        ..reading(co.meter.id, "2026-10", 111_000)
    };
    let stored = op.create_reading(&given).await.unwrap();
    assert_eq!(stored.data.taken_on, Some(date("2026-10-24")));

    for (day, why) in [
        ("2026-11-21", "tomorrow"),
        ("2026-08-31", "two months early"),
    ] {
        let bad = ReadingData {
            taken_on: Some(date(day)),
            ..given.clone()
        };
        let e = op.create_reading(&bad).await.unwrap_err();
        assert_eq!(
            (e.status(), fields(&e)),
            (Some(422), vec!["taken_on".to_owned()]),
            "{why}"
        );
    }

    // An import names the day in its seventh column, or leaves it to the same rule.
    let csv = "account_number;house_address;serial;period;zone;value;taken_on\n\
               1001;;ХВ-000123;10.2026;1;112,5;25.10.2026\n";
    assert_eq!(co.meter.data.serial, "ХВ-000123");
    op.import_csv(ImportKind::Readings, csv).await.unwrap();
    let bad = csv.replace("25.10.2026", "25.12.2026");
    let e = op.import_csv(ImportKind::Readings, &bad).await.unwrap_err();
    assert!(fields(&e).iter().any(|f| f.contains("taken_on")), "{e:?}");
    let newest = op
        .readings(&ReadingFilter::default(), Default::default())
        .await
        .unwrap()
        .items;
    assert_eq!(
        (newest[0].data.value.thousandths(), newest[0].data.taken_on),
        (112_500, Some(date("2026-10-25")))
    );

    // The resident's history shows the day each was taken.
    let resident = co.resident(&app, "resident").await;
    let history = resident
        .meter_history(co.account.id, co.meter.id, &PeriodRange::default())
        .await
        .unwrap();
    let days: Vec<_> = history.readings.iter().map(|r| r.taken_on).collect();
    assert_eq!(
        days,
        [date("2026-10-25"), date("2026-10-24"), date("2026-10-31")],
        "newest first"
    );
}

on_both_backends!(today = "2026-11-20"; a_reading_is_dated_the_day_it_was_taken);
