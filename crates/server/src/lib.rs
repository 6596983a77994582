//! Domkom's server: configuration, persistence, authentication, mail and the HTTP API.
//!
//! `Application::build` makes the very app that production runs; the integration tests
//! start it on a free port and talk to it through the typed client.

pub mod app;
pub mod appeals;
pub mod auth;
pub mod billing;
pub mod cli;
pub mod config;
pub mod correspondence;
pub mod db;
pub mod devtools;
pub mod digest;
pub mod error;
pub mod import;
pub mod input;
pub mod jobs;
pub mod mail;
pub mod mailing;
pub mod metrics;
pub mod openapi;
pub mod paid_services;
pub mod payments;
pub mod printing;
pub mod private;
pub mod progress;
pub mod ratelimit;
pub mod readings;
pub mod routes;
pub mod spa;
pub mod state;
pub mod uploads;
pub mod views;

pub use app::Application;

use config::Config;
use std::sync::Arc;

/// The background jobs this server runs.
pub const JOB_KINDS: &[jobs::Kind] = &[
    jobs::Kind::of::<billing::close::CloseRequest>(),
    jobs::Kind::of::<mailing::ReceiptMailing>(),
    jobs::Kind::of::<digest::AppealsDigest>(),
];

/// Connects and migrates the database and assembles the shared state.
pub fn prepare(config: Config) -> anyhow::Result<state::AppState> {
    let pool = db::connect(&config.database_url, config.db_pool_size)?;
    let mut conn = pool.get()?;
    let applied = db::migrate(&mut conn)?;
    if !applied.is_empty() {
        tracing::info!(?applied, "migrations applied");
    }
    if matches!(*conn, db::DbConn::Sqlite(_)) {
        let requeued = db::jobs::requeue_running(&mut conn)?;
        if requeued > 0 {
            tracing::warn!(requeued, "jobs interrupted by a stop run again");
        }
    }
    let scheduled = digest::schedule_missing(&mut conn)?;
    if scheduled > 0 {
        tracing::info!(scheduled, "appeals digests scheduled");
    }
    drop(conn);
    let metrics = metrics::Metrics::default();
    let mailer = mail::Mailer::new(
        config.smtp_url.as_deref(),
        config.data_dir.join("outbox"),
        &config.mail_from,
        &config.public_url,
        metrics.mail.clone(),
    )?;
    let mail = jobs::Mail {
        mailer: Arc::new(mailer),
        printer: Arc::new(domkom_receipt::Printer::new()?),
    };
    let (gateway, sandbox) = payments::gateway::configured(&config, &pool);
    let config_ttl = config.access_ttl;
    Ok(state::AppState {
        gateway,
        sandbox,
        jwt: auth::jwt::JwtKeys::new(&config.jwt_secret, config.access_ttl),
        limiter: ratelimit::Limiter::new(pool.clone()),
        config: Arc::new(config),
        jobs: jobs::Runner::new(pool.clone(), Some(mail.clone()), JOB_KINDS),
        pool,
        mailer: mail.mailer,
        metrics,
        revoked: auth::revoked::Revoked::new(config_ttl),
        printer: mail.printer,
    })
}
