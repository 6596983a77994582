//! One personal account: its heading, the account's menu numbered as in the manual
//! (Главная, Начисления, Показания счётчиков, Платежи), then Обращения and Платные
//! услуги, and the section below it.

pub mod appeals;
pub mod charges;
pub mod home;
pub mod payments;
pub mod readings;
pub mod service_requests;

use crate::chunks;
use crate::components::appeals::card::UnreadBadge;
use crate::components::load::{load, show, Loaded};
use crate::components::page::{set_document_title, with_id, IdAt};
use crate::components::sections::{section_view, Sections};
use crate::navigation::Link;
use crate::session::use_session;
use domkom_dto::{AccountCard, PageQuery};
use domkom_values::AccountId;
use leptos::prelude::*;

/// The account card, loaded once for the heading and shared with the sections; and the
/// answers to the resident's appeals not read yet, for the menu.
#[derive(Clone, Copy)]
pub struct CurrentAccount {
    pub id: AccountId,
    pub card: Loaded<AccountCard>,
    /// Read again when a thread has been opened; no badge while unknown.
    pub unread: Loaded<i64>,
}

pub fn use_account() -> CurrentAccount {
    expect_context::<CurrentAccount>()
}

/// The message when the account is not (or no longer) linked to this resident.
const NOT_LINKED: &str =
    "Лицевой счёт не найден среди ваших. Возможно, он отвязан — добавьте его снова.";

/// The account's sections below `/accounts/:id`.
const SECTIONS: Sections = &[
    ("", chunks::account_home),
    ("charges", chunks::account_charges),
    ("readings", chunks::account_readings),
    ("payments", chunks::account_payments),
    ("appeals", chunks::appeals_page),
    ("appeals/new", chunks::new_appeal_page),
    ("appeals/:id", chunks::appeal_page),
    ("service-requests", chunks::service_requests_page),
    ("service-requests/new", chunks::new_service_request_page),
];

/// The account's card, asked for by the route (in the routes' chunk).
#[derive(Clone, Copy)]
struct Requested {
    id: AccountId,
    card: Loaded<AccountCard>,
}

/// `/accounts/:id/*`: one account's card, asked for as soon as the route runs, while the
/// frame's chunk (`chunks::account_frame`) is on its way.
#[component]
pub fn AccountLayout() -> impl IntoView {
    // Another account is another frame: its card and sections load afresh.
    with_id(IdAt::Second, |id: AccountId| {
        let card = load(use_session(), NOT_LINKED, async move |c| {
            // Usually asked for by `boot.js` already; its failure is asked again here.
            #[cfg(target_arch = "wasm32")]
            if let Some(answer) = crate::boot::card(id) {
                if let Ok(card) = c.adopted(answer).await {
                    return Ok(card);
                }
            }
            c.account_card(id).await
        });
        provide_context(Requested { id, card });
        crate::chunks::account_frame()
    })
}

/// The heading, the menu and the section of the account the route asked for; the count of
/// unread answers for the menu.
#[component]
pub fn AccountFrame() -> impl IntoView {
    let Requested { id, card } = expect_context();
    // The count covers every appeal; one item is the least a page holds.
    let page = PageQuery {
        limit: Some(1),
        offset: None,
    };
    let unread = load(use_session(), NOT_LINKED, async move |c| {
        Ok(c.appeals(id, page).await?.unread_answers)
    });
    provide_context(CurrentAccount { id, card, unread });
    let failed = Memo::new(move |_| card.failed());
    set_document_title("Лицевой счёт");
    Effect::new(move || {
        if let Some(Ok(c)) = card.get() {
            set_document_title(&format!("Лицевой счёт №\u{a0}{}", c.number));
        }
    });
    view! {
        <section class="page" aria-labelledby="page-title">
            <p class="breadcrumbs">
                <Link href="/accounts">"Мои лицевые счета"</Link>
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
                (!card.failed())
                    .then(|| view! { <AccountMenu id unread /> })
            }}
            // The section loads beside the card, not after it; an account that is not
            // there shows why instead.
            <Show
                when=move || !failed.get()
                fallback=move || show(card, "Загружаем лицевой счёт…", |_| ())
            >
                {section_view(2, SECTIONS)}
            </Show>
        </section>
    }
}

/// The account's sections in the manual's order (рис. 6: 1–2 Главная, 3 Начисления,
/// 4 Показания счётчиков, 5 Платежи), then Обращения with the answers not read yet, and
/// Платные услуги.
#[component]
fn AccountMenu(id: AccountId, unread: Loaded<i64>) -> impl IntoView {
    let base = format!("/accounts/{id}");
    let badge = move || {
        let count = unread.get()?.ok().filter(|&n| n > 0)?;
        Some(view! { <UnreadBadge count test="unread-answers" /> })
    };
    view! {
        <nav class="section-menu" aria-label="Разделы лицевого счёта">
            <Link href=base.clone() exact=true>"Главная"</Link>
            <Link href=format!("{base}/charges")>"Начисления"</Link>
            <Link href=format!("{base}/readings")>"Показания счётчиков"</Link>
            <Link href=format!("{base}/payments")>"Платежи"</Link>
            <Link href=format!("{base}/appeals")>"Обращения" {badge}</Link>
            <Link href=format!("{base}/service-requests")>"Платные услуги"</Link>
        </nav>
    }
}
