//! «Обращения» of the desk: the organization's appeals, those waiting first (the longest
//! waiting first), filtered by status and topic, in pages. The filter and the page live
//! in the address.

use crate::components::appeals::card::AppealItem;
use crate::components::appeals::Party;
use crate::components::field::{FieldErrors, Select};
use crate::components::load::{load, load_keyed, show};
use crate::components::page::set_document_title;
use crate::components::pager::{page_number, page_query, Pager};
use crate::navigation::{use_navigation, QueryForm};
use crate::session::use_session;
use domkom_dto::{AppealFilter, AppealStatus};
use leptos::prelude::*;

const QUEUE: &str = "/desk/appeals";

/// The filter the address asks for; an empty or unknown value filters nothing.
fn filter(status: Option<&str>, topic: Option<&str>) -> AppealFilter {
    AppealFilter {
        status: status.and_then(AppealStatus::parse),
        topic: topic.filter(|t| !t.is_empty()).map(str::to_owned),
        ..Default::default()
    }
}

#[component]
pub fn QueuePage() -> impl IntoView {
    set_document_title("Обращения");
    let session = use_session();
    let navigation = use_navigation();
    let asked = Memo::new(move |_| {
        let (status, topic) = (navigation.query("status"), navigation.query("topic"));
        let filter = filter(status.as_deref(), topic.as_deref());
        (filter, page_number(navigation.query("page").as_deref()))
    });
    let queue = load_keyed(
        session,
        "Обращения недоступны.",
        move || asked.get(),
        async |c, (filter, page)| c.operator_appeals(filter, page_query(*page)).await,
    );
    view! {
        <section class="section" aria-labelledby="queue-title">
            <h2 id="queue-title">"Обращения"</h2>
            <QueueFilter asked />
            {show(
                queue,
                "Загружаем обращения…",
                move |queue| {
                    if queue.total == 0 {
                        let filtered = asked.get_untracked().0 != AppealFilter::default();
                        return view! { <NoAppeals filtered /> }.into_any();
                    }
                    view! {
                        <ul id="queue" class="appeal-list">
                            {queue
                                .items
                                .into_iter()
                                .map(|appeal| {
                                    let href = format!("{QUEUE}/{}", appeal.id);
                                    view! { <AppealItem party=Party::Staff appeal href /> }
                                })
                                .collect_view()}
                        </ul>
                        <Pager page=asked.get_untracked().1 total=queue.total />
                    }
                        .into_any()
                },
            )}
        </section>
    }
}

/// Status and topic; «Показать» puts them into the address (from the first page). The
/// choices follow the address when it changes otherwise («Назад»).
#[component]
fn QueueFilter(asked: Memo<(AppealFilter, u32)>) -> impl IntoView {
    let session = use_session();
    // Without them the filter still offers «Все».
    let topics = load(session, "", async |c| {
        Ok(c.operator_appeal_topics().await?.topics)
    });
    let (status, topic) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    Effect::new(move || {
        let filter = asked.with(|(filter, _)| filter.clone());
        status.set(
            filter
                .status
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
        );
        topic.set(filter.topic.unwrap_or_default());
    });
    let any = |text: &str| (String::new(), text.to_owned());
    let statuses: Vec<(String, String)> = std::iter::once(any("Все"))
        .chain(
            AppealStatus::ALL
                .iter()
                .map(|s| (s.as_str().to_owned(), s.label().to_owned())),
        )
        .collect();
    let topic_options = Signal::derive(move || {
        let mut names = topics.get().and_then(Result::ok).unwrap_or_default();
        // An appeal keeps a topic the list no longer has; the filter by it stays on.
        let asked = topic.get();
        if !asked.is_empty() && !names.contains(&asked) {
            names.push(asked);
        }
        std::iter::once(any("Все темы"))
            .chain(names.into_iter().map(|t| (t.clone(), t)))
            .collect()
    });
    let errors = FieldErrors::default();
    view! {
        <QueryForm action=QUEUE id="queue-filter" class="card filter-form">
            <Select name="status" label="Статус" value=status errors options=statuses />
            <Select name="topic" label="Тема" value=topic errors options=topic_options />
            <button type="submit" class="button button-quiet">"Показать"</button>
        </QueryForm>
    }
}

#[component]
fn NoAppeals(filtered: bool) -> impl IntoView {
    let text = if filtered {
        "Обращений с такими статусом и темой нет."
    } else {
        "Обращений пока нет. Когда житель напишет, обращение появится здесь, а утром придёт письмо со списком ждущих ответа."
    };
    view! { <p id="no-appeals" class="card empty">{text}</p> }
}

#[cfg(test)]
mod tests {
    use super::filter;
    use domkom_dto::AppealStatus;

    #[test]
    fn the_address_asks_for_a_status_and_a_topic() {
        let f = filter(Some("in_progress"), Some("Приборы учёта"));
        assert_eq!(f.status, Some(AppealStatus::InProgress));
        assert_eq!(f.topic.as_deref(), Some("Приборы учёта"));
        let none = filter(Some(""), Some(""));
        assert_eq!((none.status, none.topic), (None, None));
        assert_eq!(filter(Some("lost"), None).status, None);
    }
}
