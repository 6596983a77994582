//! Pages only a signed-in user may see, and pages of one kind of user.

use crate::chunks::Build;
use crate::routes::redirect;
use crate::session::use_session;
use leptos::prelude::*;

/// Who may see a page.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Anyone signed in.
    SignedIn,
    /// Residents: the company's staff are sent to their desk.
    Residents,
    /// The company's staff: anyone else is sent to their own start.
    Staff,
}

/// `page` for its audience; anyone signed out is sent to `/login`, also when the session
/// ends while the page is open, and a user of the other kind to their own start. The page
/// is made once, not again when the user's details change.
pub fn only_for(audience: Audience, page: Build) -> AnyView {
    let session = use_session();
    let admitted = Memo::new(move |_| {
        session.is_signed_in().then(|| match audience {
            Audience::SignedIn => true,
            Audience::Residents => !session.is_staff(),
            Audience::Staff => session.is_staff(),
        })
    });
    (move || match admitted.get() {
        Some(true) => untrack(page),
        Some(false) => redirect(session.home().path),
        None => redirect("/login"),
    })
    .into_any()
}
