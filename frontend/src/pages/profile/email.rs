//! The form that changes the e-mail: a link goes to the new address, and until it is
//! followed the current one stays (the pending change is shown above the form).

use crate::components::field::{passed, Field};
use crate::components::form::{renamed, FormAlert, FormState, SubmitButton};
use crate::session::use_session;
use domkom_dto::{rules, ChangeEmail, FieldError};
use leptos::prelude::*;

/// The form calls the password `email_password`: the page has other password fields.
const RENAME: &[(&str, &str)] = &[("password", "email_password")];

/// The change the form asks for (the address trimmed), or what to fix.
fn email_change(new_email: &str, password: String) -> Result<ChangeEmail, Vec<FieldError>> {
    let change = ChangeEmail {
        new_email: new_email.trim().to_owned(),
        password,
    };
    let problems = renamed(rules::check_change_email(&change), RENAME);
    passed(change, problems)
}

#[component]
pub fn EmailForm() -> impl IntoView {
    let session = use_session();
    let new_email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = FormState::renaming(RENAME);
    let waiting = move || session.user().and_then(|u| u.pending_email);

    let submit = form.on_submit(
        move || email_change(&new_email.get_untracked(), password.get_untracked()),
        async move |change: ChangeEmail| {
            let user = session
                .authorized(async |c| {
                    c.change_email(&change.new_email, &change.password).await?;
                    c.me().await
                })
                .await?;
            // The profile now shows where the letter went.
            session.set_user(user);
            new_email.set(String::new());
            password.set(String::new());
            Ok(())
        },
    );
    let errors = form.errors;

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
            <FormAlert message=form.alert />
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
                pending=form.pending
                id="email-save"
            />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::email_change;
    use crate::components::field::refusals;
    use domkom_dto::ChangeEmail;

    #[test]
    fn the_new_address_with_the_password_is_the_change() {
        assert_eq!(
            email_change(" Mover.New@Example.ru ", "first-pass1".into()),
            Ok(ChangeEmail {
                new_email: "Mover.New@Example.ru".into(),
                password: "first-pass1".into(),
            })
        );
    }

    #[test]
    fn each_bad_input_is_told_at_its_field() {
        assert_eq!(
            refusals(email_change("mover.new", String::new())),
            [
                (
                    "new_email".to_owned(),
                    "Введите адрес электронной почты, например ivanov@mail.ru".to_owned()
                ),
                ("email_password".to_owned(), "Введите пароль".to_owned()),
            ]
        );
    }
}
