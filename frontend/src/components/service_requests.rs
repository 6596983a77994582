//! A request for a paid service as the resident's list, the desk's queue and the desk's
//! page show it: the service, the status, the preferred and the agreed time, the price,
//! the reason of a refusal and whether it is paid.

use super::status::StatusBadge;
use crate::format;
use domkom_dto::{RequestStatus, ServiceRequest};
use domkom_values::Money;
use leptos::prelude::*;

/// One line of what is known about a request: its label, its text and its `data-test`.
#[derive(Debug, PartialEq, Eq)]
pub struct Fact {
    pub label: &'static str,
    pub text: String,
    pub test: &'static str,
}

/// What the request says so far, in the order it was said.
pub fn facts(r: &ServiceRequest) -> Vec<Fact> {
    let fact = |label, text, test| Fact { label, text, test };
    let preferred = format!(
        "{}, {}",
        format::date(r.preferred_date),
        r.time_slot.label()
    );
    [
        Some(fact("Желаемое время", preferred, "preferred")),
        r.scheduled_at
            .map(|at| fact("Согласованное время", format::wall_time(at), "scheduled")),
        r.price
            .map(|p| fact("Стоимость", format::money(p), "price")),
        r.reject_reason
            .clone()
            .map(|reason| fact("Причина отказа", reason, "reason")),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A catalogue price: «1 500,00 ₽ / час», or «по договорённости».
pub fn price_per_unit(price: Option<Money>, unit: &str) -> String {
    match price {
        Some(price) => format!("{} / {unit}", format::money(price)),
        None => "по договорённости".to_owned(),
    }
}

/// Whether the resident is to pay it now: done, with a price, not yet paid.
pub fn to_pay(r: &ServiceRequest) -> Option<Money> {
    let due = r.status == RequestStatus::Done && r.paid_by.is_none();
    r.price.filter(|p| due && p.is_positive())
}

/// The service, its status and «Оплачено» once paid.
#[component]
pub fn RequestTop(request: ServiceRequest) -> impl IntoView {
    view! {
        <span class="appeal-top">
            <span class="appeal-topic" data-test="service">{request.service_name}</span>
            <StatusBadge status=Signal::stored(request.status) />
            {request.paid_by.map(|_| view! { <span class="status status-paid" data-test="paid">"Оплачено"</span> })}
        </span>
    }
}

/// A request in a list; the desk's also says where and whose.
#[component]
pub fn RequestSummary(request: ServiceRequest, desk: bool) -> impl IntoView {
    let whose = desk.then(|| {
        view! {
            <span class="appeal-where" data-test="where">
                {request.address.clone()} " · л/с №\u{a0}" {request.account_number.clone()}
            </span>
        }
    });
    let lines = facts(&request)
        .into_iter()
        .map(|f| {
            view! {
                <span class="request-fact" data-test=f.test>
                    <span class="muted">{f.label} ": "</span>
                    {f.text}
                </span>
            }
        })
        .collect_view();
    view! {
        <RequestTop request />
        {whose}
        {lines}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, Utc};
    use domkom_dto::{Contact, TimeSlot};
    use domkom_values::{AccountId, HouseId, OnlinePaymentId, PaidServiceId, ServiceRequestId};

    fn request() -> ServiceRequest {
        ServiceRequest {
            id: ServiceRequestId(7),
            account_id: AccountId(1),
            account_number: "2001".into(),
            house_id: HouseId(1),
            address: "ул. Садовая, д. 5".into(),
            paid_service_id: PaidServiceId(3),
            service_name: "Вызов сантехника".into(),
            unit: "услуга".into(),
            listed_price: None,
            preferred_date: NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
            time_slot: TimeSlot::Morning,
            comment: String::new(),
            contact: Contact::default(),
            status: RequestStatus::New,
            scheduled_at: None,
            price: None,
            reject_reason: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            accepted_at: None,
            done_at: None,
            rejected_at: None,
            paid_by: None,
        }
    }

    #[test]
    fn the_agreed_time_and_price_follow_the_wish() {
        let new = request();
        let texts = |r: &ServiceRequest| facts(r).into_iter().map(|f| f.text).collect::<Vec<_>>();
        assert_eq!(texts(&new), ["20.12.2026, утром, 9:00–12:00"]);
        let accepted = ServiceRequest {
            status: RequestStatus::Accepted,
            scheduled_at: NaiveDate::from_ymd_opt(2026, 12, 21)
                .unwrap()
                .and_hms_opt(10, 30, 0),
            price: Some(Money::from_kopecks(150_000)),
            ..request()
        };
        assert_eq!(
            texts(&accepted)[1..],
            ["21.12.2026, 10:30", "1\u{a0}500,00\u{a0}₽"]
        );
    }

    #[test]
    fn only_a_done_request_with_a_price_not_yet_paid_is_to_pay() {
        let price = Some(Money::from_kopecks(150_000));
        let done = ServiceRequest {
            status: RequestStatus::Done,
            price,
            ..request()
        };
        assert_eq!(to_pay(&done), price);
        let free = ServiceRequest {
            price: Some(Money::ZERO),
            ..done.clone()
        };
        let paid = ServiceRequest {
            paid_by: Some(OnlinePaymentId(1)),
            ..done.clone()
        };
        let accepted = ServiceRequest {
            status: RequestStatus::Accepted,
            ..done
        };
        for r in [free, paid, accepted] {
            assert_eq!(to_pay(&r), None, "{r:?}");
        }
        assert_eq!(price_per_unit(None, "час"), "по договорённости");
        assert_eq!(
            price_per_unit(Some(Money::from_kopecks(50_000)), "час"),
            "500,00\u{a0}₽ / час"
        );
    }
}
