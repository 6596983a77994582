//! The buttons that move an appeal: «Взять в работу» (the staff, a new appeal) and
//! «Закрыть обращение» (either side, asked first).

use super::Party;
use crate::components::confirm::ConfirmButton;
use crate::components::form::describe;
use crate::session::use_session;
use domkom_dto::{Appeal, AppealStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The status changes `party` may make now; the appeal as changed replaces `appeal`, a
/// refusal goes to `alert`.
#[component]
pub fn StatusActions(
    party: Party,
    appeal: RwSignal<Appeal>,
    alert: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let status = move || appeal.with(|a| a.summary.status);
    let change = move |to: AppealStatus| async move {
        let id = appeal.with_untracked(|a| a.summary.id);
        match session
            .authorized(async |c| party.set_status(c, id, to).await)
            .await
        {
            Ok(changed) => {
                alert.set(None);
                appeal.set(changed);
                true
            }
            Err(e) => {
                alert.set(Some(describe(&e)));
                false
            }
        }
    };
    let taking = RwSignal::new(false);
    let take = move |_| {
        taking.set(true);
        spawn_local(async move {
            change(AppealStatus::InProgress).await;
            taking.set(false);
        });
    };
    let (label, question) = match party {
        Party::Resident => ("Закрыть обращение", "Закрыть обращение? Писать в нём больше будет нельзя: если вопрос появится снова, напишите новое обращение."),
        Party::Staff => ("Закрыть", "Закрыть обращение? Житель больше не сможет в нём писать."),
    };
    view! {
        <div class="button-row appeal-actions">
            <Show when=move || party == Party::Staff && status() == AppealStatus::New>
                <button
                    type="button"
                    class="button"
                    data-test="take"
                    disabled=move || taking.get()
                    on:click=take
                >
                    {move || if taking.get() { "Берём в работу…" } else { "Взять в работу" }}
                </button>
            </Show>
            <Show when=move || status() != AppealStatus::Closed>
                <ConfirmButton
                    label=label
                    question=question.to_owned()
                    question_id="close-question".to_owned()
                    yes="Да, закрыть"
                    busy="Закрываем…"
                    test="close"
                    action=move || change(AppealStatus::Closed)
                />
            </Show>
        </div>
    }
}
