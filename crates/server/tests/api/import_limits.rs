//! The sizes an import and a bank registry take: files up to 10 MB, and a refusal that
//! names the first hundred errors however many lines are bad.

use super::imports::result;
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::{ErrorCode, ImportKind};

async fn files_above_the_json_limit_are_read_up_to_ten_megabytes(app: TestApp) {
    let admin = app.admin().await;
    let (op, _) = app.operator(&admin, 1).await;
    let mut file = String::from("Адрес;Общая площадь;Площадь МОП;Ограничение\n");
    for n in 0..6000 {
        file.push_str(&format!(
            "г. Москва, ул. Очень Длинная Улица, д. {n};1 000,00;100,00;да\n"
        ));
    }
    assert!(file.len() > 256 * 1024, "above actix's default limit");
    assert_eq!(
        op.import_csv(ImportKind::Houses, &file).await.unwrap(),
        result(ImportKind::Houses, 6000, 0)
    );
    let huge = "x".repeat(11 * 1024 * 1024);
    let e = op.import_csv(ImportKind::Houses, &huge).await.unwrap_err();
    assert_eq!(
        (e.status(), e.code()),
        (Some(413), Some(ErrorCode::PayloadTooLarge))
    );
    let e = op.load_registry(&huge).await.unwrap_err();
    assert_eq!(
        (e.status(), e.code()),
        (Some(413), Some(ErrorCode::PayloadTooLarge))
    );
}

/// A file of many bad lines (and a registry) is answered with the first hundred errors
/// and how many more there are.
async fn a_refusal_names_the_first_hundred_errors(app: TestApp) {
    let admin = app.admin().await;
    let (op, _) = app.operator(&admin, 1).await;
    let mut file = String::from("Адрес;Общая площадь;Площадь МОП;Ограничение\n");
    let mut registry = String::from("Счёт;Сумма;Дата;Номер\n");
    for n in 0..5000 {
        file.push_str(&format!("ул. Мира, {n};много;0;да\n"));
        registry.push_str(&format!("{n};0;12.10.2026;SB-{n}\n"));
    }
    for e in [
        op.import_csv(ImportKind::Houses, &file).await.unwrap_err(),
        op.load_registry(&registry).await.unwrap_err(),
    ] {
        let errors = &e.problem().unwrap().errors;
        assert_eq!(errors.len(), 101);
        assert!(errors[0].field.starts_with("row 2: "), "{:?}", errors[0]);
        let last = &errors[100];
        assert_eq!(
            (last.field.as_str(), last.code.as_str()),
            ("body", "more_errors")
        );
        assert!(last.message.contains("4900"), "{}", last.message);
    }
}

on_both_backends!(
    files_above_the_json_limit_are_read_up_to_ten_megabytes,
    a_refusal_names_the_first_hundred_errors,
);
