use crate::helpers::{register_form, TestApp, PASSWORD};
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;

async fn registration_activation_and_sign_in(app: TestApp) {
    let form = register_form("ivanov");
    let answer = app.client.register(&form).await.unwrap();
    assert!(
        answer.message.contains("ivanov@example.ru"),
        "{}",
        answer.message
    );

    let err = app.client.login("ivanov", PASSWORD).await.unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(403), Some(ErrorCode::AccountInactive))
    );

    let token = app.token_from_mail("ivanov@example.ru", "/activate");
    app.client.activate(&token).await.unwrap();
    let again = app.client.activate(&token).await.unwrap_err();
    assert_eq!(
        (again.status(), again.code()),
        (Some(400), Some(ErrorCode::TokenInvalid)),
        "single use"
    );

    let tokens = app.client.login("ivanov", PASSWORD).await.unwrap();
    assert_eq!(tokens.token_type, "Bearer");
    assert_eq!(tokens.expires_in, 15 * 60);
    let me = app.client.me().await.unwrap();
    assert_eq!(
        (me.login.as_str(), me.email.as_str()),
        ("ivanov", "ivanov@example.ru")
    );
    assert_eq!(me.role, domkom_client::dto::Role::Resident);
    assert_eq!(tokens.user, me, "the sign-in answers with who signed in");

    // By e-mail, in any letter case.
    app.new_client()
        .login("IvAnOv@Example.RU", PASSWORD)
        .await
        .unwrap();
}

async fn login_and_email_are_unique_in_any_letter_case(app: TestApp) {
    app.client.register(&register_form("petrov")).await.unwrap();

    let same_login = domkom_client::dto::Register {
        email: "other@example.ru".into(),
        ..register_form("PETROV")
    };
    let err = app.client.register(&same_login).await.unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(409), Some(ErrorCode::LoginTaken))
    );
    assert!(err.problem().unwrap().field_message("login").is_some());

    let same_email = domkom_client::dto::Register {
        email: "Petrov@EXAMPLE.ru".into(),
        ..register_form("petrov2")
    };
    let err = app.client.register(&same_email).await.unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(409), Some(ErrorCode::EmailTaken))
    );
    assert!(err.problem().unwrap().field_message("email").is_some());
}

async fn registration_names_every_bad_field(app: TestApp) {
    let form = domkom_client::dto::Register {
        login: "я".into(),
        email: "nope".into(),
        full_name: " ".into(),
        phone: "12".into(),
        password: "short".into(),
    };
    let err = app.client.register(&form).await.unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(422), Some(ErrorCode::ValidationFailed))
    );
    let problem = err.problem().unwrap();
    for field in ["login", "email", "full_name", "phone", "password"] {
        assert!(
            problem.field_message(field).is_some(),
            "{field} not named: {problem:?}"
        );
    }
    assert_eq!(
        problem
            .errors
            .iter()
            .find(|e| e.field == "password")
            .unwrap()
            .code,
        "weak_password"
    );
    assert_eq!(app.mail_count("nope"), 0);
}

async fn wrong_password_and_unknown_user_look_the_same(app: TestApp) {
    app.registered("sidorov").await;
    let wrong = app.client.login("sidorov", "wrong12345").await.unwrap_err();
    let unknown = app.client.login("nobody", "wrong12345").await.unwrap_err();
    assert_eq!(
        (wrong.status(), wrong.code()),
        (Some(401), Some(ErrorCode::InvalidCredentials))
    );
    assert_eq!(wrong.problem(), unknown.problem());
}

async fn refresh_rotates_and_reuse_revokes_the_family(app: TestApp) {
    let (client, first) = app.signed_in("rotator").await;
    let second = client.refresh(Some(&first.refresh_token)).await.unwrap();
    assert_ne!(second.refresh_token, first.refresh_token);
    let me = client.me().await.unwrap();
    assert_eq!(second.user, me, "a refresh answers with who it is for");
    assert_eq!(me.login, "rotator");

    let reuse = client
        .refresh(Some(&first.refresh_token))
        .await
        .unwrap_err();
    assert_eq!(
        (reuse.status(), reuse.code()),
        (Some(401), Some(ErrorCode::TokenReused))
    );
    let after = client
        .refresh(Some(&second.refresh_token))
        .await
        .unwrap_err();
    assert_eq!(after.status(), Some(401), "the whole family is revoked");

    // Another sign-in is another family and still works.
    let other = app.new_client().login("rotator", PASSWORD).await.unwrap();
    app.new_client()
        .refresh(Some(&other.refresh_token))
        .await
        .unwrap();
}

async fn logout_ends_the_session(app: TestApp) {
    let (client, tokens) = app.signed_in("leaver").await;
    client.logout(Some(&tokens.refresh_token)).await.unwrap();
    assert!(client.access_token().is_none());
    let err = client
        .refresh(Some(&tokens.refresh_token))
        .await
        .unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(401), Some(ErrorCode::TokenInvalid))
    );
}

async fn the_refresh_cookie_is_http_only_and_strict(app: TestApp) {
    app.registered("cookie").await;
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .json(&serde_json::json!({"login": "cookie", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    for part in [
        "domkom_refresh=",
        "HttpOnly",
        "SameSite=Strict",
        "Path=/api/v1/auth",
    ] {
        assert!(cookie.contains(part), "{part} missing in {cookie}");
    }
    // The cookie alone refreshes, as the SPA does.
    let value = cookie.split(';').next().unwrap();
    let refreshed = reqwest::Client::new()
        .post(app.url("/api/v1/auth/refresh"))
        .header("cookie", value)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(refreshed.status(), 200);
}

/// Failures are counted in the database: a second instance (or a restart) goes on from
/// where the first one stopped, and parallel guesses never count past the limit.
async fn sign_in_is_rate_limited(app: TestApp) {
    app.registered("target").await;
    let http = reqwest::Client::new();
    let attempt = |base: &str| {
        http.post(format!("{base}/api/v1/auth/login"))
            .json(&serde_json::json!({"login": "target", "password": "guess12345"}))
            .send()
    };
    for _ in 0..5 {
        assert_eq!(attempt(&app.url("")).await.unwrap().status(), 401);
    }
    let second = app.another_instance();
    let mut parallel = tokio::task::JoinSet::new();
    for _ in 0..15 {
        parallel.spawn(attempt(&second));
    }
    let mut statuses = Vec::new();
    while let Some(answer) = parallel.join_next().await {
        statuses.push(answer.unwrap().unwrap().status().as_u16());
    }
    statuses.sort_unstable();
    assert_eq!(statuses, [[401; 5].as_slice(), &[429; 10]].concat());
    let limited = attempt(&app.url("")).await.unwrap();
    assert_eq!(limited.status(), 429);
    let wait: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&wait), "{wait}");
    assert_eq!(
        limited.json::<serde_json::Value>().await.unwrap()["code"],
        "rate_limited"
    );
    // Even the right password waits now.
    let err = app.client.login("target", PASSWORD).await.unwrap_err();
    assert_eq!(err.status(), Some(429));
}

async fn registration_is_rate_limited(app: TestApp) {
    for i in 0..10 {
        app.client
            .register(&register_form(&format!("bulk{i}")))
            .await
            .unwrap();
    }
    let err = app
        .client
        .register(&register_form("bulk10"))
        .await
        .unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(429), Some(ErrorCode::RateLimited))
    );
}

on_both_backends!(
    registration_activation_and_sign_in,
    login_and_email_are_unique_in_any_letter_case,
    registration_names_every_bad_field,
    wrong_password_and_unknown_user_look_the_same,
    refresh_rotates_and_reuse_revokes_the_family,
    logout_ends_the_session,
    the_refresh_cookie_is_http_only_and_strict,
    sign_in_is_rate_limited,
    registration_is_rate_limited,
);

/// Sign-in from behind a trusted proxy: only failures count, under the user whatever
/// name is typed and the address; a guesser locks out its own address only.
#[tokio::test]
async fn a_guesser_elsewhere_does_not_lock_the_owner_out() {
    let app = crate::helpers::TestApp::spawn_with(crate::helpers::Backend::Sqlite, |c| {
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await
    .unwrap();
    let form = app.registered("owner").await;
    let http = reqwest::Client::new();
    let sign_in = |from: &'static str, login: String, password: &'static str| {
        http.post(app.url("/api/v1/auth/login"))
            .header("X-Forwarded-For", format!("203.0.113.9, {from}"))
            .json(&serde_json::json!({"login": login, "password": password}))
            .send()
    };
    // Signing in often is no attack.
    for _ in 0..12 {
        let ok = sign_in("10.0.0.2", "owner".into(), PASSWORD).await.unwrap();
        assert_eq!(ok.status(), 200);
    }
    for i in 0..10 {
        // By login and by e-mail alike: one user.
        let name = if i % 2 == 0 {
            "owner".into()
        } else {
            form.email.clone()
        };
        let wrong = sign_in("10.0.0.1", name, "guess12345").await.unwrap();
        assert_eq!(wrong.status(), 401);
    }
    let locked = sign_in("10.0.0.1", form.email.clone(), PASSWORD)
        .await
        .unwrap();
    assert_eq!(locked.status(), 429, "the guesser's address waits");
    let owner = sign_in("10.0.0.2", "owner".into(), PASSWORD).await.unwrap();
    assert_eq!(owner.status(), 200, "the owner's does not");
}

/// Without a trusted proxy `X-Forwarded-For` is the client's own word and means nothing.
#[tokio::test]
async fn a_forged_forwarded_for_changes_nothing() {
    let app = crate::helpers::TestApp::spawn(crate::helpers::Backend::Sqlite)
        .await
        .unwrap();
    app.registered("target").await;
    let http = reqwest::Client::new();
    for i in 0..11 {
        let answer = http
            .post(app.url("/api/v1/auth/login"))
            .header("X-Forwarded-For", format!("10.0.0.{i}"))
            .json(&serde_json::json!({"login": "target", "password": "guess12345"}))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), if i < 10 { 401 } else { 429 }, "{i}");
    }
}
