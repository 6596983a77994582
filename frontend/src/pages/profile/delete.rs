//! The form that deletes the profile: the password, then an explicit confirmation.

use crate::components::field::{collect, required, Field, FieldErrors};
use crate::components::form::{report, FormAlert, CHECK_FIELDS};
use crate::navigation::use_navigation;
use crate::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What «Вход» says after the profile is gone.
const DELETED: &str = "Профиль удалён вместе с личными данными. Чтобы снова пользоваться \
                       кабинетом, зарегистрируйтесь заново.";

#[component]
pub fn DeleteForm() -> impl IntoView {
    let session = use_session();
    let navigation = use_navigation();
    let password = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    // The first submit asks "are you sure?"; the second one deletes.
    let confirming = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let secret = password.get_untracked();
        let problems = collect([required("delete_password", &secret)]);
        alert.set((!problems.is_empty()).then(|| CHECK_FIELDS.to_owned()));
        errors.set(problems);
        if alert.get_untracked().is_some() {
            confirming.set(false);
            return;
        }
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        pending.set(true);
        spawn_local(async move {
            match session
                .authorized(async |c| c.delete_me(&secret).await)
                .await
            {
                Ok(()) => {
                    pending.set(false);
                    // Also drops the refresh cookie, should the server have kept it.
                    session.sign_out_saying(DELETED).await;
                    navigation.replace("/login");
                }
                Err(e) => {
                    confirming.set(false);
                    let rename = [("password", "delete_password")];
                    alert.set(Some(report(&e, errors, &rename)));
                    pending.set(false);
                }
            }
        });
    };

    view! {
        <form
            id="delete-form"
            class="card form danger-zone"
            novalidate
            on:submit=submit
            aria-labelledby="delete-form-title"
        >
            <h2 id="delete-form-title">"Удалить профиль"</h2>
            <p class="muted">
                "Профиль и личные данные будут удалены без возможности восстановления. Для подтверждения введите пароль."
            </p>
            <FormAlert message=alert />
            <Field
                name="delete_password"
                label="Пароль"
                kind="password"
                value=password
                errors=errors
                autocomplete="current-password"
            />
            <DeleteButtons confirming pending />
        </form>
    }
}

/// «Удалить профиль», then the question with «Да, удалить» (which gets the focus) and
/// «Отмена».
#[component]
fn DeleteButtons(confirming: RwSignal<bool>, pending: RwSignal<bool>) -> impl IntoView {
    let confirm_button = NodeRef::<html::Button>::new();
    Effect::new(move || {
        if confirming.get() {
            if let Some(button) = confirm_button.get() {
                let _ = button.focus();
            }
        }
    });
    view! {
        <Show
            when=move || confirming.get()
            fallback=move || {
                view! {
                    <button type="submit" id="delete-submit" class="button button-danger">
                        "Удалить профиль"
                    </button>
                }
            }
        >
            <div class="confirm" role="group" aria-labelledby="delete-confirm-question">
                <p id="delete-confirm-question" class="confirm-question">
                    "Точно удалить профиль? Это действие нельзя отменить."
                </p>
                <div class="button-row">
                    <button
                        type="submit"
                        id="delete-confirm"
                        class="button button-danger"
                        node_ref=confirm_button
                        disabled=move || pending.get()
                    >
                        {move || if pending.get() { "Удаляем…" } else { "Да, удалить" }}
                    </button>
                    <button
                        type="button"
                        id="delete-cancel"
                        class="button button-quiet"
                        disabled=move || pending.get()
                        on:click=move |_| confirming.set(false)
                    >
                        "Отмена"
                    </button>
                </div>
            </div>
        </Show>
    }
}
