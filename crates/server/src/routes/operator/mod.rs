//! `operator/*`: the company's staff maintain their organization's data. Every query is
//! filtered by the operator's organization: another organization's ids answer 404.

pub mod houses;
pub mod periods;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(houses::configure)
        .configure(periods::configure);
}
