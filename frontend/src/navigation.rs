//! The app's own router: the page's address as signals, and the steps to another page
//! through the browser's history. The main module holds it, so the sign-in page and the
//! header use the same links and steps before and after the routes (`routes.rs`, a chunk
//! the sign-in page does not wait for) are there; a step from the sign-in page to any
//! other mounts them.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use std::time::Duration;
use web_sys::{FormData, HtmlFormElement, UrlSearchParams};

/// The app's way to another page and the page it is on; provided by `app::App`.
#[derive(Clone, Copy)]
pub struct Navigation {
    /// The address's path (`/accounts/12/charges`).
    path: RwSignal<String>,
    /// The address's query with its `?`, or nothing.
    search: RwSignal<String>,
    /// Whether the routes run the page (or are on their way).
    routed: RwSignal<bool>,
}

pub fn use_navigation() -> Navigation {
    expect_context()
}

/// The addresses the main module shows itself: the sign-in page, and `/`, which is the
/// sign-in page for anyone signed out.
pub fn shown_without_routes(path: &str) -> bool {
    matches!(path, "/" | "/login")
}

impl Navigation {
    pub fn provide() -> Navigation {
        let (path, search) = address();
        let navigation = Navigation {
            routed: RwSignal::new(!shown_without_routes(&path)),
            path: RwSignal::new(path),
            search: RwSignal::new(search),
        };
        // «Назад» and «Вперёд» of the browser. The app lives as long as the page, so the
        // listener stays (its handle only removes it when asked).
        let _ = window_event_listener(leptos::ev::popstate, move |_| {
            let (path, search) = address();
            navigation.show(path, search);
        });
        provide_context(navigation);
        navigation
    }

    /// To `to` (a path, maybe with a query), as a new step in the history, at the top of
    /// the page.
    pub fn go(self, to: &str) {
        self.step(to, false, true);
    }

    /// To `to` in place of this page in the history (a redirect).
    pub fn replace(self, to: &str) {
        self.step(to, true, true);
    }

    /// Another view of the page shown (a period, a range in its query), kept where it is
    /// scrolled to; a step in the history unless `replace`.
    pub fn refine(self, to: &str, replace: bool) {
        self.step(to, replace, false);
    }

    fn step(self, to: &str, replace: bool, scroll: bool) {
        remember(to, replace);
        if scroll {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
        let (path, search) = split(to);
        let (path, search) = (path.to_owned(), search.to_owned());
        // Once the task that takes the step is done: what it changes after the step (a
        // form's busy state) is drawn before its page goes, not read after.
        set_timeout(move || self.show(path, search), Duration::ZERO);
    }

    /// The page at `path` and `search` from now on: the routes are mounted for it unless
    /// the main module shows it.
    fn show(self, path: String, search: String) {
        if !shown_without_routes(&path) {
            self.routed.set(true);
        }
        self.path.set(path);
        self.search.set(search);
    }

    /// The parameter `name` of the address's query (tracked).
    pub fn query(self, name: &str) -> Option<String> {
        self.search.with(|search| query_of(search, name))
    }

    /// The parameter `name` of the address's query, read once.
    pub fn query_untracked(self, name: &str) -> Option<String> {
        self.search.with_untracked(|search| query_of(search, name))
    }

    /// This page's path (tracked).
    pub fn path(self) -> String {
        self.path.get()
    }

    /// This page's path and query, read once.
    pub fn address_untracked(self) -> (String, String) {
        (self.path.get_untracked(), self.search.get_untracked())
    }

    /// Whether the routes run the page (tracked).
    pub fn is_routed(self) -> bool {
        self.routed.get()
    }

    /// The address shown without a step to another page (`/` becoming `/login`).
    pub fn rename(self, to: &str) {
        remember(to, true);
        self.path.set(to.to_owned());
    }
}

/// The browser's address: its path and its query.
fn address() -> (String, String) {
    let location = window().location();
    (
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
    )
}

fn query_of(search: &str, name: &str) -> Option<String> {
    UrlSearchParams::new_with_str(search).ok()?.get(name)
}

/// An address within the app split into its path and its query with the `?`, without a
/// `#fragment` (`/login?next=/profile` → `/login`, `?next=/profile`).
fn split(to: &str) -> (&str, &str) {
    let to = to.split('#').next().unwrap_or_default();
    match to.find('?') {
        Some(at) => to.split_at(at),
        None => (to, ""),
    }
}

/// Puts `to` into the browser's history.
fn remember(to: &str, replace: bool) {
    let Ok(history) = window().history() else {
        return;
    };
    let none = wasm_bindgen::JsValue::NULL;
    let _ = if replace {
        history.replace_state_with_url(&none, "", Some(to))
    } else {
        history.push_state_with_url(&none, "", Some(to))
    };
}

/// Whether a link leading to `href` is the page at `path`: the very address, or, unless
/// `exact`, one below it.
fn is_current(href: &str, path: &str, exact: bool) -> bool {
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    path == href
        || !exact
            && href != "/"
            && path
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/'))
}

/// A link within the app: a plain click goes through [`Navigation`] (no page load), one
/// with a modifier (a new tab, a download) is the browser's. `aria-current="page"` when it
/// leads to the page shown (`exact`: only its very address).
#[component]
pub fn Link(
    #[prop(into)] href: String,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] exact: bool,
    children: Children,
) -> impl IntoView {
    let navigation = use_navigation();
    let to = href.clone();
    let click = move |ev: leptos::ev::MouseEvent| {
        if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key()) {
            ev.prevent_default();
            // The page it is on already: nothing to do (nor the routes to bring).
            let (path, search) = navigation.address_untracked();
            if path + &search != to {
                navigation.go(&to);
            }
        }
    };
    let leads_to = href.clone();
    let current = move || is_current(&leads_to, &navigation.path(), exact).then_some("page");
    view! {
        <a href=href class=(!class.is_empty()).then_some(class) aria-current=current on:click=click>
            {children()}
        </a>
    }
}

/// A form that, sent, goes to `action` with its fields as the query (a list's filter), as a
/// form with `method="get"` does, without loading the page.
#[component]
pub fn QueryForm(
    action: &'static str,
    id: &'static str,
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let navigation = use_navigation();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let form = event_target::<HtmlFormElement>(&ev);
        let query = FormData::new_with_form(&form)
            .and_then(|fields| UrlSearchParams::new_with_str_sequence_sequence(&fields));
        if let Ok(query) = query {
            navigation.go(&format!("{action}?{}", String::from(query.to_string())));
        }
    };
    view! {
        <form method="get" action=action id=id class=class on:submit=submit>
            {children()}
        </form>
    }
}

/// `text` as a part of an address's query (`/` → `%2F`).
pub fn escape(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_current_on_its_page_and_below_it() {
        assert!(is_current("/accounts", "/accounts", false));
        assert!(is_current("/accounts", "/accounts/", false));
        assert!(is_current("/accounts", "/accounts/12/charges", false));
        assert!(!is_current("/accounts", "/accounts/12", true));
        assert!(!is_current("/accounts", "/accounts-old", false));
        assert!(!is_current("/desk", "/accounts", false));
        assert!(is_current("/", "/", false));
        assert!(
            !is_current("/", "/login", false),
            "the brand is not every page"
        );
    }

    #[test]
    fn an_address_splits_into_its_path_and_query() {
        assert_eq!(split("/login?next=/profile"), ("/login", "?next=/profile"));
        assert_eq!(split("/register"), ("/register", ""));
        assert_eq!(split("/faq#top"), ("/faq", ""));
        assert_eq!(
            split("/desk/appeals?status=new#list"),
            ("/desk/appeals", "?status=new")
        );
    }

    #[test]
    fn the_main_module_shows_the_sign_in_page_alone() {
        assert!(shown_without_routes("/login"));
        assert!(shown_without_routes("/"));
        assert!(!shown_without_routes("/accounts"));
        assert!(!shown_without_routes("/login/x"));
    }
}
