//! Input rules for services, tariffs, meters, readings, recalculations and payments.

use super::housing::text;
use super::{check_date, required};
use crate::{
    FieldError, MeterData, PaymentData, ReadingData, RecalculationData, ServiceData,
    ServiceMethodKind as M, TariffData,
};
use domkom_values::{ru, Money, Quantity, Tariff};

/// Whether `s` is a period written `YYYY-MM` of the years the portal accepts.
pub fn is_period(s: &str) -> bool {
    s.parse::<domkom_values::Period>().is_ok()
}

pub fn check_period(field: &str, value: &str) -> Option<FieldError> {
    required(field, value)
        .or_else(|| (!is_period(value)).then(|| FieldError::new(field, "format", PERIOD_FORMAT)))
}

const PERIOD_FORMAT: &str = "Период в виде ГГГГ-ММ с 1900 по 2200 год, например 2026-10";

fn range(field: &str, ok: bool, message: &str) -> Option<FieldError> {
    (!ok).then(|| FieldError::new(field, "range", message))
}

/// A volume or a reading in thousandths: from zero to [`Quantity::LIMIT`].
pub(crate) fn volume_ok(volume: Quantity) -> bool {
    (Quantity::ZERO..=Quantity::LIMIT).contains(&volume)
}

pub(crate) fn volume_range(what: &str) -> String {
    format!("{what} — от нуля до {}", ru::volume(Quantity::LIMIT))
}

pub fn check_service(s: &ServiceData) -> Vec<FieldError> {
    let inn_ok = matches!(s.supplier_inn.len(), 10 | 12)
        && s.supplier_inn.bytes().all(|b| b.is_ascii_digit());
    let needs_resource = matches!(s.method, M::Meter | M::CommonShare | M::Heating);
    let needs_sources = matches!(s.method, M::CommonShare | M::Drainage);
    [
        text("name", &s.name, 200),
        text("unit", &s.unit, 20),
        text("supplier_name", &s.supplier_name, 300),
        required("supplier_inn", &s.supplier_inn).or_else(|| {
            (!inn_ok).then(|| FieldError::new("supplier_inn", "format", "ИНН: 10 или 12 цифр"))
        }),
        (needs_resource && s.resource.is_none()).then(|| {
            FieldError::new(
                "resource",
                "required",
                "Укажите ресурс для этого способа расчёта",
            )
        }),
        (needs_sources && s.source_service_ids.is_empty()).then(|| {
            FieldError::new(
                "source_service_ids",
                "required",
                "Укажите услуги, из которых рассчитывается эта",
            )
        }),
        range(
            "norm_per_person",
            volume_ok(s.norm_per_person),
            &volume_range("Норматив"),
        ),
        range(
            "norm_per_m2",
            s.norm_per_m2
                .is_none_or(|n| (0..=Quantity::LIMIT.thousandths()).contains(&n.millionths())),
            &volume_range("Норматив"),
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn check_tariff(t: &TariffData) -> Vec<FieldError> {
    [
        check_date("valid_from", t.valid_from),
        range(
            "price",
            (Tariff::ZERO..=Tariff::LIMIT).contains(&t.price),
            &format!("Цена — от нуля до {}", ru::tariff(Tariff::LIMIT)),
        ),
        range("zone", (0..=4).contains(&t.zone), "Зона от 0 до 4"),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn check_meter(m: &MeterData) -> Vec<FieldError> {
    [
        text("serial", &m.serial, 50),
        check_date("installed_on", m.installed_on),
        check_date("verification_due", m.verification_due),
        range("zones", (1..=4).contains(&m.zones), "От 1 до 4 зон"),
        range("digits", (3..=9).contains(&m.digits), "От 3 до 9 разрядов"),
        range(
            "verification_due",
            m.verification_due > m.installed_on,
            "Дата поверки должна быть позже даты установки",
        ),
        range(
            "initial_values",
            m.initial_values.len() == usize::try_from(m.zones).unwrap_or(0)
                && m.initial_values.iter().all(|v| volume_ok(*v)),
            &format!(
                "По одному начальному показанию на каждую зону, от нуля до {}",
                ru::volume(Quantity::LIMIT)
            ),
        ),
        (m.account_id.is_none() && m.house_id.is_none())
            .then(|| FieldError::new("house_id", "required", "Укажите лицевой счёт или дом")),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The rules a reading follows on its own; the meter's zones are checked against the meter.
pub fn check_reading(r: &ReadingData) -> Vec<FieldError> {
    [
        check_period("period", &r.period),
        r.taken_on.and_then(|d| check_date("taken_on", d)),
        range("zone", (1..=4).contains(&r.zone), "Зона от 1 до 4"),
        range("value", volume_ok(r.value), &volume_range("Показание")),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn check_recalculation(r: &RecalculationData) -> Vec<FieldError> {
    let periods = check_period("period", &r.period)
        .into_iter()
        .chain(check_period("corrects_period", &r.corrects_period));
    let mut errors: Vec<_> = periods.collect();
    if errors.is_empty() && r.corrects_period > r.period {
        errors.push(FieldError::new(
            "corrects_period",
            "range",
            "Перерасчёт исправляет прошлый или текущий период",
        ));
    }
    errors.extend(text("reason", &r.reason, 500));
    errors.extend(range(
        "amount",
        !r.amount.is_zero() && r.amount.within_limit(),
        &format!(
            "Сумма перерасчёта — не ноль и не более {} по модулю",
            ru::money(Money::LIMIT)
        ),
    ));
    errors
}

pub fn check_payment(p: &PaymentData) -> Vec<FieldError> {
    [
        range(
            "amount",
            p.amount.is_positive() && p.amount.within_limit(),
            &format!(
                "Сумма платежа — больше нуля и не более {}",
                ru::money(Money::LIMIT)
            ),
        ),
        check_date("paid_on", p.paid_on),
        text("source", &p.source, 50),
        p.external_id
            .as_deref()
            .and_then(|id| text("external_id", id, 100)),
        p.for_period
            .as_deref()
            .and_then(|x| check_period("for_period", x)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_year_dash_month() {
        assert!(is_period("2026-10") && is_period("2026-01"));
        for bad in [
            "2026-13", "2026-00", "26-10", "2026/10", "2026-1", "abcd-10", "1899-12", "9999-12",
        ] {
            assert!(!is_period(bad), "{bad}");
        }
    }

    #[test]
    fn a_recalculation_corrects_the_past() {
        let r = RecalculationData {
            account_id: 1.into(),
            service_id: 1.into(),
            period: "2026-10".into(),
            corrects_period: "2026-11".into(),
            amount: Money::ZERO,
            reason: " ".into(),
        };
        let fields: Vec<_> = check_recalculation(&r)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["corrects_period", "reason", "amount"]);
    }
}
