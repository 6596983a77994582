//! Input rules of appeals: the text, the contact for the answer, the topics.

use super::housing::text;
use super::{check_email, check_phone};
use crate::{AppealFilter, AppealTopics, FieldError, NewAppeal, NewMessage};
use std::collections::HashSet;

/// The longest text of an appeal or a message, in characters.
pub const APPEAL_TEXT_MAX: usize = 4000;
const TOPIC_MAX: usize = 100;
const TOPICS_MAX: usize = 30;

/// A new appeal's text and contact (its topic is checked against the organization's).
pub fn check_new_appeal(a: &NewAppeal) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = [
        text("topic", &a.topic, TOPIC_MAX),
        text("text", &a.text, APPEAL_TEXT_MAX),
    ]
    .into_iter()
    .flatten()
    .collect();
    errors.extend(check_contact(&a.contact_phone, &a.contact_email));
    errors
}

/// A contact for the answer: a phone, an e-mail or both, at least one.
pub fn check_contact(phone: &Option<String>, email: &Option<String>) -> Vec<FieldError> {
    let (phone, email) = (present(phone), present(email));
    [
        phone.and_then(|p| check_phone("contact_phone", p)),
        email.and_then(|e| check_email("contact_email", e)),
        (phone.is_none() && email.is_none()).then(|| {
            FieldError::new(
                "contact_phone",
                "required",
                "Укажите телефон или e-mail для ответа",
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A message of a thread.
pub fn check_new_message(m: &NewMessage) -> Vec<FieldError> {
    text("text", &m.text, APPEAL_TEXT_MAX).into_iter().collect()
}

/// An organization's list of topics: 1 to 30 names, none twice.
pub fn check_appeal_topics(t: &AppealTopics) -> Vec<FieldError> {
    if !(1..=TOPICS_MAX).contains(&t.topics.len()) {
        let message = format!("От 1 до {TOPICS_MAX} тем");
        return vec![FieldError::new("topics", "length", message)];
    }
    let mut seen = HashSet::new();
    t.topics
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            let field = format!("topics[{i}]");
            text(&field, name, TOPIC_MAX).or_else(|| {
                (!seen.insert(name.trim().to_lowercase()))
                    .then(|| FieldError::new(&field, "duplicate", "Эта тема уже есть в списке"))
            })
        })
        .collect()
}

/// The desk's filter: a topic's length and an age of at most ten years.
pub fn check_appeal_filter(f: &AppealFilter) -> Vec<FieldError> {
    [
        f.topic
            .as_deref()
            .and_then(|t| super::housing::max_len("topic", t, TOPIC_MAX)),
        f.older_than_days
            .is_some_and(|d| !(0..=3650).contains(&d))
            .then(|| FieldError::new("older_than_days", "range", "От 0 до 3650 дней")),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// An optional text that holds something.
pub fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}
