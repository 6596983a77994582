//! A labelled input with its error message beside it.

use domkom_dto::FieldError;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The field errors of one form, shown next to their inputs.
#[derive(Clone, Copy)]
pub struct FieldErrors(RwSignal<Vec<FieldError>>);

impl Default for FieldErrors {
    fn default() -> Self {
        Self(RwSignal::new(Vec::new()))
    }
}

impl FieldErrors {
    /// The message for `field` (tracked).
    pub fn message(&self, field: &str) -> Option<String> {
        self.0.with(|errors| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }

    /// Shows `errors` beside their fields and moves the focus to the first of those fields
    /// on the page, so the keyboard and the screen reader start where the fixing does.
    pub fn set(&self, errors: Vec<FieldError>) {
        let fields: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
        self.0.set(errors);
        if fields.is_empty() {
            return;
        }
        // After the messages are on the page, so a screen reader reads the field with its
        // error (`aria-describedby`).
        request_animation_frame(move || {
            if let Some(input) = first_on_page(&fields) {
                let _ = input.focus();
            }
        });
    }
}

/// The element of the first of `fields` in the page's order (not the order of the list:
/// the server names fields in its own). A field is found by its input's id, which is the
/// field's name; one without an element on the page is skipped.
fn first_on_page(fields: &[String]) -> Option<web_sys::HtmlElement> {
    let document = document();
    fields
        .iter()
        .filter_map(|field| document.get_element_by_id(field))
        .reduce(|first, other| {
            let follows = first.compare_document_position(&other)
                & web_sys::Node::DOCUMENT_POSITION_FOLLOWING
                != 0;
            if follows {
                first
            } else {
                other
            }
        })?
        .dyn_into()
        .ok()
}

/// Collects the errors of client-side checks; `None`s are the fields that passed.
pub fn collect(checks: impl IntoIterator<Item = Option<FieldError>>) -> Vec<FieldError> {
    checks.into_iter().flatten().collect()
}

/// The request when every check passed, else the errors they found.
pub fn passed<R>(request: R, problems: Vec<FieldError>) -> Result<R, Vec<FieldError>> {
    if problems.is_empty() {
        Ok(request)
    } else {
        Err(problems)
    }
}

/// The error for an empty required field.
pub fn required(field: &str, value: &str) -> Option<FieldError> {
    value
        .trim()
        .is_empty()
        .then(|| FieldError::new(field, "required", "Заполните это поле"))
}

/// The error for a confirmation that differs from the password.
pub fn confirmation(field: &str, password: &str, confirm: &str) -> Option<FieldError> {
    if confirm.is_empty() {
        return required(field, confirm);
    }
    (password != confirm).then(|| FieldError::new(field, "mismatch", "Пароли не совпадают"))
}

/// An input with a `<label for>`, an optional hint and the field's error as
/// `<p class="field-error" id="{name}-error">`. The input's id and name are both `name`.
#[component]
pub fn Field(
    name: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    errors: FieldErrors,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let error = move || errors.message(name);
    let error_id = format!("{name}-error");
    let hint_id = format!("{name}-hint");
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error().is_some()>
            <label for=name>{label}</label>
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                aria-required="true"
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=described_by
                bind:value=value
            />
            {hint.map(|text| view! { <p class="field-hint" id=hint_id>{text}</p> })}
            {move || {
                error().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })
            }}
        </div>
    }
}

/// What a form's check refused, as (field, message), for the forms' tests.
#[cfg(test)]
pub fn refusals<R: std::fmt::Debug>(
    collected: Result<R, Vec<FieldError>>,
) -> Vec<(String, String)> {
    collected
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.message))
        .collect()
}
