//! The company's desk («Рабочее место»): what the staff do on the portal, a section each
//! in its menu. A section is a line of `SECTIONS` (the menu) and of `PAGES`.

pub mod catalogue;
pub mod queue;
pub mod request;
pub mod requests;
pub mod thread;
pub mod topics;

use crate::chunks::{self, Build};
use crate::components::sections::{section_view, Sections};
use crate::navigation::Link;
use crate::routes::redirect;
use leptos::prelude::*;

/// The desk's sections, in its menu's order: (address, name).
const SECTIONS: &[(&str, &str)] = &[
    ("/desk/appeals", "Обращения"),
    ("/desk/appeal-topics", "Темы обращений"),
    ("/desk/service-requests", "Заявки"),
    ("/desk/paid-services", "Платные услуги"),
];

/// The desk's pages below `/desk`.
const PAGES: Sections = &[
    ("", START),
    ("appeals", chunks::desk_queue),
    ("appeals/:id", chunks::desk_appeal),
    ("appeal-topics", chunks::desk_topics),
    ("service-requests", chunks::desk_requests),
    ("service-requests/:id", chunks::desk_request),
    ("paid-services", chunks::desk_catalogue),
];

/// `/desk`: the first section.
const START: Build = || redirect(SECTIONS[0].0);

/// `/desk/*`: the heading, the menu and the section below.
#[component]
pub fn DeskLayout() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">"Рабочее место"</h1>
            <nav class="section-menu" aria-label="Разделы рабочего места">
                {SECTIONS
                    .iter()
                    .map(|(href, name)| view! { <Link href=*href>{*name}</Link> })
                    .collect_view()}
            </nav>
            {section_view(1, PAGES)}
        </section>
    }
}
