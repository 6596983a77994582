//! «Платные услуги» of the desk: the catalogue residents order from — each service with
//! its price per unit (or «по договорённости»), added, changed, taken off (`active`) or
//! deleted while no request names it.

mod form;

use crate::components::confirm::ConfirmButton;
use crate::components::form::{describe, FormAlert};
use crate::components::load::{load, show, Loaded};
use crate::components::page::set_document_title;
use crate::components::service_requests::price_per_unit;
use crate::session::use_session;
use domkom_client::Error;
use domkom_dto::{ErrorCode, Page, PageQuery, PaidService};
use form::ServiceForm;
use leptos::prelude::*;

/// What the editor has open: nothing, a new service or a service of the list.
#[derive(Clone, PartialEq)]
enum Editing {
    None,
    New,
    Service(PaidService),
}

#[component]
pub fn CataloguePage() -> impl IntoView {
    set_document_title("Платные услуги");
    let session = use_session();
    let catalogue = load(session, "Каталог недоступен.", async |c| {
        let all = PageQuery {
            limit: Some(100),
            offset: None,
        };
        c.operator_paid_services(all).await
    });
    let editing = RwSignal::new(Editing::None);
    let alert = RwSignal::new(None::<String>);
    let saved = Callback::new(move |()| {
        editing.set(Editing::None);
        catalogue.refetch();
    });
    view! {
        <section class="section" aria-labelledby="catalogue-title">
            <h2 id="catalogue-title">"Платные услуги"</h2>
            <p class="muted">
                "Из этого каталога жители заказывают услуги. Услуга без отметки «Доступна жителям» скрыта от них, её заявки остаются."
            </p>
            <FormAlert message=alert />
            {move || match editing.get() {
                Editing::None => view! {
                    <p class="page-actions">
                        <button type="button" class="button" id="add-service" on:click=move |_| editing.set(Editing::New)>
                            "Добавить услугу"
                        </button>
                    </p>
                }
                .into_any(),
                Editing::New => view! { <ServiceForm service=None saved editing /> }.into_any(),
                Editing::Service(s) => view! { <ServiceForm service=Some(s) saved editing /> }.into_any(),
            }}
            {show(catalogue, "Загружаем каталог…", move |list| view! { <ServiceList list catalogue editing alert /> })}
        </section>
    }
}

#[component]
fn ServiceList(
    list: Page<PaidService>,
    catalogue: Loaded<Page<PaidService>>,
    editing: RwSignal<Editing>,
    alert: RwSignal<Option<String>>,
) -> impl IntoView {
    if list.items.is_empty() {
        return view! { <p id="no-services" class="card empty">"Услуг пока нет: добавьте первую."</p> }
            .into_any();
    }
    view! {
        <ul id="services" class="appeal-list">
            {list
                .items
                .into_iter()
                .map(|service| view! { <ServiceItem service catalogue editing alert /> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn ServiceItem(
    service: PaidService,
    catalogue: Loaded<Page<PaidService>>,
    editing: RwSignal<Editing>,
    alert: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let id = service.id;
    let d = service.data.clone();
    let delete = move || async move {
        match session
            .authorized(async |c| c.delete_paid_service(id).await)
            .await
        {
            Ok(()) => {
                alert.set(None);
                catalogue.refetch();
                true
            }
            Err(e) => {
                alert.set(Some(refusal(&e)));
                false
            }
        }
    };
    let edit = move |_| {
        alert.set(None);
        editing.set(Editing::Service(service.clone()));
    };
    view! {
        <li class="appeal-item" data-test="paid-service" data-service-id=id.get() data-active=d.active.to_string()>
            <div class="request-card">
                <span class="appeal-top">
                    <span class="appeal-topic" data-test="name">{d.name.clone()}</span>
                    {(!d.active).then(|| view! { <span class="status status-closed" data-test="inactive">"Скрыта от жителей"</span> })}
                </span>
                <span data-test="price">{price_per_unit(d.price, &d.unit)}</span>
                {(!d.description.is_empty()).then(|| view! { <span class="muted service-description">{d.description.clone()}</span> })}
                <div class="button-row">
                    <button type="button" class="button button-quiet" data-test="edit" on:click=edit>
                        "Изменить"
                    </button>
                    <ConfirmButton
                        label="Удалить"
                        question=format!("Удалить услугу «{}»?", d.name)
                        question_id=format!("delete-question-{id}")
                        yes="Да, удалить"
                        busy="Удаляем…"
                        test="delete"
                        action=delete
                    />
                </div>
            </div>
        </li>
    }
}

/// Why a service was not deleted; one that requests name is taken off the catalogue
/// instead.
fn refusal(e: &Error) -> String {
    match e.code() {
        Some(ErrorCode::InUse) => format!(
            "{} Чтобы жители её больше не видели, откройте «Изменить» и снимите отметку «Доступна жителям».",
            e.message()
        ),
        _ => describe(e),
    }
}
