//! Data loaded from the API through a `LocalResource`, shown through a `Transition` and
//! an `ErrorBoundary`: the loading state until the first answer, then the page, which
//! stays while the data loads again; or the error, with a retry where asking again can
//! help.

use super::form::describe;
use super::page::Loading;
use crate::navigation::Link;
use crate::session::{use_session, Session};
use domkom_client::{Client, Error, Result};
use leptos::prelude::*;
use std::any::Any;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

/// Why a page's data is missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// For a person.
    pub message: String,
    /// Whether asking again may help: not for what is not there.
    pub retry: bool,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

// What the error boundary catches.
impl std::error::Error for LoadError {}

/// An answer as the reactive machinery holds it: whatever the page loads, one type, so that
/// machinery is in the download once rather than once for every page's data.
type Answer = std::result::Result<Arc<dyn Any + Send + Sync>, LoadError>;

/// What a page loads: the data, or why it is missing.
pub struct Loaded<T> {
    answer: LocalResource<Answer>,
    data: PhantomData<fn() -> T>,
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Loaded<T> {}

impl<T: Clone + 'static> Loaded<T> {
    /// The answer once there (tracked).
    pub fn get(&self) -> Option<std::result::Result<T, LoadError>> {
        self.answer.get().map(open)
    }

    pub fn get_untracked(&self) -> Option<std::result::Result<T, LoadError>> {
        self.answer.get_untracked().map(open)
    }

    /// Whether the data is there (tracked).
    pub fn answered(&self) -> bool {
        self.answer.with(|a| matches!(a, Some(Ok(_))))
    }

    /// Whether the answer is an error (tracked).
    pub fn failed(&self) -> bool {
        self.answer.with(|a| matches!(a, Some(Err(_))))
    }

    pub fn refetch(&self) {
        self.answer.refetch();
    }
}

/// The data as the page asked for it. Only `load_keyed` makes a `Loaded<T>`, from a `T`.
fn open<T: Clone + 'static>(answer: Answer) -> std::result::Result<T, LoadError> {
    answer?
        .downcast_ref::<T>()
        .cloned()
        .ok_or_else(|| LoadError {
            message: "Страница получила не те данные: обновите её.".into(),
            retry: false,
        })
}

/// Loads `call` through the session (refreshing the token once when it has expired) and
/// turns a failure into a message; `not_found` is the message for a 404.
pub fn load<T, F>(session: Session, not_found: &'static str, call: F) -> Loaded<T>
where
    T: Send + Sync + 'static,
    F: AsyncFn(&Client) -> Result<T> + Clone + 'static,
{
    load_keyed(session, not_found, || (), async move |c, _| call(c).await)
}

/// [`load`] for what `key` asks (e.g. a range read from the address): loaded again when
/// `key` changes, the page showing the previous answer until the new one is there.
pub fn load_keyed<K, T, F>(
    session: Session,
    not_found: &'static str,
    key: impl Fn() -> K + 'static,
    call: F,
) -> Loaded<T>
where
    K: 'static,
    T: Send + Sync + 'static,
    F: AsyncFn(&Client, &K) -> Result<T> + Clone + 'static,
{
    loaded(move || {
        let (key, call) = (key(), call.clone());
        async move {
            session
                .authorized(async |c| call(c, &key).await)
                .await
                .map_err(|e| explain(&e, not_found))
        }
    })
}

/// Whatever `fetch` answers (asked again on `refetch` and when what it reads changes), held
/// as every page's data is: a chunk, the site's contacts.
pub fn loaded<T, F, Fut>(fetch: F) -> Loaded<T>
where
    T: Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = std::result::Result<T, LoadError>> + 'static,
{
    let fetch: Fetch = Rc::new(move || {
        let answer = fetch();
        Box::pin(async move {
            answer
                .await
                .map(|data| Arc::new(data) as Arc<dyn Any + Send + Sync>)
        })
    });
    Loaded {
        answer: resource(fetch),
        data: PhantomData,
    }
}

/// Asks for an answer, again each time what it reads changes.
type Fetch = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Answer>>>>;

fn resource(fetch: Fetch) -> LocalResource<Answer> {
    LocalResource::new(move || fetch())
}

/// A 404 is what is not there (another resident's account, a link typed wrong): asking
/// again cannot help. A lost connection or a server error may pass.
fn explain(e: &Error, not_found: &str) -> LoadError {
    if e.status() == Some(404) {
        LoadError {
            message: not_found.to_owned(),
            retry: false,
        }
    } else {
        LoadError {
            message: describe(e),
            retry: true,
        }
    }
}

/// `<Loading text=loading>` until `resource` first answers, then `ready(data)`, kept on
/// the page while the data loads again; or the error.
pub fn show<T, V>(
    resource: Loaded<T>,
    loading: &'static str,
    ready: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    let ready: Ready = Arc::new(move |answer| open(answer).map(|data| ready(data).into_any()));
    shown(resource.answer, loading, ready)
}

/// The page made from an answer.
type Ready = Arc<dyn Fn(Answer) -> std::result::Result<AnyView, LoadError> + Send + Sync>;

/// [`show`] for any data: the transition, the boundary and the suspense are one piece of
/// code for every page.
fn shown(answer: LocalResource<Answer>, loading: &'static str, ready: Ready) -> AnyView {
    view! {
        <Transition fallback=move || view! { <Loading text=loading /> }>
            <ErrorBoundary fallback=move |errors| view! { <LoadFailed errors answer /> }>
                {move || {
                    let ready = ready.clone();
                    // What `ready` reads is the page's own business, not a reason to show
                    // it afresh.
                    Suspend::new(async move {
                        let answer = answer.await;
                        untrack(|| ready(answer))
                    })
                }}
            </ErrorBoundary>
        </Transition>
    }
    .into_any()
}

/// The error with «Повторить», or, for what is not there, the way back to the user's
/// start (the accounts, the desk).
#[component]
fn LoadFailed(errors: ArcRwSignal<Errors>, answer: LocalResource<Answer>) -> impl IntoView {
    let home = use_session().home();
    move || {
        let error = errors.with(|errors| {
            errors
                .iter()
                .find_map(|(_, e)| e.downcast_ref::<LoadError>().cloned())
        })?;
        let next = if error.retry {
            view! {
                <button type="button" class="button button-quiet" on:click=move |_| answer.refetch()>
                    "Повторить"
                </button>
            }
            .into_any()
        } else {
            view! { <Link href=home.path class="button button-quiet">{home.name}</Link> }.into_any()
        };
        Some(view! {
            <div class="notice notice-error load-failed" role="alert" data-retry=error.retry.to_string()>
                <p>{error.message}</p>
                {next}
            </div>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domkom_dto::{ErrorCode, Problem};

    fn api(status: u16) -> Error {
        Error::Api(Problem {
            kind: "about:blank".into(),
            title: String::new(),
            status,
            detail: "Ошибка".into(),
            code: ErrorCode::InternalError,
            errors: Vec::new(),
            retry_after: None,
        })
    }

    #[test]
    fn only_what_may_pass_is_asked_again() {
        let not_there = explain(&api(404), "Лицевой счёт не найден.");
        assert_eq!(
            not_there,
            LoadError {
                message: "Лицевой счёт не найден.".into(),
                retry: false
            }
        );
        assert!(explain(&api(500), "").retry);
        assert!(explain(&api(503), "").retry);
        assert!(explain(&Error::Decode("?".into()), "").retry);
    }
}
