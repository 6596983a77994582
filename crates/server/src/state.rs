//! What every handler shares: the pool, keys, mailer, limits and settings.

use crate::auth::jwt::JwtKeys;
use crate::config::Config;
use crate::db::DbPool;
use crate::mail::Mailer;
use crate::ratelimit::Limiter;
use std::sync::Arc;

pub struct AppState {
    pub config: Arc<Config>,
    pub pool: DbPool,
    pub jwt: JwtKeys,
    pub mailer: Arc<Mailer>,
    pub limiter: Limiter,
    pub jobs: crate::jobs::Runner,
    pub metrics: crate::metrics::Metrics,
    pub revoked: crate::auth::revoked::Revoked,
    /// The receipt's fonts, parsed once.
    pub printer: Arc<domkom_receipt::Printer>,
    /// Who takes online payments; `None` when they are off.
    pub gateway: Option<Arc<dyn crate::payments::PaymentGateway>>,
    /// The built-in acquirer, whose page the server serves, when it is the gateway.
    pub sandbox: Option<Arc<crate::payments::sandbox::Sandbox>>,
}

impl AppState {
    /// The client's address for rate limits: the TCP peer, or, when the peer is one of
    /// `DOMKOM_TRUSTED_PROXIES`, the address that proxy appended to `X-Forwarded-For`
    /// (the last one: what came before it, the client could have written itself).
    pub fn client_ip(req: &actix_web::HttpRequest) -> String {
        let peer = req.peer_addr().map(|a| a.ip());
        let trusted = req
            .app_data::<actix_web::web::Data<AppState>>()
            .is_some_and(|s| peer.is_some_and(|p| s.config.trusted_proxies.contains(&p)));
        let forwarded = trusted
            .then(|| req.headers().get("x-forwarded-for"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|ip| ip.trim().parse::<std::net::IpAddr>().ok());
        forwarded
            .or(peer)
            .map_or_else(|| "unknown".into(), |ip| ip.to_string())
    }
}
