//! The question the API asks about readings far above the usual.

use super::form::{Confirm, Entry, ReadingsForm};
use domkom_values::MeterId;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// «Расход намного больше обычного. Всё верно?»: the readings the API doubts, then either
/// the same request again with `confirm` or back to the inputs.
#[component]
pub(super) fn ConfirmJump(
    confirm: Confirm,
    form: ReadingsForm,
    names: StoredValue<Vec<(MeterId, String)>>,
) -> impl IntoView {
    let entries = form.entries.get_value();
    let yes_button = NodeRef::<html::Button>::new();
    Effect::new(move || {
        if let Some(button) = yes_button.get() {
            let _ = button.focus();
        }
    });
    let items = confirm.items.clone();
    let flagged: Vec<Entry> = items
        .iter()
        .filter_map(|(k, _)| entries.get(*k).copied())
        .collect();
    let first = flagged.first().map(|e| e.at.value_field());
    let send = confirm.send;
    let yes = move |_| {
        for e in &flagged {
            e.confirmed.set(true);
        }
        form.run(send);
    };
    let fix = move |_| {
        form.confirm.set(None);
        // Back to the first doubtful value, ready to be corrected.
        if let Some(input) = first
            .as_deref()
            .and_then(|id| document().get_element_by_id(id))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = input.focus();
        }
    };
    view! {
        <div id="readings-confirm" class="confirm confirm-warning" role="group" aria-labelledby="confirm-question">
            <p id="confirm-question" class="confirm-question">
                "Расход намного больше обычного. Всё верно?"
            </p>
            <ul class="plain-list confirm-list">
                {items
                    .into_iter()
                    .map(|(k, message)| {
                        let name = entries
                            .get(k)
                            .and_then(|e| {
                                names.with_value(|n| {
                                    n.iter().find(|(id, _)| *id == e.at.meter_id).map(|(_, s)| s.clone())
                                })
                            })
                            .unwrap_or_default();
                        view! {
                            <li data-test="jump">
                                <strong>{name}</strong>
                                ": "
                                {message}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <div class="button-row">
                <button
                    type="button"
                    class="button"
                    data-test="confirm-yes"
                    node_ref=yes_button
                    disabled=move || form.pending.get()
                    on:click=yes
                >
                    "Да, показания верны"
                </button>
                <button type="button" class="button button-quiet" data-test="confirm-fix" on:click=fix>
                    "Исправить"
                </button>
            </div>
        </div>
    }
}
