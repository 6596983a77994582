//! «Мои лицевые счета»: the accounts linked to the resident, the way to add one and to
//! unlink one. The page a resident lands on after signing in.

pub mod add;

use crate::components::confirm::ConfirmButton;
use crate::components::form::{describe, FormAlert, FormStatus};
use crate::components::load::{load, show, Loaded};
use crate::components::page::Page;
use crate::labels;
use crate::navigation::Link;
use crate::session::use_session;
use domkom_dto::LinkedAccount;
use domkom_values::AccountId;
use leptos::prelude::*;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let session = use_session();
    let accounts: Loaded<Vec<LinkedAccount>> = load(
        session,
        "Список лицевых счетов недоступен.",
        async |c| c.my_accounts().await,
    );
    // What the last unlinking did, above the list.
    let alert = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    view! {
        <Page title="Мои лицевые счета">
            <p class="page-actions">
                <Link href="/accounts/add" class="button" attr:id="add-account">
                    "Добавить лицевой счёт"
                </Link>
            </p>
            <FormAlert message=alert />
            <FormStatus message=status />
            {show(
                accounts,
                "Загружаем лицевые счета…",
                move |list| {
                    if list.is_empty() {
                        return view! { <NoAccounts /> }.into_any();
                    }
                    view! {
                        <ul id="account-list" class="account-list">
                            {list
                                .into_iter()
                                .map(|account| {
                                    view! { <AccountItem account accounts alert status /> }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                },
            )}
        </Page>
    }
}

#[component]
fn NoAccounts() -> impl IntoView {
    view! {
        <div id="no-accounts" class="card empty">
            <p>
                <strong>"Лицевые счета ещё не добавлены."</strong>
            </p>
            <p class="muted">
                "Чтобы видеть начисления, показания счётчиков и платежи, привяжите лицевой счёт: понадобятся его номер и код привязки или сумма последней квитанции."
            </p>
        </div>
    }
}

/// One account with its «Отвязать».
#[component]
fn AccountItem(
    account: LinkedAccount,
    accounts: Loaded<Vec<LinkedAccount>>,
    alert: RwSignal<Option<String>>,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let id = account.id;
    let href = format!("/accounts/{id}");
    let number = account.number.clone();
    view! {
        <li class="card account-item" data-test="account" data-account-id=id.get()>
            <Link href=href class="account-link">
                <span class="account-number">"Лицевой счёт №\u{a0}" {account.number.clone()}</span>
                <span class="account-kind">{labels::account_kind(account.kind)}</span>
            </Link>
            <dl class="facts facts-compact">
                <div>
                    <dt>"Адрес"</dt>
                    <dd>{account.address}</dd>
                </div>
                <div>
                    <dt>"Абонент"</dt>
                    <dd>{account.holder}</dd>
                </div>
                <div>
                    <dt>"Организация"</dt>
                    <dd>{account.organization_name}</dd>
                </div>
            </dl>
            <Unlink id number accounts alert status />
        </li>
    }
}

/// «Отвязать» and the confirmation it asks for; what it did is told above the list
/// (`alert`, `status`), which then loads again.
#[component]
fn Unlink(
    id: AccountId,
    number: String,
    accounts: Loaded<Vec<LinkedAccount>>,
    alert: RwSignal<Option<String>>,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let question = format!(
        "Отвязать лицевой счёт №\u{a0}{number} от личного кабинета? Данные счёта останутся у организации, снова добавить его можно по коду с квитанции."
    );
    let unlink = move || {
        let number = number.clone();
        async move {
            match session
                .authorized(async |c| c.unlink_account(id).await)
                .await
            {
                Ok(()) => {
                    alert.set(None);
                    status.set(Some(format!("Лицевой счёт №\u{a0}{number} отвязан.")));
                    accounts.refetch();
                    true
                }
                Err(e) => {
                    status.set(None);
                    alert.set(Some(describe(&e)));
                    false
                }
            }
        }
    };
    view! {
        <ConfirmButton
            label="Отвязать"
            question
            question_id=format!("unlink-question-{id}")
            yes="Да, отвязать"
            busy="Отвязываем…"
            test="unlink"
            action=unlink
        />
    }
}
