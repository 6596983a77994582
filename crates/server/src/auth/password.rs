//! Password hashing: argon2id with the OWASP parameters (19 MiB, 2 passes, 1 lane).
//! Both functions are CPU-heavy: handlers call the `_off_thread` forms.

use crate::error::ApiError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use std::sync::OnceLock;
use tokio::sync::Semaphore;

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("constant argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))
}

/// `hash` for handlers, off the request's threads (see `off_thread`).
pub async fn hash_off_thread(password: String) -> Result<String, ApiError> {
    off_thread(move || hash(&password))
        .await?
        .map_err(ApiError::internal)
}

/// `verify` for handlers, off the request's threads (see `off_thread`). With no stored
/// hash (no such user) it checks a dummy one, so that the answer takes as long as for a
/// real user and does not tell which logins exist.
pub async fn verify_off_thread(password: String, stored: Option<String>) -> Result<bool, ApiError> {
    off_thread(move || match &stored {
        Some(stored) => verify(&password, stored),
        None => verify(&password, dummy_hash()),
    })
    .await
}

/// Runs argon2 on a thread of its own, at most one per core at a time. It takes tens of
/// milliseconds: on an executor thread it would stall other requests, and on the blocking
/// pool it would hold one of the few threads that run database work (as many per worker
/// as its database connections), so a burst of sign-ins would stall every page.
async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    static PERMITS: OnceLock<Semaphore> = OnceLock::new();
    let permits = PERMITS.get_or_init(|| {
        Semaphore::new(std::thread::available_parallelism().map_or(2, usize::from))
    });
    let _permit = permits.acquire().await.map_err(ApiError::internal)?;
    let (done, result) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("argon2".into())
        .spawn(move || {
            let _ = done.send(work());
        })
        .map_err(ApiError::internal)?;
    result.await.map_err(ApiError::internal)
}

/// `false` for a wrong password and for an unreadable stored hash alike.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the user does not exist.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash("no such user 0").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_only_the_right_password() {
        let stored = hash("secret123").unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify("secret123", &stored));
        assert!(!verify("secret124", &stored));
        assert!(!verify("secret123", "not a hash"));
    }
}
