//! `/unsubscribe?token=…`: the link at the foot of a receipt letter. Opening it switches
//! the letters of that account off; no sign-in is needed, the token is the proof.

use crate::components::form::describe;
use crate::components::page::{Loading, Page};
use crate::navigation::{use_navigation, Link};
use crate::session::use_session;
use domkom_client::dto::{ErrorCode, Unsubscribed};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone)]
enum State {
    Running,
    Done(Unsubscribed),
    Failed(String),
}

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let session = use_session();
    let token = use_navigation()
        .query_untracked("token")
        .unwrap_or_default();
    let state = RwSignal::new(State::Running);
    spawn_local(async move {
        let result = session.client().unsubscribe(token.trim()).await;
        state.set(match result {
            Ok(done) => State::Done(done),
            Err(e) if e.code() == Some(ErrorCode::TokenInvalid) => State::Failed(
                "Ссылка недействительна. Откройте ссылку из письма целиком или отключите \
                 рассылку в личном кабинете, в разделе «Мой профиль»."
                    .into(),
            ),
            Err(e) => State::Failed(describe(&e)),
        });
    });
    view! {
        <Page title="Отписка от квитанций" class="page page-narrow">
            <div class="card" id="unsubscribe">
                {move || match state.get() {
                    State::Running => view! { <Loading text="Отписываем…" /> }.into_any(),
                    State::Done(done) => {
                        view! {
                            <p class="notice notice-success" role="status">
                                "Квитанции по лицевому счёту " {done.account_number} " ("
                                {done.address} ") больше не будут приходить на почту."
                            </p>
                            <p>"Включить их снова можно в личном кабинете, в разделе «Мой профиль»."</p>
                            <p>
                                <Link href="/profile" class="button">"Мой профиль"</Link>
                            </p>
                        }
                            .into_any()
                    }
                    State::Failed(message) => {
                        view! { <p class="notice notice-error" role="alert">{message}</p> }.into_any()
                    }
                }}
            </div>
        </Page>
    }
}
