//! `operator/imports/{kind}`: a company's data from CSV (as Russian Excel writes it) or JSON.

use crate::fixtures::{self, close_period, fields, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::*;
use domkom_client::Client;
use domkom_values::Quantity;
use serde_json::json;

const HOUSES: &str = "\u{feff}Адрес;Общая площадь;Площадь МОП;Ограничение нормативом\r\n\
    ул. Ленина, д. 5;2400,00;350,50;да\r\n\
    \"пр. Мира; д. 7\";1 800.75;0;нет\r\n\
    ;;;\r\n";

const PREMISES: &str = "Адрес дома;Номер;Жилое;Площадь\n\
    ул. Ленина, д. 5;1;да;54,30\n\
    ул. Ленина, д. 5;2;да;48.1\n\
    ул. Ленина, д. 5;пом. 1;нет;120\n\
    \"пр. Мира; д. 7\";1;1;60\n\
    \"пр. Мира; д. 7\";2;да;45,00\n\
    \"пр. Мира; д. 7\";3;;72\n";

const ACCOUNTS: &str = "Лицевой счёт;Адрес дома;Помещение;Вид;Владелец;Проживает;Сальдо;Услуги\n\
    5001;ул. Ленина, д. 5;1;ЖКУ;Иванов Иван Иванович;2;1521,13;Холодное водоснабжение, Содержание жилья\n\
    5002;ул. Ленина, д. 5;2;zhku;Петрова Анна Сергеевна;1;-150.00;Холодное водоснабжение\n\
    5003;ул. Ленина, д. 5;пом. 1;РСО;ООО «Булочная»;0\n\
    7001;\"пр. Мира; д. 7\";1;ЖКУ;Сидоров Пётр;3;;Содержание жилья\n\
    7002;\"пр. Мира; д. 7\";2;капремонт;Козлова Мария;2;0;\n\
    7003;\"пр. Мира; д. 7\";3;ЖКУ;Смирнов Олег;4;;Холодное водоснабжение\n";

const METERS: &str = "Лицевой счёт;Адрес дома;Услуга;Заводской номер;Зон;Разрядов;Установлен;Поверка до;Начальные показания\n\
    5001;;Холодное водоснабжение;ХВ-1;1;5;01.03.2024;01.03.2030;12,345\n\
    7003;\"пр. Мира; д. 7\";холодное  водоснабжение;ХВ-2;;;2024-03-01;2030-03-01;\n\
    ;ул. Ленина, д. 5;Холодное водоснабжение;ОДПУ-1;2;6;01.01.2020;01.01.2032;100|200,5\n";

const READINGS: &str = "Лицевой счёт;Адрес дома;Счётчик;Период;Зона;Показание\n\
    5001;;ХВ-1;10.2026;1;110,000\n\
    7003;;ХВ-2;2026-10;;7.5\n\
    ;ул. Ленина, д. 5;ОДПУ-1;10.2026;2;1 234,567\n";

/// The organization's services the files name.
async fn services(op: &Client) -> (Service, Service) {
    let water = op.create_service(&fixtures::cold_water()).await.unwrap();
    let upkeep = op
        .create_service(&ServiceData {
            name: "Содержание жилья".into(),
            unit: "м²".into(),
            method: ServiceMethodKind::Area,
            resource: None,
            norm_per_person: Quantity::ZERO,
            ..fixtures::cold_water()
        })
        .await
        .unwrap();
    (water, upkeep)
}

fn all() -> PageQuery {
    PageQuery {
        limit: Some(100),
        offset: None,
    }
}

/// What the operator's lists hold: (houses, premises, accounts, meters, readings).
async fn counts(op: &Client) -> (i64, i64, i64, i64, i64) {
    (
        op.houses(all()).await.unwrap().total,
        op.premises(&PremiseFilter::default(), all())
            .await
            .unwrap()
            .total,
        op.accounts(&AccountFilter::default(), all())
            .await
            .unwrap()
            .total,
        op.meters(&MeterFilter::default(), all())
            .await
            .unwrap()
            .total,
        op.readings(&ReadingFilter::default(), all())
            .await
            .unwrap()
            .total,
    )
}

/// Everything the files above describe, as the lists show it.
async fn assert_imported(op: &Client, water: &Service, upkeep: &Service) {
    assert_eq!(counts(op).await, (2, 6, 6, 3, 3));
    let houses = op.houses(all()).await.unwrap().items;
    let lenina = &houses[0];
    assert_eq!(
        (
            lenina.data.address.as_str(),
            lenina.data.total_area.hundredths(),
            lenina.data.common_area.hundredths(),
            lenina.data.share_cap_at_norm
        ),
        ("ул. Ленина, д. 5", 240_000, 35_050, true)
    );
    assert_eq!(
        (
            houses[1].data.address.as_str(),
            houses[1].data.total_area.hundredths()
        ),
        ("пр. Мира; д. 7", 180_075)
    );
    let premises = op
        .premises(
            &PremiseFilter {
                house_id: Some(lenina.id),
            },
            all(),
        )
        .await
        .unwrap()
        .items;
    let shape: Vec<_> = premises
        .iter()
        .map(|p| {
            (
                p.data.number.as_str(),
                p.data.residential,
                p.data.area.hundredths(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("1", true, 5_430),
            ("2", true, 4_810),
            ("пом. 1", false, 12_000)
        ]
    );
    let accounts = op
        .accounts(&AccountFilter::default(), all())
        .await
        .unwrap()
        .items;
    let a = &accounts[0];
    assert_eq!(
        (
            a.data.number.as_str(),
            a.data.premise_id,
            a.data.kind,
            a.data.persons,
            a.data.opening_balance.kopecks()
        ),
        ("5001", premises[0].id, AccountKind::Zhku, 2, 152_113)
    );
    let mut both = vec![water.id, upkeep.id];
    both.sort_unstable();
    assert_eq!(a.data.service_ids, both);
    assert_eq!(accounts[1].data.opening_balance.kopecks(), -15_000);
    assert_eq!(accounts[2].data.kind, AccountKind::Rso);
    assert!(accounts[2].data.service_ids.is_empty());
    assert_eq!(accounts[4].data.kind, AccountKind::Kapremont);
    assert_eq!(accounts[5].data.service_ids, [water.id]);

    let meters = op
        .meters(&MeterFilter::default(), all())
        .await
        .unwrap()
        .items;
    assert_eq!(meters[0].data.account_id, Some(a.id));
    assert_eq!(
        meters[0].data.initial_values,
        [Quantity::from_thousandths(12_345)]
    );
    assert_eq!(
        (meters[1].data.zones, meters[1].data.digits),
        (1, 5),
        "empty cells take the single endpoint's defaults"
    );
    assert_eq!(meters[1].data.installed_on, fixtures::date("2024-03-01"));
    let house_meter = &meters[2].data;
    assert_eq!(
        (
            house_meter.account_id,
            house_meter.house_id,
            house_meter.zones
        ),
        (None, Some(lenina.id), 2)
    );
    assert_eq!(
        house_meter.initial_values,
        [
            Quantity::from_thousandths(100_000),
            Quantity::from_thousandths(200_500)
        ]
    );

    let filter = ReadingFilter {
        period: Some("2026-10".into()),
        ..Default::default()
    };
    let mut readings = op.readings(&filter, all()).await.unwrap().items;
    readings.sort_by_key(|r| r.data.meter_id);
    let shape: Vec<_> = readings
        .iter()
        .map(|r| {
            (
                r.data.meter_id,
                r.data.zone,
                r.data.value.thousandths(),
                r.source,
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            (meters[0].id, 1, 110_000, ReadingSource::Import),
            (meters[1].id, 1, 7_500, ReadingSource::Import),
            (meters[2].id, 2, 1_234_567, ReadingSource::Import),
        ]
    );
}

pub fn result(kind: ImportKind, created: i64, skipped: i64) -> ImportResult {
    ImportResult {
        kind,
        created,
        skipped,
    }
}

async fn a_company_is_loaded_from_excel_csv_files(app: TestApp) {
    let admin = app.admin().await;
    let (op, _) = app.operator(&admin, 1).await;
    let (water, upkeep) = services(&op).await;
    use ImportKind::*;
    for (kind, file, created) in [
        (Houses, HOUSES.to_owned(), 2),
        (Premises, PREMISES.to_owned(), 6),
        (Accounts, ACCOUNTS.to_owned(), 6),
        (Meters, METERS.to_owned(), 3),
        (Readings, READINGS.to_owned(), 3),
    ] {
        assert_eq!(
            op.import_csv(kind, &file).await.unwrap(),
            result(kind, created, 0)
        );
    }
    assert_imported(&op, &water, &upkeep).await;

    // The same readings again are skipped; the same houses are refused whole.
    assert_eq!(
        op.import_csv(Readings, READINGS).await.unwrap(),
        result(Readings, 0, 3)
    );
    let e = op.import_csv(Houses, HOUSES).await.unwrap_err();
    assert_eq!(fields(&e), ["row 2: address", "row 3: address"]);
    assert_eq!(e.problem().unwrap().errors[0].code, "exists");
    assert_eq!(counts(&op).await, (2, 6, 6, 3, 3));
}

async fn the_same_company_is_loaded_from_json(app: TestApp) {
    let admin = app.admin().await;
    let (op, _) = app.operator(&admin, 1).await;
    let (water, upkeep) = services(&op).await;
    let (lenina, mira) = ("ул. Ленина, д. 5", "пр. Мира; д. 7");
    let houses = json!([
        {"address": lenina, "total_area": "2400,00", "common_area": 350.5, "share_cap_at_norm": true},
        {"address": mira, "total_area": "1800.75", "common_area": 0, "share_cap_at_norm": "нет"},
    ]);
    let premises = json!([
        {"house_address": lenina, "number": "1", "residential": "да", "area": "54,30"},
        {"house_address": lenina, "number": "2", "area": 48.1},
        {"house_address": lenina, "number": "пом. 1", "residential": false, "area": 120},
        {"house_address": mira, "number": 1, "area": 60},
        {"house_address": mira, "number": 2, "area": "45,00"},
        {"house_address": mira, "number": 3, "area": 72},
    ]);
    let account = |number: &str, house: &str, premise: &str, kind: &str, persons: i32| {
        json!({"number": number, "house_address": house, "premise_number": premise,
               "kind": kind, "holder": "Иванов Иван Иванович", "persons": persons})
    };
    let mut accounts = vec![
        account("5001", lenina, "1", "ЖКУ", 2),
        account("5002", lenina, "2", "zhku", 1),
        account("5003", lenina, "пом. 1", "rso", 0),
        account("7001", mira, "1", "жку", 3),
        account("7002", mira, "2", "капремонт", 2),
        account("7003", mira, "3", "ЖКУ", 4),
    ];
    accounts[0]["opening_balance"] = json!("1521,13");
    accounts[0]["services"] = json!(["Холодное водоснабжение", "Содержание жилья"]);
    accounts[1]["opening_balance"] = json!(-150);
    accounts[1]["services"] = json!("Холодное водоснабжение");
    accounts[3]["services"] = json!(["Содержание жилья"]);
    accounts[5]["services"] = json!(["Холодное водоснабжение"]);
    let meters = json!([
        {"account_number": "5001", "service": "Холодное водоснабжение", "serial": "ХВ-1",
         "zones": 1, "digits": 5, "installed_on": "01.03.2024", "verification_due": "2030-03-01",
         "initial_values": ["12,345"]},
        {"account_number": "7003", "service": "Холодное водоснабжение", "serial": "ХВ-2",
         "installed_on": "2024-03-01", "verification_due": "2030-03-01"},
        {"account_number": null, "house_address": lenina, "service": "Холодное водоснабжение",
         "serial": "ОДПУ-1", "zones": 2, "digits": 6, "installed_on": "2020-01-01",
         "verification_due": "2032-01-01", "initial_values": [100, 200.5]},
    ]);
    let readings = json!([
        {"account_number": "5001", "serial": "ХВ-1", "period": "2026-10", "zone": 1, "value": "110,000"},
        {"account_number": "7003", "serial": "ХВ-2", "period": "10.2026", "value": 7.5},
        {"house_address": lenina, "serial": "ОДПУ-1", "period": "2026-10", "zone": 2, "value": "1234.567"},
    ]);
    use ImportKind::*;
    for (kind, rows, created) in [
        (Houses, houses, 2),
        (Premises, premises, 6),
        (Accounts, json!(accounts), 6),
        (Meters, meters, 3),
        (Readings, readings.clone(), 3),
    ] {
        assert_eq!(
            op.import_json(kind, &rows).await.unwrap(),
            result(kind, created, 0),
            "{kind:?}"
        );
    }
    assert_imported(&op, &water, &upkeep).await;

    let unknown = json!([{"account_number": "5001", "serial": "ХВ-1", "period": "2026-10",
                          "value": 1, "comment": "?"}]);
    assert_eq!(
        fields(&op.import_json(Readings, &unknown).await.unwrap_err()),
        ["row 1: comment"]
    );
}

async fn a_file_with_errors_is_refused_whole(app: TestApp) {
    let admin = app.admin().await;
    let (op, _) = app.operator(&admin, 1).await;
    op.import_csv(ImportKind::Houses, HOUSES).await.unwrap();
    let bad = "Адрес дома;Номер;Жилое;Площадь\n\
        ул. Ленина, д. 5;1;да;54,30\n\
        ул. Ленина, д. 5;2;да;сорок\n\
        ул. Ленина, д. 5;3;да;40\n\
        ул. Ленинa, д. 5;4;да;40\n\
        ул. Ленина, д. 5;5;да;41\n";
    let e = op.import_csv(ImportKind::Premises, bad).await.unwrap_err();
    assert_eq!(fields(&e), ["row 3: area", "row 5: house_address"]);
    let codes: Vec<_> = e
        .problem()
        .unwrap()
        .errors
        .iter()
        .map(|f| f.code.clone())
        .collect();
    assert_eq!(codes, ["format", "not_found"]);
    assert_eq!(counts(&op).await, (2, 0, 0, 0, 0), "nothing written");

    // Shape errors: a short line, a duplicate, a rule of the single endpoint.
    let bad = "h\nул. Ленина, д. 5;1;да\nул. Ленина, д. 5;7;да;0\nул. Ленина, д. 5;8;да;1\n\
               ул. Ленина, д. 5;8;да;1\n";
    let e = op.import_csv(ImportKind::Premises, bad).await.unwrap_err();
    assert_eq!(
        fields(&e),
        ["row 2: columns", "row 3: area", "row 5: number"]
    );
    let e = op
        .import_csv(ImportKind::Premises, "h\n")
        .await
        .unwrap_err();
    assert_eq!(fields(&e), ["body"]);
    assert_eq!(counts(&op).await, (2, 0, 0, 0, 0));
}

async fn another_organizations_objects_cannot_be_named(app: TestApp) {
    let admin = app.admin().await;
    let theirs = Company::new(&app, &admin, 2).await;
    let before = counts(&theirs.operator).await;
    let (op, _) = app.operator(&admin, 1).await;
    services(&op).await;
    op.import_csv(ImportKind::Houses, HOUSES).await.unwrap();
    op.import_csv(ImportKind::Premises, PREMISES).await.unwrap();

    // Their house «ул. Примерная, 1», their account 1001 and its meter ХВ-000123.
    let premises = "h\nул. Примерная, 1;99;да;50\n";
    assert_eq!(
        fields(
            &op.import_csv(ImportKind::Premises, premises)
                .await
                .unwrap_err()
        ),
        ["row 2: house_address"]
    );
    let accounts = "h\n9001;ул. Примерная, 1;1;ЖКУ;Иванов;1\n";
    assert_eq!(
        fields(
            &op.import_csv(ImportKind::Accounts, accounts)
                .await
                .unwrap_err()
        ),
        ["row 2: house_address"]
    );
    let meters = "h\n1001;;Холодное водоснабжение;ХВ-9;1;5;01.03.2024;01.03.2030;0\n\
                  ;ул. Примерная, 1;Холодное водоснабжение;ОДПУ-9;1;5;01.03.2024;01.03.2030;0\n";
    assert_eq!(
        fields(&op.import_csv(ImportKind::Meters, meters).await.unwrap_err()),
        ["row 2: account_number", "row 3: house_address"]
    );
    let readings = "h\n1001;;ХВ-000123;11.2026;1;120\n";
    assert_eq!(
        fields(
            &op.import_csv(ImportKind::Readings, readings)
                .await
                .unwrap_err()
        ),
        ["row 2: account_number"]
    );
    // Services are looked up among ours only.
    let accounts = "h\n9001;ул. Ленина, д. 5;1;ЖКУ;Иванов;1;;Нет такой\n";
    assert_eq!(
        fields(
            &op.import_csv(ImportKind::Accounts, accounts)
                .await
                .unwrap_err()
        ),
        ["row 2: services"]
    );
    assert_eq!(counts(&theirs.operator).await, before);
    assert_eq!(counts(&op).await, (2, 6, 0, 0, 0));
}

async fn only_operators_import(app: TestApp) {
    let (resident, _) = app.signed_in("resident").await;
    let e = resident
        .import_csv(ImportKind::Houses, HOUSES)
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(403));
    let admin = app.admin().await;
    let e = admin
        .import_json(ImportKind::Houses, &json!([]))
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(403));
}

async fn readings_into_a_closed_period_are_refused(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    close_period(op, "2026-10").await;
    let before = counts(op).await;
    let file = "h\n1001;;ХВ-000123;11.2026;1;120\n1001;;ХВ-000123;10.2026;1;115\n";
    let e = op.import_csv(ImportKind::Readings, file).await.unwrap_err();
    assert_eq!(fields(&e), ["row 3: period"]);
    assert_eq!(e.problem().unwrap().errors[0].code, "period_closed");
    assert_eq!(counts(op).await, before);
    let file = "h\n1001;;ХВ-000123;11.2026;1;120\n";
    assert_eq!(
        op.import_csv(ImportKind::Readings, file).await.unwrap(),
        result(ImportKind::Readings, 1, 0)
    );
}

on_both_backends!(
    a_company_is_loaded_from_excel_csv_files,
    the_same_company_is_loaded_from_json,
    a_file_with_errors_is_refused_whole,
    another_organizations_objects_cannot_be_named,
    only_operators_import,
    readings_into_a_closed_period_are_refused,
);
