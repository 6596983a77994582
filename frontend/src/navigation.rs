//! Going from page to page before and after the router is there. The sign-in page runs
//! without it: the router and the route table are a chunk (`chunks::routed`) the sign-in
//! page does not wait for. Until the routes run, a step to another page puts its address
//! in the history and mounts them; once they run, it goes through the router
//! (`routes::HandOver` hands it over). The header and the sign-in page use only this, so
//! they are the same on both sides.

use leptos::prelude::*;
use std::rc::Rc;

/// A step to a path, in place of this page in the history or not.
type Go = Rc<dyn Fn(&str, bool)>;

/// The address's query (`?next=…`), as the router has it while a page is being made (the
/// browser's address follows only once it is shown).
type Search = Rc<dyn Fn() -> String>;

/// The app's way to another page and the page it is on; provided by `app::App`.
#[derive(Clone, Copy)]
pub struct Navigation {
    go: StoredValue<Go, LocalStorage>,
    search: StoredValue<Search, LocalStorage>,
    /// The address's path (tracked by the header's links).
    path: RwSignal<String>,
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
        let path = window().location().pathname().unwrap_or_default();
        let routed = RwSignal::new(!shown_without_routes(&path));
        let path = RwSignal::new(path);
        let navigation = Navigation {
            go: StoredValue::new_local(Rc::new(move |to: &str, replace: bool| {
                remember(to, replace);
                // The header shows where it goes while the routes are on their way.
                path.set(path_of(to));
                routed.set(true);
            })),
            search: StoredValue::new_local(Rc::new(|| {
                window().location().search().unwrap_or_default()
            })),
            path,
            routed,
        };
        provide_context(navigation);
        navigation
    }

    /// To `to` (a path, maybe with a query), as a new step in the history.
    pub fn go(self, to: &str) {
        self.go.with_value(|go| go(to, false));
    }

    /// To `to` in place of this page in the history (a redirect).
    pub fn replace(self, to: &str) {
        self.go.with_value(|go| go(to, true));
    }

    /// The parameter `name` of the address's query, read once.
    pub fn query(self, name: &str) -> Option<String> {
        let search = self.search.with_value(|search| search());
        web_sys::UrlSearchParams::new_with_str(&search)
            .ok()?
            .get(name)
    }

    /// This page's path (tracked).
    pub fn path(self) -> String {
        self.path.get()
    }

    pub fn is_routed(self) -> bool {
        self.routed.get()
    }

    /// The router's navigation and query from now on (its path through `follow`).
    pub fn hand_over(
        self,
        go: impl Fn(&str, bool) + 'static,
        search: impl Fn() -> String + 'static,
    ) {
        self.go.set_value(Rc::new(go));
        self.search.set_value(Rc::new(search));
    }

    /// The path the router is on now.
    pub fn follow(self, path: String) {
        self.path.set(path);
    }

    /// The address shown without a step to another page (`/` becoming `/login`).
    pub fn rename(self, to: &str) {
        remember(to, true);
        self.path.set(to.to_owned());
    }
}

/// The path of an address within the app (`/login?next=…` → `/login`).
fn path_of(to: &str) -> String {
    to.split(['?', '#']).next().unwrap_or_default().to_owned()
}

/// Puts `to` into the history, the router being not there to do it.
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
    window().scroll_to_with_x_and_y(0.0, 0.0);
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
    href: &'static str,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] exact: bool,
    children: Children,
) -> impl IntoView {
    let navigation = use_navigation();
    let click = move |ev: leptos::ev::MouseEvent| {
        if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key()) {
            ev.prevent_default();
            // The page it is on already: nothing to do (nor the routes to bring).
            if navigation.path.get_untracked() != href {
                navigation.go(href);
            }
        }
    };
    let current = move || is_current(href, &navigation.path(), exact).then_some("page");
    view! {
        <a href=href class=(!class.is_empty()).then_some(class) aria-current=current on:click=click>
            {children()}
        </a>
    }
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
    fn an_address_s_path_is_without_its_query() {
        assert_eq!(path_of("/login?next=/profile"), "/login");
        assert_eq!(path_of("/register"), "/register");
        assert_eq!(path_of("/faq#top"), "/faq");
    }

    #[test]
    fn the_main_module_shows_the_sign_in_page_alone() {
        assert!(shown_without_routes("/login"));
        assert!(shown_without_routes("/"));
        assert!(!shown_without_routes("/accounts"));
        assert!(!shown_without_routes("/login/x"));
    }
}
