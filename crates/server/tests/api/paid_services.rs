//! Paid services: the catalogue, a request accepted with a time and a price, done, told by
//! e-mail at each step and paid online; every status rule; and no one else sees a request.

use crate::fixtures::{fields, plumber, Company};
use crate::helpers::{decode_letter, letters, TestApp};
use crate::on_both_backends;
use crate::online_payments::decide;
use chrono::NaiveDate;
use domkom_client::dto::{
    AcceptRequest, DateRange, ErrorCode, NewServiceRequest, OnlinePaymentStatus, PageQuery,
    PaidServiceData, RejectRequest, RequestStatus as S, ServiceRequestFilter, StartPayment,
    TimeSlot,
};
use domkom_client::Client;
use domkom_values::{Money, ServiceRequestId};

/// A day `n` days from today, as the server's calendar has it.
pub fn days_ahead(n: i64) -> NaiveDate {
    chrono::Local::now().date_naive() + chrono::Duration::days(n)
}

fn asked(company: &Company) -> NewServiceRequest {
    NewServiceRequest {
        paid_service_id: company.paid_service.id,
        preferred_date: days_ahead(3),
        time_slot: TimeSlot::Morning,
        comment: "Течёт смеситель на кухне".into(),
        contact_phone: Some("+7 912 345-67-89".into()),
        contact_email: Some("asker@example.ru".into()),
    }
}

/// A request `writer` made of the company's paid service: its id.
pub async fn written_request(co: &Company, writer: &Client) -> ServiceRequestId {
    writer
        .request_service(co.account.id, &asked(co))
        .await
        .unwrap()
        .id
}

fn accept(price: i64) -> AcceptRequest {
    AcceptRequest {
        scheduled_at: days_ahead(4).and_hms_opt(10, 30, 0).unwrap(),
        price: Money::from_kopecks(price),
    }
}

fn code<T: std::fmt::Debug>(
    r: Result<T, domkom_client::Error>,
) -> (Option<u16>, Option<ErrorCode>) {
    let e = r.expect_err("refused");
    (e.status(), e.code())
}

/// The letters to `to`, decoded.
fn letters_to(app: &TestApp, to: &str) -> Vec<String> {
    letters(&app.data_dir.path().join("outbox"))
        .into_iter()
        .filter(|l| l.contains(&format!("To: {to}")))
        .map(|l| decode_letter(&l))
        .collect()
}

async fn a_request_is_accepted_done_and_paid_online(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let desk = &company.operator;
    let by_agreement = desk
        .create_paid_service(&PaidServiceData {
            name: "Замена электросчётчика".into(),
            price: None,
            unit: "услуга".into(),
            ..plumber()
        })
        .await
        .unwrap();
    desk.create_paid_service(&PaidServiceData {
        name: "Снятая с каталога".into(),
        active: false,
        ..plumber()
    })
    .await
    .unwrap();

    let resident = company.resident(&app, "resident").await;
    let account = company.account.id;
    let catalogue = resident
        .paid_services(account, PageQuery::default())
        .await
        .unwrap();
    let names: Vec<&str> = catalogue
        .items
        .iter()
        .map(|s| s.data.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Вызов сантехника", "Замена электросчётчика"],
        "the active ones"
    );
    assert_eq!(catalogue.items[1].id, by_agreement.id);
    assert_eq!(catalogue.items[1].data.price, None, "по договорённости");

    let request = resident
        .request_service(account, &asked(&company))
        .await
        .unwrap();
    assert_eq!(request.status, S::New);
    assert_eq!(request.service_name, "Вызов сантехника");
    assert_eq!(request.listed_price, Some(Money::from_kopecks(150_000)));

    // The desk: new first; done only after accepting.
    let queue = desk
        .operator_service_requests(&ServiceRequestFilter::default(), PageQuery::default())
        .await
        .unwrap();
    assert_eq!(queue.items[0].id, request.id);
    assert_eq!(
        code(desk.finish_service_request(request.id).await),
        (Some(409), Some(ErrorCode::StatusNotAllowed))
    );
    let accepted = desk
        .accept_service_request(request.id, &accept(180_000))
        .await
        .unwrap();
    assert_eq!(accepted.status, S::Accepted);
    assert_eq!(accepted.price, Some(Money::from_kopecks(180_000)));
    let done = desk.finish_service_request(request.id).await.unwrap();
    assert_eq!(done.status, S::Done);
    assert!(done.accepted_at.is_some() && done.done_at.is_some());

    // A letter at each change, to the contact address.
    let told = letters_to(&app, "asker@example.ru");
    assert_eq!(told.len(), 2, "accepted and done");
    assert!(told
        .iter()
        .any(|l| l.contains("принята") && l.contains("10:30") && l.contains("1\u{a0}800,00")));
    assert!(told
        .iter()
        .any(|l| l.contains("выполнена") && l.contains("оплатить можно")));

    // Paid online for its price, exactly; the account's charges are not touched.
    let pay = |amount: i64| StartPayment {
        amount: Money::from_kopecks(amount),
        for_period: None,
        service_request_id: Some(request.id),
    };
    let wrong = resident
        .start_payment(account, &pay(150_000), None)
        .await
        .unwrap_err();
    assert_eq!(fields(&wrong), ["amount"]);
    let started = resident
        .start_payment(account, &pay(180_000), None)
        .await
        .unwrap();
    let back = decide(started.confirmation_url.as_deref().unwrap(), "pay").await;
    assert!(
        back.contains(&format!(
            "/accounts/{account}/service-requests?online={}",
            started.id
        )),
        "{back}"
    );
    let paid = resident.online_payment(account, started.id).await.unwrap();
    assert_eq!(
        (paid.status, paid.payment_id),
        (OnlinePaymentStatus::Succeeded, None)
    );
    let request = resident.service_request(request.id).await.unwrap();
    assert_eq!(request.paid_by, Some(started.id));
    let credits = resident
        .account_payments(account, &DateRange::default(), PageQuery::default())
        .await
        .unwrap();
    assert!(
        credits.items.iter().all(|p| p.source != "online"),
        "not a payment of the charges"
    );
    assert_eq!(
        code(resident.start_payment(account, &pay(180_000), None).await),
        (Some(409), Some(ErrorCode::StatusNotAllowed)),
        "paid already"
    );
}

async fn every_status_rule_is_enforced(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let desk = &company.operator;
    let resident = company.resident(&app, "resident").await;
    let conflict = (Some(409), Some(ErrorCode::StatusNotAllowed));

    let first = written_request(&company, &resident).await;
    let refused = desk
        .reject_service_request(first, &RejectRequest { reason: " ".into() })
        .await
        .unwrap_err();
    assert_eq!(fields(&refused), ["reason"]);
    let past = AcceptRequest {
        scheduled_at: days_ahead(-1).and_hms_opt(10, 0, 0).unwrap(),
        ..accept(100)
    };
    assert_eq!(
        fields(&desk.accept_service_request(first, &past).await.unwrap_err()),
        ["scheduled_at"]
    );
    let reason = RejectRequest {
        reason: "Мастер в отпуске до марта".into(),
    };
    let rejected = desk.reject_service_request(first, &reason).await.unwrap();
    assert_eq!(rejected.status, S::Rejected);
    assert_eq!(
        rejected.reject_reason.as_deref(),
        Some("Мастер в отпуске до марта")
    );
    assert_eq!(
        code(desk.accept_service_request(first, &accept(100)).await),
        conflict
    );
    assert_eq!(code(desk.finish_service_request(first).await), conflict);
    assert_eq!(
        code(desk.reject_service_request(first, &reason).await),
        conflict
    );
    let told = letters_to(&app, "asker@example.ru");
    assert!(told
        .iter()
        .any(|l| l.contains("отклонена") && l.contains("Мастер в отпуске до марта")));

    let second = written_request(&company, &resident).await;
    desk.accept_service_request(second, &accept(0))
        .await
        .unwrap();
    assert_eq!(
        code(desk.accept_service_request(second, &accept(100)).await),
        conflict
    );
    desk.finish_service_request(second).await.unwrap();
    assert_eq!(code(desk.finish_service_request(second).await), conflict);
    assert_eq!(
        code(desk.reject_service_request(second, &reason).await),
        conflict
    );
    // Done for free: nothing to pay.
    let free = StartPayment {
        amount: Money::from_kopecks(100),
        for_period: None,
        service_request_id: Some(second),
    };
    assert_eq!(
        code(
            resident
                .start_payment(company.account.id, &free, None)
                .await
        ),
        conflict
    );
}

async fn the_catalogue_and_the_request_are_checked(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let other = Company::new(&app, &admin, 2).await;
    let desk = &company.operator;
    let taken = desk.create_paid_service(&plumber()).await.unwrap_err();
    assert_eq!(
        (taken.status(), taken.code()),
        (Some(409), Some(ErrorCode::NameTaken))
    );
    let dear = PaidServiceData {
        name: "Дорогая".into(),
        price: Some(Money::from_kopecks(100_000_001)),
        unit: String::new(),
        ..plumber()
    };
    assert_eq!(
        fields(&desk.create_paid_service(&dear).await.unwrap_err()),
        ["unit", "price"]
    );

    let resident = company.resident(&app, "resident").await;
    let account = company.account.id;
    let bad = NewServiceRequest {
        preferred_date: days_ahead(400),
        comment: "x".repeat(2001),
        contact_phone: None,
        contact_email: None,
        ..asked(&company)
    };
    let refused = resident.request_service(account, &bad).await.unwrap_err();
    assert_eq!(
        fields(&refused),
        ["preferred_date", "comment", "contact_phone"]
    );
    let theirs = NewServiceRequest {
        paid_service_id: other.paid_service.id,
        ..asked(&company)
    };
    let refused = resident
        .request_service(account, &theirs)
        .await
        .unwrap_err();
    assert_eq!(fields(&refused), ["paid_service_id"]);

    // Taken off the catalogue: not orderable, its requests stay; one with requests is not
    // deleted.
    let id = written_request(&company, &resident).await;
    let off = PaidServiceData {
        active: false,
        ..plumber()
    };
    desk.update_paid_service(company.paid_service.id, &off)
        .await
        .unwrap();
    let refused = resident
        .request_service(account, &asked(&company))
        .await
        .unwrap_err();
    assert_eq!(fields(&refused), ["paid_service_id"]);
    let in_use = desk
        .delete_paid_service(company.paid_service.id)
        .await
        .unwrap_err();
    assert_eq!(in_use.code(), Some(ErrorCode::InUse));
    // Renamed later, the request keeps the name it was ordered under.
    let renamed = PaidServiceData {
        name: "Сантехник".into(),
        unit: "визит".into(),
        ..plumber()
    };
    desk.update_paid_service(company.paid_service.id, &renamed)
        .await
        .unwrap();
    let request = resident.service_request(id).await.unwrap();
    assert_eq!(
        (request.service_name.as_str(), request.unit.as_str()),
        ("Вызов сантехника", "час")
    );
}

async fn no_one_else_sees_or_moves_a_request(app: TestApp) {
    let admin = app.admin().await;
    let company = Company::new(&app, &admin, 1).await;
    let other = Company::new(&app, &admin, 2).await;
    let resident = company.resident(&app, "resident").await;
    let id = written_request(&company, &resident).await;
    let flatmate = company.resident(&app, "flatmate").await;
    let stranger = other.resident(&app, "stranger").await;
    for who in [&flatmate, &stranger, &company.operator, &other.operator] {
        assert_eq!(code(who.service_request(id).await).0, Some(404));
    }
    let mine = flatmate
        .service_requests(company.account.id, PageQuery::default())
        .await
        .unwrap();
    assert_eq!(mine.total, 0, "a flatmate lists their own");
    for who in [&stranger, &other.operator] {
        let listed = who
            .service_requests(company.account.id, PageQuery::default())
            .await;
        assert_eq!(code(listed).0, Some(404));
        let catalogue = who
            .paid_services(company.account.id, PageQuery::default())
            .await;
        assert_eq!(code(catalogue).0, Some(404));
    }
    let desk = &other.operator;
    let reason = RejectRequest {
        reason: "Чужая".into(),
    };
    assert_eq!(code(desk.operator_service_request(id).await).0, Some(404));
    assert_eq!(
        code(desk.accept_service_request(id, &accept(100)).await).0,
        Some(404)
    );
    assert_eq!(code(desk.finish_service_request(id).await).0, Some(404));
    assert_eq!(
        code(desk.reject_service_request(id, &reason).await).0,
        Some(404)
    );
    assert_eq!(
        code(resident.operator_service_request(id).await).0,
        Some(403)
    );
    let theirs = desk
        .operator_service_requests(&ServiceRequestFilter::default(), PageQuery::default())
        .await
        .unwrap();
    assert_eq!(theirs.total, 0);
    let still = company.operator.operator_service_request(id).await.unwrap();
    assert_eq!(still.status, S::New);
}

on_both_backends!(
    a_request_is_accepted_done_and_paid_online,
    every_status_rule_is_enforced,
    the_catalogue_and_the_request_are_checked,
    no_one_else_sees_or_moves_a_request,
);
