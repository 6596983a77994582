//! `admin/*`: the platform's administrators register organizations and their staff.

pub mod operators;
pub mod organizations;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(organizations::configure)
        .configure(operators::configure);
}
