//! Prometheus metrics, scraped from `GET /metrics` in the OpenMetrics text format: requests
//! by route and status with latency histograms, the database pool, the background jobs and
//! the mail sent. Not public: the endpoint exists only while `DOMKOM_METRICS_TOKEN` is set
//! and answers only `Authorization: Bearer <that token>`.

use crate::db::{self, jobs::JobCensus, DbPool};
use crate::error::ApiError;
use crate::routes::with_db;
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::{get, web, HttpRequest, HttpResponse, ResponseError};
use domkom_dto::ErrorCode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::{Registry, Unit};
use sha2::{Digest, Sha256};
use std::sync::atomic::AtomicU64;
use std::time::Instant;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    /// The route's pattern (`/api/v1/accounts/{account_id}`), never the path itself, so
    /// the series stay few whatever the ids.
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    state: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabels {
    kind: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct MailLabels {
    pub outcome: &'static str,
}

type LatencyFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: LatencyFamily,
    pool: Family<PoolLabels, Gauge>,
    pool_max: Gauge,
    jobs: Family<JobLabels, Gauge>,
    oldest_queued: Gauge<f64, AtomicU64>,
    /// Letters by outcome (`sent`, `failed`), counted by the mailer.
    pub mail: Family<MailLabels, Counter>,
}

/// 1 ms to about 16 s.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("domkom");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by route and status",
            requests.clone(),
        );
        let latency = LatencyFamily::new_with_constructor(latency_histogram);
        registry.register_with_unit(
            "http_request_duration",
            "Time to answer an HTTP request, by route",
            Unit::Seconds,
            latency.clone(),
        );
        let pool = Family::<PoolLabels, Gauge>::default();
        registry.register(
            "db_pool_connections",
            "Database connections open, by state (idle, in_use)",
            pool.clone(),
        );
        let pool_max = Gauge::default();
        registry.register(
            "db_pool_max_connections",
            "The most database connections the pool opens",
            pool_max.clone(),
        );
        let jobs = Family::<JobLabels, Gauge>::default();
        registry.register(
            "jobs",
            "Background jobs in the database, by kind and status",
            jobs.clone(),
        );
        let oldest_queued = Gauge::<f64, AtomicU64>::default();
        registry.register_with_unit(
            "jobs_oldest_queued_age",
            "How long the oldest queued job has waited (0 when none waits)",
            Unit::Seconds,
            oldest_queued.clone(),
        );
        let mail = Family::<MailLabels, Counter>::default();
        registry.register(
            "mail_letters",
            "Letters handed to the mail transport, by outcome",
            mail.clone(),
        );
        Self {
            registry,
            requests,
            latency,
            pool,
            pool_max,
            jobs,
            oldest_queued,
            mail,
        }
    }
}

impl Metrics {
    fn observe_request(&self, method: &str, route: String, status: StatusCode, seconds: f64) {
        let route = RouteLabels {
            method: method.to_owned(),
            route,
        };
        self.latency.get_or_create(&route).observe(seconds);
        self.requests
            .get_or_create(&RequestLabels {
                method: route.method,
                route: route.route,
                status: status.as_u16(),
            })
            .inc();
    }

    /// Reads the gauges that describe the present: the pool and the jobs table.
    fn observe_now(&self, pool: &DbPool, census: JobCensus) {
        let state = pool.state();
        let idle = i64::from(state.idle_connections);
        self.pool
            .get_or_create(&PoolLabels { state: "idle" })
            .set(idle);
        self.pool
            .get_or_create(&PoolLabels { state: "in_use" })
            .set(i64::from(state.connections) - idle);
        self.pool_max.set(i64::from(pool.max_size()));
        // A status no job has any more must not keep its last count.
        self.jobs.clear();
        for (kind, status, n) in census.counts {
            self.jobs.get_or_create(&JobLabels { kind, status }).set(n);
        }
        let waited = census.oldest_queued.map_or(0.0, |at| {
            (db::now() - at).num_milliseconds().max(0) as f64 / 1000.0
        });
        self.oldest_queued.set(waited);
    }

    fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

/// Middleware: counts and times every request under its route's pattern.
pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let res = next.call(req).await?;
    if let Some(state) = state {
        let route = res
            .request()
            .match_pattern()
            .unwrap_or_else(|| "unmatched".to_owned());
        state.metrics.observe_request(
            res.request().method().as_str(),
            route,
            res.status(),
            started.elapsed().as_secs_f64(),
        );
    }
    Ok(res)
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(metrics);
}

/// The metrics in the OpenMetrics text format, for Prometheus.
#[get("/metrics")]
async fn metrics(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let Some(token) = state.config.metrics_token.as_deref() else {
        return Err(ApiError::not_found());
    };
    if !bearer_matches(&req, token) {
        let mut refused = ApiError::unauthorized(
            ErrorCode::MetricsTokenRequired,
            "Нужен токен метрик: Authorization: Bearer <DOMKOM_METRICS_TOKEN>",
        )
        .error_response();
        refused.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer realm=\"metrics\""),
        );
        return Ok(refused);
    }
    let census = with_db(&state.pool, |c| Ok(db::jobs::census(c)?)).await?;
    state.metrics.observe_now(&state.pool, census);
    let text = state.metrics.encode().map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("application/openmetrics-text; version=1.0.0; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(text))
}

/// Compares digests, so the time taken says nothing about how much of the token matched.
fn bearer_matches(req: &HttpRequest, token: &str) -> bool {
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    Sha256::digest(given.as_bytes()) == Sha256::digest(token.as_bytes())
}
