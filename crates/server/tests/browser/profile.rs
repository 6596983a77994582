//! «Мой профиль» beyond the basics: a new e-mail confirmed by the link sent to it (opened
//! signed out, so the sign-in leads back to it), then the profile deleted.

use crate::browser::{spawn_app, Browser};
use crate::helpers::{TestApp, PASSWORD};
use crate::newcomer::link_from_mail;
use diesel::prelude::*;
use domkom_client::dto::ErrorCode;
use domkom_client::Client;
use domkom_server::db::schema::account_links;
use domkom_values::AccountId;

async fn receipts_by_email(api: &Client, account: AccountId) -> bool {
    let subs = api.subscriptions().await.unwrap();
    subs.accounts
        .iter()
        .find(|s| s.account_id == account)
        .expect("the linked account")
        .receipts_by_email
}

/// «Мой профиль»: the resident turns the receipts of `account` by e-mail on; the link of
/// a letter turns them off again, signed in or not.
pub async fn subscribe_to_receipts(b: &Browser, app: &TestApp, api: &Client, account: AccountId) {
    b.goto(&app.url("/profile")).await;
    b.wait_text("#subscriptions", "Квитанции по e-mail").await;
    let switch = format!("#subscriptions input[data-account=\"{account}\"]");
    assert!(!receipts_by_email(api, account).await);
    b.click(&switch).await;
    b.wait_text("#subscriptions [role=status]", "будут приходить на почту")
        .await;
    assert!(receipts_by_email(api, account).await, "turned on");
    let checked = b.find(&switch).await.prop("checked").await.unwrap();
    assert_eq!(checked.as_deref(), Some("true"));
    b.fits_the_screen("Мой профиль: квитанции по e-mail").await;
    b.screenshot("14a-subscription-on").await;

    // The link of this resident, the one subscribed to the account.
    let token: Option<String> = account_links::table
        .filter(account_links::account_id.eq(account))
        .filter(account_links::receipts_by_email.eq(true))
        .select(account_links::unsubscribe_token)
        .first(&mut app.pool.get().unwrap())
        .unwrap();
    b.goto(&app.url(&format!("/unsubscribe?token={}", token.unwrap())))
        .await;
    b.wait_text("#unsubscribe", "больше не будут приходить")
        .await;
    assert!(
        !receipts_by_email(api, account).await,
        "turned off by the link"
    );
}

#[tokio::test]
async fn change_the_email_by_its_link_then_delete_the_profile() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = spawn_app().await;
    app.registered("mover").await;
    let b = &browser;
    b.goto(&app.url("/login")).await;
    b.fill("#login-form", "login", "mover").await;
    b.fill("#login-form", "password", PASSWORD).await;
    b.submit("#login-form").await;
    b.wait_path("/accounts").await;
    b.goto(&app.url("/profile")).await;

    // A wrong password is the field to fix; the right one sends the link.
    let form = "#email-form";
    b.fill(form, "new_email", "Mover.New@Example.ru").await;
    b.fill(form, "email_password", "not-it-123").await;
    b.submit(form).await;
    b.wait_text("#email_password-error", "Неверный пароль")
        .await;
    b.wait_focus("email_password").await;
    b.fill(form, "email_password", PASSWORD).await;
    b.submit(form).await;
    b.wait_text("[data-test=pending-email]", "mover.new@example.ru")
        .await;
    b.fits_the_screen("Мой профиль: смена e-mail").await;
    b.screenshot("16-email-pending").await;

    // Opened signed out: sign in first, then the link does its work.
    let link = link_from_mail(&app, "mover.new@example.ru", "/email/confirm");
    b.find("#logout").await.click().await.unwrap();
    b.wait_path("/login").await;
    b.goto(&link).await;
    b.click("#confirm-sign-in").await;
    b.wait_path("/login").await;
    b.fill("#login-form", "login", "mover@example.ru").await;
    b.fill("#login-form", "password", PASSWORD).await;
    b.submit("#login-form").await;
    b.wait_text("[data-test=email-changed]", "mover.new@example.ru")
        .await;
    assert_eq!(
        b.client.current_url().await.unwrap().as_str(),
        link,
        "back on the link"
    );
    let api = app.new_client();
    api.login("mover.new@example.ru", PASSWORD).await.unwrap();

    // Deleting the profile ends on «Вход», which says it is done.
    b.goto(&app.url("/profile")).await;
    b.wait_text("#profile-view", "mover.new@example.ru").await;
    b.fill("#delete-form", "delete_password", PASSWORD).await;
    b.click("#delete-submit").await;
    b.click("#delete-confirm").await;
    b.wait_path("/login").await;
    b.wait_text("#login-form [role=status]", "Профиль удалён")
        .await;
    b.screenshot("17-profile-deleted").await;
    let gone = app.new_client().login("mover", PASSWORD).await.unwrap_err();
    assert_eq!(gone.code(), Some(ErrorCode::InvalidCredentials));

    browser.close().await;
}
