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

    /// Shows `error` at `field` (or nothing there) and leaves the other fields' as they are,
    /// without moving the focus: for a check made as the field changes.
    pub fn put(&self, field: &str, error: Option<FieldError>) {
        self.0.update(|errors| {
            errors.retain(|e| e.field != field);
            errors.extend(error);
        });
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
    /// False for one of several fields of which some must be filled.
    #[prop(default = true)]
    required: bool,
    /// The bounds of a date's picker.
    #[prop(optional, into)]
    min: Option<String>,
    #[prop(optional, into)] max: Option<String>,
) -> impl IntoView {
    let wiring = Wiring { name, errors, hint };
    view! {
        <FieldFrame wiring label>
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                min=min
                max=max
                aria-required=required.then_some("true")
                aria-invalid=move || wiring.invalid()
                aria-describedby=move || wiring.described_by(&[])
                bind:value=value
            />
        </FieldFrame>
    }
}

/// A text of up to `max` characters in a `<textarea>`, with a counter of what is typed.
#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    errors: FieldErrors,
    max: usize,
    #[prop(default = 6)] rows: u32,
) -> impl IntoView {
    let wiring = Wiring {
        name,
        errors,
        hint: None,
    };
    let typed = move || value.with(|v| v.chars().count());
    let over = move || typed() > max;
    view! {
        <FieldFrame wiring label>
            <textarea
                id=name
                name=name
                rows=rows
                aria-required="true"
                aria-invalid=move || wiring.invalid()
                aria-describedby=move || wiring.described_by(&["count"])
                bind:value=value
            ></textarea>
            <p class="field-hint field-count" id=format!("{name}-count") class:field-count-over=over>
                {typed} " из " {max}
            </p>
        </FieldFrame>
    }
}

/// A `<select>` of `options` (value, text) bound to `value`.
#[component]
pub fn Select(
    name: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    errors: FieldErrors,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let wiring = Wiring {
        name,
        errors,
        hint: None,
    };
    view! {
        <FieldFrame wiring label>
            <select
                id=name
                name=name
                aria-invalid=move || wiring.invalid()
                aria-describedby=move || wiring.described_by(&[])
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(option, text)| {
                            let selected = value.with(|v| *v == option);
                            view! { <option value=option selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </FieldFrame>
    }
}

/// A checkbox with its label beside it.
#[component]
pub fn Checkbox(name: &'static str, label: &'static str, checked: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="field">
            <label class="checkbox" for=name>
                <input type="checkbox" id=name name=name bind:checked=checked />
                <span>{label}</span>
            </label>
        </div>
    }
}

/// What a field's control and the messages around it share: the field's name (its id),
/// its errors and its hint.
#[derive(Clone, Copy)]
pub struct Wiring {
    pub name: &'static str,
    pub errors: FieldErrors,
    pub hint: Option<&'static str>,
}

impl Wiring {
    fn error(&self) -> Option<String> {
        self.errors.message(self.name)
    }

    /// `aria-invalid` of the control.
    pub fn invalid(&self) -> Option<&'static str> {
        self.error().is_some().then_some("true")
    }

    /// The ids of what describes the control to a screen reader: the hint, the control's
    /// own notes (`{name}-{note}`) and the error when there is one.
    pub fn described_by(&self, notes: &[&str]) -> Option<String> {
        let name = self.name;
        let ids: Vec<String> = self
            .hint
            .map(|_| "hint")
            .into_iter()
            .chain(notes.iter().copied())
            .chain(self.error().map(|_| "error"))
            .map(|part| format!("{name}-{part}"))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The label, the control (`children`), the hint and the error of one field.
#[component]
pub fn FieldFrame(wiring: Wiring, label: &'static str, children: Children) -> impl IntoView {
    let name = wiring.name;
    view! {
        <div class="field" class:field-invalid=move || wiring.error().is_some()>
            <label for=name>{label}</label>
            {children()}
            {wiring.hint.map(|text| view! { <p class="field-hint" id=format!("{name}-hint")>{text}</p> })}
            {move || {
                wiring
                    .error()
                    .map(|text| view! { <p class="field-error" id=format!("{name}-error")>{text}</p> })
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
