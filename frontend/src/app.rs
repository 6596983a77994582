//! The app: session, layout and routes.

use crate::components::guard::{ForResidents, ForStaff, SignedIn};
use crate::components::layout::{Footer, Header};
use crate::components::page::{Loading, Page};
use crate::pages::{
    account, accounts, activate, desk, email, login, password, profile, register, unsubscribe,
};
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
                        <Route path=path!("/register") view=register::RegisterPage />
                        <Route path=path!("/activate") view=activate::ActivatePage />
                        <Route path=path!("/password/forgot") view=password::ForgotPasswordPage />
                        <Route path=path!("/password/reset") view=password::ResetPasswordPage />
                        <Route path=path!("/email/confirm") view=email::ConfirmEmailPage />
                        <Route path=path!("/unsubscribe") view=unsubscribe::UnsubscribePage />
                        <ParentRoute path=path!("") view=SignedIn>
                            <Route path=path!("/profile") view=profile::ProfilePage />
                            <ParentRoute path=path!("") view=ForResidents>
                                <Route path=path!("/accounts") view=accounts::AccountsPage />
                                // Before `/accounts/:id`, which would take «add» for an id.
                                <Route path=path!("/accounts/add") view=accounts::add::AddAccountPage />
                                <ParentRoute path=path!("/accounts/:id") view=account::AccountLayout>
                                    <Route path=path!("") view=account::home::AccountHome />
                                    <Route path=path!("charges") view=account::charges::AccountCharges />
                                    <Route path=path!("readings") view=account::readings::AccountReadings />
                                    <Route path=path!("payments") view=account::payments::AccountPayments />
                                    <Route path=path!("appeals") view=account::appeals::list::AppealsPage />
                                    // Before the thread, which would take «new» for an id.
                                    <Route path=path!("appeals/new") view=account::appeals::new::NewAppealPage />
                                    <Route path=path!("appeals/:appeal_id") view=account::appeals::thread::AppealPage />
                                    <Route path=path!("service-requests") view=account::service_requests::list::ServiceRequestsPage />
                                    <Route path=path!("service-requests/new") view=account::service_requests::new::NewServiceRequestPage />
                                </ParentRoute>
                            </ParentRoute>
                            <ParentRoute path=path!("") view=ForStaff>
                                <ParentRoute path=path!("/desk") view=desk::DeskLayout>
                                    <Route path=path!("") view=desk::DeskStart />
                                    <Route path=path!("appeals") view=desk::queue::QueuePage />
                                    <Route path=path!("appeals/:id") view=desk::thread::DeskAppealPage />
                                    <Route path=path!("appeal-topics") view=desk::topics::TopicsPage />
                                    <Route path=path!("service-requests") view=desk::requests::RequestsPage />
                                    <Route path=path!("service-requests/:id") view=desk::request::DeskRequestPage />
                                    <Route path=path!("paid-services") view=desk::catalogue::CataloguePage />
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
