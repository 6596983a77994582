//! Input no field may hold: control characters and bidirectional overrides in any text (JSON,
//! query strings, CSV and JSON files), dates and periods outside 1900–2200. Each is refused
//! with 422 naming the field, on both databases alike (PostgreSQL cannot store a NUL or a
//! year −9999, SQLite would), and nothing is written.

use crate::fixtures::{recalculation, tariff, Company};
use crate::helpers::{field_codes, register_form, TestApp};
use crate::on_both_backends;
use domkom_client::dto::{ImportKind, PageQuery, ReadingData};
use domkom_client::{Client, Error};
use serde_json::{json, Value};

const FORBIDDEN: &str = "forbidden_characters";

fn refused(e: &Error) -> Vec<(&str, &str)> {
    assert_eq!(e.status(), Some(422), "{e:?}");
    field_codes(e)
}

/// `GET` with the client's token: the status and the problem's (field, code) pairs.
async fn get(app: &TestApp, who: &Client, path_and_query: &str) -> (u16, Vec<(String, String)>) {
    let response = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/{path_and_query}")))
        .bearer_auth(who.access_token().unwrap())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    assert!(
        status == 200 || response.headers()["content-type"] == "application/problem+json",
        "{status}"
    );
    let problem: Value = response.json().await.unwrap();
    let fields = problem["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let text = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            (text("field"), text("code"))
        })
        .collect();
    (status, fields)
}

fn pair(field: &str, code: &str) -> Vec<(String, String)> {
    vec![(field.to_owned(), code.to_owned())]
}

async fn texts_with_control_characters_are_refused_at_their_field(app: TestApp) {
    // Without a session too: registration and sign-in.
    let mut form = register_form("ivan");
    form.full_name = "Иванов\u{0}Иван".into();
    let e = app.new_client().register(&form).await.unwrap_err();
    assert_eq!(refused(&e), [("full_name", FORBIDDEN)]);
    let e = app
        .new_client()
        .login("ivan\u{0}", "secret123")
        .await
        .unwrap_err();
    assert_eq!(refused(&e), [("login", FORBIDDEN)]);

    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    let mut house = co.house.data.clone();
    house.address = "ул. Ленина, 5\u{202E}1".into();
    let e = op.update_house(co.house.id, &house).await.unwrap_err();
    assert_eq!(refused(&e), [("address", FORBIDDEN)]);
    assert_eq!(op.house(co.house.id).await.unwrap(), co.house, "unchanged");
    let mut org = co.org.data.clone();
    org.bank.bank_name = "Сбербанк\u{9b}".into();
    let e = admin
        .update_organization(co.org.id, &org)
        .await
        .unwrap_err();
    assert_eq!(refused(&e), [("bank.bank_name", FORBIDDEN)]);

    assert_eq!(
        get(&app, op, "operator/accounts?number=10%0001").await,
        (422, pair("number", FORBIDDEN))
    );

    let csv = "Адрес;Общая площадь;Площадь МОП;Ограничение нормативом\n\
               ул. Мира, 1;100;0;нет\n\
               ул. Мира, 3\u{1};100;0;нет\n";
    let e = op.import_csv(ImportKind::Houses, csv).await.unwrap_err();
    assert_eq!(refused(&e), [("row 3: column 1", FORBIDDEN)]);
    let rows = json!([{ "address": "ул. Мира, 5\u{0}", "total_area": 100, "common_area": 0 }]);
    let e = op.import_json(ImportKind::Houses, &rows).await.unwrap_err();
    assert_eq!(refused(&e), [("row 1: address", FORBIDDEN)]);
    let registry = "h\n1001;1,00;12.10.2026;SB\u{0}1\n";
    let e = op.load_registry(registry).await.unwrap_err();
    assert_eq!(refused(&e), [("row 2: column 4", FORBIDDEN)]);
    let houses = op.houses(PageQuery::default()).await.unwrap();
    assert_eq!(houses.total, 1, "nothing of a refused file is written");

    // A tab and a line feed are text: a reason may hold them.
    let mut data = recalculation(co.account.id, co.service.id);
    data.reason = "Акт от 01.10.2026\nвременное отсутствие:\t14 дней".into();
    op.create_recalculation(&data).await.unwrap();
}

async fn dates_and_periods_outside_1900_to_2200_are_refused(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    let resident = co.resident(&app, "resident").await;
    let account = co.account.id;

    assert_eq!(
        get(
            &app,
            &resident,
            &format!("accounts/{account}/payments?from=-9999-01-01")
        )
        .await,
        (422, pair("from", "range"))
    );
    assert_eq!(
        get(&app, op, "operator/payments?to=2201-01-01").await,
        (422, pair("to", "range"))
    );
    assert_eq!(
        get(
            &app,
            &resident,
            &format!("accounts/{account}/charges?from=1899-12")
        )
        .await,
        (422, pair("from", "format"))
    );

    let mut payment = co.payment.data.clone();
    payment.external_id = Some("П-9999".into());
    payment.paid_on = "9999-12-31".parse().unwrap();
    let e = op.create_payment(&payment).await.unwrap_err();
    assert_eq!(refused(&e), [("paid_on", "range")]);
    let mut early = tariff(co.service.id, "1800-01-01");
    early.price = 1;
    let e = op.create_tariff(&early).await.unwrap_err();
    assert_eq!(refused(&e), [("valid_from", "range")]);
    for period in ["9999-12", "1899-12"] {
        let reading = ReadingData {
            period: period.into(),
            ..co.reading.data.clone()
        };
        let e = op.create_reading(&reading).await.unwrap_err();
        assert_eq!(refused(&e), [("period", "format")]);
    }
    let e = op
        .load_registry("h\n1001;1,00;31.12.9999;SB-1\n")
        .await
        .unwrap_err();
    assert_eq!(refused(&e), [("row 2: date", "format")]);
}

on_both_backends!(
    texts_with_control_characters_are_refused_at_their_field,
    dates_and_periods_outside_1900_to_2200_are_refused,
);
