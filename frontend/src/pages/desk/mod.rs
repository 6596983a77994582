//! The company's desk («Рабочее место»): what the staff do on the portal, a section each
//! in its menu. A section is a line of `SECTIONS` and its routes in app.rs.

pub mod catalogue;
pub mod queue;
pub mod request;
pub mod requests;
pub mod thread;
pub mod topics;

use crate::app::replace;
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect, A};

/// The desk's sections, in its menu's order: (address, name).
const SECTIONS: &[(&str, &str)] = &[
    ("/desk/appeals", "Обращения"),
    ("/desk/appeal-topics", "Темы обращений"),
    ("/desk/service-requests", "Заявки"),
    ("/desk/paid-services", "Платные услуги"),
];

/// `/desk/*`: the heading, the menu and the section below.
#[component]
pub fn DeskLayout() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">"Рабочее место"</h1>
            <nav class="section-menu" aria-label="Разделы рабочего места">
                {SECTIONS
                    .iter()
                    .map(|(href, name)| view! { <A href=*href>{*name}</A> })
                    .collect_view()}
            </nav>
            <Outlet />
        </section>
    }
}

/// `/desk`: the first section.
#[component]
pub fn DeskStart() -> impl IntoView {
    view! { <Redirect path=SECTIONS[0].0 options=replace() /> }
}
