//! Who is signed in. The access token lives only in the client's memory; the refresh token
//! is the server's httpOnly cookie, so a reload restores the session through `refresh`.

use domkom_client::dto::ErrorCode;
use domkom_client::{Client, Error, Result};
use domkom_dto::{Role, User};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The app's session, shared through the context; cheap to copy.
#[derive(Clone, Copy)]
pub struct Session {
    client: StoredValue<Client>,
    user: RwSignal<Option<User>>,
    restored: RwSignal<bool>,
    /// A word for the sign-in page after the session ended on purpose («Профиль удалён»).
    farewell: StoredValue<Option<&'static str>>,
}

/// The session provided by `App`.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    /// Creates the session for this page's origin, provides it to the app and starts
    /// restoring the previous sign-in from the cookie.
    pub fn provide() -> Session {
        let origin = window().location().origin().unwrap_or_default();
        let session = Session {
            client: StoredValue::new(Client::new(&origin)),
            user: RwSignal::new(None),
            restored: RwSignal::new(false),
            farewell: StoredValue::new(None),
        };
        provide_context(session);
        spawn_local(async move { session.restore().await });
        session
    }

    /// One request, which the boot script has usually sent already while the app was
    /// downloading (`boot.js`); the refresh answers with the user too.
    async fn restore(self) {
        let client = self.client();
        #[cfg(target_arch = "wasm32")]
        let tokens = match crate::boot::refresh() {
            Some(answer) => client.refreshed(answer).await,
            None => client.refresh(None).await,
        };
        // Natively (the unit tests) there is no boot script.
        #[cfg(not(target_arch = "wasm32"))]
        let tokens = client.refresh(None).await;
        if let Ok(tokens) = tokens {
            self.user.set(Some(tokens.user));
        }
        self.restored.set(true);
    }

    /// A handle on the API sharing this session's access token.
    pub fn client(&self) -> Client {
        self.client.get_value()
    }

    /// Whether the start-up refresh has finished, so `is_signed_in` can be trusted.
    pub fn is_restored(&self) -> bool {
        self.restored.get()
    }

    pub fn is_signed_in(&self) -> bool {
        self.user.with(Option::is_some)
    }

    /// Whether someone is signed in, read once (for redirects).
    pub fn is_signed_in_untracked(&self) -> bool {
        self.user.with_untracked(Option::is_some)
    }

    /// Whether the signed-in user works for a company: the desk is theirs, the
    /// resident's pages are not (tracked).
    pub fn is_staff(&self) -> bool {
        self.user.with(is_staff)
    }

    /// Where the signed-in user starts, read once (for redirects and the way back).
    pub fn home(&self) -> Home {
        if self.user.with_untracked(is_staff) {
            DESK
        } else {
            ACCOUNTS
        }
    }

    /// The signed-in user (tracked).
    pub fn user(&self) -> Option<User> {
        self.user.get()
    }

    /// The signed-in user, read once (to fill a form).
    pub fn user_untracked(&self) -> Option<User> {
        self.user.get_untracked()
    }

    pub fn set_user(&self, user: User) {
        self.user.set(Some(user));
    }

    /// Signs in; the answer carries the profile.
    pub async fn sign_in(&self, login: &str, password: &str) -> Result<()> {
        let tokens = self.client().login(login, password).await?;
        self.user.set(Some(tokens.user));
        Ok(())
    }

    /// Revokes the refresh cookie on the server (best effort) and forgets the user.
    pub async fn sign_out(&self) {
        // Even if the server cannot be reached, this tab stops acting as the user.
        let _ = self.client().logout(None).await;
        self.forget();
    }

    /// Signs out and leaves `message` for the sign-in page, which shows it once.
    pub async fn sign_out_saying(&self, message: &'static str) {
        self.farewell.set_value(Some(message));
        self.sign_out().await;
    }

    /// The message the last sign-out left, taken so it is shown once.
    pub fn take_farewell(&self) -> Option<&'static str> {
        self.farewell.try_update_value(Option::take).flatten()
    }

    /// Forgets the user locally, e.g. after the profile was deleted.
    pub fn forget(&self) {
        self.client.with_value(|c| c.set_access_token(None));
        self.user.set(None);
    }

    /// Runs a call that needs the access token. When the token has expired, refreshes it
    /// once and repeats the call; when that fails too, the session ends.
    pub async fn authorized<T>(&self, call: impl AsyncFn(&Client) -> Result<T>) -> Result<T> {
        let client = self.client();
        match call(&client).await {
            Err(e) if is_unauthorized(&e) => {
                if client.refresh(None).await.is_err() {
                    self.forget();
                    return Err(e);
                }
                let retried = call(&client).await;
                if retried.as_ref().is_err_and(is_unauthorized) {
                    self.forget();
                }
                retried
            }
            other => other,
        }
    }
}

fn is_staff(user: &Option<User>) -> bool {
    user.as_ref().is_some_and(|u| u.role == Role::Operator)
}

/// A page a signed-in user starts from, and its name on a link back there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Home {
    pub path: &'static str,
    pub name: &'static str,
}

/// A resident's: «Мои лицевые счета».
pub const ACCOUNTS: Home = Home {
    path: "/accounts",
    name: "Мои лицевые счета",
};

/// The company's staff's: the desk.
pub const DESK: Home = Home {
    path: "/desk",
    name: "Рабочее место",
};

/// A missing or expired access token, as opposed to a wrong password typed into a form.
fn is_unauthorized(e: &Error) -> bool {
    e.status() == Some(401)
        && !matches!(
            e.code(),
            Some(ErrorCode::WrongPassword | ErrorCode::InvalidCredentials)
        )
}
