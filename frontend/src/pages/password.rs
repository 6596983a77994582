//! «Восстановление пароля»: ask for a reset link, then set a new password with it.

use crate::components::field::{collect, confirmation, Field, FieldErrors};
use crate::components::form::{report, FormAlert, FormStatus, SubmitButton, CHECK_FIELDS};
use crate::components::page::Page;
use crate::session::use_session;
use domkom_client::dto::ErrorCode;
use domkom_dto::rules;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// `/password/forgot`: the reset link goes to the e-mail.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let session = use_session();
    let email = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let alert = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let address = email.get_untracked().trim().to_owned();
        let problems = collect([rules::check_email("email", &address)]);
        alert.set((!problems.is_empty()).then(|| CHECK_FIELDS.to_owned()));
        errors.set(problems);
        status.set(None);
        if alert.get_untracked().is_some() {
            return;
        }
        pending.set(true);
        spawn_local(async move {
            match session.client().forgot_password(&address).await {
                Ok(_) => status.set(Some(format!(
                    "Если адрес {address} зарегистрирован, на него придёт письмо со ссылкой \
                     для сброса пароля. Ссылка действует 1 час."
                ))),
                Err(e) => alert.set(Some(report(&e, errors, &[]))),
            }
            pending.set(false);
        });
    };

    view! {
        <Page title="Восстановление пароля" class="page page-narrow">
            <form id="forgot-form" class="card form" novalidate on:submit=submit>
                <p class="muted">
                    "Укажите e-mail, с которым вы регистрировались, — мы пришлём ссылку для смены пароля."
                </p>
                <FormAlert message=alert />
                <FormStatus message=status />
                <Field
                    name="email"
                    label="E-mail"
                    kind="email"
                    value=email
                    errors=errors
                    autocomplete="email"
                />
                <SubmitButton label="Отправить ссылку" busy_label="Отправляем…" pending=pending />
            </form>
            <p class="after-form">
                <A href="/login">"Вернуться ко входу"</A>
            </p>
        </Page>
    }
}

/// `/password/reset?token=…`: the link from the reset e-mail.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let session = use_session();
    let token = use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default();
    let new_password = RwSignal::new(String::new());
    let new_password_confirm = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let alert = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let link_broken = RwSignal::new(token.trim().is_empty());

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let password = new_password.get_untracked();
        let problems = collect([
            rules::check_password("new_password", &password),
            confirmation(
                "new_password_confirm",
                &password,
                &new_password_confirm.get_untracked(),
            ),
        ]);
        alert.set((!problems.is_empty()).then(|| CHECK_FIELDS.to_owned()));
        errors.set(problems);
        if alert.get_untracked().is_some() {
            return;
        }
        pending.set(true);
        let token = token.trim().to_owned();
        spawn_local(async move {
            match session.client().reset_password(&token, &password).await {
                Ok(_) => done.set(true),
                Err(e) if e.code() == Some(ErrorCode::TokenInvalid) => link_broken.set(true),
                Err(e) => alert.set(Some(report(&e, errors, &[("password", "new_password")]))),
            }
            pending.set(false);
        });
    };

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
                                <A href="/login" attr:class="button">"Войти"</A>
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
                                <A href="/password/forgot">"Запросить новую ссылку"</A>
                            </p>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <form id="reset-form" class="card form" novalidate on:submit=submit.clone()>
                            <FormAlert message=alert />
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
                            <SubmitButton label="Сохранить пароль" busy_label="Сохраняем…" pending=pending />
                        </form>
                    }
                        .into_any()
                }
            }}
        </Page>
    }
}
