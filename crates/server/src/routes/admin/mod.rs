//! `admin/*`: the platform's administrators register organizations and their staff.

pub mod operators;
pub mod organizations;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(organizations::configure)
        .configure(operators::configure);
}
