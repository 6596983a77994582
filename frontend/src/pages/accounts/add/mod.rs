//! «Добавить лицевой счёт»: what kind of account, which organization keeps it, then its
//! number and one proof that only the payer has — the code printed on the receipt or the
//! exact total of the last receipt.

mod proof;

use crate::components::field::{collect, required, Field, FieldErrors};
use crate::components::form::{describe, SubmitButton};
use crate::components::page::{Loading, Page};
use crate::labels;
use crate::navigation::Link;
use crate::session::use_session;
use domkom_dto::{AccountKind, OrganizationSummary};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The kinds offered in step 1, with what each covers.
const KINDS: [(AccountKind, &str); 3] = [
    (
        AccountKind::Zhku,
        "Счёт в управляющей компании или ТСЖ: содержание жилья, вода, электроэнергия, вывоз мусора.",
    ),
    (
        AccountKind::Kapremont,
        "Взносы на капитальный ремонт дома: счёт регионального оператора или специальный счёт дома.",
    ),
    (
        AccountKind::Rso,
        "Прямой договор с поставщиком ресурса: электроэнергия, газ, тепло, вода.",
    ),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Kind,
    Organization,
    Details,
}

const STEPS: [(Step, &str); 3] = [
    (Step::Kind, "Вид счёта"),
    (Step::Organization, "Организация"),
    (Step::Details, "Номер и подтверждение"),
];

#[component]
pub fn AddAccountPage() -> impl IntoView {
    let step = RwSignal::new(Step::Kind);
    let kind = RwSignal::new(AccountKind::Zhku);
    let organization = RwSignal::new(None::<OrganizationSummary>);
    view! {
        <Page title="Добавить лицевой счёт" class="page page-medium">
            <ol class="steps" aria-label="Шаги">
                {STEPS
                    .iter()
                    .enumerate()
                    .map(|(i, (s, name))| {
                        let s = *s;
                        view! {
                            <li
                                class:step-current=move || step.get() == s
                                aria-current=move || (step.get() == s).then_some("step")
                            >
                                <span class="step-number">{i + 1}</span>
                                {*name}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {move || match step.get() {
                Step::Kind => view! { <ChooseKind kind step /> }.into_any(),
                Step::Organization => {
                    view! { <FindOrganization kind organization step /> }.into_any()
                }
                Step::Details => {
                    match organization.get() {
                        Some(org) => view! { <proof::ProveAccount org kind step /> }.into_any(),
                        None => view! { <FindOrganization kind organization step /> }.into_any(),
                    }
                }
            }}
            <p class="after-form">
                <Link href="/accounts">"Вернуться к списку лицевых счетов"</Link>
            </p>
        </Page>
    }
}

/// Step 1: the kind of account.
#[component]
fn ChooseKind(kind: RwSignal<AccountKind>, step: RwSignal<Step>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="kind-title">
            <h2 id="kind-title">"Какой лицевой счёт добавить?"</h2>
            <div class="choice-list">
                {KINDS
                    .iter()
                    .map(|(k, about)| {
                        let k = *k;
                        view! {
                            <button
                                type="button"
                                class="choice"
                                data-test="kind"
                                data-kind=k.as_str()
                                on:click=move |_| {
                                    kind.set(k);
                                    step.set(Step::Organization);
                                }
                            >
                                <span class="choice-title">{labels::account_kind(k)}</span>
                                <span class="choice-about">{*about}</span>
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
    }
}

/// What a search found: nothing yet, the organizations, or why it failed.
#[derive(Clone)]
enum Found {
    NotAsked,
    Searching,
    Some(Vec<OrganizationSummary>),
    Failed(String),
}

/// Step 2: the organization, by name, INN or address.
#[component]
fn FindOrganization(
    kind: RwSignal<AccountKind>,
    organization: RwSignal<Option<OrganizationSummary>>,
    step: RwSignal<Step>,
) -> impl IntoView {
    let session = use_session();
    let query = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let found = RwSignal::new(Found::NotAsked);
    let pending = RwSignal::new(false);

    let search = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = query.get_untracked().trim().to_owned();
        let problems = collect([required("org_query", &text)]);
        let blank = !problems.is_empty();
        errors.set(problems);
        if blank || pending.get_untracked() {
            return;
        }
        pending.set(true);
        found.set(Found::Searching);
        spawn_local(async move {
            let kind = Some(kind.get_untracked());
            let result = session
                .authorized(async |c| c.find_organizations(&text, kind).await)
                .await;
            found.set(match result {
                Ok(list) => Found::Some(list),
                Err(e) => Found::Failed(describe(&e)),
            });
            pending.set(false);
        });
    };

    view! {
        <section class="card" aria-labelledby="org-title">
            <h2 id="org-title">"Найдите организацию"</h2>
            <p class="muted">
                {move || labels::account_kind(kind.get())}
                ". Укажите название, ИНН или адрес организации, которая выставляет квитанции."
            </p>
            <form id="org-search-form" class="form search-form" novalidate on:submit=search>
                <Field
                    name="org_query"
                    label="Название, ИНН или адрес"
                    value=query
                    errors=errors
                    kind="search"
                />
                <SubmitButton label="Найти" busy_label="Ищем…" pending=pending />
            </form>
            <div aria-live="polite">
                {move || match found.get() {
                    Found::NotAsked => ().into_any(),
                    Found::Searching => view! { <Loading text="Ищем организации…" /> }.into_any(),
                    Found::Failed(message) => {
                        view! { <p class="notice notice-error" role="alert">{message}</p> }
                            .into_any()
                    }
                    Found::Some(list) if list.is_empty() => {
                        view! {
                            <div id="org-not-found" class="notice notice-info">
                                <p>
                                    <strong>"Организация не найдена."</strong>
                                </p>
                                <p>
                                    "Проверьте название, ИНН или адрес. Если вашей управляющей организации нет в списке доступных, обратитесь непосредственно в неё по вопросу подключения к личному кабинету."
                                </p>
                            </div>
                        }
                            .into_any()
                    }
                    Found::Some(list) => {
                        view! {
                            <ul id="org-results" class="org-list">
                                {list
                                    .into_iter()
                                    .map(|org| view! { <OrganizationChoice org organization step /> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }}
            </div>
            <div class="button-row wizard-nav">
                <button type="button" class="button button-quiet" on:click=move |_| step.set(Step::Kind)>
                    "Назад"
                </button>
            </div>
        </section>
    }
}

#[component]
fn OrganizationChoice(
    org: OrganizationSummary,
    organization: RwSignal<Option<OrganizationSummary>>,
    step: RwSignal<Step>,
) -> impl IntoView {
    let (id, name) = (org.id, org.name.clone());
    let label = format!("Выбрать: {name}");
    view! {
        <li class="org-item" data-test="organization" data-org-id=id.get()>
            <div class="org-about">
                <strong>{name}</strong>
                <span class="muted">
                    {labels::organization_kind(org.kind)} ", ИНН " {org.inn.clone()}
                </span>
                <span>{org.address.clone()}</span>
            </div>
            <button
                type="button"
                class="button"
                data-test="choose-organization"
                aria-label=label
                on:click=move |_| {
                    organization.set(Some(org.clone()));
                    step.set(Step::Details);
                }
            >
                "Выбрать"
            </button>
        </li>
    }
}
