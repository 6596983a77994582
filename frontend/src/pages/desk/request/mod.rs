//! One request on the desk: the service, what the resident asked and how to reach them,
//! and the moves its status allows — a new one is accepted (time and price) or rejected,
//! an accepted one done or rejected; done and rejected ones are only read.

mod accept;
mod reject;

use super::requests::REQUESTS;
use crate::components::confirm::ConfirmButton;
use crate::components::contact::ResidentFacts;
use crate::components::form::{describe, FormAlert};
use crate::components::load::{load, show};
use crate::components::page::{set_document_title, with_id, IdAt};
use crate::components::service_requests::{facts, price_per_unit, RequestTop};
use crate::navigation::Link;
use crate::session::use_session;
use crate::{clock, format};
use accept::AcceptForm;
use domkom_dto::{RequestStatus, ServiceRequest};
use domkom_values::ServiceRequestId;
use leptos::prelude::*;
use reject::RejectForm;

#[component]
pub fn DeskRequestPage() -> impl IntoView {
    with_id(
        IdAt::Last,
        |id: ServiceRequestId| view! { <RequestPage id /> },
    )
}

#[component]
fn RequestPage(id: ServiceRequestId) -> impl IntoView {
    set_document_title(&format!("Заявка №\u{a0}{id}"));
    let session = use_session();
    let request = load(
        session,
        "Заявка не найдена среди заявок организации.",
        async move |c| c.operator_service_request(id).await,
    );
    view! {
        <section class="section" aria-labelledby="request-title">
            <p class="breadcrumbs">
                <Link href=REQUESTS>"← Все заявки"</Link>
            </p>
            {show(request, "Загружаем заявку…", |request| view! { <Request request /> })}
        </section>
    }
}

/// The request as it stands; a move replaces it, and the page follows.
#[component]
fn Request(request: ServiceRequest) -> impl IntoView {
    let request = RwSignal::new(request);
    let alert = RwSignal::new(None::<String>);
    view! {
        {move || {
            let r = request.get();
            view! {
                <RequestHead request=r.clone() />
                <RequestFacts request=r.clone() />
                <ResidentFacts address=r.address account_number=r.account_number contact=r.contact />
            }
        }}
        <FormAlert message=alert />
        {move || match request.with(|r| r.status) {
            RequestStatus::New => view! {
                <AcceptForm request />
                <RejectForm request />
            }
            .into_any(),
            RequestStatus::Accepted => view! {
                <DoneButton request alert />
                <RejectForm request />
            }
            .into_any(),
            RequestStatus::Done | RequestStatus::Rejected => ().into_any(),
        }}
    }
}

#[component]
fn RequestHead(request: ServiceRequest) -> impl IntoView {
    let written = format::date_time(clock::local(request.created_at));
    let number = request.id.get();
    view! {
        <header class="appeal-head">
            <h2 id="request-title" class="visually-hidden">"Заявка №\u{a0}" {number}</h2>
            <RequestTop request />
            <p class="muted appeal-written">"Заявка №\u{a0}" {number} " от " {written}</p>
        </header>
    }
}

/// The catalogue's price, the wish, the comment and what was agreed.
#[component]
fn RequestFacts(request: ServiceRequest) -> impl IntoView {
    let listed = price_per_unit(request.listed_price, &request.unit);
    let comment = (!request.comment.is_empty()).then(|| {
        view! {
            <div>
                <dt>"Комментарий"</dt>
                <dd data-test="comment" class="request-comment">{request.comment.clone()}</dd>
            </div>
        }
    });
    view! {
        <dl id="request-facts" class="facts facts-compact card">
            <div>
                <dt>"Цена по каталогу"</dt>
                <dd data-test="listed-price">{listed}</dd>
            </div>
            {facts(&request)
                .into_iter()
                .map(|f| view! {
                    <div>
                        <dt>{f.label}</dt>
                        <dd data-test=f.test>{f.text}</dd>
                    </div>
                })
                .collect_view()}
            {comment}
        </dl>
    }
}

/// «Выполнено», asked first: the resident is told and may pay.
#[component]
fn DoneButton(request: RwSignal<ServiceRequest>, alert: RwSignal<Option<String>>) -> impl IntoView {
    let session = use_session();
    let id = request.with_untracked(|r| r.id);
    let done = move || async move {
        match session
            .authorized(async |c| c.finish_service_request(id).await)
            .await
        {
            Ok(changed) => {
                alert.set(None);
                request.set(changed);
                true
            }
            Err(e) => {
                alert.set(Some(describe(&e)));
                false
            }
        }
    };
    view! {
        <div class="button-row request-actions">
            <ConfirmButton
                label="Выполнено"
                question="Отметить заявку выполненной? Житель получит письмо и сможет оплатить работу в личном кабинете.".to_owned()
                question_id="done-question".to_owned()
                yes="Да, выполнено"
                busy="Отмечаем…"
                test="done"
                action=done
            />
        </div>
    }
}
