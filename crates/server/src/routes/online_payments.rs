//! Online payment: `POST accounts/{id}/payments` starts one, `GET
//! accounts/{id}/payments/{payment_id}` reads it, and the provider's notifications come to
//! `payments/webhooks/{provider}` (see docs/payments.md).

use crate::auth::Caller;
use crate::db::online_payments as op;
use crate::error::ApiError;
use crate::input::Json;
use crate::payments::start::{begin, Begun, Start};
use crate::payments::{self, GatewayError, NotificationError, Order, PaymentGateway};
use crate::payments::{Refused, Settled};
use crate::routes::accounts::linked_organization;
use crate::routes::{valid, with_db};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use domkom_dto::{rules, ErrorCode, FieldError, OnlinePayment, OnlinePaymentStatus, Problem};
use domkom_dto::{ProviderPayment, StartPayment};
use domkom_values::{AccountId, OnlinePaymentId};
use std::sync::Arc;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(start).service(read).service(webhook);
}

type State = web::Data<AppState>;

/// Starts an online payment of the account: answers the payment with the provider's page
/// to send the payer to (`confirmation_url`). With an `Idempotency-Key` header, the same
/// request again answers the same payment (200) instead of starting another.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), request_body = StartPayment,
    params(("account_id" = i64, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "1 to 64 of A–Z, a–z, 0–9, `-`, `_`")),
    responses(
        (status = 201, body = OnlinePayment),
        (status = 200, description = "Started before with this `Idempotency-Key`", body = OnlinePayment),
        (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "`idempotency_key_reused`: the key started another payment", body = Problem),
        (status = 422, description = "`amount` not above zero or above the limit; `for_period`; `Idempotency-Key`", body = Problem),
        (status = 502, description = "`payment_provider_unavailable`: nothing was charged", body = Problem),
        (status = 503, description = "`payments_unavailable`: online payment is off", body = Problem)))]
#[post("/accounts/{account_id}/payments")]
async fn start(
    state: State,
    caller: Caller,
    path: web::Path<AccountId>,
    body: Json<StartPayment>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let gateway = gateway(&state)?;
    let key = idempotency_key(&req)?;
    let form = body.into_inner();
    valid(rules::check_start_payment(&form))?;
    let (account, provider) = (path.into_inner(), gateway.name());
    let (today, settings) = (state.config.today(), state.config.payments.clone());
    // The payer comes back to where they paid from.
    let page = match form.service_request_id {
        Some(_) => "service-requests",
        None => "payments",
    };
    let begun = with_db(&state.pool, move |c| {
        let start = Start {
            caller,
            account,
            form: &form,
            key: key.as_deref(),
            today,
            settings,
            provider,
        };
        begin(c, &start)
    })
    .await?;
    let (row, bill) = match begun {
        Begun::Again(row) => return Ok(HttpResponse::Ok().json(row.into_dto())),
        Begun::New(row, bill) => (row, bill),
    };
    let order = Order {
        reference: row.id,
        amount: row.amount,
        description: bill.description,
        customer_email: bill.email,
        items: bill.items,
        return_url: format!(
            "{}/accounts/{account}/{page}?online={}",
            state.config.public_url, row.id
        ),
        idempotence_key: format!("domkom-online-{}", row.id),
    };
    let id = row.id;
    let created = gateway.create(&order).await;
    let row = with_db(&state.pool, move |c| {
        match &created {
            Ok(p) => op::created(c, id, &p.provider_id, &p.confirmation_url)?,
            Err(e) => {
                let from = [OnlinePaymentStatus::Pending];
                op::transition(
                    c,
                    id,
                    &from,
                    OnlinePaymentStatus::Canceled,
                    Some(&e.to_string()),
                )?
            }
        };
        Ok((
            created.map(drop),
            op::get(c, id)?.ok_or_else(ApiError::not_found)?,
        ))
    })
    .await;
    match row {
        Ok((Ok(()), row)) => Ok(HttpResponse::Created().json(row.into_dto())),
        Ok((Err(e), _)) => {
            tracing::error!(payment = %id, error = %e, "the provider did not create the payment");
            Err(provider_unavailable())
        }
        Err(e) => Err(e),
    }
}

/// An online payment of the account: pending, succeeded (with the payment that credited
/// it), canceled or expired. A pending one is read again from the provider first.
#[utoipa::path(tag = "accounts", security(("bearer" = [])),
    params(("account_id" = i64, Path), ("payment_id" = i64, Path)),
    responses((status = 200, body = OnlinePayment), (status = 401, body = Problem),
        (status = 404, body = Problem)))]
#[get("/accounts/{account_id}/payments/{payment_id}")]
async fn read(
    state: State,
    caller: Caller,
    path: web::Path<(AccountId, OnlinePaymentId)>,
) -> Result<web::Json<OnlinePayment>, ApiError> {
    let (account, id) = path.into_inner();
    let row = with_db(&state.pool, move |c| {
        linked_organization(c, &caller, account)?;
        op::get(c, id)?
            .filter(|row| row.account_id == account)
            .ok_or_else(ApiError::not_found)
    })
    .await?;
    let pending = row.status() == OnlinePaymentStatus::Pending;
    if let (true, Some(provider_id), Ok(gateway)) = (pending, &row.provider_id, gateway(&state)) {
        if gateway.name() == row.provider {
            // The payer is back before the notification (or it was lost): ask.
            match gateway.fetch(provider_id).await {
                Ok(said) => {
                    settle(&state, gateway.name(), said).await?;
                }
                Err(e) => tracing::warn!(payment = %id, error = %e, "cannot read the payment"),
            }
        }
    }
    let row = with_db(&state.pool, move |c| {
        let row = op::get(c, id)?.ok_or_else(ApiError::not_found)?;
        if row.status() == OnlinePaymentStatus::Pending && row.expires_at < crate::db::now() {
            let from = [OnlinePaymentStatus::Pending];
            op::transition(c, id, &from, OnlinePaymentStatus::Expired, None)?;
            return op::get(c, id)?.ok_or_else(ApiError::not_found);
        }
        Ok(row)
    })
    .await?;
    Ok(web::Json(row.into_dto()))
}

/// A provider's notification of a payment's new state. Taken only when proven (the
/// sandbox's by its signature, a provider's without one by reading the payment from it
/// again) and when its amount and currency are the payment's; credits at most once.
#[utoipa::path(tag = "payments", request_body = domkom_dto::PaymentNotification,
    params(("provider" = String, Path, description = "`yookassa` or `sandbox`: the portal's provider")),
    responses(
        (status = 200, description = "Taken (again is fine)", body = OnlinePayment),
        (status = 400, description = "`invalid_notification`", body = Problem),
        (status = 401, description = "`signature_invalid`", body = Problem),
        (status = 404, description = "Not this portal's provider, or an unknown payment", body = Problem),
        (status = 409, description = "`payment_mismatch`: another amount or currency", body = Problem),
        (status = 502, description = "The provider cannot be asked now: send again later", body = Problem)))]
#[post("/payments/webhooks/{provider}")]
async fn webhook(
    state: State,
    provider: web::Path<String>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<web::Json<OnlinePayment>, ApiError> {
    let gateway = gateway(&state)
        .ok()
        .filter(|g| g.name() == provider.as_str())
        .ok_or_else(ApiError::not_found)?;
    let said = gateway.confirm(req.headers(), &body).await.map_err(|e| {
        tracing::warn!(provider = gateway.name(), error = %e, "payment notification refused");
        match e {
            NotificationError::BadSignature => ApiError::unauthorized(
                ErrorCode::SignatureInvalid,
                "Подпись уведомления не совпадает",
            ),
            NotificationError::Malformed(m) => ApiError::bad_request(
                ErrorCode::InvalidNotification,
                format!("Уведомление не прочитано: {m}"),
            ),
            // Read back, the provider does not know it.
            NotificationError::Gateway(GatewayError::Refused(_)) => ApiError::not_found(),
            NotificationError::Gateway(GatewayError::Unavailable(_)) => provider_unavailable(),
        }
    })?;
    let provider_id = said.id.clone();
    settle(&state, gateway.name(), said).await?;
    let name = gateway.name();
    let row = with_db(&state.pool, move |c| {
        op::by_provider(c, name, &provider_id)?.ok_or_else(ApiError::not_found)
    })
    .await?;
    Ok(web::Json(row.into_dto()))
}

/// Applies what the provider confirmed; refusals are logged and credit nothing.
async fn settle(
    state: &AppState,
    provider: &'static str,
    said: ProviderPayment,
) -> Result<(), ApiError> {
    let today = state.config.today();
    let id = said.id.clone();
    let outcome = with_db(&state.pool, move |c| {
        Ok(payments::apply(c, provider, &said, today))
    })
    .await?;
    match outcome {
        Ok(Settled::Credited(payment)) => {
            tracing::info!(provider, id, payment = %payment, "online payment credited");
            Ok(())
        }
        Ok(Settled::PaidRequest(request)) => {
            tracing::info!(provider, id, request = %request, "service request paid online");
            Ok(())
        }
        Ok(Settled::Canceled | Settled::Unchanged) => Ok(()),
        Err(Refused::Db(e)) => Err(e.into()),
        Err(e) => {
            tracing::warn!(provider, id, error = %e, "payment notification refused");
            Err(match e {
                Refused::Unknown(_) => ApiError::not_found(),
                _ => ApiError::new(
                    StatusCode::CONFLICT,
                    ErrorCode::PaymentMismatch,
                    "Сумма или валюта не совпадают с платежом: ничего не зачтено",
                ),
            })
        }
    }
}

fn gateway(state: &AppState) -> Result<Arc<dyn PaymentGateway>, ApiError> {
    state.gateway.clone().ok_or_else(|| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::PaymentsUnavailable,
            "Онлайн-оплата на этом портале не подключена",
        )
    })
}

fn provider_unavailable() -> ApiError {
    ApiError::new(
        StatusCode::BAD_GATEWAY,
        ErrorCode::PaymentProviderUnavailable,
        "Платёжный сервис не ответил. Деньги не списаны, попробуйте позже",
    )
}

/// The `Idempotency-Key` header, if any, checked.
fn idempotency_key(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(value) = req.headers().get("Idempotency-Key") else {
        return Ok(None);
    };
    match value.to_str() {
        Ok(key) if rules::idempotency_key_ok(key) => Ok(Some(key.to_owned())),
        _ => Err(ApiError::validation(vec![FieldError::new(
            "Idempotency-Key",
            "format",
            "От 1 до 64 латинских букв, цифр, «-» и «_»",
        )])),
    }
}
