//! The whole HTTP application, built from a configuration: production and tests run this.

use crate::error::{ApiError, PROBLEM_JSON};
use crate::state::AppState;
use crate::{metrics, openapi, routes};
use actix_web::dev::{Server, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::{header, StatusCode};
use actix_web::middleware::{
    from_fn, Compress, DefaultHeaders, ErrorHandlerResponse, ErrorHandlers,
};
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer, ResponseError};
use domkom_dto::ErrorCode;
use std::net::TcpListener;
use tracing_actix_web::TracingLogger;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_swagger_ui::SwaggerUi;

/// Bodies above this are refused with 413: no request of the API needs more.
const JSON_LIMIT: usize = 64 * 1024;

/// A bound, not yet running server. Binding port 0 picks a free port (tests).
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    pub fn build(state: AppState) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(state.config.addr).map_err(|e| {
            anyhow::anyhow!("DOMKOM_ADDR: cannot listen on {}: {e}", state.config.addr)
        })?;
        let port = listener.local_addr()?.port();
        // Each worker gets as many blocking threads as its share of database connections:
        // database work beyond that waits in the queue, where a thread that finishes takes
        // the next job at once, instead of parking one thread per request on the pool,
        // which costs more in context switches than the queries on a small machine.
        let workers = std::thread::available_parallelism().map_or(2, usize::from);
        let blocking = (state.config.db_pool_size as usize)
            .div_ceil(workers)
            .max(2);
        let state = web::Data::new(state);
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .configure(configure)
                .wrap(security_headers(&state.config.public_url))
                .wrap(cors(&state.config.cors_origins))
                .wrap(ErrorHandlers::new().default_handler(problem_for_bare_errors))
                .wrap(Compress::default())
                .wrap(from_fn(metrics::record))
                .wrap(TracingLogger::default())
        })
        .listen(listener)?
        .workers(workers)
        .worker_max_blocking_threads(blocking)
        .shutdown_timeout(30)
        .run();
        Ok(Application { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Runs until SIGINT/SIGTERM, then finishes the requests in flight.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }

    pub fn into_server(self) -> Server {
        self.server
    }
}

fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(
        web::JsonConfig::default()
            .limit(JSON_LIMIT)
            .error_handler(json_error),
    )
    .app_data(web::PathConfig::default().error_handler(|e, req| {
        // `GET operator/payments/registry` reached `payments/{id}`: the path is a route of
        // its own, with other methods.
        let method = req.method().as_str();
        if let Some(allow) = openapi::allowed_methods(req.path())
            .filter(|allow| !allow.split(", ").any(|m| m == method))
        {
            return InternalError::from_response(e, method_not_allowed(&allow)).into();
        }
        ApiError::bad_request(ErrorCode::InvalidPath, format!("Неверный адрес: {e}")).into()
    }))
    .configure(metrics::configure)
    // Before the API scope, which would otherwise answer its path with 404.
    .service(
        SwaggerUi::new("/swagger-ui/{_:.*}").url("/api/v1/openapi.json", openapi::spec().clone()),
    )
    .configure(routes::sandbox::configure)
    .configure(|cfg| routes::all(&mut ServiceConfig::new(cfg)))
    .default_service(web::to(crate::spa::file_or_page));
}

/// No route took the request: a path the API has with another method is 405 naming the
/// methods it has (`Allow`), anything else 404.
pub(crate) async fn not_routed(req: HttpRequest) -> HttpResponse {
    match openapi::allowed_methods(req.path()) {
        Some(allow) => method_not_allowed(&allow),
        None => api_route_not_found().error_response(),
    }
}

/// 405 naming the methods there are at its path (`Allow`, e.g. `GET, HEAD`).
pub(crate) fn method_not_allowed(allow: &str) -> HttpResponse {
    let mut res = ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::MethodNotAllowed,
        "Этот метод для этого адреса не поддерживается",
    )
    .error_response();
    if let Ok(value) = header::HeaderValue::from_str(allow) {
        res.headers_mut().insert(header::ALLOW, value);
    }
    res
}

fn api_route_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ErrorCode::RouteNotFound,
        "Такого адреса в API нет",
    )
}

/// Malformed JSON, wrong types, a wrong content type or an oversized body: never a 500.
fn json_error(err: actix_web::error::JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    use actix_web::error::JsonPayloadError as E;
    let api = match &err {
        E::OverflowKnownLength { .. } | E::Overflow { .. } => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            format!("Тело запроса больше {} КБ", JSON_LIMIT / 1024),
        ),
        E::ContentType => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "Ожидается Content-Type: application/json",
        ),
        E::Deserialize(e) if e.is_data() => crate::input::invalid_body(e),
        _ => ApiError::bad_request(
            ErrorCode::MalformedJson,
            format!("Тело запроса — не JSON: {err}"),
        ),
    };
    api.into()
}

/// Any error response that is not problem+json yet (405, a panic's 500, ...) becomes one.
fn problem_for_bare_errors<B>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if is_problem
        || !res.request().path().starts_with("/api/") && res.status() == StatusCode::NOT_FOUND
    {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    if status == StatusCode::METHOD_NOT_ALLOWED {
        // A route's other method: actix answers it bare.
        let allow = openapi::allowed_methods(res.request().path()).unwrap_or_default();
        let (req, _) = res.into_parts();
        let response = method_not_allowed(&allow);
        return Ok(ErrorHandlerResponse::Response(
            ServiceResponse::new(req, response).map_into_right_body(),
        ));
    }
    let error = match status {
        StatusCode::NOT_FOUND => api_route_not_found(),
        // A file above the imports' 10 MB (JSON bodies have their own 64 KB message).
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            status,
            ErrorCode::PayloadTooLarge,
            "Тело запроса больше допустимого (файлы — до 10 МБ)",
        ),
        s if s.is_server_error() => ApiError::new(
            s,
            ErrorCode::InternalError,
            "Внутренняя ошибка сервера. Попробуйте позже",
        ),
        s => ApiError::new(s, ErrorCode::RequestRejected, "Запрос отклонён"),
    };
    let (req, _) = res.into_parts();
    let response = actix_web::ResponseError::error_response(&error);
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body(),
    ))
}

/// `https` in the public URL means the portal is served over TLS (by it or a proxy in
/// front): browsers are told to use nothing else for a year (HSTS).
fn security_headers(public_url: &str) -> DefaultHeaders {
    let headers = DefaultHeaders::new();
    let headers = if public_url.starts_with("https://") {
        headers.add((header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"))
    } else {
        headers
    };
    headers
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "same-origin"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
             style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
             frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        ))
}

fn cors(origins: &[String]) -> actix_cors::Cors {
    origins
        .iter()
        .fold(actix_cors::Cors::default(), |cors, origin| {
            cors.allowed_origin(origin)
                .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
                .allowed_headers([
                    header::AUTHORIZATION,
                    header::CONTENT_TYPE,
                    header::HeaderName::from_static("idempotency-key"),
                ])
                .supports_credentials()
                .max_age(3600)
        })
}
