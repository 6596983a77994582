//! Receipts (ЕПД) as PDF: the worked example's read back as text and as a scanned QR
//! code, a house printed in flat order, and who may have which.

use crate::fixtures::{close_period, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::{Client, Document};
use domkom_receipt::readback;
use domkom_values::{AccountId, HouseId};
use std::collections::HashMap;

fn assert_pdf(doc: &Document, name: &str) {
    assert_eq!(doc.content_type, "application/pdf");
    assert_eq!(doc.file_name.as_deref(), Some(name));
    assert!(doc.bytes.starts_with(b"%PDF-"), "a PDF");
}

/// Flat 1 of the worked example (closed through the API by `worked_example`): its
/// receipt equals the charges page and the statement, and its QR code asks for the total.
pub async fn worked_example(
    resident: &Client,
    operator: &Client,
    flat1: AccountId,
    house: HouseId,
) {
    let doc = resident.receipt(flat1, "2026-10").await.unwrap();
    assert_pdf(&doc, "kvitanciya-1001-2026-10.pdf");
    if let Some(text) = readback::text(&doc.bytes) {
        for expected in [
            "за октябрь 2026",
            "Житель квартиры 1001",
            "ул. Примерная, 1, кв. 1",
            "Лицевой счёт: 1001",
            "Содержание жилого помещения",
            "1 275,00 ₽",
            "Холодное водоснабжение",
            "456,70 ₽",
            "ХВС на СОИ",
            "2,164",
            "98,83 ₽",
            "Обращение с ТКО",
            "240,60 ₽",
            "Домофон",
            "50,00 ₽",
            "2 121,13 ₽",
            "−100,00 ₽",
            "некачественная услуга ХВС, сентябрь 2026",
            "1 500,00 ₽",
            "2 000,00 ₽",
            "последний платёж 12.10.2026",
            "Итого к оплате",
            "1 521,13 ₽",
            "Оплатить до",
            "15.11.2026",
            "1 040",
            "40 м³",
        ] {
            assert!(text.contains(expected), "no «{expected}» in:\n{text}");
        }
    }
    if let Some(codes) = readback::qr_codes(&doc.bytes) {
        let [code] = codes.as_slice() else {
            panic!("one QR code: {codes:?}");
        };
        let fields: HashMap<&str, &str> = code
            .strip_prefix("ST00012|")
            .expect("format 0001, UTF-8")
            .split('|')
            .map(|pair| pair.split_once('=').unwrap())
            .collect();
        assert_eq!(fields["Sum"], "152113", "the total due");
        assert_eq!(fields["PersAcc"], "1001");
        assert_eq!(fields["PaymPeriod"], "102026");
        assert_eq!(fields["TechCode"], "02");
        assert_eq!(fields["PayerAddress"], "ул. Примерная, 1, кв. 1");
    }

    let printed = operator.house_receipts("2026-10", house).await.unwrap();
    assert_pdf(&printed, &format!("kvitancii-dom-{house}-2026-10.pdf"));
    if let Some(text) = readback::text(&printed.bytes) {
        let accounts: Vec<&str> = text
            .split('\u{c}')
            .filter(|page| !page.trim().is_empty())
            .map(|page| {
                ["1001", "1002", "1003"]
                    .into_iter()
                    .find(|n| page.contains(&format!("Лицевой счёт: {n}")))
                    .unwrap_or("?")
            })
            .collect();
        assert_eq!(
            accounts,
            ["1001", "1002", "1003"],
            "a page a flat, in order"
        );
    }
}

async fn a_receipt_is_its_residents_and_of_a_closed_period(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let resident = company.resident(&app, "resident").await;
    let account = company.account.id;

    let open = resident.receipt(account, "2026-10").await.unwrap_err();
    assert_eq!(
        (open.status(), open.code()),
        (Some(409), Some(ErrorCode::PeriodOpen))
    );
    let open = company
        .operator
        .house_receipts("2026-10", company.house.id)
        .await
        .unwrap_err();
    assert_eq!(open.code(), Some(ErrorCode::PeriodOpen));

    close_period(&company.operator, "2026-10").await;
    let doc = resident.receipt(account, "2026-10").await.unwrap();
    assert_pdf(&doc, "kvitanciya-1001-2026-10.pdf");
    let house = company
        .operator
        .house_receipts("2026-10", company.house.id)
        .await
        .unwrap();
    assert!(house.bytes.starts_with(b"%PDF-"));

    // Not billed in that period; not a period; not theirs.
    let before = resident.receipt(account, "2026-09").await.unwrap_err();
    assert!(
        before.status() == Some(404) || before.status() == Some(409),
        "{before}"
    );
    let bad = resident.receipt(account, "2026-13").await.unwrap_err();
    assert_eq!(
        (bad.status(), bad.code()),
        (Some(400), Some(ErrorCode::InvalidPeriod))
    );
    let (stranger, _) = app.signed_in("stranger").await;
    let theirs = stranger.receipt(account, "2026-10").await.unwrap_err();
    assert_eq!(theirs.status(), Some(404));
    let other = Company::new(&app, &admin, 2).await;
    let foreign = other
        .operator
        .house_receipts("2026-10", company.house.id)
        .await
        .unwrap_err();
    assert_eq!(foreign.status(), Some(404));
    for query in ["house_id=abc", ""] {
        let path = format!("/api/v1/operator/receipts/2026-10?{query}");
        let response = reqwest::Client::new()
            .get(app.url(&path))
            .bearer_auth(company.operator.access_token().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 400, "{path}");
    }
    let not_staff = resident
        .house_receipts("2026-10", company.house.id)
        .await
        .unwrap_err();
    assert_eq!(not_staff.status(), Some(403));
}

on_both_backends!(a_receipt_is_its_residents_and_of_a_closed_period);
