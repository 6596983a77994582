//! «Квитанции по электронной почте»: a switch per linked account; when a period closes,
//! its receipt comes as a PDF to the profile's confirmed address.

use crate::components::form::{describe, FormAlert, FormStatus};
use crate::components::load::{load, show};
use crate::navigation::Link;
use crate::session::use_session;
use domkom_dto::{Subscription, SubscriptionChange, Subscriptions, UpdateSubscriptions};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SubscriptionsForm() -> impl IntoView {
    let session = use_session();
    let subs = load(
        session,
        "Подписки не найдены.",
        async |c| c.subscriptions().await,
    );
    view! {
        <section id="subscriptions" class="card form" aria-labelledby="subscriptions-title">
            <h2 id="subscriptions-title">"Квитанции по e-mail"</h2>
            {show(subs, "Загружаем подписки…", |subs: Subscriptions| view! { <Switches subs /> })}
        </section>
    }
}

#[component]
fn Switches(subs: Subscriptions) -> impl IntoView {
    let status = RwSignal::new(None::<String>);
    let alert = RwSignal::new(None::<String>);
    if subs.accounts.is_empty() {
        return view! {
            <p>"Подключите лицевой счёт, чтобы получать квитанции по электронной почте."</p>
            <p>
                <Link href="/accounts/add">"Подключить лицевой счёт"</Link>
            </p>
        }
        .into_any();
    }
    let email = subs.email;
    view! {
        <p class="hint">
            "Когда управляющая организация закрывает месяц, квитанция в PDF приходит на "
            <strong data-field="subscriptions-email">{email}</strong>
            ". Отписаться можно здесь или по ссылке в письме."
        </p>
        <FormAlert message=alert />
        <FormStatus message=status />
        <div class="field">
            {subs
                .accounts
                .into_iter()
                .map(|s| view! { <Switch sub=s status alert /> })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// One account's switch: sent at once, put back if the server refuses.
#[component]
fn Switch(
    sub: Subscription,
    status: RwSignal<Option<String>>,
    alert: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let on = RwSignal::new(sub.receipts_by_email);
    let pending = RwSignal::new(false);
    let id = format!("subscription-{}", sub.account_id);
    let (label_for, name) = (id.clone(), id.clone());
    let number = sub.account_number.clone();
    let change = move |ev: leptos::ev::Event| {
        let wanted = event_target_checked(&ev);
        let number = number.clone();
        pending.set(true);
        status.set(None);
        alert.set(None);
        spawn_local(async move {
            let change = UpdateSubscriptions {
                accounts: vec![SubscriptionChange {
                    account_id: sub.account_id,
                    receipts_by_email: wanted,
                }],
            };
            let saved = session
                .authorized(async |c| c.update_subscriptions(&change).await)
                .await;
            match saved {
                Ok(_) => {
                    on.set(wanted);
                    status.set(Some(if wanted {
                        format!("Квитанции по лицевому счёту {number} будут приходить на почту.")
                    } else {
                        format!("Квитанции по лицевому счёту {number} больше не будут приходить.")
                    }));
                }
                Err(e) => {
                    on.set(!wanted);
                    alert.set(Some(describe(&e)));
                }
            }
            pending.set(false);
        });
    };
    view! {
        <label class="checkbox" for=label_for>
            <input
                type="checkbox"
                id=id
                name=name
                data-account=sub.account_id.to_string()
                prop:checked=move || on.get()
                disabled=move || pending.get()
                on:change=change
            />
            <span>
                "Л/с " {sub.account_number.clone()} ", " {sub.address.clone()}
            </span>
        </label>
    }
}
