//! One appeal on the desk: the thread with its photos, how to reach the resident, the
//! answer, «Взять в работу» and «Закрыть».

use crate::components::appeals::reply::MessageForm;
use crate::components::appeals::status::StatusActions;
use crate::components::appeals::thread::{AppealHead, Messages};
use crate::components::appeals::Party;
use crate::components::contact::ResidentFacts;
use crate::components::form::FormAlert;
use crate::components::load::{load, show};
use crate::components::page::{set_document_title, with_id, IdAt};
use crate::navigation::Link;
use crate::session::use_session;
use domkom_dto::{Appeal, AppealStatus};
use domkom_values::AppealId;
use leptos::prelude::*;

#[component]
pub fn DeskAppealPage() -> impl IntoView {
    with_id(IdAt::Last, |id: AppealId| view! { <ThreadPage id /> })
}

#[component]
fn ThreadPage(id: AppealId) -> impl IntoView {
    set_document_title(&format!("Обращение №\u{a0}{id}"));
    let session = use_session();
    let thread = load(
        session,
        "Обращение не найдено среди обращений организации.",
        async move |c| Party::Staff.read(c, id).await,
    );
    view! {
        <section class="section" aria-labelledby="appeal-title">
            <p class="breadcrumbs">
                <Link href="/desk/appeals">"← Все обращения"</Link>
            </p>
            {show(thread, "Загружаем обращение…", |appeal| view! { <Thread appeal /> })}
        </section>
    }
}

#[component]
fn Thread(appeal: Appeal) -> impl IntoView {
    let appeal = RwSignal::new(appeal);
    let alert = RwSignal::new(None::<String>);
    let open = move || appeal.with(|a| a.summary.status != AppealStatus::Closed);
    view! {
        <AppealHead appeal />
        <Resident appeal />
        <Messages party=Party::Staff appeal />
        <FormAlert message=alert />
        <StatusActions party=Party::Staff appeal alert />
        <Show when=open>
            <MessageForm party=Party::Staff appeal />
        </Show>
    }
}

/// Where the resident lives and how to reach them: the contact they gave for the answer.
#[component]
fn Resident(appeal: RwSignal<Appeal>) -> impl IntoView {
    let (summary, contact) = appeal.with_untracked(|a| (a.summary.clone(), a.contact.clone()));
    view! {
        <ResidentFacts address=summary.address account_number=summary.account_number contact />
    }
}
