//! An appeal in a list: the resident's (topic, status, the start of the text, the date,
//! unread answers) or the desk's queue (also the address, the account and how long it
//! has waited).

use super::Party;
use crate::components::status::StatusBadge;
use crate::navigation::Link;
use crate::{clock, format};
use chrono::{DateTime, Utc};
use domkom_dto::AppealSummary;
use leptos::prelude::*;

#[component]
pub fn AppealItem(party: Party, appeal: AppealSummary, href: String) -> impl IntoView {
    let unread = (appeal.unread_answers > 0)
        .then(|| view! { <UnreadBadge count=appeal.unread_answers test="unread" /> });
    let desk = (party == Party::Staff).then(|| {
        view! {
            <span class="appeal-where">
                {appeal.address.clone()} " · л/с №\u{a0}" {appeal.account_number.clone()}
            </span>
        }
    });
    let when = when(party, &appeal, clock::now());
    view! {
        <li class="appeal-item" data-test="appeal" data-appeal-id=appeal.id.get()>
            <Link href=href class="appeal-link">
                <span class="appeal-top">
                    <span class="appeal-topic">{appeal.topic}</span>
                    {unread}
                    <StatusBadge status=Signal::stored(appeal.status) />
                </span>
                {desk}
                <span class="appeal-excerpt">{appeal.excerpt}</span>
                <span class="appeal-when muted" data-test="when">{when}</span>
            </Link>
        </li>
    }
}

/// How many of the company's answers the resident has not read yet.
#[component]
pub fn UnreadBadge(count: i64, test: &'static str) -> impl IntoView {
    view! {
        <span class="badge" data-test=test>
            <span class="visually-hidden">"Новых ответов: "</span>
            {count}
        </span>
    }
}

/// The resident sees when they wrote; the desk, how long a waiting appeal has waited
/// (since its last change: a reopened one waits from its reopening), or when the last
/// change was.
fn when(party: Party, appeal: &AppealSummary, now: DateTime<Utc>) -> String {
    let local = |at| format::date_time(clock::local(at));
    match party {
        Party::Resident => local(appeal.created_at),
        Party::Staff if appeal.status.is_waiting() => {
            format!("Ждёт {}", format::waited(now - appeal.updated_at))
        }
        Party::Staff => format!("Изменено {}", local(appeal.updated_at)),
    }
}
