//! The app: session, layout and routes.

use crate::chunks::{self, Build};
use crate::components::guard::{only_for, Audience};
use crate::components::layout::{Footer, Header};
use crate::components::page::{Loading, Page};
use crate::pages::{account, desk, login};
use crate::session::{use_session, Session};
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Redirect, Route, Router, A};
use leptos_router::{path, NavigateOptions};

#[component]
pub fn App() -> impl IntoView {
    let session = Session::provide();
    view! {
        <Router>
            <Header />
            <main id="main" class="container">
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
            </main>
            <Footer />
        </Router>
    }
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
                <A href="/">"На главную"</A>
            </p>
        </Page>
    }
}
