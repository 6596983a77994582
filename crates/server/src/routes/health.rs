//! Liveness and readiness for load balancers and orchestrators.

use crate::error::ApiError;
use crate::routes::with_db;
use crate::state::AppState;
use actix_web::{get, http::StatusCode, web, HttpResponse};
use diesel::RunQueryDsl;
use domkom_dto::ErrorCode;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(live).service(ready);
}

/// The process answers.
#[utoipa::path(tag = "ops", responses((status = 200, description = "Alive")))]
#[get("/health/live")]
async fn live() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

/// The process answers and its database does too.
#[utoipa::path(
    tag = "ops",
    responses((status = 200, description = "Ready"), (status = 503, description = "`database_unavailable`"))
)]
#[get("/health/ready")]
async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    with_db(&state.pool, |conn| {
        diesel::sql_query("SELECT 1").execute(conn)?;
        Ok(())
    })
    .await
    .map_err(|_| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::DatabaseUnavailable,
            "База данных недоступна",
        )
    })?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "status": "ok" })))
}
