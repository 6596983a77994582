//! Every operator endpoint, called by someone it does not belong to: an operator of another
//! organization gets 404 for the first organization's ids (and changes nothing), residents
//! and administrators get 403 everywhere. Every resident endpoint of an account answers 404
//! to anyone the account is not linked to, and 401 without a session.

use crate::appeals::written_with_photo;
use crate::fixtures::{close_period, Company};
use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::paid_services::{days_ahead, written_request};
use domkom_client::dto::PageQuery;
use domkom_client::{Client, NoFilter};
use domkom_values::ServiceRequestId;
use domkom_values::{AccountId, AppealId, AppealPhotoId, MeterId, PaidServiceId};
use reqwest::Method;
use serde_json::{json, Value};

/// One HTTP call with the client's token: `(status, code)`.
async fn call(
    app: &TestApp,
    who: &Client,
    method: Method,
    path: &str,
    body: &Value,
) -> (u16, String) {
    let mut request = reqwest::Client::new()
        .request(method, app.url(&format!("/api/v1/{path}")))
        .bearer_auth(who.access_token().unwrap());
    if let Value::String(csv) = body {
        request = request.header("Content-Type", "text/csv").body(csv.clone());
    } else if !body.is_null() {
        request = request.json(body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let problem: Value = response.json().await.unwrap_or(Value::Null);
    (
        status,
        problem["code"].as_str().unwrap_or_default().to_owned(),
    )
}

fn to_json<T: serde::Serialize>(data: &T) -> Value {
    serde_json::to_value(data).unwrap()
}

/// `(resource path, object id, the object's own data)` of every CRUD resource; the ids are
/// of several types, so each is kept as its path writes it.
fn objects(co: &Company) -> Vec<(&'static str, String, Value)> {
    vec![
        (
            "operator/houses",
            co.house.id.to_string(),
            to_json(&co.house.data),
        ),
        (
            "operator/premises",
            co.premise.id.to_string(),
            to_json(&co.premise.data),
        ),
        (
            "operator/accounts",
            co.account.id.to_string(),
            to_json(&co.account.data),
        ),
        (
            "operator/services",
            co.service.id.to_string(),
            to_json(&co.service.data),
        ),
        (
            "operator/tariffs",
            co.tariff.id.to_string(),
            to_json(&co.tariff.data),
        ),
        (
            "operator/meters",
            co.meter.id.to_string(),
            to_json(&co.meter.data),
        ),
        (
            "operator/paid-services",
            co.paid_service.id.to_string(),
            to_json(&co.paid_service.data),
        ),
    ]
}

/// Everything the first organization owns, as its operator reads it.
async fn snapshot(co: &Company) -> Value {
    let op = &co.operator;
    let page = PageQuery::default();
    json!([
        op.houses(page).await.unwrap(),
        op.premises(&Default::default(), page).await.unwrap(),
        op.accounts(&Default::default(), page).await.unwrap(),
        op.services(&NoFilter, page).await.unwrap(),
        op.tariffs(&Default::default(), page).await.unwrap(),
        op.meters(&Default::default(), page).await.unwrap(),
        op.readings(&Default::default(), page).await.unwrap(),
        op.export_readings("2026-10").await.unwrap(),
        op.recalculations(&Default::default(), page).await.unwrap(),
        op.payments(&Default::default(), page).await.unwrap(),
        op.operator_paid_services(page).await.unwrap(),
    ])
}

async fn other_organizations_get_404_and_residents_and_admins_403_everywhere(app: TestApp) {
    let admin = app.admin().await;
    let mine = Company::new(&app, &admin, 1).await;
    let theirs = Company::new(&app, &admin, 2).await;
    let (resident, _) = app.signed_in("resident").await;
    let before = snapshot(&mine).await;

    let mut calls = Vec::new();
    for (path, id, data) in objects(&mine) {
        let one = format!("{path}/{id}");
        calls.push((Method::GET, one.clone(), Value::Null, 404));
        calls.push((Method::PUT, one.clone(), data.clone(), 404));
        calls.push((Method::DELETE, one, Value::Null, 404));
        // Creating with the first organization's references is a field error, not a leak.
        // Paid services clash by name with the second organization's own catalogue.
        let create_status = match path {
            "operator/houses" | "operator/services" => 201,
            "operator/paid-services" => 409,
            _ => 422,
        };
        calls.push((Method::POST, path.to_owned(), data, create_status));
        calls.push((Method::GET, path.to_owned(), Value::Null, 200));
    }
    // Endpoints without an object id: references to the first organization are field errors,
    // filters by its ids find nothing.
    let reading = to_json(&mine.reading.data);
    let meter = mine.meter.id;
    calls.push((Method::POST, "operator/readings".into(), reading, 422));
    calls.push((
        Method::GET,
        format!("operator/readings?meter_id={meter}"),
        Value::Null,
        200,
    ));
    calls.push((
        Method::GET,
        "operator/readings/export?period=2026-10".into(),
        Value::Null,
        200,
    ));
    let recalculation = format!("operator/recalculations/{}", mine.recalculation.id);
    calls.push((Method::GET, recalculation.clone(), Value::Null, 404));
    calls.push((Method::DELETE, recalculation, Value::Null, 404));
    let data = to_json(&mine.recalculation.data);
    calls.push((Method::POST, "operator/recalculations".into(), data, 422));
    let account = mine.account.id;
    let of_account = format!("operator/recalculations?account_id={account}");
    calls.push((Method::GET, of_account, Value::Null, 200));
    let payment = format!("operator/payments/{}", mine.payment.id);
    calls.push((Method::GET, payment, Value::Null, 404));
    let data = to_json(&mine.payment.data);
    calls.push((Method::POST, "operator/payments".into(), data, 422));
    let of_account = format!("operator/payments?account_id={account}");
    calls.push((Method::GET, of_account, Value::Null, 200));
    let house = format!("operator/receipts/2026-10?house_id={}", mine.house.id);
    calls.push((Method::GET, house, Value::Null, 404));
    // A registry names account numbers: another organization's file books its own accounts.
    let registry = Value::String("h\n1001;10,00;12.10.2026;OTHER-1\n".into());
    calls.push((
        Method::POST,
        "operator/payments/registry".into(),
        registry,
        200,
    ));
    // The desk: another organization's appeal is absent; its own queue and topics answer.
    let writer = mine.resident(&app, "writer").await;
    let (appeal, photo) = written_with_photo(&mine, &writer).await;
    let one = format!("operator/appeals/{appeal}");
    let answer = json!({"text": "Чужой ответ"});
    calls.push((Method::GET, one.clone(), Value::Null, 404));
    calls.push((Method::POST, format!("{one}/messages"), answer, 404));
    let closed = json!({"status": "closed"});
    calls.push((Method::POST, format!("{one}/status"), closed, 404));
    calls.push((
        Method::GET,
        format!("{one}/photos/{photo}"),
        Value::Null,
        404,
    ));
    calls.push((Method::GET, "operator/appeals".into(), Value::Null, 200));
    // The requests for paid services: another organization's are absent.
    let request = written_request(&mine, &writer).await;
    let one = format!("operator/service-requests/{request}");
    let accept = json!({"scheduled_at": format!("{}T10:00:00", days_ahead(10)), "price": 150_000});
    calls.push((Method::GET, one.clone(), Value::Null, 404));
    calls.push((Method::POST, format!("{one}/accept"), accept, 404));
    calls.push((Method::POST, format!("{one}/done"), Value::Null, 404));
    let reject = json!({"reason": "Чужая"});
    calls.push((Method::POST, format!("{one}/reject"), reject, 404));
    let of_service = format!(
        "operator/service-requests?paid_service_id={}",
        mine.paid_service.id
    );
    calls.push((Method::GET, of_service, Value::Null, 200));
    let topics = json!({"topics": ["Лифт"]});
    calls.push((
        Method::GET,
        "operator/appeal-topics".into(),
        Value::Null,
        200,
    ));
    calls.push((Method::PUT, "operator/appeal-topics".into(), topics, 200));
    for (method, path, body, expected) in &calls {
        let (status, code) = call(&app, &theirs.operator, method.clone(), path, body).await;
        assert_eq!(
            status, *expected,
            "{method} {path} by another organization: {code}"
        );
        if *expected == 404 {
            assert_eq!(code, "not_found", "{method} {path}");
        }
        for (who, client) in [("a resident", &resident), ("an administrator", &admin)] {
            let (status, code) = call(&app, client, method.clone(), path, body).await;
            assert_eq!(
                (status, code.as_str()),
                (403, "forbidden"),
                "{method} {path} by {who}"
            );
        }
    }

    // Filters naming the first organization's objects find nothing for the second.
    let page = PageQuery::default();
    let op = &theirs.operator;
    let house = Some(mine.house.id);
    assert_eq!(
        op.premises(&domkom_client::dto::PremiseFilter { house_id: house }, page)
            .await
            .unwrap()
            .total,
        0
    );
    let by_house = domkom_client::dto::AccountFilter {
        house_id: house,
        number: None,
    };
    assert_eq!(op.accounts(&by_house, page).await.unwrap().total, 0);
    let by_service = domkom_client::dto::TariffFilter {
        service_id: Some(mine.service.id),
    };
    assert_eq!(op.tariffs(&by_service, page).await.unwrap().total, 0);
    let by_account = domkom_client::dto::MeterFilter {
        account_id: Some(mine.account.id),
        house_id: None,
    };
    assert_eq!(op.meters(&by_account, page).await.unwrap().total, 0);
    let by_meter = domkom_client::dto::ReadingFilter {
        meter_id: Some(meter),
        ..Default::default()
    };
    assert_eq!(op.readings(&by_meter, page).await.unwrap().total, 0);
    let by_account = domkom_client::dto::AccountPeriodFilter {
        account_id: Some(account),
        period: None,
    };
    assert_eq!(op.recalculations(&by_account, page).await.unwrap().total, 0);
    let by_account = domkom_client::dto::PaymentFilter {
        account_id: Some(account),
        ..Default::default()
    };
    assert_eq!(op.payments(&by_account, page).await.unwrap().total, 0);
    let export = op.export_readings("2026-10").await.unwrap();
    assert_eq!(
        export.lines().count(),
        2,
        "the header and its own meter: {export}"
    );

    let thread = mine.operator.operator_appeal(appeal).await.unwrap();
    assert_eq!(thread.messages.len(), 1, "no answer was added");
    assert_eq!(thread.summary.status, domkom_client::dto::AppealStatus::New);
    let asked = mine
        .operator
        .operator_service_request(request)
        .await
        .unwrap();
    assert_eq!(
        asked.status,
        domkom_client::dto::RequestStatus::New,
        "not moved"
    );
    let topics = mine.operator.operator_appeal_topics().await.unwrap().topics;
    assert!(topics.len() > 1, "the default list still: {topics:?}");
    assert_eq!(
        snapshot(&mine).await,
        before,
        "nothing of the first organization changed"
    );
}

/// The resident's endpoints of one account, an appeal and a request for a paid service
/// about it: (method, path, body).
fn resident_endpoints(
    account: AccountId,
    meter: MeterId,
    (appeal, photo): (AppealId, AppealPhotoId),
    (service, request): (PaidServiceId, ServiceRequestId),
) -> Vec<(Method, String, Value)> {
    let readings = json!({
        "readings": [{"meter_id": meter, "zone": 1, "value": 120_000, "rolled_over": false, "confirm": false}],
        "preview": false
    });
    let get = |path: String| (Method::GET, path, Value::Null);
    vec![
        get(format!("accounts/{account}")),
        get(format!("accounts/{account}/charges")),
        get(format!("accounts/{account}/charges/2026-10")),
        get(format!("accounts/{account}/meters")),
        get(format!("accounts/{account}/meters/{meter}/readings")),
        get(format!("accounts/{account}/statement")),
        get(format!("accounts/{account}/payments")),
        get(format!("accounts/{account}/receipts/2026-10")),
        (
            Method::POST,
            format!("accounts/{account}/readings"),
            readings,
        ),
        (
            Method::POST,
            format!("accounts/{account}/payments"),
            json!({"amount": 100_000}),
        ),
        get(format!("accounts/{account}/appeal-topics")),
        get(format!("accounts/{account}/appeals")),
        (
            Method::POST,
            format!("accounts/{account}/appeals"),
            json!({"topic": "Другое", "text": "Чужое", "contact_phone": "+7 912 345-67-89"}),
        ),
        get(format!("accounts/{account}/paid-services")),
        get(format!("accounts/{account}/service-requests")),
        (
            Method::POST,
            format!("accounts/{account}/service-requests"),
            json!({"paid_service_id": service, "preferred_date": days_ahead(10),
                "time_slot": "any", "contact_phone": "+7 912 345-67-89"}),
        ),
        get(format!("service-requests/{request}")),
        get(format!("appeals/{appeal}")),
        get(format!("appeals/{appeal}/photos/{photo}")),
        (
            Method::POST,
            format!("appeals/{appeal}/messages"),
            json!({"text": "Чужое"}),
        ),
        (
            Method::POST,
            format!("appeals/{appeal}/status"),
            json!({"status": "closed"}),
        ),
        (
            Method::DELETE,
            format!("me/accounts/{account}"),
            Value::Null,
        ),
    ]
}

async fn every_resident_endpoint_answers_404_to_anyone_not_linked(app: TestApp) {
    let admin = app.admin().await;
    let co = Company::new(&app, &admin, 1).await;
    close_period(&co.operator, "2026-10").await;
    let resident = co.resident(&app, "resident").await;
    let appeal = written_with_photo(&co, &resident).await;
    let request = (co.paid_service.id, written_request(&co, &resident).await);
    let endpoints = resident_endpoints(co.account.id, co.meter.id, appeal, request);
    // The resident reads every page: the 404s below are about who asks, not what is there.
    for (method, path, body) in endpoints.iter().filter(|e| e.0 == Method::GET) {
        let (status, code) = call(&app, &resident, method.clone(), path, body).await;
        assert_eq!(status, 200, "{method} {path}: {code}");
    }

    let (stranger, _) = app.signed_in("stranger").await;
    let (other_operator, _) = app.operator(&admin, 2).await;
    let staff = [&other_operator, &co.operator, &admin];
    for who in [&stranger].into_iter().chain(staff) {
        for (method, path, body) in &endpoints {
            // `me/accounts` is the residents' own list: staff have none (403).
            let expected = if path.starts_with("me/") && !std::ptr::eq(who, &stranger) {
                (403, "forbidden".into())
            } else {
                (404, "not_found".into())
            };
            let got = call(&app, who, method.clone(), path, body).await;
            assert_eq!(got, expected, "{method} {path}");
        }
    }
    for (method, path, body) in &endpoints {
        let mut request =
            reqwest::Client::new().request(method.clone(), app.url(&format!("/api/v1/{path}")));
        if !body.is_null() {
            request = request.json(body);
        }
        let status = request.send().await.unwrap().status().as_u16();
        assert_eq!(status, 401, "{method} {path} without a session");
    }
    // Nothing changed: still linked, no reading stored, the appeal as written.
    let thread = resident.appeal(appeal.0).await.unwrap();
    assert_eq!(thread.messages.len(), 1);
    let requests = resident
        .service_requests(co.account.id, PageQuery::default())
        .await
        .unwrap();
    assert_eq!(requests.total, 1, "only the resident's own");
    assert_eq!(
        resident
            .appeals(co.account.id, PageQuery::default())
            .await
            .unwrap()
            .total,
        1
    );
    assert_eq!(resident.my_accounts().await.unwrap().len(), 1);
    let readings = co
        .operator
        .readings(&Default::default(), PageQuery::default())
        .await
        .unwrap();
    assert_eq!(readings.total, 1, "only the fixture's reading");
}

/// What another organization may not delete answers 404 whatever the state of the object:
/// a billed meter, in use, is as absent as an unbilled one.
async fn deleting_anothers_object_tells_nothing_of_it(app: TestApp) {
    let admin = app.admin().await;
    let mine = Company::new(&app, &admin, 1).await;
    let theirs = Company::new(&app, &admin, 2).await;
    close_period(&mine.operator, "2026-10").await;
    for path in [
        format!("operator/meters/{}", mine.meter.id),
        format!("operator/services/{}", mine.service.id),
    ] {
        let (status, code) =
            call(&app, &theirs.operator, Method::DELETE, &path, &Value::Null).await;
        assert_eq!((status, code.as_str()), (404, "not_found"), "{path}");
        let (status, code) = call(&app, &mine.operator, Method::DELETE, &path, &Value::Null).await;
        assert_eq!(
            (status, code.as_str()),
            (409, "in_use"),
            "{path} by its own staff"
        );
    }
}

on_both_backends!(
    other_organizations_get_404_and_residents_and_admins_403_everywhere,
    every_resident_endpoint_answers_404_to_anyone_not_linked,
    deleting_anothers_object_tells_nothing_of_it,
);
