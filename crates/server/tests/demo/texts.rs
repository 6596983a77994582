//! Every text a resident's pages get for the demo data writes its numbers the Russian way.

use super::helpers::{Backend, TestApp};
use super::{seed, today};
use domkom_client::dto::AccountFilter;
use domkom_server::db;
use domkom_values::Quantity;

/// Every string of a JSON value, with where it was found.
fn texts(value: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(s) => out.push((path.to_owned(), s.clone())),
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                texts(v, &format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(fields) => {
            for (k, v) in fields {
                texts(v, &format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// Why a text for a Russian reader prints a number the wrong way, if it does: needless
/// thousandths, a doubled full stop, a decimal point (dates aside: «03.12.2026» is right).
fn misprint(text: &str) -> Option<&'static str> {
    if !text
        .chars()
        .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
    {
        return None; // machine values: periods, dates, codes, timestamps
    }
    let bytes: Vec<char> = text.chars().collect();
    let digit = |i: usize| bytes.get(i).is_some_and(char::is_ascii_digit);
    for (i, c) in bytes.iter().enumerate() {
        let zeros = bytes[i + 1..].starts_with(&['0', '0', '0']);
        if *c == ',' && i > 0 && digit(i - 1) && zeros && !digit(i + 4) {
            return Some("needless zeros «,000»");
        }
        if *c != '.' {
            continue;
        }
        if bytes.get(i + 1) == Some(&'.') {
            return Some("«..»");
        }
        if bytes[i + 1..].starts_with(&['0', '0', '0']) && i > 0 && digit(i - 1) {
            return Some("«.000»");
        }
        if i > 0 && digit(i - 1) && digit(i + 1) {
            // dd.mm.yyyy: two digits, a point, two digits, a point, four digits.
            let date_at = |start: usize| {
                let pattern = "00.00.0000";
                start + pattern.len() <= bytes.len()
                    && pattern.chars().enumerate().all(|(k, p)| match p {
                        '0' => digit(start + k),
                        _ => bytes[start + k] == '.',
                    })
            };
            let in_date = (i >= 2 && date_at(i - 2)) || (i >= 5 && date_at(i - 5));
            if !in_date {
                return Some("a decimal point");
            }
        }
    }
    None
}

#[test]
fn the_misprint_check_catches_what_it_looks_for() {
    assert_eq!(misprint("расход 556.000 кВт·ч"), Some("«.000»"));
    assert_eq!(
        misprint("показания 18172,000 → 18728,000"),
        Some("needless zeros «,000»")
    );
    assert_eq!(misprint("тариф 1,0005 ₽ и 1 000,00 ₽"), None);
    assert_eq!(misprint("Зарегистрировано 3 чел.. Тариф"), Some("«..»"));
    assert_eq!(
        misprint("меньше предыдущего (19723.5)"),
        Some("a decimal point")
    );
    assert_eq!(misprint("Срок поверки — 03.12.2026, тариф 45,67 ₽"), None);
    assert_eq!(misprint("2026-11-20T10:00:00.000123"), None);
}

/// Every text the resident's pages get for the demo data — explanations, notices, the
/// refusals of readings — writes its numbers the Russian way.
async fn every_text_for_a_resident_prints_numbers_the_russian_way(app: TestApp) {
    use domkom_client::dto::{LinkAccount, NewReading, PeriodRange, SubmitReadings};
    let summary = seed(&app.pool).await.expect("an empty database is seeded");
    let (resident, _) = app.signed_in("sweeper").await;
    let mut conn = app.pool.get().unwrap();
    let mut found = Vec::new();
    let mut collect = |what: &str, value: serde_json::Value| texts(&value, what, &mut found);
    for org in &summary.organizations {
        let (accounts, _) =
            db::accounts::list(&mut conn, org.id, &AccountFilter::default(), 100, 0).unwrap();
        for a in &accounts {
            let form = LinkAccount {
                organization_id: org.id,
                account_number: a.data.number.clone(),
                link_code: Some(a.link_code.clone()),
                last_receipt_total: None,
                kind: None,
            };
            resident.link_account(&form).await.unwrap();
            collect("card", json(&resident.account_card(a.id).await.unwrap()));
            let all = PeriodRange::default();
            let periods = resident.account_charges(a.id, &all).await.unwrap();
            collect("charges", json(&periods));
            for p in &periods {
                let lines = resident
                    .period_charges(a.id, &p.period.to_string())
                    .await
                    .unwrap();
                collect("period charges", json(&lines));
            }
            collect(
                "statement",
                json(&resident.account_statement(a.id, &all).await.unwrap()),
            );
            let meters = resident.account_meters(a.id).await.unwrap();
            collect("meters", json(&meters));
            for m in &meters.meters {
                collect(
                    "history",
                    json(&resident.meter_history(a.id, m.id, &all).await.unwrap()),
                );
                // The refusals a resident meets: lower than the last reading, beyond the
                // meter's digits, an unusual jump.
                let base = m.readings[0].base.thousandths();
                let capacity = 10i64.pow(u32::try_from(m.digits).unwrap()) * 1000;
                for value in [base / 2, capacity, base + (capacity - base) / 3] {
                    let form = SubmitReadings {
                        readings: (1..=m.zones)
                            .map(|zone| NewReading {
                                meter_id: m.id,
                                zone,
                                value: Quantity::from_thousandths(value),
                                rolled_over: false,
                                confirm: false,
                            })
                            .collect(),
                        preview: true,
                    };
                    match resident.submit_readings(a.id, &form).await {
                        Ok(result) => collect("readings", json(&result)),
                        Err(e) => collect("refusal", json(e.problem().expect("a problem"))),
                    }
                }
            }
        }
    }
    assert!(found.len() > 5_000, "{} texts", found.len());
    for needle in ["формула 12", "кВт·ч", "Показание меньше предыдущего"]
    {
        assert!(
            found.iter().any(|(_, t)| t.contains(needle)),
            "no text with {needle}"
        );
    }
    // Serials are the company's words («Меркурий 201.8 № …»), quoted as they are.
    let serials: Vec<&str> = found
        .iter()
        .filter(|(path, _)| path.ends_with(".serial"))
        .map(|(_, serial)| serial.as_str())
        .collect();
    let wrong: Vec<_> = found
        .iter()
        .filter_map(|(path, text)| {
            let text = serials.iter().fold(text.clone(), |t, s| {
                t.replace(s, "№")
                    .replace(&domkom_domain::ru::number(s), "№")
            });
            misprint(&text).map(|why| format!("{why} in {path}: {text}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Any DTO as JSON.
fn json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect("a DTO serializes")
}

mod sweep {
    #[tokio::test]
    async fn sqlite() {
        let app = super::TestApp::spawn_with(super::Backend::Sqlite, |c| {
            c.fixed_today = Some(super::today())
        });
        super::every_text_for_a_resident_prints_numbers_the_russian_way(app.await.unwrap()).await;
    }

    #[tokio::test]
    async fn postgres() {
        let app = super::TestApp::spawn_with(super::Backend::Postgres, |c| {
            c.fixed_today = Some(super::today())
        });
        if let Some(app) = app.await {
            super::every_text_for_a_resident_prints_numbers_the_russian_way(app).await;
        }
    }
}
