//! HTTP resources, one module each.

pub mod accounts;
pub mod admin;
pub mod appeals;
pub mod auth;
pub mod charges;
pub mod health;
pub mod links;
pub mod me;
pub mod meters;
pub mod online_payments;
pub mod operator;
pub mod paid_services;
pub mod receipts;
pub mod sandbox;
pub mod site;
pub mod statement;

use crate::db::{DbConn, DbPool};
use crate::error::ApiError;
use actix_web::http::header;
use actix_web::middleware::DefaultHeaders;
use actix_web::web;
use domkom_domain::Period;
use domkom_dto::{rules, FieldError, PeriodRange};
use utoipa_actix_web::{scope, service_config::ServiceConfig};

/// Runs blocking database work on the blocking pool with a pooled connection.
pub async fn with_db<T, F>(pool: &DbPool, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    web::block(move || {
        let mut conn = pool.get().map_err(ApiError::internal)?;
        f(&mut conn)
    })
    .await
    .map_err(ApiError::internal)?
}

/// Every documented route: the app serves this list and the OpenAPI document is read from
/// it, so no handler is served undocumented or documented unserved.
pub fn all(cfg: &mut ServiceConfig) {
    cfg.configure(health::configure).service(
        scope("/api/v1")
            .wrap(DefaultHeaders::new().add((header::CACHE_CONTROL, "no-store")))
            .configure(site::configure)
            .configure(auth::configure)
            .configure(me::configure)
            .configure(links::configure)
            .configure(accounts::configure)
            .configure(charges::configure)
            .configure(meters::configure)
            .configure(statement::configure)
            .configure(receipts::configure)
            .configure(online_payments::configure)
            .configure(appeals::configure)
            .configure(paid_services::configure)
            .configure(operator::configure)
            .configure(admin::configure)
            .default_service(web::to(crate::app::not_routed)),
    );
}

/// 422 when the input rules found anything.
pub fn valid(errors: Vec<FieldError>) -> Result<(), ApiError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

/// A `?from=&to=` range of periods, checked by the input rules (422 naming the field).
pub fn period_range(range: &PeriodRange) -> Result<(Option<Period>, Option<Period>), ApiError> {
    let (from, to) = (range.from.as_deref(), range.to.as_deref());
    valid(rules::check_period_range(from, to))?;
    Ok((
        from.map(passed_period).transpose()?,
        to.map(passed_period).transpose()?,
    ))
}

/// A period the input rules have passed (or one stored after them), as the type: text
/// that does not read as one here is a server fault, not the caller's.
pub fn passed_period(text: &str) -> Result<Period, ApiError> {
    text.parse().map_err(ApiError::internal)
}
