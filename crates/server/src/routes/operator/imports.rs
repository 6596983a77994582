//! `operator/imports/{kind}`: bulk import of the organization's houses, premises, accounts,
//! meters and readings from CSV or JSON (see docs/import.md and `crate::import`).

use super::crud::State;
use crate::auth::Operator;
use crate::db;
use crate::error::ApiError;
use crate::import::{self, Body, BODY_LIMIT};
use crate::routes::with_db;
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpMessage, HttpRequest};
use domkom_dto::ErrorCode;
use domkom_dto::{ImportKind, ImportResult, Problem};
use utoipa_actix_web::{scope, service_config::ServiceConfig};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        scope("/operator/imports")
            .app_data(web::PayloadConfig::new(BODY_LIMIT))
            .service(import_file)
            // A scope would otherwise answer another method with the SPA's 405.
            .default_service(web::to(crate::app::not_routed)),
    );
}

/// The body as CSV text or a JSON array, by its content type.
fn body(req: &HttpRequest, bytes: web::Bytes) -> Result<Body, ApiError> {
    let unprocessable =
        |code, detail: String| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, detail);
    match req
        .mime_type()
        .ok()
        .flatten()
        .map(|m| m.essence_str().to_owned())
        .as_deref()
    {
        Some("text/csv") => String::from_utf8(bytes.to_vec())
            .map(Body::Csv)
            .map_err(|_| {
                unprocessable(
                    ErrorCode::InvalidEncoding,
                    "Файл должен быть в UTF-8: в Excel сохраните его как «CSV UTF-8»".into(),
                )
            }),
        Some("application/json") => serde_json::from_slice(&bytes).map(Body::Json).map_err(|e| {
            unprocessable(
                ErrorCode::InvalidBody,
                format!("Ожидается JSON-массив объектов: {e}"),
            )
        }),
        _ => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "Ожидается Content-Type: text/csv или application/json",
        )),
    }
}

/// Import a file of one kind, checked whole and then written in one transaction: any error
/// answers 422 naming every bad cell as `row N: column` (CSV: the line, the header being
/// line 1; JSON: the object, from 1), and nothing is written. Bodies up to 10 MB.
#[utoipa::path(tag = "operator", security(("bearer" = [])),
    params(("kind" = ImportKind, Path, description = "houses, premises, accounts, meters or readings")),
    request_body(content(
        (String = "text/csv"),
        (Vec<serde_json::Value> = "application/json"),
    )),
    responses((status = 200, body = ImportResult), (status = 403, body = Problem),
        (status = 413, body = Problem), (status = 415, body = Problem),
        (status = 422, description = "`validation_failed`: every bad cell", body = Problem)))]
#[post("/{kind}")]
async fn import_file(
    state: State,
    op: Operator,
    kind: web::Path<ImportKind>,
    req: HttpRequest,
    bytes: web::Bytes,
) -> Result<web::Json<ImportResult>, ApiError> {
    let (kind, body) = (kind.into_inner(), body(&req, bytes)?);
    let (org, user, today) = (op.organization_id, op.user_id, state.config.today());
    let result = with_db(&state.pool, move |c| {
        Ok(db::write_tx(c, |c| {
            import::import(c, org, user, kind, body, today)
        })?)
    })
    .await?;
    Ok(web::Json(result))
}
