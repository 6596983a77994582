//! The form that changes the e-mail: a link goes to the new address, and until it is
//! followed the current one stays (the pending change is shown above the form).

use crate::components::field::{Field, FieldErrors};
use crate::components::form::{report, FormAlert, SubmitButton, CHECK_FIELDS};
use crate::session::use_session;
use domkom_dto::{rules, ChangeEmail};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn EmailForm() -> impl IntoView {
    let session = use_session();
    let new_email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let waiting = move || session.user().and_then(|u| u.pending_email);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let form = ChangeEmail {
            new_email: new_email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        // The form calls the password `email_password`: the page has other password fields.
        let problems: Vec<_> = rules::check_change_email(&form)
            .into_iter()
            .map(|mut e| {
                if e.field == "password" {
                    e.field = "email_password".into();
                }
                e
            })
            .collect();
        alert.set((!problems.is_empty()).then(|| CHECK_FIELDS.to_owned()));
        errors.set(problems);
        if alert.get_untracked().is_some() {
            return;
        }
        pending.set(true);
        spawn_local(async move {
            let asked = session
                .authorized(async |c| {
                    c.change_email(&form.new_email, &form.password).await?;
                    c.me().await
                })
                .await;
            match asked {
                // The profile now shows where the letter went.
                Ok(user) => {
                    session.set_user(user);
                    new_email.set(String::new());
                    password.set(String::new());
                }
                Err(e) => {
                    let rename = [("password", "email_password")];
                    alert.set(Some(report(&e, errors, &rename)));
                }
            }
            pending.set(false);
        });
    };

    view! {
        <form
            id="email-form"
            class="card form"
            novalidate
            on:submit=submit
            aria-labelledby="email-form-title"
        >
            <h2 id="email-form-title">"Сменить e-mail"</h2>
            <p class="muted">
                "На новый адрес придёт письмо со ссылкой. Адрес сменится, когда вы перейдёте по ней; до этого вход и восстановление пароля работают с прежним."
            </p>
            {move || {
                waiting()
                    .map(|address| {
                        view! {
                            <p class="notice notice-info" role="status" data-test="pending-email">
                                "Письмо для подтверждения отправлено на "
                                <strong>{address}</strong>
                                ". Перейдите по ссылке из него, войдя в кабинет."
                            </p>
                        }
                    })
            }}
            <FormAlert message=alert />
            <Field
                name="new_email"
                label="Новый e-mail"
                kind="email"
                value=new_email
                errors=errors
                autocomplete="email"
            />
            <Field
                name="email_password"
                label="Пароль"
                kind="password"
                value=password
                errors=errors
                autocomplete="current-password"
                hint="Для подтверждения, что это вы"
            />
            <SubmitButton
                label="Отправить ссылку"
                busy_label="Отправляем…"
                pending=pending
                id="email-save"
            />
        </form>
    }
}
