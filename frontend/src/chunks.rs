//! The app in chunks. The module every page loads holds the session, the header, the
//! footer and the sign-in page; the router with the route table (`routes`) and each
//! section below is a chunk of its own, fetched when it is first opened (or, for the page
//! the app opens on, by `boot.js` beside the main module, which knows the groups by path):
//! spa-build splits the module at the `#[wasm_split]` functions here, one chunk per name
//! after `in`. An account's frame is in `money` (its data is asked for by the route,
//! `account::AccountLayout`, before that chunk is there), so its `care` sections bring
//! that chunk too. A chunk that fails to arrive (a
//! phone's network) leaves the frame with «Повторить». Natively (the unit tests) the
//! functions are plain calls.

use crate::components::load::{loaded, LoadError};
use crate::components::page::Loading;
use crate::pages::unsubscribe;
use crate::pages::{account, accounts, activate, desk, email, password, profile, register};
use crate::routes;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use std::future::Future;
use std::pin::Pin;

/// A page made inside its chunk, handed back as a plain function.
pub type Build = fn() -> AnyView;

/// Fetches a chunk and hands back its page.
type Load = fn() -> Pin<Box<dyn Future<Output = Result<Build, SplitLoaderError>>>>;

/// Each line: the route's view, its chunk and the page it shows. Every view is the same
/// `fn() -> AnyView` and every loader the same `Load`, so the router's and the resource's
/// generic code is in the main module once, not once per page.
macro_rules! sections {
    ($($name:ident in $chunk:ident => $page:path;)*) => {$(
        #[allow(non_upper_case_globals)]
        pub const $name: Build = || {
            #[wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn $name() -> Result<Build, SplitLoaderError> {
                Ok(|| $page().into_any())
            }
            view! { <Section load=|| Box::pin($name()) /> }.into_any()
        };
    )*};
}

sections! {
    routed in welcome => routes::Routed;
    register_page in welcome => register::RegisterPage;
    activate_page in welcome => activate::ActivatePage;
    forgot_password_page in welcome => password::ForgotPasswordPage;
    reset_password_page in welcome => password::ResetPasswordPage;
    confirm_email_page in welcome => email::ConfirmEmailPage;
    unsubscribe_page in welcome => unsubscribe::UnsubscribePage;
    profile_page in welcome => profile::ProfilePage;
    account_frame in money => account::AccountFrame;
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

/// The section once its chunk is there; the loading state until then; «Повторить» when it
/// did not come, which fetches it afresh (a failed fetch is not remembered).
#[component]
fn Section(load: Load) -> impl IntoView {
    let chunk = loaded(move || async move {
        load().await.map_err(|_| LoadError {
            message: "Раздел не загрузился: проверьте подключение к интернету.".into(),
            retry: true,
        })
    });
    move || match chunk.get() {
        None => view! { <Loading text="Загружаем раздел…" /> }.into_any(),
        // What the page reads is its own business, not a reason to make it afresh.
        Some(Ok(build)) => untrack(build),
        Some(Err(error)) => view! {
            <div class="notice notice-error load-failed" role="alert" data-retry="true">
                <p>{error.message}</p>
                <button type="button" class="button button-quiet" on:click=move |_| chunk.refetch()>
                    "Повторить"
                </button>
            </div>
        }
        .into_any(),
    }
}
