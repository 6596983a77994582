//! The app in chunks. The module every page loads holds the frame (header, session, the
//! account's and the desk's menus) and the sign-in page; each section below is a chunk of
//! its own, fetched when it is first opened: spa-build splits the module at the
//! `#[wasm_split]` functions here, one chunk per name after `in`. A chunk that fails to
//! arrive (a phone's network) leaves the frame with «Повторить». Natively (the unit tests)
//! the functions are plain calls.

use crate::components::page::Loading;
use crate::pages::unsubscribe;
use crate::pages::{account, accounts, activate, desk, email, password, profile, register};
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use std::future::Future;

/// A page made inside its chunk, handed back as a plain function.
type Build = fn() -> AnyView;

/// Each line: the route's view function, its chunk and the page it shows.
macro_rules! sections {
    ($($name:ident in $chunk:ident => $page:path;)*) => {$(
        pub fn $name() -> impl IntoView {
            #[wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn $name() -> Result<Build, SplitLoaderError> {
                Ok(|| $page().into_any())
            }
            view! { <Section load=$name /> }
        }
    )*};
}

sections! {
    register_page in welcome => register::RegisterPage;
    activate_page in welcome => activate::ActivatePage;
    forgot_password_page in welcome => password::ForgotPasswordPage;
    reset_password_page in welcome => password::ResetPasswordPage;
    confirm_email_page in welcome => email::ConfirmEmailPage;
    unsubscribe_page in welcome => unsubscribe::UnsubscribePage;
    profile_page in profile => profile::ProfilePage;
    accounts_page in money => accounts::AccountsPage;
    add_account_page in money => accounts::add::AddAccountPage;
    account_home in money => account::home::AccountHome;
    account_charges in money => account::charges::AccountCharges;
    account_readings in care => account::readings::AccountReadings;
    account_payments in money => account::payments::AccountPayments;
    appeals_page in care => account::appeals::list::AppealsPage;
    new_appeal_page in care => account::appeals::new::NewAppealPage;
    appeal_page in care => account::appeals::thread::AppealPage;
    service_requests_page in care => account::service_requests::list::ServiceRequestsPage;
    new_service_request_page in care => account::service_requests::new::NewServiceRequestPage;
    desk_queue in desk => desk::queue::QueuePage;
    desk_appeal in desk => desk::thread::DeskAppealPage;
    desk_topics in desk => desk::topics::TopicsPage;
    desk_requests in desk => desk::requests::RequestsPage;
    desk_request in desk => desk::request::DeskRequestPage;
    desk_catalogue in desk => desk::catalogue::CataloguePage;
}

/// A chunk fetched ahead of its pages: an empty function in its group.
macro_rules! groups {
    ($($group:ident),*) => {
        /// The chunks, by the name after `in` above.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(non_camel_case_types)]
        enum Group { $($group),* }

        impl Group {
            async fn fetch(self) {
                $(
                    #[wasm_split($group, wasm_split_path = ::leptos::wasm_split, fallible)]
                    fn $group() -> Result<(), SplitLoaderError> {
                        Ok(())
                    }
                )*
                // A failure is the page's to show, with its «Повторить».
                let _ = match self { $(Group::$group => $group().await),* };
            }
        }
    };
}

groups!(welcome, profile, money, care, desk);

/// The chunk of the page at `path`, as the routes in app.rs and the groups above place it.
fn group_of(path: &str) -> Option<Group> {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    Some(match parts.as_slice() {
        ["register" | "activate" | "password" | "email" | "unsubscribe", ..] => Group::welcome,
        ["profile", ..] => Group::profile,
        ["accounts", _, "readings" | "appeals" | "service-requests", ..] => Group::care,
        ["accounts", ..] => Group::money,
        ["desk", ..] => Group::desk,
        _ => return None,
    })
}

/// Starts fetching the chunk of the page the app opens on while the session is restored,
/// instead of after.
pub fn prefetch(path: &str) {
    if let Some(group) = group_of(path) {
        leptos::task::spawn_local(group.fetch());
    }
}

/// The section once its chunk is there; the loading state until then; «Повторить» when it
/// did not come, which fetches it afresh (a failed fetch is not remembered).
#[component]
fn Section<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Copy + 'static,
    Fut: Future<Output = Result<Build, SplitLoaderError>> + 'static,
{
    let chunk = LocalResource::new(move || async move { load().await.map_err(|_| ()) });
    move || match chunk.get() {
        None => view! { <Loading text="Загружаем раздел…" /> }.into_any(),
        // What the page reads is its own business, not a reason to make it afresh.
        Some(Ok(build)) => untrack(build),
        Some(Err(())) => view! {
            <div class="notice notice-error load-failed" role="alert" data-retry="true">
                <p>"Раздел не загрузился: проверьте подключение к интернету."</p>
                <button type="button" class="button button-quiet" on:click=move |_| chunk.refetch()>
                    "Повторить"
                </button>
            </div>
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_opened_first_fetches_its_own_chunk() {
        let cases = [
            ("/login", None),
            ("/", None),
            ("/register", Some(Group::welcome)),
            ("/password/reset", Some(Group::welcome)),
            ("/profile", Some(Group::profile)),
            ("/accounts", Some(Group::money)),
            ("/accounts/add", Some(Group::money)),
            ("/accounts/7", Some(Group::money)),
            ("/accounts/7/charges", Some(Group::money)),
            ("/accounts/7/payments", Some(Group::money)),
            ("/accounts/7/readings", Some(Group::care)),
            ("/accounts/7/appeals/12", Some(Group::care)),
            ("/accounts/7/service-requests/new", Some(Group::care)),
            ("/desk/appeals/3", Some(Group::desk)),
        ];
        for (path, group) in cases {
            assert_eq!(group_of(path), group, "{path}");
        }
    }
}
