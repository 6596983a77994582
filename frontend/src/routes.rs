//! The routes: every page as the router shows it. A chunk of its own (`chunks::routed`),
//! which the sign-in page does not wait for: `app.rs` shows that page by itself, and
//! `boot.js` fetches this chunk beside the main module for any other address.

use crate::chunks::{self, Build};
use crate::components::guard::{only_for, Audience};
use crate::components::page::{Loading, Page};
use crate::navigation::{use_navigation, Link};
use crate::pages::{account, desk, login};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Redirect, Route, Router};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{path, NavigateOptions};

#[component]
pub fn Routed() -> impl IntoView {
    let session = use_session();
    view! {
        <Router>
            <HandOver />
            <Show
                when=move || session.is_restored()
                fallback=|| view! { <Loading text="Проверяем вход…" /> }
            >
                <FlatRoutes fallback=NotFound>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/login") view=login::LoginPage />
                    <Route path=path!("/register") view=chunks::register_page />
                    <Route path=path!("/activate") view=chunks::activate_page />
                    <Route path=path!("/password/forgot") view=chunks::forgot_password_page />
                    <Route path=path!("/password/reset") view=chunks::reset_password_page />
                    <Route path=path!("/email/confirm") view=chunks::confirm_email_page />
                    <Route path=path!("/unsubscribe") view=chunks::unsubscribe_page />
                    <Route path=path!("/profile") view=PROFILE />
                    <Route path=path!("/accounts") view=ACCOUNTS />
                    // Before the account, which would take «add» for an id.
                    <Route path=path!("/accounts/add") view=ADD_ACCOUNT />
                    <Route path=path!("/accounts/:id/*section") view=ACCOUNT />
                    <Route path=path!("/desk/*section") view=DESK />
                </FlatRoutes>
            </Show>
        </Router>
    }
}

/// The header and the sign-in page, made before the router, go through it from now on and
/// follow its path.
#[component]
fn HandOver() -> impl IntoView {
    let navigation = use_navigation();
    let navigate = use_navigate();
    let location = use_location();
    navigation.hand_over(
        move |to: &str, replace: bool| {
            navigate(
                to,
                NavigateOptions {
                    replace,
                    ..Default::default()
                },
            )
        },
        move || location.search.get_untracked(),
    );
    Effect::new(move || navigation.follow(location.pathname.get()));
}

// The pages behind sign-in. A frame with sections (an account, the desk) is one route
// whose sections follow its address's rest (`*section`): the frame stays while they
// change, and the route table has no nesting, whose code the sign-in page would carry.
const PROFILE: Build = || only_for(Audience::SignedIn, chunks::profile_page);
const ACCOUNTS: Build = || only_for(Audience::Residents, chunks::accounts_page);
const ADD_ACCOUNT: Build = || only_for(Audience::Residents, chunks::add_account_page);
const ACCOUNT: Build = || only_for(Audience::Residents, || account::AccountLayout().into_any());
const DESK: Build = || only_for(Audience::Staff, || desk::DeskLayout().into_any());

/// `/` leads to the resident's accounts, the staff's desk, or the sign-in page.
#[component]
fn Home() -> impl IntoView {
    let session = use_session();
    let target = if session.is_signed_in_untracked() {
        session.home().path
    } else {
        "/login"
    };
    view! { <Redirect path=target options=replace() /> }
}

/// Navigation that replaces the current history entry, for redirects.
pub fn replace() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..Default::default()
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Page title="Страница не найдена">
            <p>"Такой страницы нет. Возможно, ссылка устарела или в адресе опечатка."</p>
            <p>
                <Link href="/">"На главную"</Link>
            </p>
        </Page>
    }
}
