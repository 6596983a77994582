//! Pages only a signed-in user may see, and pages of one kind of user.

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

/// The resident's pages: the company's staff are sent to their desk.
#[component]
pub fn ForResidents() -> impl IntoView {
    only_for(false)
}

/// The desk: anyone but the company's staff is sent to their own start.
#[component]
pub fn ForStaff() -> impl IntoView {
    only_for(true)
}

/// The nested routes for staff (`staff`) or for everyone else. Signed out is `SignedIn`'s
/// business, so nothing is redirected here then.
fn only_for(staff: bool) -> impl IntoView {
    let session = use_session();
    view! {
        <Show
            when=move || !session.is_signed_in() || session.is_staff() == staff
            fallback=move || view! { <Redirect path=session.home().path options=replace() /> }
        >
            <Outlet />
        </Show>
    }
}
