//! The app: the session and the page's frame (header, footer). The sign-in page is shown
//! here by itself; every other page, and the sign-in page once another was opened, by the
//! routes (`routes.rs`), a chunk.

use crate::chunks;
use crate::components::layout::{Footer, Header};
use crate::components::page::Loading;
use crate::navigation::{use_navigation, Navigation};
use crate::pages::login::LoginPage;
use crate::session::{use_session, Session};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    Session::provide();
    let navigation = Navigation::provide();
    let routed = Memo::new(move |_| navigation.is_routed());
    view! {
        <Header />
        <main id="main" class="container">
            {move || if routed.get() { chunks::routed() } else { SignIn().into_any() }}
        </main>
        <Footer />
    }
}

/// `/login`, and `/` (which is `/login` for anyone signed out), before the routes are
/// there; the sign-in page sends a signed-in user on to their start.
#[component]
fn SignIn() -> impl IntoView {
    let session = use_session();
    let navigation = use_navigation();
    let restored = Memo::new(move |_| session.is_restored());
    move || {
        if !restored.get() {
            return view! { <Loading text="Проверяем вход…" /> }.into_any();
        }
        untrack(|| {
            if navigation.path() == "/" {
                navigation.rename("/login");
            }
            LoginPage().into_any()
        })
    }
}
