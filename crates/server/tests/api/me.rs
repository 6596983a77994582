use crate::helpers::{TestApp, PASSWORD};
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::{dto::UpdateProfile, Client};

async fn the_profile_can_be_read_and_edited(app: TestApp) {
    let (client, _) = app.signed_in("editor").await;
    let changes = UpdateProfile {
        full_name: Some("Петрова Анна Сергеевна".into()),
        phone: Some("+7 900 000-00-01".into()),
    };
    let updated = client.update_me(&changes).await.unwrap();
    assert_eq!(updated.full_name, "Петрова Анна Сергеевна");
    assert_eq!(client.me().await.unwrap().phone, "+7 900 000-00-01");

    let bad = UpdateProfile {
        phone: Some("abc".into()),
        full_name: None,
    };
    let err = client.update_me(&bad).await.unwrap_err();
    assert_eq!(err.status(), Some(422));
    assert!(err.problem().unwrap().field_message("phone").is_some());
    assert_eq!(
        client.me().await.unwrap().phone,
        "+7 900 000-00-01",
        "nothing half-written"
    );
}

async fn changing_the_password_checks_the_old_one_and_ends_other_sessions(app: TestApp) {
    let (client, session) = app.signed_in("changer").await;
    let wrong = client
        .change_password("not-it-123", "newpass123")
        .await
        .unwrap_err();
    assert_eq!(
        (wrong.status(), wrong.code()),
        (Some(403), Some(ErrorCode::WrongPassword))
    );
    assert!(wrong
        .problem()
        .unwrap()
        .field_message("current_password")
        .is_some());
    let weak = client.change_password(PASSWORD, "weak").await.unwrap_err();
    assert_eq!(weak.status(), Some(422));

    client
        .change_password(PASSWORD, "newpass123")
        .await
        .unwrap();
    assert_eq!(
        app.new_client()
            .login("changer", PASSWORD)
            .await
            .unwrap_err()
            .status(),
        Some(401)
    );
    app.new_client()
        .login("changer", "newpass123")
        .await
        .unwrap();
    let old = app
        .new_client()
        .refresh(Some(&session.refresh_token))
        .await
        .unwrap_err();
    assert_eq!(old.status(), Some(401));
}

async fn a_new_password_equal_to_the_current_one_is_refused(app: TestApp) {
    let (client, _) = app.signed_in("stubborn").await;
    let err = client
        .change_password(PASSWORD, PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(422), Some(ErrorCode::ValidationFailed))
    );
    let problem = err.problem().unwrap();
    assert_eq!(
        (
            problem.errors[0].field.as_str(),
            problem.errors[0].code.as_str()
        ),
        ("new_password", "same_password")
    );
    app.new_client().login("stubborn", PASSWORD).await.unwrap();
}

async fn a_deleted_user_is_gone(app: TestApp) {
    let (client, session) = app.signed_in("goner").await;
    let access = client.access_token();
    let wrong = client.delete_me("not-it-123").await.unwrap_err();
    assert_eq!(wrong.code(), Some(ErrorCode::WrongPassword));
    client.me().await.unwrap();

    client.delete_me(PASSWORD).await.unwrap();
    let login = app.new_client().login("goner", PASSWORD).await.unwrap_err();
    assert_eq!(
        (login.status(), login.code()),
        (Some(401), Some(ErrorCode::InvalidCredentials))
    );
    let stale = app.new_client();
    stale.set_access_token(access);
    assert_eq!(
        stale.me().await.unwrap_err().status(),
        Some(401),
        "old access token opens nothing"
    );
    assert_eq!(
        stale
            .refresh(Some(&session.refresh_token))
            .await
            .unwrap_err()
            .status(),
        Some(401)
    );
    // The login and e-mail are free again: the personal data is removed.
    app.registered("goner").await;
}

async fn every_personal_endpoint_needs_a_token(app: TestApp) {
    let anonymous = app.new_client();
    let forged = app.new_client();
    forged.set_access_token(Some("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.forged".into()));
    for client in [&anonymous, &forged] {
        let results = calls(client).await;
        for (name, status) in results {
            assert_eq!(status, Some(401), "{name}");
        }
    }
}

async fn calls(client: &Client) -> Vec<(&'static str, Option<u16>)> {
    vec![
        ("GET me", client.me().await.err().and_then(|e| e.status())),
        (
            "PATCH me",
            client
                .update_me(&UpdateProfile::default())
                .await
                .err()
                .and_then(|e| e.status()),
        ),
        (
            "DELETE me",
            client
                .delete_me(PASSWORD)
                .await
                .err()
                .and_then(|e| e.status()),
        ),
        (
            "PUT me/password",
            client
                .change_password(PASSWORD, "newpass123")
                .await
                .err()
                .and_then(|e| e.status()),
        ),
        (
            "POST me/email",
            client
                .change_email("new@example.ru", PASSWORD)
                .await
                .err()
                .and_then(|e| e.status()),
        ),
        (
            "POST me/email/confirm",
            client
                .confirm_email("token")
                .await
                .err()
                .and_then(|e| e.status()),
        ),
    ]
}

/// The password asked again behind a session: five wrong ones in 15 minutes, across the
/// password change and the deletion, and then even the right one waits; another user is
/// not affected.
async fn a_session_cannot_be_used_to_guess_the_password(app: TestApp) {
    let (client, _) = app.signed_in("victim").await;
    let (other, _) = app.signed_in("other").await;
    for attempt in 0..5 {
        let e = if attempt % 2 == 0 {
            client
                .change_password("wrong-guess1", "newpass123")
                .await
                .unwrap_err()
        } else {
            client.delete_me("wrong-guess2").await.unwrap_err()
        };
        assert_eq!(
            e.code(),
            Some(ErrorCode::WrongPassword),
            "attempt {attempt}"
        );
    }
    for e in [
        client
            .change_password(PASSWORD, "newpass123")
            .await
            .unwrap_err(),
        client.delete_me(PASSWORD).await.unwrap_err(),
    ] {
        assert_eq!(
            (e.status(), e.code()),
            (Some(429), Some(ErrorCode::RateLimited))
        );
        assert!(e.retry_after().is_some_and(|s| s > 0));
    }
    other.change_password(PASSWORD, "newpass123").await.unwrap();
    assert!(client.me().await.is_ok(), "the profile is still there");
}

on_both_backends!(
    a_session_cannot_be_used_to_guess_the_password,
    the_profile_can_be_read_and_edited,
    changing_the_password_checks_the_old_one_and_ends_other_sessions,
    a_new_password_equal_to_the_current_one_is_refused,
    a_deleted_user_is_gone,
    every_personal_endpoint_needs_a_token,
);
