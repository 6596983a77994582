//! Changing the e-mail from the profile: confirmed by the link sent to the new address,
//! only by the profile that asked; the old address works until then and is told.

use crate::helpers::{letters, register_form, Backend, TestApp, PASSWORD};
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::Client;

/// A new resident `login`, signed in, who asked to move to `to`; the token of the link
/// sent there.
async fn asked(app: &TestApp, login: &str, to: &str) -> (Client, String) {
    let (client, _) = app.signed_in(login).await;
    client.change_email(to, PASSWORD).await.unwrap();
    (client, app.token_from_mail(to, "/email/confirm"))
}

async fn the_link_sent_to_the_new_address_changes_it(app: TestApp) {
    let (client, _) = app.signed_in("mover").await;
    let answer = client
        .change_email(" Mover.New@Example.RU ", PASSWORD)
        .await
        .unwrap();
    assert!(
        answer.message.contains("mover.new@example.ru"),
        "{}",
        answer.message
    );
    let me = client.me().await.unwrap();
    assert_eq!(
        (me.email.as_str(), me.pending_email.as_deref()),
        ("mover@example.ru", Some("mover.new@example.ru"))
    );

    // The old address is told, and works for sign-in and recovery until the link is followed.
    let notice = letters(&app.data_dir.path().join("outbox"))
        .into_iter()
        .rfind(|l| l.contains("To: mover@example.ru"))
        .unwrap();
    assert!(notice.contains("mover.new@example.ru"), "{notice}");
    app.new_client()
        .login("mover@example.ru", PASSWORD)
        .await
        .unwrap();
    app.client
        .forgot_password("mover@example.ru")
        .await
        .unwrap();
    app.token_from_mail("mover@example.ru", "/password/reset");

    let token = app.token_from_mail("mover.new@example.ru", "/email/confirm");
    let changed = client.confirm_email(&token).await.unwrap();
    assert_eq!(
        (changed.email.as_str(), changed.pending_email),
        ("mover.new@example.ru", None)
    );
    let again = client.confirm_email(&token).await.unwrap_err();
    assert_eq!(
        (again.status(), again.code()),
        (Some(400), Some(ErrorCode::TokenInvalid)),
        "single use"
    );
    app.new_client()
        .login("MOVER.NEW@example.ru", PASSWORD)
        .await
        .unwrap();
    let old = app
        .new_client()
        .login("mover@example.ru", PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(old.code(), Some(ErrorCode::InvalidCredentials));
}

async fn the_password_and_a_free_new_address_are_required(app: TestApp) {
    let (client, _) = app.signed_in("asker").await;
    app.registered("holder").await;

    let wrong = client
        .change_email("asker2@example.ru", "not-it-123")
        .await
        .unwrap_err();
    assert_eq!(
        (wrong.status(), wrong.code()),
        (Some(403), Some(ErrorCode::WrongPassword))
    );
    assert!(wrong.problem().unwrap().field_message("password").is_some());

    let bad = client.change_email("asker2@", "").await.unwrap_err();
    assert_eq!(bad.status(), Some(422));
    let fields: Vec<_> = bad
        .problem()
        .unwrap()
        .errors
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(fields, ["new_email", "password"]);

    let same = client
        .change_email("ASKER@example.ru", PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(same.status(), Some(422));
    assert_eq!(same.problem().unwrap().errors[0].code, "same_email");

    let taken = client
        .change_email("Holder@Example.ru", PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(
        (taken.status(), taken.code()),
        (Some(409), Some(ErrorCode::EmailTaken))
    );
    assert!(taken
        .problem()
        .unwrap()
        .field_message("new_email")
        .is_some());

    assert_eq!(app.mail_count("asker2@example.ru"), 0);
    assert_eq!(app.mail_count("holder@example.ru"), 1, "its own activation");
    assert_eq!(app.mail_count("asker@example.ru"), 1, "no notice");
    assert_eq!(client.me().await.unwrap().pending_email, None);
}

async fn only_the_owner_confirms_and_asking_again_replaces(app: TestApp) {
    let (owner, first) = asked(&app, "owner", "first@example.ru").await;
    let (stranger, _) = app.signed_in("stranger").await;

    let err = stranger.confirm_email(&first).await.unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(400), Some(ErrorCode::TokenInvalid))
    );
    assert_eq!(stranger.me().await.unwrap().email, "stranger@example.ru");
    let anonymous = app.new_client().confirm_email(&first).await.unwrap_err();
    assert_eq!(anonymous.status(), Some(401));
    assert_eq!(owner.me().await.unwrap().email, "owner@example.ru");

    owner
        .change_email("second@example.ru", PASSWORD)
        .await
        .unwrap();
    assert_eq!(
        owner.me().await.unwrap().pending_email.as_deref(),
        Some("second@example.ru")
    );
    let replaced = owner.confirm_email(&first).await.unwrap_err();
    assert_eq!(
        replaced.code(),
        Some(ErrorCode::TokenInvalid),
        "the first link is void"
    );
    let second = app.token_from_mail("second@example.ru", "/email/confirm");
    assert_eq!(
        owner.confirm_email(&second).await.unwrap().email,
        "second@example.ru"
    );
}

async fn an_address_taken_meanwhile_is_refused_at_confirmation(app: TestApp) {
    let (client, token) = asked(&app, "slow", "wanted@example.ru").await;
    let quicker = register_form("quicker");
    app.client
        .register(&domkom_client::dto::Register {
            email: "Wanted@Example.ru".into(),
            ..quicker
        })
        .await
        .unwrap();

    let err = client.confirm_email(&token).await.unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(409), Some(ErrorCode::EmailTaken))
    );
    let me = client.me().await.unwrap();
    assert_eq!(
        (me.email.as_str(), me.pending_email),
        ("slow@example.ru", None),
        "the change is dropped"
    );
}

async fn a_new_password_cancels_a_pending_change(app: TestApp) {
    let (client, token) = asked(&app, "careful", "elsewhere@example.ru").await;
    client
        .change_password(PASSWORD, "newpass123")
        .await
        .unwrap();
    // A new password ends every access token issued before it.
    client.login("careful", "newpass123").await.unwrap();
    let err = client.confirm_email(&token).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::TokenInvalid));

    // A reset from the old address does the same.
    client
        .change_email("elsewhere@example.ru", "newpass123")
        .await
        .unwrap();
    app.client
        .forgot_password("careful@example.ru")
        .await
        .unwrap();
    let reset = app.token_from_mail("careful@example.ru", "/password/reset");
    app.client
        .reset_password(&reset, "third-pass3")
        .await
        .unwrap();
    let token = app.token_from_mail("elsewhere@example.ru", "/email/confirm");
    let client = app.new_client();
    client.login("careful", "third-pass3").await.unwrap();
    assert_eq!(client.me().await.unwrap().pending_email, None);
    let err = client.confirm_email(&token).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::TokenInvalid));
}

on_both_backends!(
    the_link_sent_to_the_new_address_changes_it,
    the_password_and_a_free_new_address_are_required,
    only_the_owner_confirms_and_asking_again_replaces,
    an_address_taken_meanwhile_is_refused_at_confirmation,
    a_new_password_cancels_a_pending_change,
);

async fn an_expired_link_changes_nothing(backend: Backend) {
    let Some(app) =
        TestApp::spawn_with(backend, |c| c.email_change_ttl = std::time::Duration::ZERO).await
    else {
        return;
    };
    let (client, token) = asked(&app, "late", "late2@example.ru").await;
    assert_eq!(client.me().await.unwrap().pending_email, None);
    let err = client.confirm_email(&token).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::TokenInvalid));
    assert_eq!(client.me().await.unwrap().email, "late@example.ru");
}

#[tokio::test]
async fn an_expired_link_changes_nothing_on_sqlite() {
    an_expired_link_changes_nothing(Backend::Sqlite).await;
}

#[tokio::test]
async fn an_expired_link_changes_nothing_on_postgres() {
    an_expired_link_changes_nothing(Backend::Postgres).await;
}
