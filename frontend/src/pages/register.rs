//! «Регистрация»: a new resident's account, activated by a link sent to the e-mail.

use super::activate::ResendLetter;
use crate::components::field::{confirmation, Field, FieldErrors};
use crate::components::form::{report, FormAlert, SubmitButton, CHECK_FIELDS};
use crate::components::page::Page;
use domkom_dto::{rules, Register};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::session::use_session;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let session = use_session();
    let login = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let full_name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let password_confirm = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    // The address the activation letter went to, once registered.
    let sent_to = RwSignal::new(None::<String>);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let form = Register {
            login: login.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            full_name: full_name.get_untracked().trim().to_owned(),
            phone: phone.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        let mut problems = rules::check_register(&form);
        problems.extend(confirmation(
            "password_confirm",
            &form.password,
            &password_confirm.get_untracked(),
        ));
        alert.set((!problems.is_empty()).then(|| CHECK_FIELDS.to_owned()));
        errors.set(problems);
        if alert.get_untracked().is_some() {
            return;
        }
        pending.set(true);
        spawn_local(async move {
            match session.client().register(&form).await {
                Ok(_) => sent_to.set(Some(form.email)),
                Err(e) => alert.set(Some(report(&e, errors, &[]))),
            }
            pending.set(false);
        });
    };

    let registered = move || sent_to.get().is_some();
    view! {
        <Page title="Регистрация" class="page page-narrow">
            <Show
                when=registered
                fallback=move || {
                    view! {
                        <form id="register-form" class="card form" novalidate on:submit=submit>
                            <FormAlert message=alert />
                            <Field
                                name="login"
                                label="Логин"
                                value=login
                                errors=errors
                                autocomplete="username"
                                hint="От 3 до 32 символов: латинские буквы, цифры, точка, дефис, подчёркивание"
                            />
                            <Field
                                name="email"
                                label="E-mail"
                                kind="email"
                                value=email
                                errors=errors
                                autocomplete="email"
                                hint="На него придёт ссылка для активации"
                            />
                            <Field
                                name="full_name"
                                label="ФИО"
                                value=full_name
                                errors=errors
                                autocomplete="name"
                            />
                            <Field
                                name="phone"
                                label="Телефон"
                                kind="tel"
                                value=phone
                                errors=errors
                                autocomplete="tel"
                                hint="Например, +7 912 345-67-89"
                            />
                            <Field
                                name="password"
                                label="Пароль"
                                kind="password"
                                value=password
                                errors=errors
                                autocomplete="new-password"
                                hint="Не короче 8 символов, хотя бы одна буква и одна цифра"
                            />
                            <Field
                                name="password_confirm"
                                label="Повторите пароль"
                                kind="password"
                                value=password_confirm
                                errors=errors
                                autocomplete="new-password"
                            />
                            <SubmitButton
                                label="Зарегистрироваться"
                                busy_label="Регистрируем…"
                                pending=pending
                            />
                        </form>
                        <p class="after-form">
                            "Уже зарегистрированы? " <A href="/login">"Войти"</A>
                        </p>
                    }
                }
            >
                <div class="card">
                    <p class="notice notice-success" role="status">
                        "Почти готово! Мы отправили письмо со ссылкой для активации на "
                        <strong>{move || sent_to.get().unwrap_or_default()}</strong>
                        ". Перейдите по ссылке из письма, чтобы активировать учётную запись."
                    </p>
                    <p class="muted">
                        "Письмо не пришло? Проверьте папку «Спам» — ссылка действует 24 часа. Или отправьте письмо ещё раз:"
                    </p>
                    <ResendLetter login=Signal::derive(move || sent_to.get().unwrap_or_default()) />
                    <p>
                        <A href="/login">"Перейти ко входу"</A>
                    </p>
                </div>
            </Show>
        </Page>
    }
}
