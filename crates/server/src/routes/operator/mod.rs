//! `operator/*`: the company's staff maintain their organization's data. Every query is
//! filtered by the operator's organization: another organization's ids answer 404.

pub mod accounts;
pub mod appeals;
mod crud;
pub mod houses;
pub mod imports;
pub mod ledger;
pub mod meters;
pub mod paid_services;
pub mod payments;
pub mod periods;
pub mod premises;
pub mod readings;
pub mod recalculations;
pub mod service_requests;
pub mod services;
pub mod tariffs;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(houses::configure)
        .configure(periods::configure)
        .configure(premises::configure)
        .configure(accounts::configure)
        .configure(services::configure)
        .configure(tariffs::configure)
        .configure(meters::configure)
        .configure(readings::configure)
        .configure(recalculations::configure)
        .configure(payments::configure)
        .configure(ledger::configure)
        .configure(imports::configure)
        .configure(appeals::configure)
        .configure(paid_services::configure)
        .configure(service_requests::configure);
}
