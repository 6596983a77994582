//! `/email/confirm?token=…`: the link sent to a new e-mail address. It works for the
//! profile that asked, signed in; a visitor who is not signed in is asked to sign in first
//! and comes back here.

use crate::components::form::describe;
use crate::components::page::{Loading, Page};
use crate::navigation::{escape, use_navigation, Link};
use crate::session::use_session;
use domkom_client::dto::ErrorCode;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone)]
enum Confirmation {
    Running,
    Done(String),
    Failed(String),
}

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let session = use_session();
    let token = use_navigation()
        .query_untracked("token")
        .unwrap_or_default();
    let body = if token.trim().is_empty() {
        view! { <Failed message="В ссылке нет кода подтверждения. Откройте ссылку из письма целиком.".into() /> }
            .into_any()
    } else if session.is_signed_in_untracked() {
        view! { <Confirm token /> }.into_any()
    } else {
        let back = format!("/email/confirm?token={}", escape(token.trim()));
        let login = format!("/login?next={}", escape(&back));
        view! {
            <p class="notice notice-info" role="status">
                "Чтобы подтвердить новый адрес, войдите в кабинет — под той учётной записью, где меняли e-mail."
            </p>
            <p>
                <Link href=login class="button" attr:id="confirm-sign-in">"Войти"</Link>
            </p>
        }
        .into_any()
    };
    view! {
        <Page title="Подтверждение e-mail" class="page page-narrow">
            <div class="card">{body}</div>
        </Page>
    }
}

/// Sends the token as soon as the page opens.
#[component]
fn Confirm(token: String) -> impl IntoView {
    let session = use_session();
    let state = RwSignal::new(Confirmation::Running);
    spawn_local(async move {
        let token = token.trim().to_owned();
        let result = session
            .authorized(async |c| c.confirm_email(&token).await)
            .await;
        state.set(match result {
            Ok(user) => {
                let email = user.email.clone();
                session.set_user(user);
                Confirmation::Done(email)
            }
            Err(e) if e.code() == Some(ErrorCode::TokenInvalid) => Confirmation::Failed(
                "Ссылка недействительна: устарела, уже использована или заменена более новой. \
                 Если вы меняли адрес под другой учётной записью, войдите под ней."
                    .into(),
            ),
            Err(e) => Confirmation::Failed(describe(&e)),
        });
    });
    move || match state.get() {
        Confirmation::Running => view! { <Loading text="Подтверждаем адрес…" /> }.into_any(),
        Confirmation::Done(email) => view! {
            <p class="notice notice-success" role="status" data-test="email-changed">
                "Адрес электронной почты изменён на " <strong>{email}</strong> "."
            </p>
            <p>"Теперь входите и восстанавливайте пароль с ним."</p>
            <p>
                <Link href="/profile">"Мой профиль"</Link>
            </p>
        }
        .into_any(),
        Confirmation::Failed(message) => view! { <Failed message /> }.into_any(),
    }
}

#[component]
fn Failed(message: String) -> impl IntoView {
    view! {
        <p class="notice notice-error" role="alert">{message}</p>
        <p>
            <Link href="/profile">"Мой профиль"</Link>
        </p>
    }
}
