//! The header with the menu and the footer around every page.

use crate::app::replace;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    view! {
        <header class="site-header">
            <div class="container header-inner">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"Д"</span>
                    "Домком"
                </A>
                <nav class="menu" aria-label="Основное меню">
                    <Show when=move || session.is_restored()>
                        <Show when=move || session.is_signed_in() fallback=SignedOutMenu>
                            <SignedInMenu />
                        </Show>
                    </Show>
                </nav>
            </div>
        </header>
    }
}

#[component]
fn SignedOutMenu() -> impl IntoView {
    view! {
        <ul class="menu-list">
            <li>
                <A href="/login">"Вход"</A>
            </li>
            <li>
                <A href="/register">"Регистрация"</A>
            </li>
        </ul>
    }
}

#[component]
fn SignedInMenu() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let pending = RwSignal::new(false);
    let sign_out = move |_| {
        let navigate = navigate.clone();
        pending.set(true);
        spawn_local(async move {
            session.sign_out().await;
            navigate("/login", replace());
        });
    };
    view! {
        <ul class="menu-list">
            <li>
                <A href="/accounts">"Лицевые счета"</A>
            </li>
            <li>
                <A href="/profile">"Мой профиль"</A>
            </li>
            <li>
                <button
                    id="logout"
                    type="button"
                    class="button button-quiet"
                    on:click=sign_out
                    disabled=move || pending.get()
                >
                    {move || if pending.get() { "Выход…" } else { "Выйти" }}
                </button>
            </li>
        </ul>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="container">
                "Домком — личный кабинет жителя многоквартирного дома."
            </div>
        </footer>
    }
}
