//! Input rules of the resident's meters, statement and payments.

use super::billing::check_period;
use crate::{FieldError, StartPayment, SubmitReadings, UpdateSubscriptions};
use chrono::NaiveDate;

/// Readings in one submission: more than any flat has meters and zones.
pub const READINGS_MAX: usize = 64;

/// The shape of a submission; the meters themselves are checked against the account.
pub fn check_submit_readings(s: &SubmitReadings) -> Vec<FieldError> {
    if s.readings.is_empty() {
        return vec![FieldError::new(
            "readings",
            "required",
            "Передайте хотя бы одно показание",
        )];
    }
    if s.readings.len() > READINGS_MAX {
        return vec![FieldError::new(
            "readings",
            "range",
            format!("Не более {READINGS_MAX} показаний за раз"),
        )];
    }
    let mut errors = Vec::new();
    for (i, r) in s.readings.iter().enumerate() {
        if !(1..=4).contains(&r.zone) {
            errors.push(FieldError::new(
                &format!("readings[{i}].zone"),
                "range",
                "Зона от 1 до 4",
            ));
        }
        if !super::billing::volume_ok(r.value) {
            errors.push(FieldError::new(
                &format!("readings[{i}].value"),
                "range",
                super::billing::volume_range("Показание"),
            ));
        }
        let repeated = s.readings[..i]
            .iter()
            .any(|o| o.meter_id == r.meter_id && o.zone == r.zone);
        if repeated {
            errors.push(FieldError::new(
                &format!("readings[{i}].zone"),
                "duplicate",
                "Показание этой зоны счётчика уже есть в списке",
            ));
        }
    }
    errors
}

/// `from` and `to` as periods `YYYY-MM`, `from` not after `to`.
pub fn check_period_range(from: Option<&str>, to: Option<&str>) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = [("from", from), ("to", to)]
        .into_iter()
        .filter_map(|(field, value)| value.and_then(|v| check_period(field, v)))
        .collect();
    if let (true, Some(from), Some(to)) = (errors.is_empty(), from, to) {
        // Well-formed periods compare as text.
        if from > to {
            errors.push(not_after("from"));
        }
    }
    errors
}

/// Dates of the portal's years, `from` not after `to`.
pub fn check_date_range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Vec<FieldError> {
    let errors: Vec<_> = [("from", from), ("to", to)]
        .into_iter()
        .filter_map(|(field, date)| date.and_then(|d| super::check_date(field, d)))
        .collect();
    match (from, to) {
        (Some(from), Some(to)) if errors.is_empty() && from > to => vec![not_after("from")],
        _ => errors,
    }
}

/// Accounts in one change of subscriptions: more than a resident links.
pub const SUBSCRIPTIONS_MAX: usize = 100;

/// The shape of a change of subscriptions; the accounts are checked against the links.
pub fn check_update_subscriptions(u: &UpdateSubscriptions) -> Vec<FieldError> {
    if u.accounts.len() > SUBSCRIPTIONS_MAX {
        return vec![FieldError::new(
            "accounts",
            "range",
            format!("Не более {SUBSCRIPTIONS_MAX} лицевых счетов за раз"),
        )];
    }
    (0..u.accounts.len())
        .filter(|&i| {
            let id = u.accounts[i].account_id;
            u.accounts[..i].iter().any(|o| o.account_id == id)
        })
        .map(|i| {
            FieldError::new(
                &format!("accounts[{i}].account_id"),
                "duplicate",
                "Этот лицевой счёт уже есть в списке",
            )
        })
        .collect()
}

/// An online payment: more than zero, and a period if one is named. The server checks
/// the upper limit, which depends on the debt.
pub fn check_start_payment(p: &StartPayment) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if p.amount <= domkom_values::Money::ZERO || !p.amount.within_limit() {
        errors.push(FieldError::new(
            "amount",
            "range",
            "Сумма должна быть больше нуля",
        ));
    }
    errors.extend(
        p.for_period
            .as_deref()
            .and_then(|v| check_period("for_period", v)),
    );
    errors
}

/// `Idempotency-Key`: 1 to 64 letters, digits, `-` and `_` (a UUID fits).
pub fn idempotency_key_ok(key: &str) -> bool {
    super::url_safe(key, 64)
}

fn not_after(field: &str) -> FieldError {
    FieldError::new(field, "range", "Начало периода позже его конца")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NewReading;

    fn reading(meter: i64, zone: i32, thousandths: i64) -> NewReading {
        NewReading {
            meter_id: meter.into(),
            zone,
            value: domkom_values::Quantity::from_thousandths(thousandths),
            rolled_over: false,
            confirm: false,
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<(String, String)> {
        errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_submission_names_each_bad_reading() {
        let s = SubmitReadings {
            readings: vec![reading(1, 1, 10), reading(1, 5, -1), reading(1, 1, 12)],
            preview: false,
        };
        assert_eq!(
            fields(check_submit_readings(&s)),
            [
                ("readings[1].zone".into(), "range".into()),
                ("readings[1].value".into(), "range".into()),
                ("readings[2].zone".into(), "duplicate".into()),
            ]
        );
        let empty = SubmitReadings {
            readings: vec![],
            preview: true,
        };
        assert_eq!(
            fields(check_submit_readings(&empty)),
            [("readings".into(), "required".into())]
        );
    }

    #[test]
    fn ranges_are_well_formed_and_in_order() {
        assert!(check_period_range(Some("2026-01"), Some("2026-10")).is_empty());
        assert!(check_period_range(None, None).is_empty());
        assert_eq!(
            fields(check_period_range(Some("2026-11"), Some("2026-10"))),
            [("from".into(), "range".into())]
        );
        assert_eq!(
            fields(check_period_range(Some("2026-1"), Some("26-10"))),
            [
                ("from".into(), "format".into()),
                ("to".into(), "format".into())
            ]
        );
        let d = crate::time::parse_date;
        assert_eq!(
            fields(check_date_range(d("2026-10-02"), d("2026-10-01"))),
            [("from".into(), "range".into())]
        );
    }

    #[test]
    fn a_change_of_subscriptions_names_each_account_repeated_and_has_a_bound() {
        let change = |ids: &[i64]| UpdateSubscriptions {
            accounts: ids
                .iter()
                .map(|&id| crate::SubscriptionChange {
                    account_id: id.into(),
                    receipts_by_email: true,
                })
                .collect(),
        };
        assert!(check_update_subscriptions(&change(&[1, 2])).is_empty());
        assert_eq!(
            fields(check_update_subscriptions(&change(&[1, 2, 1, 1]))),
            [
                ("accounts[2].account_id".into(), "duplicate".into()),
                ("accounts[3].account_id".into(), "duplicate".into())
            ]
        );
        let many: Vec<i64> = (0..=SUBSCRIPTIONS_MAX as i64).collect();
        assert_eq!(
            fields(check_update_subscriptions(&change(&many))),
            [("accounts".into(), "range".into())]
        );
    }
}
