//! `accounts/{id}/charges`: a resident's closed periods and each line explained; nobody
//! else's.

use crate::fixtures::{close_period, date, fields, reading, tariff, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::{ExplainedLine, MeterData, PeriodRange};
use domkom_values::Money;

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
    let expected = Money::from_kopecks(
        co.tariff.data.price.hundredths_of_kopeck() * volume.thousandths() / 100_000,
    );
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
        (recalc.amount, recalc.corrects_period.to_string().as_str()),
        (co.recalculation.data.amount, "2026-09")
    );
    assert_eq!(line.adjusted, expected + co.recalculation.data.amount);
    assert_eq!(october.total, expected + co.recalculation.data.amount);

    let periods = resident.account_charges(co.account.id, &all).await.unwrap();
    assert_eq!(periods.len(), 1);
    assert_eq!(
        (
            periods[0].period.to_string().as_str(),
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

/// A meter past its verification is out of order (Правила 354 п.59 «а»): the month it
/// expired in and the two after are billed by the average of its readings, then the
/// norm; each line says why.
async fn an_expired_meter_is_billed_by_the_average_for_three_months_then_the_norm(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let resident = co.resident(&app, "resident").await;
    co.operator
        .create_tariff(&tariff(co.service.id, "2026-05-01"))
        .await
        .unwrap();
    // 10, 12 and 8 m³: an average of 10 m³.
    for (period, value) in [
        ("2026-05", 10_000),
        ("2026-06", 22_000),
        ("2026-07", 30_000),
    ] {
        co.operator
            .create_reading(&reading(co.meter.id, period, value))
            .await
            .unwrap();
        close_period(&co.operator, period).await;
    }
    let expired = MeterData {
        verification_due: date("2026-08-10"),
        ..co.meter.data.clone()
    };
    co.operator
        .update_meter(co.meter.id, &expired)
        .await
        .unwrap();
    let months = ["2026-08", "2026-09", "2026-10", "2026-11"];
    for period in months {
        close_period(&co.operator, period).await;
    }
    let mut lines: Vec<ExplainedLine> = Vec::new();
    for period in months {
        let charges = resident
            .period_charges(co.account.id, period)
            .await
            .unwrap();
        lines.push(charges.lines[0].clone());
    }
    let why = "Срок поверки счётчика №\u{a0}ХВ-000123 истёк 10.08.2026";
    for (nth, line) in lines[..3].iter().enumerate() {
        // October's reading of the fixture is not taken from an expired meter.
        assert_eq!(
            (line.method.as_str(), line.volume.thousandths()),
            ("average", 10_000)
        );
        let said = format!("{why}: по среднему, {}-й месяц из 3", nth + 1);
        assert!(line.explanation.contains(&said), "{}", line.explanation);
    }
    // The norm: 4.745 m³ × 2 persons.
    let november = &lines[3];
    assert_eq!(
        (november.method.as_str(), november.volume.thousandths()),
        ("norm", 9_490)
    );
    let said = format!("{why}: расчёт по среднему исчерпан");
    assert!(
        november.explanation.contains(&said),
        "{}",
        november.explanation
    );
}

on_both_backends!(
    a_metered_line_explains_its_readings_and_tariff,
    bad_ranges_are_refused_by_field,
    an_expired_meter_is_billed_by_the_average_for_three_months_then_the_norm,
);
