//! The sections of a frame (an account, the desk): one route, `…/*section`, whose rest of
//! the address picks the section, so the frame stays on the page while they change.

use crate::chunks::Build;
use crate::routes::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A frame's sections by their address below the frame's: `""` for the frame's own, `:id`
/// for a record's number (read by `page::with_id`). The first that fits is shown, so
/// `appeals/new` goes before `appeals/:id`.
pub type Sections = &'static [(&'static str, Build)];

/// The section at the route's `*section`, made afresh only when another one is asked for;
/// «Страница не найдена» for an address that is none of them.
pub fn section_view(sections: Sections) -> impl IntoView {
    let params = use_params_map();
    let index = Memo::new(move |_| {
        params.with(|p| find(sections, p.get_str("section").unwrap_or_default()))
    });
    move || match index.get() {
        Some(i) => untrack(sections[i].1),
        None => NotFound().into_any(),
    }
}

fn find(sections: Sections, rest: &str) -> Option<usize> {
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    sections.iter().position(|(pattern, _)| fits(pattern, rest))
}

fn fits(pattern: &str, rest: &str) -> bool {
    let (mut pattern, mut rest) = (pattern.split('/'), rest.split('/'));
    loop {
        match (pattern.next(), rest.next()) {
            (None, None) => return true,
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
        for none in ["charges", "appeals/17/more", "appeals//", "/appeals"] {
            assert_eq!(at(none), None, "{none}");
        }
    }
}
