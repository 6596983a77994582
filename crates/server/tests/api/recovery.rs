use crate::helpers::{Backend, TestApp, PASSWORD};
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;

async fn forgot_answers_the_same_for_unknown_addresses(app: TestApp) {
    app.registered("known").await;
    let known = app
        .client
        .forgot_password("KNOWN@example.ru")
        .await
        .unwrap();
    let unknown = app
        .client
        .forgot_password("stranger@example.ru")
        .await
        .unwrap();
    assert_eq!(known, unknown);
    assert_eq!(
        app.mail_count("known@example.ru"),
        2,
        "activation and reset letters"
    );
    assert_eq!(app.mail_count("stranger@example.ru"), 0);
}

async fn reset_sets_the_password_once_and_ends_sessions(app: TestApp) {
    let (_, session) = app.signed_in("forgetful").await;
    app.client
        .forgot_password("forgetful@example.ru")
        .await
        .unwrap();
    let token = app.token_from_mail("forgetful@example.ru", "/password/reset");

    let weak = app.client.reset_password(&token, "weak").await.unwrap_err();
    assert_eq!(weak.status(), Some(422));
    assert!(weak
        .problem()
        .unwrap()
        .field_message("new_password")
        .is_some());

    app.client
        .reset_password(&token, "brandnew42")
        .await
        .unwrap();
    let reuse = app
        .client
        .reset_password(&token, "another42")
        .await
        .unwrap_err();
    assert_eq!(
        (reuse.status(), reuse.code()),
        (Some(400), Some(ErrorCode::TokenInvalid))
    );

    assert_eq!(
        app.client
            .login("forgetful", PASSWORD)
            .await
            .unwrap_err()
            .status(),
        Some(401)
    );
    app.client.login("forgetful", "brandnew42").await.unwrap();
    let old = app
        .new_client()
        .refresh(Some(&session.refresh_token))
        .await
        .unwrap_err();
    assert_eq!(
        old.status(),
        Some(401),
        "sessions from before the reset are ended"
    );
}

async fn forgot_is_rate_limited_per_address(app: TestApp) {
    for _ in 0..3 {
        app.client
            .forgot_password("someone@example.ru")
            .await
            .unwrap();
    }
    let err = app
        .client
        .forgot_password("someone@example.ru")
        .await
        .unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(429), Some(ErrorCode::RateLimited))
    );
}

on_both_backends!(
    forgot_answers_the_same_for_unknown_addresses,
    reset_sets_the_password_once_and_ends_sessions,
    forgot_is_rate_limited_per_address,
);

async fn expired_reset_links_are_refused(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, |c| c.reset_ttl = std::time::Duration::ZERO).await
    else {
        return;
    };
    app.registered("late").await;
    app.client.forgot_password("late@example.ru").await.unwrap();
    let token = app.token_from_mail("late@example.ru", "/password/reset");
    let err = app
        .client
        .reset_password(&token, "brandnew42")
        .await
        .unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(400), Some(ErrorCode::TokenInvalid))
    );
    app.client.login("late", PASSWORD).await.unwrap();
}

#[tokio::test]
async fn expired_reset_links_are_refused_on_sqlite() {
    expired_reset_links_are_refused(Backend::Sqlite).await;
}

#[tokio::test]
async fn expired_reset_links_are_refused_on_postgres() {
    expired_reset_links_are_refused(Backend::Postgres).await;
}
