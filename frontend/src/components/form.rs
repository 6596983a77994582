//! What every form shares: the submit button's busy state and the messages above it.

use super::field::FieldErrors;
use domkom_client::Error;
use domkom_dto::{ErrorCode, FieldError};
use leptos::prelude::*;

/// A submit button that is disabled and says `busy_label` while the request runs.
#[component]
pub fn SubmitButton(
    label: &'static str,
    busy_label: &'static str,
    pending: RwSignal<bool>,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(default = "button")] class: &'static str,
) -> impl IntoView {
    view! {
        <button
            type="submit"
            id=id
            class=class
            disabled=move || pending.get()
            aria-busy=move || pending.get().then_some("true")
        >
            {move || if pending.get() { busy_label } else { label }}
        </button>
    }
}

/// The form's error, announced with `role="alert"` when it appears.
#[component]
pub fn FormAlert(message: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|text| view! { <p class="notice notice-error" role="alert">{text}</p> })
    }
}

/// A success message, announced with `role="status"`.
#[component]
pub fn FormStatus(message: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|text| view! { <p class="notice notice-success" role="status">{text}</p> })
    }
}

/// Puts a failed request's field errors beside their fields (renaming the server's field
/// names with `rename` where the form's inputs are called differently) and returns the
/// message for the whole form.
pub fn report(error: &Error, fields: FieldErrors, rename: &[(&str, &str)]) -> String {
    if let Some(problem) = error.problem() {
        let field_errors: Vec<FieldError> = problem
            .errors
            .iter()
            .cloned()
            .map(|mut e| {
                if let Some((_, to)) = rename.iter().find(|(from, _)| *from == e.field) {
                    e.field = (*to).to_owned();
                }
                e
            })
            .collect();
        // The message is beside the field; the alert only points there.
        if !field_errors.is_empty() {
            fields.set(field_errors);
            return CHECK_FIELDS.to_owned();
        }
    }
    describe(error)
}

/// A message for a person about a failed request.
pub fn describe(error: &Error) -> String {
    match error {
        Error::Transport(_) => {
            "Не удалось связаться с сервером. Проверьте подключение и попробуйте ещё раз.".into()
        }
        Error::Decode(_) => "Сервер ответил непонятно. Попробуйте ещё раз позже.".into(),
        Error::Api(p) if p.code == ErrorCode::RateLimited => match p.retry_after {
            Some(seconds) => format!(
                "Слишком много попыток. Попробуйте снова через {}.",
                crate::format::wait(seconds).trim_end_matches('.')
            ),
            None if p.detail.is_empty() => {
                "Слишком много попыток. Подождите немного и попробуйте снова.".into()
            }
            None => p.detail.clone(),
        },
        Error::Api(_) => error.message(),
    }
}

/// The message when a client-side check finds problems.
pub const CHECK_FIELDS: &str = "Проверьте выделенные поля.";
