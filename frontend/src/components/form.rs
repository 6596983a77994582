//! What every form shares: the submit button's busy state, the messages above it, and
//! the way from the inputs through their check to the request.

use super::field::FieldErrors;
use domkom_client::Error;
use domkom_dto::{ErrorCode, FieldError};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A form's state besides its inputs: the errors at the fields, the message above them,
/// the note of success and whether the request runs.
#[derive(Clone, Copy)]
pub struct FormState {
    pub errors: FieldErrors,
    pub alert: RwSignal<Option<String>>,
    pub status: RwSignal<Option<String>>,
    pub pending: RwSignal<bool>,
    /// The server's field names that the form's inputs call differently (see `report`).
    rename: &'static [(&'static str, &'static str)],
}

impl Default for FormState {
    fn default() -> Self {
        Self::renaming(&[])
    }
}

impl FormState {
    /// A form whose inputs are named differently from the request's fields.
    pub fn renaming(rename: &'static [(&'static str, &'static str)]) -> Self {
        Self {
            errors: FieldErrors::default(),
            alert: RwSignal::new(None),
            status: RwSignal::new(None),
            pending: RwSignal::new(false),
            rename,
        }
    }

    /// The form's submit handler. `collect` reads the inputs into the request or the
    /// errors to show at the fields; a request goes to `send`, and an error it returns
    /// is shown at the fields and above them. A submit while the request runs is ignored.
    pub fn on_submit<R, C, S>(self, collect: C, send: S) -> impl Fn(SubmitEvent) + Clone
    where
        R: 'static,
        C: Fn() -> Result<R, Vec<FieldError>> + Clone + 'static,
        S: AsyncFn(R) -> domkom_client::Result<()> + Clone + 'static,
    {
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if self.pending.get_untracked() {
                return;
            }
            let collected = collect();
            self.alert
                .set(collected.is_err().then(|| CHECK_FIELDS.to_owned()));
            self.status.set(None);
            let request = match collected {
                Ok(request) => {
                    self.errors.set(Vec::new());
                    request
                }
                Err(problems) => {
                    self.errors.set(problems);
                    return;
                }
            };
            self.pending.set(true);
            let send = send.clone();
            spawn_local(async move {
                if let Err(e) = send(request).await {
                    self.alert.set(Some(report(&e, self.errors, self.rename)));
                }
                self.pending.set(false);
            });
        }
    }
}

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
        let field_errors = renamed(problem.errors.clone(), rename);
        // The message is beside the field; the alert only points there.
        if !field_errors.is_empty() {
            fields.set(field_errors);
            return CHECK_FIELDS.to_owned();
        }
    }
    describe(error)
}

/// The errors with the fields named in `rename` (from, to) called by their new names.
pub fn renamed(errors: Vec<FieldError>, rename: &[(&str, &str)]) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            if let Some((_, to)) = rename.iter().find(|(from, _)| *from == e.field) {
                e.field = (*to).to_owned();
            }
            e
        })
        .collect()
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
        Error::Api(_) | Error::Encode(_) => error.message(),
    }
}

/// The message when a client-side check finds problems.
pub const CHECK_FIELDS: &str = "Проверьте выделенные поля.";
