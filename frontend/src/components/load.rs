//! Data loaded from the API: the loading state, the error with a retry, then the page.

use super::form::describe;
use super::page::Loading;
use crate::session::Session;
use domkom_client::{Client, Result};
use leptos::prelude::*;

/// What a page loads: the data, or the message for a person about why it is missing.
pub type Loaded<T> = LocalResource<std::result::Result<T, String>>;

/// Loads `call` through the session (refreshing the token once when it has expired) and
/// turns a failure into a message; `not_found` is the message for a 404.
pub fn load<T, F>(session: Session, not_found: &'static str, call: F) -> Loaded<T>
where
    T: 'static,
    F: AsyncFn(&Client) -> Result<T> + Clone + 'static,
{
    LocalResource::new(move || {
        let call = call.clone();
        async move {
            session.authorized(call).await.map_err(|e| {
                if e.status() == Some(404) {
                    not_found.to_owned()
                } else {
                    describe(&e)
                }
            })
        }
    })
}

/// The loading state until `resource` answers, then `ready(data)`, or the error with a
/// button that asks again.
pub fn show<T, V>(
    resource: Loaded<T>,
    loading: &'static str,
    ready: impl Fn(T) -> V + Send + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => view! { <Loading text=loading /> }.into_any(),
        Some(Ok(data)) => ready(data).into_any(),
        Some(Err(message)) => view! { <LoadFailed message resource /> }.into_any(),
    }
}

#[component]
fn LoadFailed<T: 'static>(message: String, resource: Loaded<T>) -> impl IntoView {
    view! {
        <div class="notice notice-error load-failed" role="alert">
            <p>{message}</p>
            <button type="button" class="button button-quiet" on:click=move |_| resource.refetch()>
                "Повторить"
            </button>
        </div>
    }
}
