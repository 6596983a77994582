//! `GET site`: the footer's facts, public and cacheable.

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

async fn the_defaults_are_public_and_cacheable(app: TestApp) {
    let site = app.new_client().site().await.unwrap();
    assert_eq!(
        (
            site.operator.as_str(),
            site.support_email.as_str(),
            site.support_phone
        ),
        ("Домком", "support@domkom.local", None)
    );
    assert_eq!(site.year, chrono::Datelike::year(&chrono::Local::now()));
    let response = reqwest::get(app.url("/api/v1/site")).await.unwrap();
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=3600",
        "the same for everyone, unlike the personal answers"
    );
}

on_both_backends!(the_defaults_are_public_and_cacheable);

async fn the_operator_sets_its_contacts(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, |c| {
        c.site.operator = "ООО «Домком-Сервис»".into();
        c.site.support_email = "help@domkom.example".into();
        c.site.support_phone = Some("8 800 555-35-35".into());
        c.fixed_today = Some("2027-03-01".parse().unwrap());
    })
    .await
    else {
        return;
    };
    let site = app.client.site().await.unwrap();
    assert_eq!(site.operator, "ООО «Домком-Сервис»");
    assert_eq!(site.support_email, "help@domkom.example");
    assert_eq!(site.support_phone.as_deref(), Some("8 800 555-35-35"));
    assert_eq!(site.year, 2027);
}

#[tokio::test]
async fn the_operator_sets_its_contacts_on_sqlite() {
    the_operator_sets_its_contacts(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_operator_sets_its_contacts_on_postgres() {
    the_operator_sets_its_contacts(Backend::Postgres).await;
}
