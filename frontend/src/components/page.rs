//! The frame of one page: its heading and the browser tab's title.

use crate::navigation::use_navigation;
use crate::routes::NotFound;
use leptos::prelude::*;
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

/// Where in the address a record's number is.
#[derive(Clone, Copy)]
pub enum IdAt {
    /// The frame's record: `/accounts/12/…`.
    Second,
    /// A section's record: `/accounts/12/appeals/17`.
    Last,
}

impl IdAt {
    fn segment(self, path: &str) -> Option<&str> {
        let path = path.trim_end_matches('/');
        match self {
            IdAt::Second => path.split('/').nth(2),
            IdAt::Last => path.rsplit('/').next(),
        }
    }
}

/// The view of the record whose id is `at` in the address, drawn afresh for another id;
/// «Страница не найдена» for an address that names none.
pub fn with_id<I, V>(at: IdAt, view: impl Fn(I) -> V + Send + Sync + 'static) -> impl IntoView
where
    I: FromStr + Clone + PartialEq + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let navigation = use_navigation();
    let id = Memo::new(move |_| at.segment(&navigation.path())?.parse::<I>().ok());
    move || match id.get() {
        Some(id) => view(id).into_any(),
        None => NotFound().into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::IdAt;

    #[test]
    fn a_record_s_number_is_read_where_the_address_has_it() {
        assert_eq!(IdAt::Second.segment("/accounts/12/charges"), Some("12"));
        assert_eq!(IdAt::Second.segment("/accounts/12"), Some("12"));
        assert_eq!(IdAt::Last.segment("/accounts/12/appeals/17"), Some("17"));
        assert_eq!(IdAt::Last.segment("/desk/appeals/5/"), Some("5"));
        assert_eq!(IdAt::Second.segment("/accounts"), None);
    }
}
