//! The appeal's heading and its messages: the resident's and the company's apart, each
//! with its author, time and photos.

use super::photos::Photos;
use super::Party;
use crate::components::status::StatusBadge;
use crate::{clock, format};
use domkom_dto::{Appeal, AppealMessage};
use domkom_values::AppealId;
use leptos::prelude::*;

/// The topic, the status, the number and when it was written.
#[component]
pub fn AppealHead(appeal: RwSignal<Appeal>) -> impl IntoView {
    let summary = appeal.with_untracked(|a| a.summary.clone());
    view! {
        <header class="appeal-head">
            <h2 id="appeal-title" data-test="topic">{summary.topic}</h2>
            <StatusBadge status=Signal::derive(move || appeal.with(|a| a.summary.status)) />
            <p class="muted appeal-written">
                "Обращение №\u{a0}" {summary.id.get()} " от "
                {format::date_time(clock::local(summary.created_at))}
            </p>
        </header>
    }
}

/// The thread, oldest message first; a message written now joins the end without the
/// others (and their photos) being drawn again.
#[component]
pub fn Messages(party: Party, appeal: RwSignal<Appeal>) -> impl IntoView {
    let id = appeal.with_untracked(|a| a.summary.id);
    view! {
        <ol class="messages" aria-label="Переписка">
            <For
                each=move || appeal.with(|a| a.messages.clone())
                key=|m| m.id
                children=move |message| view! { <Message party appeal=id message /> }
            />
        </ol>
    }
}

#[component]
fn Message(party: Party, appeal: AppealId, message: AppealMessage) -> impl IntoView {
    let (class, side) = if message.from_staff {
        ("message message-staff", "Управляющая организация")
    } else {
        ("message message-resident", "Житель")
    };
    view! {
        <li class=class data-test="message" data-from-staff=message.from_staff.to_string()>
            <p class="message-meta">
                <span class="message-author" data-test="author">{message.author}</span>
                <span class="message-side">{side}</span>
                <time datetime=message.created_at.to_rfc3339()>
                    {format::date_time(clock::local(message.created_at))}
                </time>
            </p>
            <p class="message-text" data-test="text">{message.text}</p>
            <Photos party appeal photos=message.photos />
        </li>
    }
}
