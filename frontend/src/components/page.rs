//! The frame of one page: its heading and the browser tab's title.

use leptos::prelude::*;

/// A page with an `<h1>`; also names the browser tab after it.
#[component]
pub fn Page(
    title: &'static str,
    #[prop(default = "page")] class: &'static str,
    children: Children,
) -> impl IntoView {
    set_document_title(title);
    view! {
        <section class=class aria-labelledby="page-title">
            <h1 id="page-title">{title}</h1>
            {children()}
        </section>
    }
}

/// Names the browser tab: «title — Домком».
pub fn set_document_title(title: &str) {
    if let Some(document) = window().document() {
        document.set_title(&format!("{title} — Домком"));
    }
}

/// A visible, announced loading state.
#[component]
pub fn Loading(#[prop(default = "Загрузка…")] text: &'static str) -> impl IntoView {
    view! {
        <p class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {text}
        </p>
    }
}
