//! «Заявки» of the desk: the organization's requests for paid services — new ones first
//! (the oldest first), then accepted ones by the agreed time, then the rest — filtered by
//! status, in pages. The filter and the page live in the address.

use crate::components::field::{FieldErrors, Select};
use crate::components::load::{load_keyed, show};
use crate::components::page::set_document_title;
use crate::components::pager::{page_number, page_query, Pager};
use crate::components::service_requests::RequestSummary;
use crate::navigation::{use_navigation, Link, QueryForm};
use crate::session::use_session;
use domkom_dto::{RequestStatus, ServiceRequestFilter};
use leptos::prelude::*;

pub const REQUESTS: &str = "/desk/service-requests";

/// The filter the address asks for; an empty or unknown status filters nothing.
fn filter(status: Option<&str>) -> ServiceRequestFilter {
    ServiceRequestFilter {
        status: status.and_then(RequestStatus::parse),
        ..Default::default()
    }
}

#[component]
pub fn RequestsPage() -> impl IntoView {
    set_document_title("Заявки");
    let session = use_session();
    let navigation = use_navigation();
    let asked = Memo::new(move |_| {
        let status = navigation.query("status");
        let page = navigation.query("page");
        (filter(status.as_deref()), page_number(page.as_deref()))
    });
    let queue = load_keyed(
        session,
        "Заявки недоступны.",
        move || asked.get(),
        async |c, (filter, page)| c.operator_service_requests(filter, page_query(*page)).await,
    );
    view! {
        <section class="section" aria-labelledby="requests-title">
            <h2 id="requests-title">"Заявки на платные услуги"</h2>
            <StatusFilter asked />
            {show(
                queue,
                "Загружаем заявки…",
                move |queue| {
                    if queue.total == 0 {
                        let filtered = asked.get_untracked().0 != ServiceRequestFilter::default();
                        return view! { <NoRequests filtered /> }.into_any();
                    }
                    view! {
                        <ul id="request-queue" class="appeal-list">
                            {queue
                                .items
                                .into_iter()
                                .map(|request| {
                                    let id = request.id.get();
                                    view! {
                                        <li class="appeal-item" data-test="service-request" data-request-id=id>
                                            <Link href=format!("{REQUESTS}/{id}") class="appeal-link">
                                                <RequestSummary request desk=true />
                                            </Link>
                                        </li>
                                    }
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

/// The status; «Показать» puts it into the address (from the first page). The choice
/// follows the address when it changes otherwise («Назад»).
#[component]
fn StatusFilter(asked: Memo<(ServiceRequestFilter, u32)>) -> impl IntoView {
    let status = RwSignal::new(String::new());
    Effect::new(move || {
        let word = asked.with(|(f, _)| f.status.map(|s| s.as_str()).unwrap_or_default());
        status.set(word.to_owned());
    });
    let options: Vec<(String, String)> = std::iter::once((String::new(), "Все".to_owned()))
        .chain(
            RequestStatus::ALL
                .iter()
                .map(|s| (s.as_str().to_owned(), s.label().to_owned())),
        )
        .collect();
    let errors = FieldErrors::default();
    view! {
        <QueryForm action=REQUESTS id="request-filter" class="card filter-form">
            <Select name="status" label="Статус" value=status errors options />
            <button type="submit" class="button button-quiet">"Показать"</button>
        </QueryForm>
    }
}

#[component]
fn NoRequests(filtered: bool) -> impl IntoView {
    let text = if filtered {
        "Заявок с таким статусом нет."
    } else {
        "Заявок пока нет. Когда житель закажет услугу из каталога «Платные услуги», заявка появится здесь."
    };
    view! { <p id="no-requests" class="card empty">{text}</p> }
}

#[cfg(test)]
mod tests {
    use super::filter;
    use domkom_dto::RequestStatus;

    #[test]
    fn the_address_asks_for_a_status() {
        assert_eq!(
            filter(Some("accepted")).status,
            Some(RequestStatus::Accepted)
        );
        assert_eq!(filter(Some("")).status, None);
        assert_eq!(filter(Some("lost")).status, None);
        assert_eq!(filter(None).status, None);
    }
}
