//! Online payment through the sandbox acquirer: started with an idempotency key, paid on
//! the acquirer's page, credited once whatever notifications arrive, and refused when a
//! notification is forged, of another amount or of an unknown payment.

use crate::fixtures::Company;
use crate::helpers::TestApp;
use crate::on_both_backends;
use diesel::prelude::*;
use domkom_client::dto::{
    DateRange, ErrorCode, OnlinePayment, OnlinePaymentStatus, PageQuery, PaymentNotification,
    ProviderAmount, ProviderPayment, StartPayment,
};
use domkom_client::Client;
use domkom_server::db::schema::{online_payments as op, payments};
use domkom_server::payments::sandbox::{Sandbox, SIGNATURE};
use domkom_values::{AccountId, Money};

fn rubles(r: i64) -> Money {
    Money::from_kopecks(r * 100)
}

fn pay(amount: Money) -> StartPayment {
    StartPayment {
        amount,
        for_period: None,
        service_request_id: None,
    }
}

/// The acquirer as the test's: the same key as the app's (the tests' fixed secret).
fn acquirer(app: &TestApp) -> Sandbox {
    Sandbox::new(
        app.pool.clone(),
        &app.base,
        b"a test secret of at least thirty-two bytes",
    )
}

fn provider_id(app: &TestApp, p: &OnlinePayment) -> String {
    op::table
        .find(p.id)
        .select(op::provider_id)
        .first::<Option<String>>(&mut app.pool.get().unwrap())
        .unwrap()
        .expect("created at the provider")
}

/// A notification as the acquirer sends it: its webhook, its body, and the signature
/// of `sign`'s key.
fn signed(app: &TestApp, sign: &Sandbox, object: ProviderPayment) -> (String, Vec<u8>, String) {
    let note = PaymentNotification {
        event: format!("payment.{}", object.status),
        object,
    };
    let body = serde_json::to_vec(&note).unwrap();
    let signature = sign.sign(&body);
    (
        app.url("/api/v1/payments/webhooks/sandbox"),
        body,
        signature,
    )
}

/// Posts a signed notification: the status code.
async fn deliver((webhook, body, signature): (String, Vec<u8>, String)) -> u16 {
    reqwest::Client::new()
        .post(webhook)
        .header("content-type", "application/json")
        .header(SIGNATURE, signature)
        .body(body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Posts a notification as the acquirer would, signed with `sign`'s key: the status code.
async fn notify(app: &TestApp, sign: &Sandbox, object: ProviderPayment) -> u16 {
    deliver(signed(app, sign, object)).await
}

fn succeeded(id: &str, amount: Money) -> ProviderPayment {
    ProviderPayment {
        id: id.into(),
        status: "succeeded".into(),
        amount: ProviderAmount::rubles(amount),
    }
}

/// The account's payments from the online source.
async fn online_credits(resident: &Client, account: AccountId) -> Vec<Money> {
    let page = resident
        .account_payments(account, &DateRange::default(), PageQuery::default())
        .await
        .unwrap();
    page.items
        .iter()
        .filter(|p| p.source == "online")
        .map(|p| p.amount)
        .collect()
}

/// The payer's decision on the sandbox page: where it sends them back.
pub async fn decide(url: &str, decision: &str) -> String {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let done = http
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("decision={decision}"))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 303);
    done.headers()["location"].to_str().unwrap().to_owned()
}

async fn a_payment_is_paid_on_the_acquirers_page_and_credited_once(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let resident = company.resident(&app, "resident").await;
    let account = company.account.id;

    let started = resident
        .start_payment(account, &pay(rubles(1_500)), Some("key-1"))
        .await
        .unwrap();
    assert_eq!(started.status, OnlinePaymentStatus::Pending);
    assert_eq!(started.amount, rubles(1_500));
    let url = started
        .confirmation_url
        .clone()
        .expect("the acquirer's page");
    // The same request again is the same payment; the key for another is refused.
    let again = resident
        .start_payment(account, &pay(rubles(1_500)), Some("key-1"))
        .await
        .unwrap();
    assert_eq!(again.id, started.id);
    let reused = resident
        .start_payment(account, &pay(rubles(1_600)), Some("key-1"))
        .await
        .unwrap_err();
    assert_eq!(
        (reused.status(), reused.code()),
        (Some(409), Some(ErrorCode::IdempotencyKeyReused))
    );

    let html = reqwest::get(&url).await.unwrap().text().await.unwrap();
    assert!(
        html.contains("500,00") && html.contains("л/с 1001"),
        "{html}"
    );
    assert!(
        html.contains("Оплатить") && html.contains("Отказаться"),
        "{html}"
    );
    // The same request ten times at once: one payment.
    let attempts: Vec<_> = (0..10)
        .map(|_| {
            let resident = resident.clone();
            tokio::spawn(async move {
                resident
                    .start_payment(account, &pay(rubles(42)), Some("key-2"))
                    .await
                    .map(|p| p.id)
            })
        })
        .collect();
    let mut ids = Vec::new();
    for a in attempts {
        ids.push(a.await.unwrap().unwrap());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "{ids:?}");
    let rows: i64 = op::table
        .filter(op::idempotency_key.eq("key-2"))
        .count()
        .get_result(&mut app.pool.get().unwrap())
        .unwrap();
    assert_eq!(rows, 1);

    let back = decide(&url, "pay").await;
    assert_eq!(
        back,
        format!(
            "{}/accounts/{account}/payments?online={}",
            app.base, started.id
        )
    );
    let paid = resident.online_payment(account, started.id).await.unwrap();
    assert_eq!(paid.status, OnlinePaymentStatus::Succeeded);
    assert!(paid.payment_id.is_some() && paid.confirmation_url.is_none());
    assert_eq!(online_credits(&resident, account).await, [rubles(1_500)]);
    let card = resident.account_card(account).await.unwrap();
    assert!(card
        .pending_payments
        .iter()
        .any(|p| p.amount == rubles(1_500)));

    // Twenty deliveries of the same notification at once, and a second click: no more.
    let id = provider_id(&app, &started);
    let sandbox = acquirer(&app);
    let note = signed(&app, &sandbox, succeeded(&id, rubles(1_500)));
    let deliveries: Vec<_> = (0..20)
        .map(|_| tokio::spawn(deliver(note.clone())))
        .collect();
    let mut codes = Vec::new();
    for d in deliveries {
        codes.push(d.await.unwrap());
    }
    assert!(codes.iter().all(|&c| c == 200), "{codes:?}");
    decide(&url, "pay").await;
    let html = reqwest::get(&url).await.unwrap().text().await.unwrap();
    assert!(
        html.contains("уже оплачен") && !html.contains("Отказаться"),
        "{html}"
    );
    assert_eq!(online_credits(&resident, account).await, [rubles(1_500)]);
    let rows: i64 = payments::table
        .filter(payments::source.eq("online"))
        .count()
        .get_result(&mut app.pool.get().unwrap())
        .unwrap();
    assert_eq!(rows, 1);
}

async fn forged_mismatched_and_unknown_notifications_credit_nothing(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let resident = company.resident(&app, "resident").await;
    let account = company.account.id;
    let started = resident
        .start_payment(account, &pay(rubles(700)), None)
        .await
        .unwrap();
    let id = provider_id(&app, &started);

    let forger = Sandbox::new(
        app.pool.clone(),
        &app.base,
        b"not the portal's secret, 32 bytes",
    );
    assert_eq!(
        notify(&app, &forger, succeeded(&id, rubles(700))).await,
        401
    );
    let unsigned = reqwest::Client::new()
        .post(app.url("/api/v1/payments/webhooks/sandbox"))
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&succeeded(&id, rubles(700))).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), 401);
    let sandbox = acquirer(&app);
    assert_eq!(notify(&app, &sandbox, succeeded(&id, rubles(7))).await, 409);
    let mut dollars = succeeded(&id, rubles(700));
    dollars.amount.currency = "USD".into();
    assert_eq!(notify(&app, &sandbox, dollars).await, 409);
    assert_eq!(
        notify(&app, &sandbox, succeeded("sb-nobody", rubles(700))).await,
        404
    );
    let other = reqwest::Client::new()
        .post(app.url("/api/v1/payments/webhooks/yookassa"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 404, "not this portal's provider");
    let still = resident.online_payment(account, started.id).await.unwrap();
    assert_eq!(still.status, OnlinePaymentStatus::Pending);
    assert!(online_credits(&resident, account).await.is_empty());

    // Refused on the page: canceled, and nothing credited.
    decide(&started.confirmation_url.unwrap(), "refuse").await;
    let canceled = resident.online_payment(account, started.id).await.unwrap();
    assert_eq!(canceled.status, OnlinePaymentStatus::Canceled);
    assert!(online_credits(&resident, account).await.is_empty());
}

async fn limits_and_other_peoples_accounts(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let resident = company.resident(&app, "resident").await;
    let account = company.account.id;
    let fields = |e: &domkom_client::Error| crate::fixtures::fields(e);
    for bad in [Money::ZERO, Money::from_kopecks(-100)] {
        let e = resident
            .start_payment(account, &pay(bad), None)
            .await
            .unwrap_err();
        assert_eq!(fields(&e), ["amount"]);
    }
    // Nothing owed yet: an advance of up to 100 000 ₽.
    let e = resident
        .start_payment(account, &pay(rubles(100_001)), None)
        .await
        .unwrap_err();
    assert_eq!(fields(&e), ["amount"]);
    let mut period = pay(rubles(10));
    period.for_period = Some("2026-13".into());
    let e = resident
        .start_payment(account, &period, None)
        .await
        .unwrap_err();
    assert_eq!(fields(&e), ["for_period"]);
    let e = resident
        .start_payment(account, &pay(rubles(10)), Some("пробел и кириллица"))
        .await
        .unwrap_err();
    assert_eq!(fields(&e), ["Idempotency-Key"]);

    let mine = resident
        .start_payment(account, &pay(rubles(10)), None)
        .await
        .unwrap();
    let (stranger, _) = app.signed_in("stranger").await;
    let other = Company::new(&app, &admin, 2).await;
    for who in [&stranger, &other.operator, &company.operator] {
        let e = who
            .start_payment(account, &pay(rubles(10)), None)
            .await
            .unwrap_err();
        assert_eq!(e.status(), Some(404), "{e}");
        let e = who.online_payment(account, mine.id).await.unwrap_err();
        assert_eq!(e.status(), Some(404), "{e}");
    }
    // Another account of the resident's does not show this payment either.
    let (neighbour, _) = app.signed_in("neighbour").await;
    neighbour.link_account(&other.link_form()).await.unwrap();
    let e = neighbour
        .online_payment(other.account.id, mine.id)
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(404));
}

/// A payment the payer was too late for expires; if the provider still says it was paid
/// (the money was taken), it is credited.
async fn an_expired_payment_is_credited_when_the_provider_says_paid(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let resident = company.resident(&app, "resident").await;
    let account = company.account.id;
    let started = resident
        .start_payment(account, &pay(rubles(300)), None)
        .await
        .unwrap();
    let past = domkom_server::db::now() - chrono::Duration::minutes(1);
    diesel::update(op::table.find(started.id))
        .set(op::expires_at.eq(past))
        .execute(&mut app.pool.get().unwrap())
        .unwrap();
    let expired = resident.online_payment(account, started.id).await.unwrap();
    assert_eq!(expired.status, OnlinePaymentStatus::Expired);
    assert!(expired.confirmation_url.is_none());

    let id = provider_id(&app, &started);
    assert_eq!(
        notify(&app, &acquirer(&app), succeeded(&id, rubles(300))).await,
        200
    );
    let paid = resident.online_payment(account, started.id).await.unwrap();
    assert_eq!(paid.status, OnlinePaymentStatus::Succeeded);
    assert_eq!(online_credits(&resident, account).await, [rubles(300)]);
}

on_both_backends!(
    a_payment_is_paid_on_the_acquirers_page_and_credited_once,
    forged_mismatched_and_unknown_notifications_credit_nothing,
    limits_and_other_peoples_accounts,
    an_expired_payment_is_credited_when_the_provider_says_paid,
);
