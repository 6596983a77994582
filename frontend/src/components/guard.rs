//! Pages only a signed-in user may see.

use crate::app::replace;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect};

/// The frame of the routes nested in it: shows them to a signed-in user and sends
/// everyone else to `/login`, also when the session ends while the page is open.
#[component]
pub fn SignedIn() -> impl IntoView {
    let session = use_session();
    view! {
        <Show
            when=move || session.is_signed_in()
            fallback=|| view! { <Redirect path="/login" options=replace() /> }
        >
            <Outlet />
        </Show>
    }
}
