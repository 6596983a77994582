//! The routes: every page as the router shows it. A chunk of its own (`chunks::routed`),
//! which the sign-in page does not wait for: `app.rs` shows that page by itself, and
//! `boot.js` fetches this chunk beside the main module for any other address.

use crate::chunks::{self, Build};
use crate::components::guard::{only_for, Audience};
use crate::components::page::{Loading, Page};
use crate::components::sections::{section_view, Sections};
use crate::navigation::{use_navigation, Link};
use crate::pages::{account, desk, login};
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn Routed() -> impl IntoView {
    let session = use_session();
    view! {
        <Show
            when=move || session.is_restored()
            fallback=|| view! { <Loading text="Проверяем вход…" /> }
        >
            {section_view(0, ROUTES)}
        </Show>
    }
}

/// Every page by its address. A frame with sections (an account, the desk) is one route
/// whose sections follow the rest of its address (`*`): the frame stays while they change.
const ROUTES: Sections = &[
    ("", HOME),
    ("login", || login::LoginPage().into_any()),
    ("register", chunks::register_page),
    ("activate", chunks::activate_page),
    ("password/forgot", chunks::forgot_password_page),
    ("password/reset", chunks::reset_password_page),
    ("email/confirm", chunks::confirm_email_page),
    ("unsubscribe", chunks::unsubscribe_page),
    ("profile", PROFILE),
    ("accounts", ACCOUNTS),
    // Before the account, which would take «add» for an id.
    ("accounts/add", ADD_ACCOUNT),
    ("accounts/:id/*", ACCOUNT),
    ("desk/*", DESK),
];

// The pages behind sign-in.
const PROFILE: Build = || only_for(Audience::SignedIn, chunks::profile_page);
const ACCOUNTS: Build = || only_for(Audience::Residents, chunks::accounts_page);
const ADD_ACCOUNT: Build = || only_for(Audience::Residents, chunks::add_account_page);
const ACCOUNT: Build = || only_for(Audience::Residents, || account::AccountLayout().into_any());
const DESK: Build = || only_for(Audience::Staff, || desk::DeskLayout().into_any());

/// `/` leads to the resident's accounts, the staff's desk, or the sign-in page.
const HOME: Build = || {
    let session = use_session();
    let target = if session.is_signed_in_untracked() {
        session.home().path
    } else {
        "/login"
    };
    redirect(target)
};

/// Nothing on the page, which `to` replaces in the history once it is made.
pub fn redirect(to: &'static str) -> AnyView {
    let navigation = use_navigation();
    Effect::new(move || navigation.replace(to));
    ().into_any()
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
