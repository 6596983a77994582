//! `/activate?token=…`: the link from the activation e-mail, and «Отправить письмо ещё
//! раз» for a letter that did not come.

use crate::components::form::{describe, FormAlert, FormStatus};
use crate::components::page::{Loading, Page};
use crate::navigation::{use_navigation, Link};
use crate::session::use_session;
use domkom_client::dto::ErrorCode;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone)]
enum Activation {
    Running,
    Done,
    Failed(String),
}

#[component]
pub fn ActivatePage() -> impl IntoView {
    let session = use_session();
    let token = use_navigation()
        .query_untracked("token")
        .unwrap_or_default();
    let state = RwSignal::new(Activation::Running);
    if token.trim().is_empty() {
        state.set(Activation::Failed(
            "В ссылке нет кода активации. Откройте ссылку из письма целиком.".into(),
        ));
    } else {
        spawn_local(async move {
            let result = session.client().activate(token.trim()).await;
            state.set(match result {
                Ok(_) => Activation::Done,
                Err(e) if e.code() == Some(ErrorCode::TokenInvalid) => Activation::Failed(
                    "Ссылка недействительна или устарела. Возможно, учётная запись уже \
                     активирована — попробуйте войти."
                        .into(),
                ),
                Err(e) => Activation::Failed(describe(&e)),
            });
        });
    }

    view! {
        <Page title="Активация учётной записи" class="page page-narrow">
            <div class="card">
                {move || match state.get() {
                    Activation::Running => {
                        view! { <Loading text="Активируем учётную запись…" /> }.into_any()
                    }
                    Activation::Done => {
                        view! {
                            <p class="notice notice-success" role="status">
                                "Учётная запись активирована"
                            </p>
                            <p>"Теперь можно войти с логином и паролем, указанными при регистрации."</p>
                            <p>
                                <Link href="/login" class="button">"Войти"</Link>
                            </p>
                        }
                            .into_any()
                    }
                    Activation::Failed(message) => {
                        view! {
                            <p class="notice notice-error" role="alert">{message}</p>
                            <p>
                                <Link href="/login">"Перейти ко входу"</Link>
                            </p>
                        }
                            .into_any()
                    }
                }}
            </div>
        </Page>
    }
}

/// «Отправить письмо ещё раз»: a new activation link to the account of `login` (the login
/// or the e-mail), with what happened said under the button.
#[component]
pub fn ResendLetter(#[prop(into)] login: Signal<String>) -> impl IntoView {
    let session = use_session();
    let pending = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let alert = RwSignal::new(None::<String>);
    let resend = move |_| {
        if pending.get_untracked() {
            return;
        }
        let login = login.get_untracked().trim().to_owned();
        pending.set(true);
        status.set(None);
        alert.set(None);
        spawn_local(async move {
            match session.client().resend_activation(&login).await {
                Ok(_) => status.set(Some(
                    "Новое письмо со ссылкой отправлено. Ссылка действует 24 часа; если письма \
                     нет, проверьте папку «Спам»."
                        .into(),
                )),
                Err(e) => alert.set(Some(describe(&e))),
            }
            pending.set(false);
        });
    };
    view! {
        <div class="resend">
            <button
                type="button"
                id="resend-activation"
                class="button button-quiet"
                on:click=resend
                disabled=move || pending.get()
                aria-busy=move || pending.get().then_some("true")
            >
                {move || if pending.get() { "Отправляем…" } else { "Отправить письмо ещё раз" }}
            </button>
            <FormStatus message=status />
            <FormAlert message=alert />
        </div>
    }
}
