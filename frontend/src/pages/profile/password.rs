//! The form that changes the password; the current one proves it is the owner.

use crate::components::field::{collect, confirmation, passed, required, Field};
use crate::components::form::{FormAlert, FormState, FormStatus, SubmitButton};
use crate::session::use_session;
use domkom_dto::{rules, ChangePassword, FieldError};
use leptos::prelude::*;

/// The change the form asks for, or what to fix.
fn password_change(
    current: String,
    new: String,
    new_confirm: &str,
) -> Result<ChangePassword, Vec<FieldError>> {
    let problems = collect([
        required("current_password", &current),
        rules::check_new_password(&current, &new),
        confirmation("new_password_confirm", &new, new_confirm),
    ]);
    let change = ChangePassword {
        current_password: current,
        new_password: new,
    };
    passed(change, problems)
}

#[component]
pub fn PasswordForm() -> impl IntoView {
    let session = use_session();
    let current_password = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let new_password_confirm = RwSignal::new(String::new());
    let form = FormState::default();

    let submit = form.on_submit(
        move || {
            password_change(
                current_password.get_untracked(),
                new_password.get_untracked(),
                &new_password_confirm.get_untracked(),
            )
        },
        async move |change: ChangePassword| {
            session
                .authorized(async |c| {
                    c.change_password(&change.current_password, &change.new_password)
                        .await
                })
                .await?;
            for input in [current_password, new_password, new_password_confirm] {
                input.set(String::new());
            }
            form.status.set(Some("Пароль изменён.".into()));
            Ok(())
        },
    );
    let errors = form.errors;

    view! {
        <form
            id="password-form"
            class="card form"
            novalidate
            on:submit=submit
            aria-labelledby="password-form-title"
        >
            <h2 id="password-form-title">"Сменить пароль"</h2>
            <FormAlert message=form.alert />
            <FormStatus message=form.status />
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
                pending=form.pending
                id="password-save"
            />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::password_change;
    use crate::components::field::refusals;
    use domkom_dto::ChangePassword;

    fn change(current: &str, new: &str, confirm: &str) -> Vec<(String, String)> {
        refusals(password_change(current.into(), new.into(), confirm))
    }

    fn one(field: &str, message: &str) -> Vec<(String, String)> {
        vec![(field.to_owned(), message.to_owned())]
    }

    #[test]
    fn a_new_password_typed_twice_is_the_change() {
        assert_eq!(
            password_change("first-pass1".into(), "second-pass2".into(), "second-pass2"),
            Ok(ChangePassword {
                current_password: "first-pass1".into(),
                new_password: "second-pass2".into(),
            })
        );
    }

    #[test]
    fn each_bad_input_is_told_at_its_field() {
        assert_eq!(
            change("", "second-pass2", "second-pass2"),
            one("current_password", "Заполните это поле")
        );
        assert_eq!(
            change("first-pass1", "first-pass1", "first-pass1"),
            one(
                "new_password",
                "Новый пароль совпадает с текущим — придумайте другой"
            )
        );
        assert_eq!(
            change("first-pass1", "short1", "short1"),
            one(
                "new_password",
                "Пароль — от 8 до 128 символов, хотя бы одна буква и одна цифра"
            )
        );
        assert_eq!(
            change("first-pass1", "second-pass2", "second-pass3"),
            one("new_password_confirm", "Пароли не совпадают")
        );
        assert_eq!(
            change("first-pass1", "second-pass2", ""),
            one("new_password_confirm", "Заполните это поле")
        );
    }
}
