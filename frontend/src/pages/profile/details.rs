//! The form that edits the name and the phone.

use crate::components::field::{collect, passed, Field};
use crate::components::form::{FormAlert, FormState, FormStatus, SubmitButton};
use crate::session::use_session;
use domkom_dto::{rules, FieldError, UpdateProfile};
use leptos::prelude::*;

/// The changes the form sends (trimmed), or what to fix.
fn profile_changes(full_name: &str, phone: &str) -> Result<UpdateProfile, Vec<FieldError>> {
    let (full_name, phone) = (full_name.trim(), phone.trim());
    let problems = collect([
        rules::check_full_name(full_name),
        rules::check_phone("phone", phone),
    ]);
    let changes = UpdateProfile {
        full_name: Some(full_name.to_owned()),
        phone: Some(phone.to_owned()),
    };
    passed(changes, problems)
}

#[component]
pub fn ProfileForm() -> impl IntoView {
    let session = use_session();
    let (name_now, phone_now) = session
        .user_untracked()
        .map(|u| (u.full_name, u.phone))
        .unwrap_or_default();
    let full_name = RwSignal::new(name_now);
    let phone = RwSignal::new(phone_now);
    let form = FormState::default();

    let submit = form.on_submit(
        move || profile_changes(&full_name.get_untracked(), &phone.get_untracked()),
        async move |changes: UpdateProfile| {
            let user = session
                .authorized(async |c| c.update_me(&changes).await)
                .await?;
            full_name.set(user.full_name.clone());
            phone.set(user.phone.clone());
            session.set_user(user);
            form.status.set(Some("Изменения сохранены.".into()));
            Ok(())
        },
    );
    let errors = form.errors;

    view! {
        <form id="profile-form" class="card form" novalidate on:submit=submit aria-labelledby="profile-form-title">
            <h2 id="profile-form-title">"Изменить данные"</h2>
            <FormAlert message=form.alert />
            <FormStatus message=form.status />
            <Field name="full_name" label="ФИО" value=full_name errors=errors autocomplete="name" />
            <Field
                name="phone"
                label="Телефон"
                kind="tel"
                value=phone
                errors=errors
                autocomplete="tel"
            />
            <SubmitButton label="Сохранить" busy_label="Сохраняем…" pending=form.pending id="profile-save" />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::profile_changes;
    use crate::components::field::refusals;
    use domkom_dto::UpdateProfile;

    #[test]
    fn the_changes_are_trimmed() {
        assert_eq!(
            profile_changes(" Смирнова Ольга Ивановна ", " +7 912 000-33-44 "),
            Ok(UpdateProfile {
                full_name: Some("Смирнова Ольга Ивановна".into()),
                phone: Some("+7 912 000-33-44".into()),
            })
        );
    }

    #[test]
    fn each_bad_input_is_told_at_its_field() {
        assert_eq!(
            refusals(profile_changes(" ", "+7 912 000-33-44")),
            [("full_name".to_owned(), "Заполните это поле".to_owned())]
        );
        assert_eq!(
            refusals(profile_changes(&"Я".repeat(201), "+7 912 000-33-44")),
            [("full_name".to_owned(), "Не более 200 символов".to_owned())]
        );
        assert_eq!(
            refusals(profile_changes("Смирнова Ольга", "912-00")),
            [(
                "phone".to_owned(),
                "Введите номер телефона, например +7 912 345-67-89".to_owned()
            )]
        );
    }
}
