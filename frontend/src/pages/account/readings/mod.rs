//! «Показания счётчиков» (4 on the manual's рис. 6): the flat's meters with their
//! verification, the last billed readings and what was sent for the window's period; one
//! form for the readings of every meter, checked first («Проверить», which shows each
//! meter's consumption and estimated charge) and then sent; each meter's history.

mod confirm;
mod form;
mod history;
mod meter;
mod preview;
mod request;

use super::home::Contacts;
use super::use_account;
use crate::components::load::{load, show};
use crate::session::use_session;
use domkom_dto::{AccountMeters, ReadingWindow};
use domkom_values::MeterId;
use form::MetersForm;
use leptos::prelude::*;

#[component]
pub fn AccountReadings() -> impl IntoView {
    let session = use_session();
    let id = use_account().id;
    let meters = load(
        session,
        "Лицевой счёт не найден среди ваших.",
        async move |c| c.account_meters(id).await,
    );
    // Both outlive the form, which is built afresh when the meters reload after sending:
    // the message about what was sent, and the histories the resident opened.
    let status = RwSignal::new(None::<String>);
    let open = RwSignal::new(Vec::<MeterId>::new());
    view! {
        <section class="section" aria-labelledby="readings-title">
            <h2 id="readings-title">"Показания счётчиков"</h2>
            {show(
                meters,
                "Загружаем счётчики…",
                move |data| {
                    let AccountMeters { window, meters: list } = data;
                    let body = if list.is_empty() {
                        view! { <NoMeters /> }.into_any()
                    } else {
                        view! { <MetersForm account=id window=window.clone() list meters status open /> }
                            .into_any()
                    };
                    view! {
                        <WindowNotice window />
                        {body}
                    }
                },
            )}
        </section>
    }
}

/// Which period a reading sent now counts for, before anything is typed; outside the
/// window it says that the month's window has passed.
#[component]
fn WindowNotice(window: ReadingWindow) -> impl IntoView {
    let class = if window.open {
        "notice notice-info"
    } else {
        "notice notice-warning"
    };
    view! {
        <p
            id="reading-window"
            class=class
            data-test="window"
            data-open=window.open.to_string()
            data-next=window.next_period.to_string()
            data-period=window.period.to_string()
        >
            {window.message}
        </p>
    }
}

/// A flat without its own meters: billed by the norm; whom to tell about a new meter.
#[component]
fn NoMeters() -> impl IntoView {
    let card = use_account().card;
    view! {
        <div class="card-grid">
            <div id="no-meters" class="card empty">
                <p>
                    <strong>"К лицевому счёту не подключены счётчики квартиры."</strong>
                </p>
                <p class="muted">
                    "Без счётчиков вода и электроэнергия начисляются по нормативу. Если счётчик установлен, сообщите его номер и дату поверки в управляющую организацию."
                </p>
            </div>
            {move || {
                card.get()
                    .and_then(Result::ok)
                    .map(|c| view! { <Contacts org=c.organization /> })
            }}
        </div>
    }
}
