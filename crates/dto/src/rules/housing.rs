//! Input rules for the company's data: requisites, houses, premises, accounts.

use super::required;
use crate::{AccountData, FieldError, HouseData, OrganizationData, PremiseData};
use domkom_values::{ru, Area, Money};

/// `field` must be exactly `len` digits.
pub(super) fn digits(field: &str, value: &str, len: usize, what: &str) -> Option<FieldError> {
    required(field, value).or_else(|| {
        (value.len() != len || !value.bytes().all(|b| b.is_ascii_digit()))
            .then(|| FieldError::new(field, "format", format!("{what}: {len} цифр")))
    })
}

pub(super) fn max_len(field: &str, value: &str, max: usize) -> Option<FieldError> {
    (value.chars().count() > max)
        .then(|| FieldError::new(field, "length", format!("Не более {max} символов")))
}

pub(super) fn text(field: &str, value: &str, max: usize) -> Option<FieldError> {
    required(field, value).or_else(|| max_len(field, value, max))
}

/// An area in hundredths of m², from `min` to [`Area::LIMIT`].
fn area(field: &str, area: Area, min: i64) -> Option<FieldError> {
    (!(min..=Area::LIMIT.hundredths()).contains(&area.hundredths())).then(|| {
        let least = if min > 0 {
            "больше нуля"
        } else {
            "от нуля"
        };
        FieldError::new(
            field,
            "range",
            format!("Площадь — {least} и не более {}", ru::area(Area::LIMIT)),
        )
    })
}

pub fn check_organization(o: &OrganizationData) -> Vec<FieldError> {
    let s = &o.settings;
    let day = |field: &str, d: i32| {
        (!(1..=28).contains(&d)).then(|| FieldError::new(field, "range", "День месяца от 1 до 28"))
    };
    [
        text("name", &o.name, 300),
        digits("inn", &o.inn, 10, "ИНН"),
        digits("kpp", &o.kpp, 9, "КПП"),
        digits("ogrn", &o.ogrn, 13, "ОГРН"),
        text("address", &o.address, 500),
        text("phone", &o.phone, 100),
        super::check_email("email", &o.email),
        max_len("site", &o.site, 200),
        max_len("hours", &o.hours, 200),
        digits("bank.account", &o.bank.account, 20, "Расчётный счёт"),
        text("bank.bank_name", &o.bank.bank_name, 45),
        digits("bank.bic", &o.bank.bic, 9, "БИК"),
        digits(
            "bank.corr_account",
            &o.bank.corr_account,
            20,
            "Корреспондентский счёт",
        ),
        day("settings.reading_day_from", s.reading_day_from),
        day("settings.reading_day_to", s.reading_day_to),
        (s.reading_day_from > s.reading_day_to).then(|| {
            FieldError::new(
                "settings.reading_day_to",
                "range",
                "Окно приёма показаний заканчивается раньше, чем начинается",
            )
        }),
        day("settings.due_day", s.due_day),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn check_house(h: &HouseData) -> Vec<FieldError> {
    [
        text("address", &h.address, 500),
        area("total_area", h.total_area, 1),
        area("common_area", h.common_area, 0),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn check_premise(p: &PremiseData) -> Vec<FieldError> {
    [text("number", &p.number, 20), area("area", p.area, 1)]
        .into_iter()
        .flatten()
        .collect()
}

pub fn check_account(a: &AccountData) -> Vec<FieldError> {
    [
        text("number", &a.number, 30),
        text("holder", &a.holder, 200),
        (!(0..=100).contains(&a.persons))
            .then(|| FieldError::new("persons", "range", "От 0 до 100 человек")),
        (!a.opening_balance.within_limit()).then(|| {
            FieldError::new(
                "opening_balance",
                "range",
                format!("Не более {} по модулю", ru::money(Money::LIMIT)),
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requisites_are_checked_digit_by_digit() {
        let org = OrganizationData {
            kind: crate::OrganizationKind::Uk,
            name: "УК".into(),
            inn: "77000000001".into(),
            kpp: "77000000".into(),
            ogrn: "1027700000000".into(),
            address: "Москва".into(),
            phone: "+7 495 000-00-00".into(),
            email: "uk@example.ru".into(),
            site: String::new(),
            hours: String::new(),
            bank: crate::BankDetails {
                account: "40702810000000000001".into(),
                bank_name: "Банк".into(),
                bic: "04452522".into(),
                corr_account: "30101810400000000225".into(),
            },
            settings: Default::default(),
        };
        let fields: Vec<_> = check_organization(&org)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["inn", "kpp", "bank.bic"]);
    }

    #[test]
    fn a_house_needs_an_address_and_an_area() {
        let house = HouseData {
            address: " ".into(),
            total_area: Area::ZERO,
            common_area: Area::from_hundredths(-1),
            share_cap_at_norm: true,
        };
        assert_eq!(check_house(&house).len(), 3);
    }
}
