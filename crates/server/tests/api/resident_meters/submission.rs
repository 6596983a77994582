//! Every rule a resident's reading follows, corrections, the priced preview, all-or-nothing
//! batches, and that the close bills exactly what was sent.

use super::{field, kopecks, one, q, refusal, rolled, Home};
use crate::fixtures::{close_period, date, flat_meter, reading, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::dto::*;
use domkom_values::Money;

async fn a_lower_reading_needs_a_roll_over_and_the_digits_bound_it(app: TestApp) {
    let h = Home::new(&app).await;
    let top = h.meter("ХВ-2", 99_990_000, "2030-03-01").await;
    let low = h.meter("ХВ-3", 500_000, "2030-03-01").await;

    let e = h.send(vec![one(top.id, 5_000)]).await.unwrap_err();
    assert_eq!(
        refusal(e),
        (
            422,
            ErrorCode::ValidationFailed,
            vec![field("readings[0].value", "decreased")]
        )
    );
    let e = h.send(vec![one(top.id, 100_000_000)]).await.unwrap_err();
    assert_eq!(
        refusal(e).2,
        [field("readings[0].value", "beyond_capacity")]
    );
    let e = h.send(vec![rolled(top.id, 99_995_000)]).await.unwrap_err();
    assert_eq!(
        refusal(e).2,
        [field(
            "readings[0].rolled_over",
            "roll_over_without_decrease"
        )]
    );
    // 500 → 100 through the top would be 99 600 m³ in a month: a mistyped reading.
    let e = h.send(vec![rolled(low.id, 100_000)]).await.unwrap_err();
    assert_eq!(
        refusal(e).2,
        [field("readings[0].rolled_over", "roll_over_implausible")]
    );
    assert_eq!(h.history(top.id).await.readings.len(), 0);

    // 99 990 → 100 000 (the top) → 5: 15 m³.
    let stored = h.send(vec![rolled(top.id, 5_000)]).await.unwrap();
    assert_eq!(stored.meters[0].consumption, q(15_000));
    assert!(stored.readings[0].rolled_over);
}

async fn an_unusual_jump_needs_confirmation(app: TestApp) {
    let h = Home::new(&app).await;
    let meter = h.co.meter.id;
    // 10 m³ a month from July to September, billed by readings.
    for (period, value) in [
        ("2026-07", 10_000),
        ("2026-08", 20_000),
        ("2026-09", 30_000),
    ] {
        h.co.operator
            .create_reading(&reading(meter, period, value))
            .await
            .unwrap();
        close_period(&h.co.operator, period).await;
    }
    let zone = &h.meters().await.meters[0];
    assert_eq!(
        zone.billed_period.map(|p| p.to_string()).as_deref(),
        Some("2026-09")
    );
    assert_eq!(
        (zone.readings[0].billed, zone.readings[0].base),
        (q(30_000), q(30_000))
    );

    // 30.001 m³ is more than three times the 10 m³ average.
    let e = h.send(vec![one(meter, 60_001)]).await.unwrap_err();
    let (status, code, fields) = refusal(e);
    assert_eq!((status, code), (422, ErrorCode::ConfirmRequired));
    assert_eq!(fields, [field("readings[0].value", "confirm_required")]);
    assert_eq!(h.history(meter).await.readings.len(), 4, "nothing stored");

    let preview = SubmitReadings {
        readings: vec![one(meter, 60_000)],
        preview: true,
    };
    let exactly_three = h
        .resident
        .submit_readings(h.account(), &preview)
        .await
        .unwrap();
    assert_eq!(exactly_three.meters[0].consumption, q(30_000));

    let confirmed = NewReading {
        confirm: true,
        ..one(meter, 60_001)
    };
    let stored = h.send(vec![confirmed]).await.unwrap();
    assert_eq!(stored.readings[0].value, q(60_001));
}

async fn a_second_reading_corrects_the_first_and_history_keeps_both(app: TestApp) {
    let h = Home::new(&app).await;
    let meter = h.co.meter.id;
    let first = h.send(vec![one(meter, 120_000)]).await.unwrap();
    assert!(
        first.readings[0].correction,
        "it corrects the operator's reading"
    );
    let second = h.send(vec![one(meter, 125_000)]).await.unwrap();
    for _ in 0..2 {
        let again = h.send(vec![one(meter, 125_000)]).await.unwrap();
        assert_eq!(
            again.readings, second.readings,
            "the same reading again stores nothing"
        );
    }

    let zone = h.meters().await.meters[0].readings[0].clone();
    assert_eq!(zone.submitted.unwrap().value, q(125_000));
    let history = h.history(meter).await;
    assert_eq!(
        (
            history.from.to_string().as_str(),
            history.to.to_string().as_str()
        ),
        ("2025-11", "2026-10")
    );
    let periods: Vec<String> = history
        .readings
        .iter()
        .map(|r| r.period.to_string())
        .collect();
    let rows: Vec<_> = history
        .readings
        .iter()
        .zip(&periods)
        .map(|(r, period)| (period.as_str(), r.value, r.source, r.correction, r.current))
        .collect();
    assert_eq!(
        rows,
        [
            ("2026-10", q(125_000), ReadingSource::Resident, true, true),
            ("2026-10", q(120_000), ReadingSource::Resident, true, false),
            ("2026-10", q(110_000), ReadingSource::Operator, false, false),
        ]
    );
    let e = h
        .resident
        .meter_history(
            h.account(),
            meter,
            &PeriodRange {
                from: Some("2026-10".into()),
                to: Some("2026-09".into()),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(refusal(e).2, [field("from", "range")]);
}

async fn a_preview_writes_nothing_and_prices_exactly(app: TestApp) {
    let h = Home::new(&app).await;
    // In force on 1 October: 48.1234 ₽/m³; the November price must not be used.
    for (from, price) in [("2026-10-01", 481_234), ("2026-11-01", 999_900)] {
        let tariff = TariffData {
            service_id: h.co.service.id,
            valid_from: date(from),
            zone: 0,
            price: domkom_values::Tariff::from_hundredths_of_kopeck(price),
        };
        h.co.operator.create_tariff(&tariff).await.unwrap();
    }
    let meter = h.co.meter.id;
    let form = SubmitReadings {
        readings: vec![one(meter, 12_345)],
        preview: true,
    };
    let preview = h
        .resident
        .submit_readings(h.account(), &form)
        .await
        .unwrap();
    assert!(preview.preview && preview.readings.is_empty());
    let expected = kopecks(12_345, 481_234);
    assert_eq!(expected, 59_408);
    let zone = &preview.meters[0].zones[0];
    assert_eq!(
        (
            zone.base,
            zone.value,
            zone.consumption,
            zone.tariff,
            zone.charge
        ),
        (
            q(0),
            q(12_345),
            q(12_345),
            Some(domkom_values::Tariff::from_hundredths_of_kopeck(481_234)),
            Some(Money::from_kopecks(expected))
        )
    );
    assert_eq!(
        (preview.meters[0].charge, preview.charge),
        (
            Some(Money::from_kopecks(expected)),
            Some(Money::from_kopecks(expected))
        )
    );

    let history = h.history(meter).await;
    assert_eq!(history.readings.len(), 1, "only the operator's reading");
    let zone = &h.meters().await.meters[0].readings[0];
    assert_eq!(zone.submitted.as_ref().unwrap().value, q(110_000));
}

async fn one_bad_reading_refuses_the_whole_batch(app: TestApp) {
    let h = Home::new(&app).await;
    let second = h.meter("ХВ-2", 50_000, "2030-03-01").await;
    let e = h
        .send(vec![one(h.co.meter.id, 120_000), one(second.id, 40_000)])
        .await
        .unwrap_err();
    assert_eq!(refusal(e).2, [field("readings[1].value", "decreased")]);
    assert_eq!(h.history(h.co.meter.id).await.readings.len(), 1);
    assert_eq!(h.history(second.id).await.readings.len(), 0);

    let both = h
        .send(vec![one(h.co.meter.id, 120_000), one(second.id, 60_000)])
        .await
        .unwrap();
    let stored: Vec<_> = both.readings.iter().map(|r| r.value).collect();
    assert_eq!(stored, [q(120_000), q(60_000)]);
}

async fn meters_that_are_not_the_accounts_are_refused(app: TestApp) {
    let h = Home::new(&app).await;
    let op = &h.co.operator;
    let premise = op
        .create_premise(&crate::fixtures::premise(h.co.house.id, "2"))
        .await
        .unwrap();
    let neighbour = op
        .create_account(&crate::fixtures::account(
            premise.id,
            "1002",
            vec![h.co.service.id],
        ))
        .await
        .unwrap();
    let neighbours = op
        .create_meter(&flat_meter(neighbour.id, h.co.service.id))
        .await
        .unwrap();
    let house = op
        .create_meter(&MeterData {
            account_id: None,
            house_id: Some(h.co.house.id),
            ..flat_meter(h.account(), h.co.service.id)
        })
        .await
        .unwrap();
    let expired = h.meter("ХВ-3", 0, "2026-10-15").await;
    let other_org = Company::new(&app, &h.admin, 2).await;
    let two_zones = op
        .create_meter(&MeterData {
            serial: "Э-2".into(),
            zones: 2,
            initial_values: vec![q(0), q(0)],
            ..flat_meter(h.account(), h.co.service.id)
        })
        .await
        .unwrap();

    let e = h
        .send(vec![
            one(neighbours.id, 1_000),
            one(house.id, 1_000),
            NewReading {
                zone: 2,
                ..one(h.co.meter.id, 120_000)
            },
            one(expired.id, 1_000),
            one(other_org.meter.id, 1_000),
            one(two_zones.id, 1_000),
        ])
        .await
        .unwrap_err();
    assert_eq!(
        refusal(e),
        (
            422,
            ErrorCode::ValidationFailed,
            vec![
                field("readings[0].meter_id", "not_found"),
                field("readings[1].meter_id", "not_found"),
                field("readings[2].zone", "range"),
                field("readings[3].meter_id", "verification_expired"),
                field("readings[4].meter_id", "not_found"),
                field("readings[5].meter_id", "zones_missing"),
            ]
        )
    );
    let e = h
        .send(vec![
            one(h.co.meter.id, 120_000),
            one(h.co.meter.id, 121_000),
        ])
        .await
        .unwrap_err();
    assert_eq!(refusal(e).2, [field("readings[1].zone", "duplicate")]);
    let e = h.send(vec![]).await.unwrap_err();
    assert_eq!(refusal(e).2, [field("readings", "required")]);
    let e = h
        .resident
        .meter_history(h.account(), neighbours.id, &PeriodRange::default())
        .await
        .unwrap_err();
    assert_eq!(
        (e.status(), e.code()),
        (Some(404), Some(ErrorCode::NotFound))
    );
}

async fn the_close_bills_exactly_the_submitted_reading(app: TestApp) {
    let h = Home::new(&app).await;
    let meter = h.co.meter.id;
    h.send(vec![one(meter, 123_456)]).await.unwrap();
    h.send(vec![one(meter, 123_789)]).await.unwrap();
    close_period(&h.co.operator, "2026-10").await;

    let october = AccountPeriodFilter {
        account_id: Some(h.account()),
        period: Some("2026-10".into()),
    };
    let charges =
        h.co.operator
            .charges(&october, PageQuery::default())
            .await
            .unwrap()
            .items;
    let water = charges
        .iter()
        .flat_map(|sheet| &sheet.lines)
        .find(|c| c.service_id == h.co.service.id)
        .unwrap();
    assert_eq!((water.method.as_str(), water.volume), ("meter", q(123_789)));
    let price = h.co.tariff.data.price.hundredths_of_kopeck();
    assert_eq!(water.amount, Money::from_kopecks(kopecks(123_789, price)));

    let history = h.history(meter).await;
    assert_eq!(
        history.consumption,
        [PeriodConsumption {
            period: "2026-10".parse().unwrap(),
            method: ConsumptionMethod::Meter,
            volumes: vec![q(123_789)],
            total: q(123_789),
        }]
    );
    let e = h.send(vec![one(meter, 130_000)]).await.unwrap_err();
    assert_eq!(
        (e.status(), e.code()),
        (Some(409), Some(ErrorCode::PeriodClosed))
    );
}

on_both_backends!(
    today = "2026-10-22";
    a_lower_reading_needs_a_roll_over_and_the_digits_bound_it,
    an_unusual_jump_needs_confirmation,
    a_second_reading_corrects_the_first_and_history_keeps_both,
    a_preview_writes_nothing_and_prices_exactly,
    one_bad_reading_refuses_the_whole_batch,
    meters_that_are_not_the_accounts_are_refused,
    the_close_bills_exactly_the_submitted_reading,
);
