//! The form that edits the name and the phone.

use crate::components::field::{collect, Field, FieldErrors};
use crate::components::form::{report, FormAlert, FormStatus, SubmitButton, CHECK_FIELDS};
use crate::session::use_session;
use domkom_dto::{rules, UpdateProfile};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ProfileForm() -> impl IntoView {
    let session = use_session();
    let (name_now, phone_now) = session
        .user_untracked()
        .map(|u| (u.full_name, u.phone))
        .unwrap_or_default();
    let full_name = RwSignal::new(name_now);
    let phone = RwSignal::new(phone_now);
    let errors = FieldErrors::default();
    let alert = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let changes = UpdateProfile {
            full_name: Some(full_name.get_untracked().trim().to_owned()),
            phone: Some(phone.get_untracked().trim().to_owned()),
        };
        let problems = collect([
            rules::check_full_name(changes.full_name.as_deref().unwrap_or_default()),
            rules::check_phone(changes.phone.as_deref().unwrap_or_default()),
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
                .authorized(async |c| c.update_me(&changes).await)
                .await
            {
                Ok(user) => {
                    full_name.set(user.full_name.clone());
                    phone.set(user.phone.clone());
                    session.set_user(user);
                    status.set(Some("Изменения сохранены.".into()));
                }
                Err(e) => alert.set(Some(report(&e, errors, &[]))),
            }
            pending.set(false);
        });
    };

    view! {
        <form id="profile-form" class="card form" novalidate on:submit=submit aria-labelledby="profile-form-title">
            <h2 id="profile-form-title">"Изменить данные"</h2>
            <FormAlert message=alert />
            <FormStatus message=status />
            <Field name="full_name" label="ФИО" value=full_name errors=errors autocomplete="name" />
            <Field
                name="phone"
                label="Телефон"
                kind="tel"
                value=phone
                errors=errors
                autocomplete="tel"
            />
            <SubmitButton label="Сохранить" busy_label="Сохраняем…" pending=pending id="profile-save" />
        </form>
    }
}
