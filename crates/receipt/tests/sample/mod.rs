//! Flat 1 of the worked example (docs/domain.md), October 2026.

use chrono::NaiveDate;
use domkom_receipt::*;
use domkom_values::{Area, Money, Quantity, Tariff};

fn rub(kopecks: i64) -> Money {
    Money::from_kopecks(kopecks)
}

fn line(service: &str, unit: &str, volume: i64, common: i64, tariff: i64, charged: i64) -> Line {
    Line {
        service: service.into(),
        unit: unit.into(),
        volume: Quantity::from_thousandths(volume),
        common_volume: Quantity::from_thousandths(common),
        tariff: Tariff::from_kopecks(tariff),
        charged: rub(charged),
        recalculated: Money::ZERO,
        total: rub(charged),
    }
}

pub fn flat_one() -> Receipt {
    let mut water = line("Холодное водоснабжение", "м³", 10_000, 0, 4567, 45_670);
    water.recalculated = rub(-10_000);
    water.total = rub(35_670);
    Receipt {
        period: "2026-10".parse().unwrap(),
        payer: Payer {
            account_number: "1001".into(),
            holder: "Иванов Иван Иванович".into(),
            address: "ул. Примерная, 1, кв. 1".into(),
            area: Area::from_m2(50),
            persons: 2,
        },
        executor: Executor {
            name: "ООО «УК Примерная»".into(),
            inn: "7700000001".into(),
            kpp: "770001001".into(),
            address: "ул. Примерная, 10".into(),
            phone: "+7 495 000-00-00".into(),
            email: "uk@example.ru".into(),
            site: "uk-primer.ru".into(),
            hours: "пн–пт 9:00–18:00".into(),
            bank: Bank {
                account: "40702810900000000001".into(),
                name: "ПАО Сбербанк".into(),
                bic: "044525225".into(),
                corr_account: "30101810400000000225".into(),
            },
        },
        money: MoneyDue {
            opening: rub(150_000),
            charged: rub(212_113),
            recalculated: rub(-10_000),
            penalties: Money::ZERO,
            paid: rub(200_000),
            last_paid_on: NaiveDate::from_ymd_opt(2026, 10, 12),
            closing: rub(152_113),
            due_date: NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(),
        },
        lines: vec![
            line(
                "Содержание жилого помещения",
                "м²",
                50_000,
                0,
                2550,
                127_500,
            ),
            water,
            line("ХВС на СОИ", "м³", 0, 2_164, 4567, 9_883),
            line("Обращение с ТКО", "чел.", 2_000, 0, 12030, 24_060),
            line("Домофон", "мес.", 1_000, 0, 5000, 5_000),
        ],
        house_meters: vec![HouseMeter {
            service: "Холодное водоснабжение".into(),
            unit: "м³".into(),
            serial: "ОДПУ-1".into(),
            readings: vec![Quantity::from_thousandths(1_040_000)],
            volume: Quantity::from_thousandths(40_000),
        }],
        corrections: vec![Correction {
            service: "Холодное водоснабжение".into(),
            corrects_period: "2026-09".parse().unwrap(),
            amount: rub(-10_000),
            reason: "некачественная услуга ХВС, сентябрь 2026".into(),
        }],
        link_code: "K7Q2-M9XP".into(),
        site: "domkom.example".into(),
    }
}
