//! A long list in pages, the page kept in the address (`?page=N`, from 1) so that «Назад»
//! of the browser and a bookmark find it again.

use crate::navigation::{use_navigation, Link};
use domkom_dto::PageQuery;
use leptos::prelude::*;
use web_sys::UrlSearchParams;

/// Items on one page.
pub const PAGE_SIZE: i64 = 20;

/// The page the address asks for: 1 for none or anything else.
pub fn page_number(text: Option<&str>) -> u32 {
    text.and_then(|t| t.parse().ok())
        .filter(|&p| p >= 1)
        .unwrap_or(1)
}

/// The API's window of `page`.
pub fn page_query(page: u32) -> PageQuery {
    PageQuery {
        limit: Some(PAGE_SIZE),
        offset: Some(i64::from(page - 1) * PAGE_SIZE),
    }
}

/// How many pages `total` items fill.
pub fn pages(total: i64) -> u32 {
    u32::try_from((total.max(0) + PAGE_SIZE - 1) / PAGE_SIZE).unwrap_or(u32::MAX)
}

/// «Назад», «Страница 2 из 5», «Дальше» under the list; nothing for one page. The links
/// keep the rest of the address (a filter).
#[component]
pub fn Pager(page: u32, total: i64) -> impl IntoView {
    let last = pages(total);
    let (path, search) = use_navigation().address_untracked();
    let href = move |page: u32| {
        let params = UrlSearchParams::new_with_str(&search).ok();
        match params {
            Some(params) => {
                params.set("page", &page.to_string());
                format!("{path}?{}", String::from(params.to_string()))
            }
            None => format!("{path}?page={page}"),
        }
    };
    (last > 1).then(|| {
        view! {
            <nav class="pager" aria-label="Страницы списка">
                {(page > 1).then(|| view! { <Link href=href(page - 1) attr:rel="prev">"← Назад"</Link> })}
                <span class="pager-where">"Страница " {page} " из " {last}</span>
                {(page < last).then(|| view! { <Link href=href(page + 1) attr:rel="next">"Дальше →"</Link> })}
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_twenty() {
        assert_eq!(page_number(None), 1);
        assert_eq!(page_number(Some("3")), 3);
        for wrong in ["0", "-1", "два", ""] {
            assert_eq!(page_number(Some(wrong)), 1, "{wrong}");
        }
        assert_eq!(page_query(3).offset, Some(40));
        assert_eq!(page_query(1).limit, Some(PAGE_SIZE));
        assert_eq!((pages(0), pages(20), pages(21)), (0, 1, 2));
    }
}
