//! `site`: what every page's footer says about the portal, public and cacheable.

use crate::state::AppState;
use actix_web::{get, http::header, web, HttpResponse};
use chrono::Datelike;
use domkom_dto::SiteInfo;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(site);
}

/// The portal's operator and its support contacts (`DOMKOM_OPERATOR_NAME`,
/// `DOMKOM_SUPPORT_EMAIL`, `DOMKOM_SUPPORT_PHONE`). The same for everyone: browsers and
/// proxies may keep it for an hour.
#[utoipa::path(
    tag = "site",
    responses((status = 200, body = SiteInfo, headers(("Cache-Control" = String, description = "public, max-age=3600"))))
)]
#[get("/site")]
async fn site(state: web::Data<AppState>) -> HttpResponse {
    let site = &state.config.site;
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .json(SiteInfo {
            operator: site.operator.clone(),
            support_email: site.support_email.clone(),
            support_phone: site.support_phone.clone(),
            year: state.config.today().year(),
        })
}
