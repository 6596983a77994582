//! The app: session, layout and routes.

use crate::components::layout::{Footer, Header};
use crate::components::page::{Loading, Page};
use crate::pages::{activate, login, password, profile, register};
use crate::session::{use_session, Session};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes, A};
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
                        <Route path=path!("/profile") view=profile::ProfilePage />
                    </Routes>
                </Show>
            </main>
            <Footer />
        </Router>
    }
}

/// `/` leads to the profile or to the sign-in page.
#[component]
fn Home() -> impl IntoView {
    let target = if use_session().is_signed_in_untracked() {
        "/profile"
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
fn NotFound() -> impl IntoView {
    view! {
        <Page title="Страница не найдена">
            <p>"Такой страницы нет. Возможно, ссылка устарела или в адресе опечатка."</p>
            <p>
                <A href="/">"На главную"</A>
            </p>
        </Page>
    }
}
