//! The activation letter sent again: a new link that activates, the same answer for every
//! login or address, and limits per address and per account.

use crate::helpers::{register_form, TestApp, PASSWORD};
use crate::on_both_backends;

async fn a_new_letter_arrives_and_its_link_activates(app: TestApp) {
    let form = register_form("waiting");
    app.client.register(&form).await.unwrap();
    let first = app.token_from_mail("waiting@example.ru", "/activate");

    app.client.resend_activation("WAITING").await.unwrap();
    app.client
        .resend_activation(" Waiting@Example.RU ")
        .await
        .unwrap();
    assert_eq!(
        app.mail_count("waiting@example.ru"),
        3,
        "by login and by e-mail"
    );
    let newest = app.token_from_mail("waiting@example.ru", "/activate");
    assert_ne!(newest, first, "a fresh link");

    app.client.activate(&newest).await.unwrap();
    app.client.login("waiting", PASSWORD).await.unwrap();
}

async fn unknown_and_active_accounts_get_the_same_answer_and_no_letter(app: TestApp) {
    app.client
        .register(&register_form("pending"))
        .await
        .unwrap();
    app.registered("active").await;
    let answers = [
        app.client.resend_activation("pending").await.unwrap(),
        app.client.resend_activation("active").await.unwrap(),
        app.client
            .resend_activation("active@example.ru")
            .await
            .unwrap(),
        app.client.resend_activation("nobody").await.unwrap(),
        app.client
            .resend_activation("nobody@example.ru")
            .await
            .unwrap(),
    ];
    assert!(answers.iter().all(|a| *a == answers[0]), "{answers:?}");
    assert_eq!(app.mail_count("pending@example.ru"), 2);
    assert_eq!(app.mail_count("active@example.ru"), 1, "only the first one");
    assert_eq!(app.mail_count("nobody@example.ru"), 0);

    let empty = app.client.resend_activation(" ").await.unwrap_err();
    assert_eq!(empty.status(), Some(422));
    assert!(empty.problem().unwrap().field_message("login").is_some());
    let long = app
        .client
        .resend_activation(&"a".repeat(300))
        .await
        .unwrap_err();
    assert_eq!(long.status(), Some(422));
}

async fn resending_is_limited_per_account_and_per_address(app: TestApp) {
    let http = reqwest::Client::new();
    let ask = |login: String| {
        http.post(app.url("/api/v1/auth/activation/resend"))
            .json(&serde_json::json!({ "login": login }))
            .send()
    };
    for _ in 0..3 {
        assert_eq!(ask("target".into()).await.unwrap().status(), 202);
    }
    let limited = ask("TARGET".into()).await.unwrap();
    assert_eq!(limited.status(), 429, "in any letter case");
    let wait: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&wait), "{wait}");
    assert_eq!(
        limited.json::<serde_json::Value>().await.unwrap()["code"],
        "rate_limited"
    );

    // Other accounts from the same address: ten requests in all, then the address waits.
    for i in 0..6 {
        assert_eq!(ask(format!("other{i}")).await.unwrap().status(), 202);
    }
    let limited = ask("someone-else".into()).await.unwrap();
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
}

on_both_backends!(
    a_new_letter_arrives_and_its_link_activates,
    unknown_and_active_accounts_get_the_same_answer_and_no_letter,
    resending_is_limited_per_account_and_per_address,
);
