//! A newcomer's first visit, as a person would do it on a phone-sized screen.

use crate::browser::{spawn_app, Browser};
use crate::helpers;

#[tokio::test]
async fn register_activate_sign_in_edit_change_password_sign_out_sign_in() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = spawn_app().await;
    let b = &browser;

    // Регистрация.
    b.goto(&app.url("/register")).await;
    let form = "#register-form";
    b.fill(form, "login", "newcomer").await;
    b.fill(form, "email", "Newcomer@Example.ru").await;
    b.fill(form, "full_name", "Смирнова Ольга Петровна").await;
    b.fill(form, "phone", "+7 912 000-11-22").await;
    b.fill(form, "password", "first-pass1").await;
    b.fill(form, "password_confirm", "first-pass1").await;
    b.submit(form).await;
    b.wait_text("[role=status]", "письмо").await;

    // The link from the letter in the outbox.
    let outbox = app.data_dir.path().join("outbox");
    let letter = helpers::letters(&outbox)
        .pop()
        .expect("the activation letter");
    let start = letter
        .find(&app.url("/activate?token="))
        .expect("a link to this server");
    let link: String = letter[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '"' && *c != '<')
        .collect();
    b.goto(&link).await;
    b.wait_text("body", "активирована").await;

    // Вход.
    b.goto(&app.url("/login")).await;
    b.fill("#login-form", "login", "newcomer").await;
    b.fill("#login-form", "password", "first-pass1").await;
    b.submit("#login-form").await;
    // A resident lands on the accounts; the profile is one click away.
    b.wait_path("/accounts").await;
    b.find("a[href=\"/profile\"]").await.click().await.unwrap();
    b.wait_text("#profile-view", "Смирнова Ольга Петровна")
        .await;

    // Мой профиль: edit.
    b.fill("#profile-form", "full_name", "Смирнова Ольга Ивановна")
        .await;
    b.fill("#profile-form", "phone", "+7 912 000-33-44").await;
    b.submit("#profile-form").await;
    b.wait_text("#profile-view", "Смирнова Ольга Ивановна")
        .await;

    // Change the password.
    b.fill("#password-form", "current_password", "first-pass1")
        .await;
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

    // The same login again: the API's field error is shown at the field.
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

    browser.close().await;
}
