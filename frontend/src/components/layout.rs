//! The header with the menu and the footer around every page.

use crate::components::load::{loaded, LoadError};
use crate::navigation::{use_navigation, Link};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    let restored = move || session.is_restored();
    view! {
        <header class="site-header">
            <div class="container header-inner">
                <Link href="/" class="brand">
                    <span class="brand-mark" aria-hidden="true">"Д"</span>
                    "Домком"
                </Link>
                <nav class="menu" aria-label="Основное меню">
                    <Show when=restored>
                        <Show when=move || session.is_signed_in() fallback=SignedOutMenu>
                            <SignedInMenu />
                        </Show>
                    </Show>
                </nav>
                // Not a place to go, so beside the menu rather than in it; on a phone it
                // shares the brand's line and the menu gets a line of its own.
                <Show when=move || restored() && session.is_signed_in()>
                    <SignOut />
                </Show>
            </div>
        </header>
    }
}

#[component]
fn SignedOutMenu() -> impl IntoView {
    view! {
        <ul class="menu-list">
            <li>
                <Link href="/login">"Вход"</Link>
            </li>
            <li>
                <Link href="/register">"Регистрация"</Link>
            </li>
        </ul>
    }
}

/// A resident's accounts, or the staff's desk; never the other's.
#[component]
fn SignedInMenu() -> impl IntoView {
    let session = use_session();
    let start = move || {
        if session.is_staff() {
            view! { <Link href="/desk">"Рабочее место"</Link> }.into_any()
        } else {
            view! { <Link href="/accounts">"Лицевые счета"</Link> }.into_any()
        }
    };
    view! {
        <ul class="menu-list">
            <li>{start}</li>
            <li>
                <Link href="/profile">"Мой профиль"</Link>
            </li>
        </ul>
    }
}

#[component]
fn SignOut() -> impl IntoView {
    let session = use_session();
    let navigation = use_navigation();
    let pending = RwSignal::new(false);
    let sign_out = move |_| {
        pending.set(true);
        spawn_local(async move {
            session.sign_out().await;
            navigation.replace("/login");
        });
    };
    view! {
        <button
            id="logout"
            type="button"
            class="button button-quiet sign-out"
            on:click=sign_out
            disabled=move || pending.get()
        >
            {move || if pending.get() { "Выход…" } else { "Выйти" }}
        </button>
    }
}

/// Who answers for the data, how to reach the portal's support, and the © line, as on
/// the manual's pages. The operator's contacts come from `GET site`; the rest stands while
/// they load.
#[component]
pub fn Footer() -> impl IntoView {
    let session = use_session();
    // Without them (the server out of reach) the footer says the rest.
    let site = loaded(move || async move {
        session.client().site().await.map_err(|e| LoadError {
            message: e.to_string(),
            retry: true,
        })
    });
    let contacts = move || {
        site.get().and_then(Result::ok).map(|site| {
            let phone = site.support_phone.map(|phone| {
                view! {
                    ", "
                    <a href=tel_href(&phone) data-test="support-phone">{phone.clone()}</a>
                }
            });
            view! {
                <p class="footer-support">
                    "Поддержка портала: "
                    <a href=format!("mailto:{}", site.support_email) data-test="support-email">
                        {site.support_email.clone()}
                    </a>
                    {phone}
                </p>
                <p class="footer-copyright">"© " {site.year} " " {site.operator}</p>
            }
        })
    };
    view! {
        <footer class="site-footer">
            <div class="container footer-inner">
                <p>
                    "Ответственность за размещённую на портале информацию несут управляющие организации (по обслуживаемым ими многоквартирным домам)."
                </p>
                {contacts}
            </div>
        </footer>
    }
}

/// A `tel:` link: only the digits and the plus, what a phone dials.
pub fn tel_href(phone: &str) -> String {
    let dial: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{dial}")
}
