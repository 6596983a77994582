//! The frame of one page: its heading and the browser tab's title.

use crate::routes::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::str::FromStr;

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

/// The view of the record whose id is the route's `param` (or, for a frame's section, the
/// last segment of `section`: `appeals/17`), drawn afresh for another id; «Страница не
/// найдена» for an address that names none.
pub fn with_id<I, V>(
    param: &'static str,
    view: impl Fn(I) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    I: FromStr + Clone + PartialEq + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|p| p.get_str(param)?.rsplit('/').next()?.parse::<I>().ok())
    });
    move || match id.get() {
        Some(id) => view(id).into_any(),
        None => NotFound().into_any(),
    }
}
