//! A newcomer's first visit, as a person would do it on a phone-sized screen.

use crate::browser::{spawn_app, Browser};
use crate::helpers;

/// The link of the newest letter to `to` whose link goes to `route`, on this server.
pub fn link_from_mail(app: &helpers::TestApp, to: &str, route: &str) -> String {
    app.url(&format!("{route}?token={}", app.token_from_mail(to, route)))
}

#[tokio::test]
async fn register_activate_sign_in_edit_change_password_sign_out_sign_in() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = spawn_app().await;
    let b = &browser;

    // The site's address is the sign-in page for a visitor, shown without the routes; its
    // link to the registration brings them.
    b.goto(&app.url("/")).await;
    b.wait_path("/login").await;
    b.find("#login-form").await;
    b.find("header a[aria-current=page][href=\"/login\"]").await;
    assert_eq!(
        b.attrs("header a[aria-current=page]", "href").await,
        ["/login"]
    );
    b.click(".after-form a[href=\"/register\"]").await;

    // Регистрация: an empty form puts the focus on its first field.
    b.wait_path("/register").await;
    b.find("header a[aria-current=page][href=\"/register\"]")
        .await;
    assert_eq!(
        b.attrs("header a[aria-current=page]", "href").await,
        ["/register"]
    );
    let form = "#register-form";
    b.submit(form).await;
    b.wait_text("#login-error", "Заполните").await;
    b.wait_focus("login").await;
    b.fits_the_screen("Регистрация").await;
    b.fill(form, "login", "newcomer").await;
    b.fill(form, "email", "Newcomer@Example.ru").await;
    b.fill(form, "full_name", "Смирнова Ольга Петровна").await;
    b.fill(form, "phone", "+7 912 000-11-22").await;
    b.fill(form, "password", "first-pass1").await;
    b.fill(form, "password_confirm", "first-pass1").await;
    b.submit(form).await;
    b.wait_text("[role=status]", "письмо").await;

    // The page after registration sends the letter again.
    let to = "newcomer@example.ru";
    assert_eq!(app.mail_count(to), 1);
    b.click("#resend-activation").await;
    b.wait_text(".resend [role=status]", "Новое письмо").await;
    assert_eq!(app.mail_count(to), 2);

    // Signing in before activating says why not, and offers the letter again too.
    b.goto(&app.url("/login")).await;
    b.fill("#login-form", "login", "newcomer").await;
    b.fill("#login-form", "password", "first-pass1").await;
    b.submit("#login-form").await;
    b.wait_text("#login-form [role=alert]", "не активирована")
        .await;
    b.click("#resend-activation").await;
    b.wait_text(".resend [role=status]", "Новое письмо").await;
    assert_eq!(app.mail_count(to), 3);

    // The newest link activates.
    b.goto(&link_from_mail(&app, to, "/activate")).await;
    b.wait_text("body", "активирована").await;

    // Вход: a missing password is the field to fix.
    b.goto(&app.url("/login")).await;
    b.fill("#login-form", "login", "newcomer").await;
    b.submit("#login-form").await;
    b.wait_focus("password").await;
    b.fill("#login-form", "password", "first-pass1").await;
    b.submit("#login-form").await;
    // A resident lands on the accounts, and so does the site's address; the profile is
    // one click away.
    b.wait_path("/accounts").await;
    b.goto(&app.url("/")).await;
    b.wait_path("/accounts").await;
    b.wait_text("main", "Лицевые счета ещё не добавлены").await;
    b.find("a[href=\"/profile\"]").await.click().await.unwrap();
    b.wait_text("#profile-view", "Смирнова Ольга Петровна")
        .await;
    b.fits_the_screen("Мой профиль").await;

    // The footer: who answers for the data, the support's contacts, the © line.
    let footer = b.wait_text("footer", "управляющие организации").await;
    assert!(footer.contains("© 20"), "{footer}");
    assert_eq!(
        b.attr("footer [data-test=support-email]", "href").await,
        "mailto:support@domkom.local"
    );
    assert_eq!(
        b.attr("footer [data-test=support-phone]", "href").await,
        "tel:88005553535"
    );

    // Мой профиль: edit.
    b.fill("#profile-form", "full_name", "Смирнова Ольга Ивановна")
        .await;
    b.fill("#profile-form", "phone", "+7 912 000-33-44").await;
    b.submit("#profile-form").await;
    b.wait_text("#profile-view", "Смирнова Ольга Ивановна")
        .await;

    // The current password again is refused at the new one's field.
    b.fill("#password-form", "current_password", "first-pass1")
        .await;
    b.fill("#password-form", "new_password", "first-pass1")
        .await;
    b.fill("#password-form", "new_password_confirm", "first-pass1")
        .await;
    b.submit("#password-form").await;
    b.wait_text("#new_password-error", "совпадает").await;
    b.wait_focus("new_password").await;

    // Change the password.
    b.fill("#password-form", "new_password", "second-pass2")
        .await;
    b.fill("#password-form", "new_password_confirm", "second-pass2")
        .await;
    b.submit("#password-form").await;
    b.wait_text("#password-form [role=status]", "Пароль изменён")
        .await;

    // Sign out, then in again with the new password.
    b.find("#logout").await.click().await.unwrap();
    b.wait_path("/login").await;
    b.fill("#login-form", "login", "newcomer@example.ru").await;
    b.fill("#login-form", "password", "second-pass2").await;
    b.submit("#login-form").await;
    b.wait_path("/accounts").await;
    b.goto(&app.url("/profile")).await;
    b.wait_text("#profile-view", "+7 912 000-33-44").await;

    // What the browser did is what the server holds.
    let api = app.new_client();
    api.login("newcomer", "second-pass2").await.unwrap();
    assert_eq!(api.me().await.unwrap().full_name, "Смирнова Ольга Ивановна");

    // The same login again: the API's field error is shown at the field, which gets the
    // focus.
    b.find("#logout").await.click().await.unwrap();
    b.wait_path("/login").await;
    b.goto(&app.url("/register")).await;
    b.fill(form, "login", "NEWCOMER").await;
    b.fill(form, "email", "other@example.ru").await;
    b.fill(form, "full_name", "Другой Человек").await;
    b.fill(form, "phone", "+7 912 000-55-66").await;
    b.fill(form, "password", "first-pass1").await;
    b.fill(form, "password_confirm", "first-pass1").await;
    b.submit(form).await;
    b.wait_text("#login-error", "занят").await;
    b.wait_focus("login").await;

    browser.close().await;
}
