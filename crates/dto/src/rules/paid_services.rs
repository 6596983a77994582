//! Input rules of paid services: the catalogue, a request, its acceptance and refusal.

use super::appeals::check_contact;
use super::housing::{max_len, text};
use crate::{AcceptRequest, FieldError, NewServiceRequest, PaidServiceData, RejectRequest};
use chrono::NaiveDate;
use domkom_values::{ru, Money};

/// The highest price of a paid service: 1 000 000 ₽.
pub const PAID_PRICE_MAX: Money = Money::from_kopecks(100_000_000);
/// How far ahead a date may be booked.
pub const BOOKING_DAYS: i64 = 365;
const DESCRIPTION_MAX: usize = 2000;

pub fn check_paid_service(d: &PaidServiceData) -> Vec<FieldError> {
    [
        text("name", &d.name, 200),
        max_len("description", &d.description, DESCRIPTION_MAX),
        text("unit", &d.unit, 20),
        d.price.and_then(|p| check_price("price", p)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A request: a date from today to a year ahead, a comment, a contact.
pub fn check_new_service_request(r: &NewServiceRequest, today: NaiveDate) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = [
        check_ahead("preferred_date", r.preferred_date, today),
        max_len("comment", &r.comment, DESCRIPTION_MAX),
    ]
    .into_iter()
    .flatten()
    .collect();
    errors.extend(check_contact(&r.contact_phone, &r.contact_email));
    errors
}

pub fn check_accept_request(a: &AcceptRequest, today: NaiveDate) -> Vec<FieldError> {
    [
        check_ahead("scheduled_at", a.scheduled_at.date(), today),
        check_price("price", a.price),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn check_reject_request(r: &RejectRequest) -> Vec<FieldError> {
    text("reason", &r.reason, 500).into_iter().collect()
}

fn check_price(field: &str, price: Money) -> Option<FieldError> {
    (!(Money::ZERO..=PAID_PRICE_MAX).contains(&price)).then(|| {
        FieldError::new(
            field,
            "range",
            format!("Цена — от нуля до {}", ru::money(PAID_PRICE_MAX)),
        )
    })
}

/// A day from `today` to [`BOOKING_DAYS`] ahead.
fn check_ahead(field: &str, day: NaiveDate, today: NaiveDate) -> Option<FieldError> {
    let last = today + chrono::Duration::days(BOOKING_DAYS);
    (!(today..=last).contains(&day)).then(|| {
        FieldError::new(
            field,
            "range",
            format!("Дата — с {} по {}", ru::date(today), ru::date(last)),
        )
    })
}
