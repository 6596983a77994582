//! `operator/meters` and `operator/readings` (with the CSV export).

use crate::fixtures::{self, close_period, date, fields, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::dto::{MeterData, MeterFilter, PageQuery, ReadingFilter, ReadingSource};
use domkom_values::{AccountId, Quantity};

async fn flat_meters_live_in_their_accounts_house(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    assert_eq!(
        co.meter.data.house_id,
        Some(co.house.id),
        "the account's house"
    );
    assert_eq!(op.meter(co.meter.id).await.unwrap(), co.meter);

    let house_meter = MeterData {
        account_id: None,
        house_id: Some(co.house.id),
        serial: "ОДПУ-1".into(),
        zones: 2,
        initial_values: vec![
            Quantity::from_thousandths(1_000),
            Quantity::from_thousandths(2_000),
        ],
        ..fixtures::flat_meter(AccountId(0), co.service.id)
    };
    let odpu = op.create_meter(&house_meter).await.unwrap();
    assert_eq!(
        (odpu.data.account_id, &odpu.data.initial_values),
        (
            None,
            &vec![
                Quantity::from_thousandths(1_000),
                Quantity::from_thousandths(2_000)
            ]
        )
    );
    let mut data = odpu.data.clone();
    data.verification_due = date("2032-01-01");
    assert_eq!(op.update_meter(odpu.id, &data).await.unwrap().data, data);

    let of_account = MeterFilter {
        account_id: Some(co.account.id),
        house_id: None,
    };
    assert_eq!(
        op.meters(&of_account, PageQuery::default())
            .await
            .unwrap()
            .items,
        std::slice::from_ref(&co.meter)
    );
    let of_house = MeterFilter {
        account_id: None,
        house_id: Some(co.house.id),
    };
    assert_eq!(
        op.meters(&of_house, PageQuery::default())
            .await
            .unwrap()
            .total,
        2
    );

    let bad = MeterData {
        serial: String::new(),
        zones: 2,
        digits: 12,
        verification_due: date("2020-01-01"),
        ..fixtures::flat_meter(co.account.id, co.service.id)
    };
    assert_eq!(
        fields(&op.create_meter(&bad).await.unwrap_err()),
        ["serial", "digits", "verification_due", "initial_values"]
    );
    let nowhere = MeterData {
        account_id: None,
        ..house_meter.clone()
    };
    let nowhere = MeterData {
        house_id: None,
        ..nowhere
    };
    assert_eq!(
        fields(&op.create_meter(&nowhere).await.unwrap_err()),
        ["house_id"]
    );
    let theirs = Company::new(&app, &admin, 2).await;
    let foreign = fixtures::flat_meter(theirs.account.id, co.service.id);
    assert_eq!(
        fields(&op.create_meter(&foreign).await.unwrap_err()),
        ["account_id"]
    );

    let in_use = op.delete_meter(co.meter.id).await.unwrap_err();
    assert_eq!(in_use.code(), Some(ErrorCode::InUse), "it has readings");
    op.delete_meter(odpu.id).await.unwrap();
    assert_eq!(op.meter(odpu.id).await.unwrap_err().status(), Some(404));
}

async fn operators_enter_readings_in_open_periods_and_export_them(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    assert_eq!(co.reading.source, ReadingSource::Operator);
    // A correction: the newest reading of the period counts.
    let newer = op
        .create_reading(&fixtures::reading(co.meter.id, "2026-10", 111_000))
        .await
        .unwrap();
    op.create_reading(&fixtures::reading(co.meter.id, "2026-09", 100_000))
        .await
        .unwrap();
    let october = ReadingFilter {
        period: Some("2026-10".into()),
        ..Default::default()
    };
    let page = op.readings(&october, PageQuery::default()).await.unwrap();
    assert_eq!(
        (page.total, page.items[0].id),
        (2, newer.id),
        "newest first"
    );
    let of_meter = ReadingFilter {
        meter_id: Some(co.meter.id),
        ..Default::default()
    };
    assert_eq!(
        op.readings(&of_meter, PageQuery::default())
            .await
            .unwrap()
            .total,
        3
    );

    let mut bad = fixtures::reading(co.meter.id, "2026-13", -1);
    bad.zone = 0;
    assert_eq!(
        fields(&op.create_reading(&bad).await.unwrap_err()),
        ["period", "zone", "value"]
    );
    let mut zone2 = fixtures::reading(co.meter.id, "2026-10", 1);
    zone2.zone = 2;
    assert_eq!(
        fields(&op.create_reading(&zone2).await.unwrap_err()),
        ["zone"]
    );

    close_period(&co.operator, "2026-08").await;
    let closed = op
        .create_reading(&fixtures::reading(co.meter.id, "2026-08", 90_000))
        .await
        .unwrap_err();
    assert_eq!(
        (closed.status(), closed.code()),
        (Some(409), Some(ErrorCode::PeriodClosed))
    );

    let csv = op.export_readings("2026-10").await.unwrap();
    let body = csv.strip_prefix('\u{feff}').expect("a UTF-8 BOM for Excel");
    let rows: Vec<Vec<&str>> = body.lines().map(|l| l.split(';').collect()).collect();
    assert_eq!(
        rows[0],
        [
            "Лицевой счёт",
            "Адрес",
            "Помещение",
            "Счётчик",
            "Зона",
            "Показание",
            "Источник",
            "Дата"
        ]
    );
    assert_eq!(
        rows.len(),
        2,
        "only the newest reading of the meter and zone: {csv}"
    );
    assert_eq!(
        rows[1][..7],
        [
            "1001",
            "ул. Примерная, 1",
            "1",
            "ХВ-000123",
            "1",
            "111,000",
            "operator"
        ]
    );
    let bad_period = op.export_readings("октябрь").await.unwrap_err();
    assert_eq!(fields(&bad_period), ["period"]);
}

/// A meter billed by a closed period keeps its history, even without readings.
async fn a_billed_meter_cannot_be_deleted(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    let silent = MeterData {
        serial: "ХВ-000124".into(),
        ..fixtures::flat_meter(co.account.id, co.service.id)
    };
    let silent = op.create_meter(&silent).await.unwrap();
    close_period(op, "2026-10").await;
    let refused = op.delete_meter(silent.id).await.unwrap_err();
    assert_eq!(
        refused.code(),
        Some(ErrorCode::InUse),
        "billed by norm in October"
    );
    assert!(op.meter(silent.id).await.is_ok());
}

on_both_backends!(
    flat_meters_live_in_their_accounts_house,
    a_billed_meter_cannot_be_deleted,
    operators_enter_readings_in_open_periods_and_export_them,
);
