//! Pages picked by their address: the routes, and the sections of a frame (an account,
//! the desk), which follow the rest of the frame's address, so the frame stays on the page
//! while they change.

use crate::chunks::Build;
use crate::navigation::use_navigation;
use crate::routes::NotFound;
use leptos::prelude::*;

/// Pages by their address below a frame's (without the leading `/`): `""` for the frame's
/// own, `:id` for a record's number (read by `page::with_id`), a last `*` for any rest. The
/// first that fits is shown, so `appeals/new` goes before `appeals/:id`.
pub type Sections = &'static [(&'static str, Build)];

/// The page of `sections` at the address below its first `skip` segments (the frame's),
/// made afresh only when another one is asked for; «Страница не найдена» for an address
/// that is none of them.
pub fn section_view(skip: usize, sections: Sections) -> impl IntoView {
    let navigation = use_navigation();
    let index = Memo::new(move |_| find(sections, below(&navigation.path(), skip)));
    move || match index.get() {
        Some(i) => untrack(sections[i].1),
        None => NotFound().into_any(),
    }
}

/// The path without its first `skip` segments (`/accounts/12/charges`, 2 → `charges`).
fn below(path: &str, skip: usize) -> &str {
    path.trim_start_matches('/')
        .splitn(skip + 1, '/')
        .nth(skip)
        .unwrap_or_default()
}

fn find(sections: Sections, rest: &str) -> Option<usize> {
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    sections.iter().position(|(pattern, _)| fits(pattern, rest))
}

fn fits(pattern: &str, rest: &str) -> bool {
    let (mut pattern, mut rest) = (pattern.split('/'), rest.split('/'));
    loop {
        match (pattern.next(), rest.next()) {
            (None, None) | (Some("*"), _) => return true,
            (Some(":id"), Some(segment)) if !segment.is_empty() => {}
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> AnyView {
        ().into_any()
    }

    const SECTIONS: Sections = &[
        ("", page),
        ("appeals", page),
        ("appeals/new", page),
        ("appeals/:id", page),
        ("accounts/:id/*", page),
    ];

    #[test]
    fn the_first_section_that_fits_the_address() {
        let at = |rest| find(SECTIONS, rest);
        assert_eq!(at(""), Some(0));
        assert_eq!(at("appeals"), Some(1));
        assert_eq!(at("appeals/"), Some(1));
        assert_eq!(at("appeals/new"), Some(2));
        assert_eq!(at("appeals/17"), Some(3));
        assert_eq!(at("appeals/17/"), Some(3));
        assert_eq!(at("accounts/12"), Some(4));
        assert_eq!(at("accounts/12/appeals/17"), Some(4));
        for none in [
            "charges",
            "appeals/17/more",
            "appeals//",
            "/appeals",
            "accounts",
        ] {
            assert_eq!(at(none), None, "{none}");
        }
    }

    #[test]
    fn a_frame_s_sections_are_below_its_address() {
        assert_eq!(below("/accounts/12/charges", 2), "charges");
        assert_eq!(below("/accounts/12/appeals/17", 2), "appeals/17");
        assert_eq!(below("/accounts/12", 2), "");
        assert_eq!(below("/desk/", 1), "");
        assert_eq!(below("/", 0), "");
        assert_eq!(below("/login", 0), "login");
    }
}
