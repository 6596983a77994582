//! One personal account: its heading, the account's menu numbered as in the manual
//! (Главная, Начисления, Показания счётчиков, Платежи) and the section below it.

pub mod charges;
pub mod home;
pub mod payments;
pub mod readings;

use crate::app::NotFound;
use crate::components::load::{load, show, Loaded};
use crate::components::page::set_document_title;
use crate::session::use_session;
use domkom_dto::AccountCard;
use domkom_values::AccountId;
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::use_params_map;

/// The account card, loaded once for the heading and shared with the sections.
#[derive(Clone, Copy)]
pub struct CurrentAccount {
    pub id: AccountId,
    pub card: Loaded<AccountCard>,
}

pub fn use_account() -> CurrentAccount {
    expect_context::<CurrentAccount>()
}

/// The message when the account is not (or no longer) linked to this resident.
const NOT_LINKED: &str =
    "Лицевой счёт не найден среди ваших. Возможно, он отвязан — добавьте его снова.";

/// `/accounts/:id/*`: the frame of every section of one account.
#[component]
pub fn AccountLayout() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")?.parse::<AccountId>().ok()));
    // Another account is another frame: its card and sections load afresh.
    move || match id.get() {
        Some(id) => view! { <AccountFrame id /> }.into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}

#[component]
fn AccountFrame(id: AccountId) -> impl IntoView {
    let session = use_session();
    let card = load(session, NOT_LINKED, async move |c| c.account_card(id).await);
    provide_context(CurrentAccount { id, card });
    set_document_title("Лицевой счёт");
    Effect::new(move || {
        if let Some(Ok(c)) = card.get() {
            set_document_title(&format!("Лицевой счёт №\u{a0}{}", c.number));
        }
    });
    view! {
        <section class="page" aria-labelledby="page-title">
            <p class="breadcrumbs">
                <A href="/accounts">"Мои лицевые счета"</A>
            </p>
            <h1 id="page-title">
                "Лицевой счёт"
                {move || {
                    card.get()
                        .and_then(Result::ok)
                        .map(|c| view! { " №\u{a0}" <span data-test="account-number">{c.number}</span> })
                }}
            </h1>
            <p class="muted account-address">
                {move || card.get().and_then(Result::ok).map(|c| c.address)}
            </p>
            // No menu for an account that is not there.
            {move || {
                card.with(|c| !matches!(c, Some(Err(_))))
                    .then(|| view! { <AccountMenu id /> })
            }}
            {show(card, "Загружаем лицевой счёт…", |_| view! { <Outlet /> })}
        </section>
    }
}

/// The account's sections in the manual's order (рис. 6: 1–2 Главная, 3 Начисления,
/// 4 Показания счётчиков, 5 Платежи).
#[component]
fn AccountMenu(id: AccountId) -> impl IntoView {
    let base = format!("/accounts/{id}");
    view! {
        <nav class="account-menu" aria-label="Разделы лицевого счёта">
            <A href=base.clone() exact=true>"Главная"</A>
            <A href=format!("{base}/charges")>"Начисления"</A>
            <A href=format!("{base}/readings")>"Показания счётчиков"</A>
            <A href=format!("{base}/payments")>"Платежи"</A>
        </nav>
    }
}
