//! The worked example's receipt read back as a person and a bank would.

mod sample;

use std::collections::HashMap;

use domkom_receipt::{readback, Printer};

fn rendered() -> Vec<u8> {
    Printer::new()
        .unwrap()
        .render(&[sample::flat_one()])
        .unwrap()
}

#[test]
fn the_text_holds_the_payer_the_lines_and_the_total() {
    let Some(text) = readback::text(&rendered()) else {
        return;
    };
    for expected in [
        "ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ",
        "за октябрь 2026",
        "Иванов Иван Иванович",
        "Лицевой счёт: 1001",
        "ООО «УК Примерная»",
        "Содержание жилого помещения",
        "1 275,00 ₽",
        "Холодное водоснабжение",
        "456,70 ₽",
        "ХВС на СОИ",
        "98,83 ₽",
        "Обращение с ТКО",
        "240,60 ₽",
        "Домофон",
        "50,00 ₽",
        "Итого к оплате",
        "1 521,13 ₽",
        "Оплатить до",
        "15.11.2026",
        "−100,00 ₽",
        "некачественная услуга ХВС, сентябрь 2026",
        "K7Q2-M9XP",
    ] {
        assert!(text.contains(expected), "no «{expected}» in:\n{text}");
    }
}

#[test]
fn the_qr_code_scans_back_to_the_payment() {
    let Some(codes) = readback::qr_codes(&rendered()) else {
        return;
    };
    let [text] = codes.as_slice() else {
        panic!("one QR code on the page: {codes:?}");
    };
    let (header, pairs) = text.split_once('|').unwrap();
    assert_eq!(header, "ST00012");
    let fields: HashMap<&str, &str> = pairs
        .split('|')
        .map(|pair| pair.split_once('=').unwrap())
        .collect();
    for (key, value) in [
        ("Name", "ООО «УК Примерная»"),
        ("PersonalAcc", "40702810900000000001"),
        ("BankName", "ПАО Сбербанк"),
        ("BIC", "044525225"),
        ("CorrespAcc", "30101810400000000225"),
        ("PayeeINN", "7700000001"),
        ("KPP", "770001001"),
        ("PersAcc", "1001"),
        ("LastName", "Иванов"),
        ("FirstName", "Иван"),
        ("MiddleName", "Иванович"),
        ("PayerAddress", "ул. Примерная, 1, кв. 1"),
        ("PaymPeriod", "102026"),
        ("Sum", "152113"),
        ("TechCode", "02"),
    ] {
        assert_eq!(fields.get(key), Some(&value), "{key} in {text}");
    }
}

#[test]
fn a_receipt_without_bank_details_says_why_it_has_no_code() {
    let mut receipt = sample::flat_one();
    receipt.executor.bank.bic = "04452522".into();
    let pdf = Printer::new().unwrap().render(&[receipt]).unwrap();
    let Some(codes) = readback::qr_codes(&pdf) else {
        return;
    };
    assert!(codes.is_empty(), "{codes:?}");
    // The message wraps in its narrow cell.
    let text = readback::text(&pdf).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("QR-код для оплаты не сформирован: поле BIC должно состоять из 9 цифр"),
        "{text}"
    );
}

#[test]
fn a_house_prints_a_page_a_receipt() {
    let mut second = sample::flat_one();
    second.payer.account_number = "1002".into();
    let pdf = Printer::new()
        .unwrap()
        .render(&[sample::flat_one(), second])
        .unwrap();
    let Some(text) = readback::text(&pdf) else {
        return;
    };
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), 2, "{text}");
    assert!(pages[0].contains("Лицевой счёт: 1001"));
    assert!(pages[1].contains("Лицевой счёт: 1002"));
}
