//! The resident's requests, newest first, in pages: what was agreed, «Оплатить» for a done
//! one with a price, and how a payment ended when the provider sends the payer back here
//! (`?online=ID`).

use super::NOT_LINKED;
use crate::components::load::{load_keyed, show};
use crate::components::pager::{page_number, page_query, Pager};
use crate::components::pay::{Paid, PayRequestButton, PaymentOutcome};
use crate::components::service_requests::{to_pay, RequestSummary};
use crate::navigation::{use_navigation, Link};
use crate::pages::account::use_account;
use crate::session::use_session;
use domkom_dto::{OnlinePayment, ServiceRequest};
use leptos::prelude::*;

#[component]
pub fn ServiceRequestsPage() -> impl IntoView {
    let session = use_session();
    let id = use_account().id;
    let navigation = use_navigation();
    let page = Memo::new(move |_| page_number(navigation.query("page").as_deref()));
    let list = load_keyed(
        session,
        NOT_LINKED,
        move || page.get(),
        async move |c, page| c.service_requests(id, page_query(*page)).await,
    );
    // The request shows as paid once read again after the payment succeeded.
    let reload = Callback::new(move |_: OnlinePayment| list.refetch());
    let online = navigation
        .query_untracked("online")
        .and_then(|v| v.parse().ok());
    let outcome = online.map(|payment| {
        view! { <PaymentOutcome account=id id=payment paid=Paid::Service succeeded=reload /> }
    });
    view! {
        <section class="section" aria-labelledby="requests-title">
            <h2 id="requests-title">"Платные услуги"</h2>
            {outcome}
            <p class="page-actions">
                <Link href=format!("/accounts/{id}/service-requests/new") class="button" attr:id="new-request">
                    "Заказать услугу"
                </Link>
            </p>
            {show(
                list,
                "Загружаем заявки…",
                move |list| {
                    if list.total == 0 {
                        return view! { <NoRequests /> }.into_any();
                    }
                    view! {
                        <ul id="request-list" class="appeal-list">
                            {list.items.into_iter().map(|request| view! { <RequestItem request /> }).collect_view()}
                        </ul>
                        <Pager page=page.get_untracked() total=list.total />
                    }
                        .into_any()
                },
            )}
        </section>
    }
}

#[component]
fn RequestItem(request: ServiceRequest) -> impl IntoView {
    let (account, id) = (request.account_id, request.id);
    let pay = to_pay(&request).map(|price| view! { <PayRequestButton account request=id price /> });
    view! {
        <li class="appeal-item" data-test="service-request" data-request-id=id.get()>
            <div class="request-card">
                <RequestSummary request desk=false />
                {pay}
            </div>
        </li>
    }
}

/// What paid services are, while none is ordered.
#[component]
fn NoRequests() -> impl IntoView {
    view! {
        <div id="no-requests" class="card empty">
            <p>
                <strong>"Заявок пока нет."</strong>
            </p>
            <p class="muted">
                "Здесь можно заказать у управляющей организации платную работу в квартире: вызвать сантехника или электрика, заменить счётчик, врезать замок. Организация согласует время и цену, а оплатить выполненную работу можно здесь же."
            </p>
        </div>
    }
}
