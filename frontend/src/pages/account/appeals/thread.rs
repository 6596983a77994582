//! One appeal's thread, as its resident reads it: the company's answers count as read
//! once it is open. Writing in it (unless it is closed) and «Закрыть обращение».

use super::NOT_THEIRS;
use crate::components::appeals::reply::MessageForm;
use crate::components::appeals::status::StatusActions;
use crate::components::appeals::thread::{AppealHead, Messages};
use crate::components::appeals::Party;
use crate::components::form::FormAlert;
use crate::components::load::{load, show};
use crate::components::page::{with_id, IdAt};
use crate::navigation::Link;
use crate::pages::account::use_account;
use crate::session::use_session;
use crate::{clock, format};
use domkom_dto::{Appeal, AppealStatus};
use domkom_values::AppealId;
use leptos::prelude::*;

#[component]
pub fn AppealPage() -> impl IntoView {
    with_id(IdAt::Last, |id: AppealId| view! { <ThreadPage id /> })
}

#[component]
fn ThreadPage(id: AppealId) -> impl IntoView {
    let session = use_session();
    let account = use_account();
    let thread = load(session, NOT_THEIRS, async move |c| {
        Party::Resident.read(c, id).await
    });
    // Opening the thread has read its answers: the menu's count goes down.
    Effect::new(move || {
        if thread.answered() {
            account.unread.refetch();
        }
    });
    view! {
        <section class="section" aria-labelledby="appeal-title">
            <p class="breadcrumbs">
                <Link href=format!("/accounts/{}/appeals", account.id)>"← Все обращения"</Link>
            </p>
            {show(thread, "Загружаем обращение…", |appeal| view! { <Thread appeal /> })}
        </section>
    }
}

#[component]
fn Thread(appeal: Appeal) -> impl IntoView {
    let appeal = RwSignal::new(appeal);
    let alert = RwSignal::new(None::<String>);
    let status = move || appeal.with(|a| a.summary.status);
    view! {
        <AppealHead appeal />
        <Messages party=Party::Resident appeal />
        <FormAlert message=alert />
        {move || match status() {
            AppealStatus::Closed => view! { <Closed appeal /> }.into_any(),
            open => view! {
                {(open == AppealStatus::Answered).then(|| view! { <Reopen appeal /> })}
                <MessageForm party=Party::Resident appeal />
            }
            .into_any(),
        }}
        <StatusActions party=Party::Resident appeal alert />
    }
}

/// While answered: writing again puts the appeal back to work, for a while.
#[component]
fn Reopen(appeal: RwSignal<Appeal>) -> impl IntoView {
    let until = appeal.with_untracked(|a| a.reopen_until);
    let text = match until {
        Some(until) => format!(
            "Организация ответила. Если вопрос не решён, напишите здесь до {} — обращение снова возьмут в работу. Позже понадобится новое обращение.",
            format::date_time(clock::local(until))
        ),
        None => "Организация ответила. Если вопрос не решён, напишите новое обращение.".to_owned(),
    };
    view! { <p class="notice notice-info" data-test="reopen">{text}</p> }
}

#[component]
fn Closed(appeal: RwSignal<Appeal>) -> impl IntoView {
    let (account, closed_at) = appeal.with_untracked(|a| (a.summary.account_id, a.closed_at));
    let when = closed_at
        .map(|at| format!(" {}", format::date_time(clock::local(at))))
        .unwrap_or_default();
    view! {
        <div class="notice notice-info" data-test="closed">
            <p>"Обращение закрыто" {when} ". Писать в нём больше нельзя."</p>
            <p>
                <Link href=format!("/accounts/{account}/appeals/new")>"Написать новое обращение"</Link>
            </p>
        </div>
    }
}
