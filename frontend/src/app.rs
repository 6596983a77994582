//! The app: session, layout and routes.

use crate::chunks;
use crate::components::guard::{ForResidents, ForStaff, SignedIn};
use crate::components::layout::{Footer, Header};
use crate::components::page::{Loading, Page};
use crate::pages::{account, desk, login};
use crate::session::{use_session, Session};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes, A};
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
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Home />
                        <Route path=path!("/login") view=login::LoginPage />
                        <Route path=path!("/register") view=chunks::register_page />
                        <Route path=path!("/activate") view=chunks::activate_page />
                        <Route path=path!("/password/forgot") view=chunks::forgot_password_page />
                        <Route path=path!("/password/reset") view=chunks::reset_password_page />
                        <Route path=path!("/email/confirm") view=chunks::confirm_email_page />
                        <Route path=path!("/unsubscribe") view=chunks::unsubscribe_page />
                        <ParentRoute path=path!("") view=SignedIn>
                            <Route path=path!("/profile") view=chunks::profile_page />
                            <ParentRoute path=path!("") view=ForResidents>
                                <Route path=path!("/accounts") view=chunks::accounts_page />
                                // Before `/accounts/:id`, which would take «add» for an id.
                                <Route path=path!("/accounts/add") view=chunks::add_account_page />
                                <ParentRoute path=path!("/accounts/:id") view=account::AccountLayout>
                                    <Route path=path!("") view=chunks::account_home />
                                    <Route path=path!("charges") view=chunks::account_charges />
                                    <Route path=path!("readings") view=chunks::account_readings />
                                    <Route path=path!("payments") view=chunks::account_payments />
                                    <Route path=path!("appeals") view=chunks::appeals_page />
                                    // Before the thread, which would take «new» for an id.
                                    <Route path=path!("appeals/new") view=chunks::new_appeal_page />
                                    <Route path=path!("appeals/:appeal_id") view=chunks::appeal_page />
                                    <Route path=path!("service-requests") view=chunks::service_requests_page />
                                    <Route path=path!("service-requests/new") view=chunks::new_service_request_page />
                                </ParentRoute>
                            </ParentRoute>
                            <ParentRoute path=path!("") view=ForStaff>
                                <ParentRoute path=path!("/desk") view=desk::DeskLayout>
                                    <Route path=path!("") view=desk::DeskStart />
                                    <Route path=path!("appeals") view=chunks::desk_queue />
                                    <Route path=path!("appeals/:id") view=chunks::desk_appeal />
                                    <Route path=path!("appeal-topics") view=chunks::desk_topics />
                                    <Route path=path!("service-requests") view=chunks::desk_requests />
                                    <Route path=path!("service-requests/:id") view=chunks::desk_request />
                                    <Route path=path!("paid-services") view=chunks::desk_catalogue />
                                </ParentRoute>
                            </ParentRoute>
                        </ParentRoute>
                    </Routes>
                </Show>
            </main>
            <Footer />
        </Router>
    }
}

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
