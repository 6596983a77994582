//! What every handler shares: the pool, keys, mailer, limits and settings.

use crate::auth::jwt::JwtKeys;
use crate::config::Config;
use crate::db::DbPool;
use crate::mail::Mailer;
use crate::ratelimit::RateLimiter;
use std::sync::Arc;

pub struct AppState {
    pub config: Arc<Config>,
    pub pool: DbPool,
    pub jwt: JwtKeys,
    pub mailer: Mailer,
    pub limiter: Box<dyn RateLimiter>,
    pub jobs: crate::jobs::Runner,
    pub metrics: crate::metrics::Metrics,
}

impl AppState {
    /// The client's address for rate limits: the TCP peer (put a trusted proxy's
    /// X-Forwarded-For handling here when one is deployed in front).
    pub fn client_ip(req: &actix_web::HttpRequest) -> String {
        req.peer_addr()
            .map(|a| a.ip().to_string())
            .unwrap_or_else(|| "unknown".into())
    }
}
