//! `accounts/{id}/charges`: a resident's closed periods and each line explained; nobody
//! else's.

use crate::fixtures::{close_period, fields, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::PeriodRange;

async fn a_metered_line_explains_its_readings_and_tariff(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let resident = co.resident(&app, "resident").await;
    let all = PeriodRange::default();
    assert!(resident
        .account_charges(co.account.id, &all)
        .await
        .unwrap()
        .is_empty());
    close_period(&co.operator, "2026-10").await;

    // 110 m³ since installation at the fixture's tariff, in hundredths of a kopeck per m³.
    let volume = co.reading.data.value - co.meter.data.initial_values[0];
    let expected = co.tariff.data.price * volume / 100_000;
    let october = resident
        .period_charges(co.account.id, "2026-10")
        .await
        .unwrap();
    let [line] = october.lines.as_slice() else {
        panic!("one line: {october:?}")
    };
    assert_eq!(
        (line.method.as_str(), line.volume, line.amount),
        ("meter", volume, expected)
    );
    assert_eq!(line.tariff_from, Some(co.tariff.data.valid_from));
    for figure in [
        "№\u{a0}ХВ-000123",
        "показания 0 → 110,",
        "расход 110\u{a0}м³",
        "45,67\u{a0}₽",
        "01.07.2026",
    ] {
        assert!(
            line.explanation.contains(figure),
            "{figure} in «{}»",
            line.explanation
        );
    }
    let [recalc] = october.recalculations.as_slice() else {
        panic!("one recalculation: {october:?}")
    };
    assert_eq!(
        (recalc.amount, recalc.corrects_period.as_str()),
        (co.recalculation.data.amount, "2026-09")
    );
    assert_eq!(line.adjusted, expected + co.recalculation.data.amount);
    assert_eq!(october.total, expected + co.recalculation.data.amount);

    let periods = resident.account_charges(co.account.id, &all).await.unwrap();
    assert_eq!(periods.len(), 1);
    assert_eq!(
        (
            periods[0].period.as_str(),
            periods[0].charged,
            periods[0].total
        ),
        ("2026-10", expected, october.total)
    );
    let later = PeriodRange {
        from: Some("2026-11".into()),
        to: None,
    };
    assert!(resident
        .account_charges(co.account.id, &later)
        .await
        .unwrap()
        .is_empty());
    let e = resident
        .period_charges(co.account.id, "2026-09")
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(404), "not closed for this account");
}

async fn bad_ranges_are_refused_by_field(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let resident = co.resident(&app, "resident").await;
    let backwards = PeriodRange {
        from: Some("2026-10".into()),
        to: Some("2026-09".into()),
    };
    let e = resident
        .account_charges(co.account.id, &backwards)
        .await
        .unwrap_err();
    assert_eq!(fields(&e), ["from"]);
    let garbled = PeriodRange {
        from: Some("октябрь".into()),
        to: Some("2026-13".into()),
    };
    let e = resident
        .account_charges(co.account.id, &garbled)
        .await
        .unwrap_err();
    assert_eq!(fields(&e), ["from", "to"]);
    let e = resident
        .period_charges(co.account.id, "2026-1")
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(400));
}

on_both_backends!(
    a_metered_line_explains_its_readings_and_tariff,
    bad_ranges_are_refused_by_field,
);
