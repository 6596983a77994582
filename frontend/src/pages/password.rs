//! «Восстановление пароля»: ask for a reset link, then set a new password with it.

use crate::components::field::{collect, confirmation, passed, Field};
use crate::components::form::{FormAlert, FormState, FormStatus, SubmitButton};
use crate::components::page::Page;
use crate::navigation::{use_navigation, Link};
use crate::session::use_session;
use domkom_client::dto::ErrorCode;
use domkom_dto::{rules, FieldError};
use leptos::prelude::*;

/// The address the reset link goes to (trimmed), or what to fix.
fn reset_address(email: &str) -> Result<String, Vec<FieldError>> {
    let address = email.trim();
    passed(
        address.to_owned(),
        collect([rules::check_email("email", address)]),
    )
}

/// The new password, or what to fix.
fn checked_password(password: String, confirm: &str) -> Result<String, Vec<FieldError>> {
    let problems = collect([
        rules::check_password("new_password", &password),
        confirmation("new_password_confirm", &password, confirm),
    ]);
    passed(password, problems)
}

/// `/password/forgot`: the reset link goes to the e-mail.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let session = use_session();
    let email = RwSignal::new(String::new());
    let form = FormState::default();

    let submit = form.on_submit(
        move || reset_address(&email.get_untracked()),
        async move |address: String| {
            session.client().forgot_password(&address).await?;
            form.status.set(Some(format!(
                "Если адрес {address} зарегистрирован, на него придёт письмо со ссылкой \
                 для сброса пароля. Ссылка действует 1 час."
            )));
            Ok(())
        },
    );
    let errors = form.errors;

    view! {
        <Page title="Восстановление пароля" class="page page-narrow">
            <form id="forgot-form" class="card form" novalidate on:submit=submit>
                <p class="muted">
                    "Укажите e-mail, с которым вы регистрировались, — мы пришлём ссылку для смены пароля."
                </p>
                <FormAlert message=form.alert />
                <FormStatus message=form.status />
                <Field
                    name="email"
                    label="E-mail"
                    kind="email"
                    value=email
                    errors=errors
                    autocomplete="email"
                />
                <SubmitButton label="Отправить ссылку" busy_label="Отправляем…" pending=form.pending />
            </form>
            <p class="after-form">
                <Link href="/login">"Вернуться ко входу"</Link>
            </p>
        </Page>
    }
}

/// `/password/reset?token=…`: the link from the reset e-mail.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let session = use_session();
    let token = use_navigation()
        .query_untracked("token")
        .unwrap_or_default();
    let new_password = RwSignal::new(String::new());
    let new_password_confirm = RwSignal::new(String::new());
    let form = FormState::renaming(&[("password", "new_password")]);
    let done = RwSignal::new(false);
    let link_broken = RwSignal::new(token.trim().is_empty());

    let submit = form.on_submit(
        move || {
            checked_password(
                new_password.get_untracked(),
                &new_password_confirm.get_untracked(),
            )
        },
        async move |password: String| {
            match session
                .client()
                .reset_password(token.trim(), &password)
                .await
            {
                Ok(_) => done.set(true),
                Err(e) if e.code() == Some(ErrorCode::TokenInvalid) => link_broken.set(true),
                Err(e) => return Err(e),
            }
            Ok(())
        },
    );
    let errors = form.errors;

    view! {
        <Page title="Новый пароль" class="page page-narrow">
            {move || {
                if done.get() {
                    view! {
                        <div class="card">
                            <p class="notice notice-success" role="status">
                                "Пароль изменён. Войдите с новым паролем."
                            </p>
                            <p>
                                <Link href="/login" class="button">"Войти"</Link>
                            </p>
                        </div>
                    }
                        .into_any()
                } else if link_broken.get() {
                    view! {
                        <div class="card">
                            <p class="notice notice-error" role="alert">
                                "Ссылка для сброса пароля недействительна или устарела."
                            </p>
                            <p>
                                <Link href="/password/forgot">"Запросить новую ссылку"</Link>
                            </p>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <form id="reset-form" class="card form" novalidate on:submit=submit.clone()>
                            <FormAlert message=form.alert />
                            <Field
                                name="new_password"
                                label="Новый пароль"
                                kind="password"
                                value=new_password
                                errors=errors
                                autocomplete="new-password"
                                hint="Не короче 8 символов, хотя бы одна буква и одна цифра"
                            />
                            <Field
                                name="new_password_confirm"
                                label="Повторите новый пароль"
                                kind="password"
                                value=new_password_confirm
                                errors=errors
                                autocomplete="new-password"
                            />
                            <SubmitButton label="Сохранить пароль" busy_label="Сохраняем…" pending=form.pending />
                        </form>
                    }
                        .into_any()
                }
            }}
        </Page>
    }
}

#[cfg(test)]
mod tests {
    use super::{checked_password, reset_address};
    use crate::components::field::refusals;

    #[test]
    fn the_address_is_trimmed_and_must_be_one() {
        assert_eq!(
            reset_address(" ivanov@mail.ru "),
            Ok("ivanov@mail.ru".to_owned())
        );
        assert_eq!(
            refusals(reset_address("ivanov")),
            [(
                "email".to_owned(),
                "Введите адрес электронной почты, например ivanov@mail.ru".to_owned()
            )]
        );
    }

    #[test]
    fn the_new_password_follows_the_policy_and_is_typed_twice() {
        assert_eq!(
            checked_password("second-pass2".into(), "second-pass2"),
            Ok("second-pass2".to_owned())
        );
        assert_eq!(
            refusals(checked_password("secondpass".into(), "secondpass")),
            [(
                "new_password".to_owned(),
                "Пароль — от 8 до 128 символов, хотя бы одна буква и одна цифра".to_owned()
            )]
        );
        assert_eq!(
            refusals(checked_password("second-pass2".into(), "second-pass")),
            [(
                "new_password_confirm".to_owned(),
                "Пароли не совпадают".to_owned()
            )]
        );
    }
}
