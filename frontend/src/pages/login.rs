//! «Вход»: sign in by login or e-mail.

use crate::app::{replace, HOME};
use crate::components::field::{collect, required, Field, FieldErrors};
use crate::components::form::{report, FormAlert, SubmitButton, CHECK_FIELDS};
use crate::components::page::Page;
use crate::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_navigate;

const INACTIVE: &str = "Учётная запись ещё не активирована. Подтвердите e-mail: откройте \
                        письмо, которое мы отправили при регистрации, и перейдите по ссылке в нём.";

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    if session.is_signed_in_untracked() {
        return view! { <Redirect path=HOME options=replace() /> }.into_any();
    }
    let navigate = use_navigate();
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let (login_value, password_value) = (login.get_untracked(), password.get_untracked());
        let problems = collect([
            required("login", &login_value),
            required("password", &password_value),
        ]);
        alert.set((!problems.is_empty()).then(|| CHECK_FIELDS.to_owned()));
        errors.set(problems);
        if alert.get_untracked().is_some() {
            return;
        }
        pending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match session.sign_in(login_value.trim(), &password_value).await {
                Ok(()) => {
                    pending.set(false);
                    navigate(HOME, Default::default());
                }
                Err(e) => {
                    let message = if e.code() == Some("account_inactive") {
                        INACTIVE.to_owned()
                    } else {
                        report(&e, errors, &[])
                    };
                    alert.set(Some(message));
                    pending.set(false);
                }
            }
        });
    };

    view! {
        <Page title="Вход" class="page page-narrow">
            <form id="login-form" class="card form" novalidate on:submit=submit>
                <FormAlert message=alert />
                <Field
                    name="login"
                    label="Логин или e-mail"
                    value=login
                    errors=errors
                    autocomplete="username"
                />
                <Field
                    name="password"
                    label="Пароль"
                    kind="password"
                    value=password
                    errors=errors
                    autocomplete="current-password"
                />
                <SubmitButton label="Войти" busy_label="Входим…" pending=pending />
                <p class="form-links">
                    <A href="/password/forgot">"Забыли пароль?"</A>
                </p>
            </form>
            <p class="after-form">
                "Впервые здесь? " <A href="/register">"Зарегистрироваться"</A>
            </p>
        </Page>
    }
    .into_any()
}
