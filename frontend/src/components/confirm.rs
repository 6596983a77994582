//! A button for what cannot be undone: it asks first, in place.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// `label` opens `question` (an element of id `question_id`) with `yes` and «Отмена»;
/// `yes` runs `action`, saying `busy` meanwhile. The action says whether it was done:
/// then it stays busy until the page shows what changed; else the button comes back.
/// What the action did is the caller's to tell. The buttons are found by `data-test`:
/// `{test}` and `{test}-confirm`.
#[component]
pub fn ConfirmButton<A, F>(
    label: &'static str,
    question: String,
    question_id: String,
    yes: &'static str,
    busy: &'static str,
    test: &'static str,
    action: A,
) -> impl IntoView
where
    A: Fn() -> F + Clone + Send + Sync + 'static,
    F: Future<Output = bool> + 'static,
{
    let confirming = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let yes_button = NodeRef::<html::Button>::new();
    // The question is read first, then the answer is under the keyboard.
    Effect::new(move || {
        if confirming.get() {
            if let Some(button) = yes_button.get() {
                let _ = button.focus();
            }
        }
    });
    let run = move |_| {
        let action = action.clone();
        pending.set(true);
        spawn_local(async move {
            if !action().await {
                pending.set(false);
                confirming.set(false);
            }
        });
    };
    view! {
        <Show
            when=move || confirming.get()
            fallback=move || {
                view! {
                    <button
                        type="button"
                        class="button button-quiet"
                        data-test=test
                        on:click=move |_| confirming.set(true)
                    >
                        {label}
                    </button>
                }
            }
        >
            <div class="confirm" role="group" aria-labelledby=question_id.clone()>
                <p id=question_id.clone() class="confirm-question">
                    {question.clone()}
                </p>
                <div class="button-row">
                    <button
                        type="button"
                        class="button button-danger"
                        data-test=format!("{test}-confirm")
                        node_ref=yes_button
                        disabled=move || pending.get()
                        on:click=run.clone()
                    >
                        {move || if pending.get() { busy } else { yes }}
                    </button>
                    <button
                        type="button"
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
