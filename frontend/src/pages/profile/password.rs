//! The form that changes the password; the current one proves it is the owner.

use crate::components::field::{collect, confirmation, required, Field, FieldErrors};
use crate::components::form::{report, FormAlert, FormStatus, SubmitButton, CHECK_FIELDS};
use crate::session::use_session;
use domkom_dto::rules;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn PasswordForm() -> impl IntoView {
    let session = use_session();
    let current_password = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let new_password_confirm = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let alert = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let current = current_password.get_untracked();
        let new = new_password.get_untracked();
        let problems = collect([
            required("current_password", &current),
            rules::check_new_password(&current, &new),
            confirmation(
                "new_password_confirm",
                &new,
                &new_password_confirm.get_untracked(),
            ),
        ]);
        alert.set((!problems.is_empty()).then(|| CHECK_FIELDS.to_owned()));
        errors.set(problems);
        status.set(None);
        if alert.get_untracked().is_some() {
            return;
        }
        pending.set(true);
        spawn_local(async move {
            match session
                .authorized(async |c| c.change_password(&current, &new).await)
                .await
            {
                Ok(_) => {
                    for input in [current_password, new_password, new_password_confirm] {
                        input.set(String::new());
                    }
                    status.set(Some("Пароль изменён.".into()));
                }
                Err(e) => alert.set(Some(report(&e, errors, &[]))),
            }
            pending.set(false);
        });
    };

    view! {
        <form
            id="password-form"
            class="card form"
            novalidate
            on:submit=submit
            aria-labelledby="password-form-title"
        >
            <h2 id="password-form-title">"Сменить пароль"</h2>
            <FormAlert message=alert />
            <FormStatus message=status />
            <Field
                name="current_password"
                label="Текущий пароль"
                kind="password"
                value=current_password
                errors=errors
                autocomplete="current-password"
            />
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
            <SubmitButton
                label="Сменить пароль"
                busy_label="Меняем…"
                pending=pending
                id="password-save"
            />
        </form>
    }
}
