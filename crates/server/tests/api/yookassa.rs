//! The YooKassa provider against a local server that speaks YooKassa's API v3 as its
//! documentation describes it: Basic auth with the shop id and secret key, the
//! `Idempotence-Key` header on create, a redirect confirmation, the 54-ФЗ receipt, and
//! `GET /payments/{id}`. Its notifications carry no signature: each is believed only as
//! the payment read back says.

use crate::fixtures::Company;
use crate::helpers::{Backend, TestApp};
use actix_web::{web, HttpRequest, HttpResponse};
use base64::Engine;
use domkom_client::dto::{OnlinePaymentStatus, StartPayment};
use domkom_server::payments::settings::Provider;
use domkom_server::payments::yookassa::Shop;
use domkom_values::Money;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const SHOP: &str = "123456";
const SECRET: &str = "test_secret_key";

/// The payments the stand-in holds, by id, and every create request it was sent.
#[derive(Default)]
struct Books {
    payments: HashMap<String, Value>,
    by_key: HashMap<String, String>,
    creates: Vec<(String, Value)>,
}

type Shared = Arc<Mutex<Books>>;

fn error(status: u16, code: &str) -> HttpResponse {
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap())
        .json(json!({"type": "error", "code": code, "description": code}))
}

fn authorized(req: &HttpRequest) -> bool {
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{SHOP}:{SECRET}"))
    );
    req.headers()
        .get("authorization")
        .is_some_and(|v| v.as_bytes() == expected.as_bytes())
}

fn kopecks(amount: &Value) -> Option<i64> {
    let (r, k) = amount["value"].as_str()?.split_once('.')?;
    Some(r.parse::<i64>().ok()? * 100 + k.parse::<i64>().ok()?)
}

async fn create(
    books: web::Data<Shared>,
    req: HttpRequest,
    body: web::Json<Value>,
) -> HttpResponse {
    if !authorized(&req) {
        return error(401, "invalid_credentials");
    }
    let Some(key) = req
        .headers()
        .get("Idempotence-Key")
        .and_then(|v| v.to_str().ok())
    else {
        return error(400, "invalid_request");
    };
    let mut books = books.lock().unwrap();
    books.creates.push((key.to_owned(), body.0.clone()));
    if let Some(id) = books.by_key.get(key) {
        return HttpResponse::Ok().json(&books.payments[id]);
    }
    let b = &body.0;
    let items = b["receipt"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let items_total: Option<i64> = items.iter().map(|i| kopecks(&i["amount"])).sum();
    let valid = b["amount"]["currency"] == "RUB"
        && kopecks(&b["amount"]).is_some_and(|k| k > 0)
        && b["confirmation"]["type"] == "redirect"
        && b["confirmation"]["return_url"].is_string()
        && b["receipt"]["customer"]["email"]
            .as_str()
            .is_some_and(|e| e.contains('@'))
        && !items.is_empty()
        && items_total == kopecks(&b["amount"]);
    if !valid {
        return error(400, "invalid_request");
    }
    let id = format!(
        "2e{:06}-000f-5000-9000-1b68e7b15f3f",
        books.payments.len() + 1
    );
    let payment = json!({
        "id": id,
        "status": "pending",
        "paid": false,
        "amount": b["amount"],
        "confirmation": {
            "type": "redirect",
            "confirmation_url": format!("https://yoomoney.ru/checkout/payments/v2/contract?orderId={id}"),
        },
        "created_at": "2026-12-04T10:00:00.000Z",
        "description": b["description"],
        "metadata": b["metadata"],
        "recipient": {"account_id": SHOP, "gateway_id": "100500"},
        "refundable": false,
        "test": true,
    });
    books.by_key.insert(key.to_owned(), id.clone());
    books.payments.insert(id, payment.clone());
    HttpResponse::Ok().json(payment)
}

async fn read(books: web::Data<Shared>, req: HttpRequest, id: web::Path<String>) -> HttpResponse {
    if !authorized(&req) {
        return error(401, "invalid_credentials");
    }
    match books.lock().unwrap().payments.get(id.as_str()) {
        Some(p) => HttpResponse::Ok().json(p),
        None => error(404, "not_found"),
    }
}

/// Starts the stand-in on a free port: its base URL (`…/v3`) and its books.
async fn stand_in() -> (String, Shared) {
    let books: Shared = Arc::default();
    let data = web::Data::new(books.clone());
    let server = actix_web::HttpServer::new(move || {
        actix_web::App::new()
            .app_data(data.clone())
            .route("/v3/payments", web::post().to(create))
            .route("/v3/payments/{id}", web::get().to(read))
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .unwrap();
    let port = server.addrs()[0].port();
    tokio::spawn(server.run());
    (format!("http://127.0.0.1:{port}/v3"), books)
}

fn set_status(books: &Shared, id: &str, status: &str) {
    let mut b = books.lock().unwrap();
    let p = b.payments.get_mut(id).unwrap();
    p["status"] = json!(status);
    p["paid"] = json!(status == "succeeded");
}

/// Posts a notification as YooKassa would: no signature, the object as it claims.
async fn notify(app: &TestApp, event: &str, id: &str, value: &str) -> u16 {
    let body = json!({
        "type": "notification",
        "event": event,
        "object": {"id": id, "status": event.trim_start_matches("payment."),
                   "amount": {"value": value, "currency": "RUB"}, "paid": true},
    });
    reqwest::Client::new()
        .post(app.url("/api/v1/payments/webhooks/yookassa"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn create_succeed_and_cancel(backend: Backend) {
    let (base_url, books) = stand_in().await;
    let shop = Shop {
        shop_id: SHOP.into(),
        secret_key: SECRET.into(),
        base_url,
    };
    let Some(app) = TestApp::spawn_with(backend, |c| {
        c.payments.provider = Some(Provider::YooKassa(shop))
    })
    .await
    else {
        return;
    };
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let resident = company.resident(&app, "resident").await;
    let account = company.account.id;
    crate::fixtures::close_period(&company.operator, "2026-10").await;
    let start = |rubles: i64| StartPayment {
        amount: Money::from_kopecks(rubles * 100),
        for_period: None,
        service_request_id: None,
    };

    // Create: the shop's credentials, the key, the receipt to the resident's address.
    let first = resident
        .start_payment(account, &start(1_500), Some("k1"))
        .await
        .unwrap();
    let url = first.confirmation_url.clone().unwrap();
    assert!(url.starts_with("https://yoomoney.ru/checkout/"), "{url}");
    let (key, body) = books.lock().unwrap().creates[0].clone();
    assert_eq!(key, format!("domkom-online-{}", first.id));
    assert_eq!(
        body["amount"],
        json!({"value": "1500.00", "currency": "RUB"})
    );
    assert_eq!(body["capture"], true);
    assert_eq!(body["receipt"]["customer"]["email"], "resident@example.ru");
    // An item a service of the last closed period, adding up to the amount.
    let items = body["receipt"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["description"], company.service.data.name.as_str());
    assert_eq!(items[0]["amount"]["value"], "1500.00");
    let id = url.rsplit('=').next().unwrap().to_owned();

    // «Succeeded», says the notification; «pending», says the API: nothing credited.
    assert_eq!(notify(&app, "payment.succeeded", &id, "1500.00").await, 200);
    let read = resident.online_payment(account, first.id).await.unwrap();
    assert_eq!(read.status, OnlinePaymentStatus::Pending);
    assert_eq!(read.payment_id, None);

    // Paid: the notification credits it once, replayed or not.
    set_status(&books, &id, "succeeded");
    // A notification that lies about the amount: the API's amount counts.
    assert_eq!(notify(&app, "payment.succeeded", &id, "1.00").await, 200);
    assert_eq!(notify(&app, "payment.succeeded", &id, "1500.00").await, 200);
    let paid = resident.online_payment(account, first.id).await.unwrap();
    assert_eq!(paid.status, OnlinePaymentStatus::Succeeded);
    let card = resident.account_card(account).await.unwrap();
    let online: Vec<_> = card
        .pending_payments
        .iter()
        .filter(|p| p.source == "online")
        .collect();
    assert_eq!(online.len(), 1);
    assert_eq!(online[0].amount, Money::from_kopecks(150_000));

    // Canceled at the provider: canceled here.
    let second = resident
        .start_payment(account, &start(200), None)
        .await
        .unwrap();
    let second_id = {
        let b = books.lock().unwrap();
        b.by_key[&format!("domkom-online-{}", second.id)].clone()
    };
    set_status(&books, &second_id, "canceled");
    assert_eq!(
        notify(&app, "payment.canceled", &second_id, "200.00").await,
        200
    );
    let canceled = resident.online_payment(account, second.id).await.unwrap();
    assert_eq!(canceled.status, OnlinePaymentStatus::Canceled);

    // Back before the notification: reading the payment asks the provider.
    let third = resident
        .start_payment(account, &start(300), None)
        .await
        .unwrap();
    let third_id = books.lock().unwrap().by_key[&format!("domkom-online-{}", third.id)].clone();
    set_status(&books, &third_id, "succeeded");
    let read = resident.online_payment(account, third.id).await.unwrap();
    assert_eq!(read.status, OnlinePaymentStatus::Succeeded);

    // A payment the provider does not know.
    assert_eq!(
        notify(
            &app,
            "payment.succeeded",
            "2e999999-000f-5000-9000-1b68e7b15f3f",
            "1.00"
        )
        .await,
        404
    );
    let total: i64 = resident
        .account_card(account)
        .await
        .unwrap()
        .pending_payments
        .iter()
        .filter(|p| p.source == "online")
        .map(|p| p.amount.kopecks())
        .sum();
    assert_eq!(total, 180_000, "1 500 and 300 ₽, once each");
}

#[tokio::test]
async fn sqlite_create_succeed_and_cancel() {
    create_succeed_and_cancel(Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_create_succeed_and_cancel() {
    create_succeed_and_cancel(Backend::Postgres).await;
}
