//! Input no field may hold: control characters and bidirectional overrides in any text (JSON,
//! query strings, CSV and JSON files), dates and periods outside 1900–2200. Each is refused
//! with 422 naming the field, on both databases alike (PostgreSQL cannot store a NUL or a
//! year −9999, SQLite would), and nothing is written.

use crate::fixtures::{close_period, recalculation, tariff, Company};
use crate::helpers::{field_codes, register_form, TestApp};
use crate::on_both_backends;
use domkom_client::dto::{
    ImportKind, PageQuery, PaymentData, PeriodRange, ReadingData, ReadingFilter,
};
use domkom_client::{Client, Error};
use domkom_values::{Area, Money, Quantity};
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
            &format!("accounts/{account}/payments?from=1899-12-31")
        )
        .await,
        (422, pair("from", "range"))
    );
    // A date is written `YYYY-MM-DD`: a signed or longer year is no date at all.
    for year in ["-9999", "+2026", "12026"] {
        let query = format!("accounts/{account}/payments?from={year}-01-01");
        assert_eq!(get(&app, &resident, &query).await, (400, vec![]), "{year}");
    }
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
    early.price = domkom_values::Tariff::from_hundredths_of_kopeck(1);
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

/// 100 000 000,00 ₽, the most any amount may be.
const LIMIT: i64 = 10_000_000_000;

async fn amounts_beyond_what_the_domain_holds_are_refused(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;

    let payment = |amount: i64, id: &str| PaymentData {
        amount: Money::from_kopecks(amount),
        external_id: Some(id.into()),
        ..co.payment.data.clone()
    };
    for amount in [i64::MAX, LIMIT + 1] {
        let e = op
            .create_payment(&payment(amount, "П-MAX"))
            .await
            .unwrap_err();
        assert_eq!(refused(&e), [("amount", "range")], "{amount}");
    }
    let mut recalc = recalculation(co.account.id, co.service.id);
    recalc.amount = Money::from_kopecks(i64::MIN);
    let e = op.create_recalculation(&recalc).await.unwrap_err();
    assert_eq!(refused(&e), [("amount", "range")]);
    let mut account = co.account.data.clone();
    account.opening_balance = Money::from_kopecks(-LIMIT - 1);
    let e = op
        .update_account(co.account.id, &account)
        .await
        .unwrap_err();
    assert_eq!(refused(&e), [("opening_balance", "range")]);
    let mut price = co.tariff.data.clone();
    price.price = domkom_values::Tariff::from_hundredths_of_kopeck(i64::MAX);
    let e = op.update_tariff(co.tariff.id, &price).await.unwrap_err();
    assert_eq!(refused(&e), [("price", "range")]);
    let mut house = co.house.data.clone();
    house.total_area = Area::from_hundredths(i64::MAX);
    let e = op.update_house(co.house.id, &house).await.unwrap_err();
    assert_eq!(refused(&e), [("total_area", "range")]);
    let mut meter = co.meter.data.clone();
    meter.initial_values = vec![Quantity::from_thousandths(i64::MAX)];
    let e = op.update_meter(co.meter.id, &meter).await.unwrap_err();
    assert_eq!(refused(&e), [("initial_values", "range")]);
    let reading = ReadingData {
        value: Quantity::from_thousandths(i64::MAX),
        ..co.reading.data.clone()
    };
    let e = op.create_reading(&reading).await.unwrap_err();
    assert_eq!(refused(&e), [("value", "range")]);
    let e = op
        .load_registry("h\n1001;100000000,01;12.10.2026;SB-1\n")
        .await
        .unwrap_err();
    assert_eq!(refused(&e), [("row 2: amount", "range")]);

    // The most there may be adds up exactly, in the card and through two closes.
    for id in ["П-A", "П-B"] {
        op.create_payment(&payment(LIMIT, id)).await.unwrap();
    }
    let resident = co.resident(&app, "resident").await;
    let card = resident.account_card(co.account.id).await.unwrap();
    let paid: Money = card.pending_payments.iter().map(|p| p.amount).sum();
    assert_eq!(
        paid,
        Money::from_kopecks(2 * LIMIT) + co.payment.data.amount
    );
    close_period(op, "2026-10").await;
    close_period(op, "2026-11").await;
    let statement = resident
        .account_statement(co.account.id, &PeriodRange::default())
        .await
        .unwrap();
    let t = statement.totals;
    assert_eq!(
        t.paid,
        Money::from_kopecks(2 * LIMIT) + co.payment.data.amount
    );
    assert_eq!(
        t.closing,
        t.opening + t.charged + t.recalculated + t.penalties - t.paid,
        "{t:?}"
    );
    assert!(
        t.closing.kopecks() < -LIMIT,
        "an advance, not a debt: {t:?}"
    );
}

async fn paging_out_of_range_is_refused_at_its_parameter(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    let op = &co.operator;
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=-5", "limit"),
        ("offset=-1", "offset"),
    ] {
        assert_eq!(
            get(&app, op, &format!("operator/payments?{query}")).await,
            (422, pair(field, "range")),
            "{query}"
        );
    }
    assert_eq!(
        get(&app, op, "operator/payments?limit=500&offset=0")
            .await
            .0,
        200
    );
    // The staff's readings of one account.
    let other = op
        .create_account(&domkom_client::dto::AccountData {
            number: "1002".into(),
            ..co.account.data.clone()
        })
        .await
        .unwrap();
    let filter = |account_id| ReadingFilter {
        account_id: Some(account_id),
        ..Default::default()
    };
    let mine = op
        .readings(&filter(co.account.id), PageQuery::default())
        .await
        .unwrap();
    assert_eq!((mine.total, mine.items[0].id), (1, co.reading.id));
    let none = op
        .readings(&filter(other.id), PageQuery::default())
        .await
        .unwrap();
    assert_eq!(none.total, 0);
}

on_both_backends!(
    paging_out_of_range_is_refused_at_its_parameter,
    texts_with_control_characters_are_refused_at_their_field,
    dates_and_periods_outside_1900_to_2200_are_refused,
    amounts_beyond_what_the_domain_holds_are_refused,
);
