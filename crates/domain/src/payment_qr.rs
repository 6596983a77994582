//! The payment QR code's text (ГОСТ Р 56042-2014): what a banking app reads to fill in a
//! utility payment. `ST00012` (format 0001, UTF-8), then `|Key=Value` pairs: the payee's
//! requisites first (mandatory), then the payer and the payment.
//!
//! Every value is checked before it is written: a value may not hold `|` (the separator)
//! or a control character, the digit fields must be digits of their length, and each
//! field has the standard's maximum length. A check that fails names the field, so the
//! receipt can say why it carries no code instead of printing one a bank cannot read.

use std::fmt;

use crate::{Money, Period};

/// The payee: the company whose account receives the money.
#[derive(Debug, Clone, Copy)]
pub struct Payee<'a> {
    pub name: &'a str,
    /// Расчётный счёт.
    pub account: &'a str,
    pub bank_name: &'a str,
    pub bic: &'a str,
    pub corr_account: &'a str,
    pub inn: &'a str,
    pub kpp: &'a str,
}

/// The payer and what is paid.
#[derive(Debug, Clone, Copy)]
pub struct Payment<'a> {
    /// The personal account's number (лицевой счёт).
    pub account_number: &'a str,
    /// «Фамилия Имя Отчество»: split into the three name fields.
    pub holder: &'a str,
    pub address: &'a str,
    pub period: Period,
    /// The amount due; nothing due (an advance) is written `Sum=0`, which banking apps
    /// show as an amount to fill in.
    pub due: Money,
    pub purpose: &'a str,
}

/// Why no code can be made: the field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrError {
    /// The standard's name of the field (`Name`, `PersonalAcc`, ...).
    pub field: &'static str,
    pub problem: Problem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Missing,
    /// Longer than the standard allows (the limit in characters).
    TooLong(usize),
    /// Not the digits the field holds (how many).
    NotDigits(usize),
    /// Holds `|` or a control character.
    Forbidden,
}

impl fmt::Display for QrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = self.field;
        match self.problem {
            Problem::Missing => write!(f, "не заполнено поле {field}"),
            Problem::TooLong(max) => write!(f, "поле {field} длиннее {max} символов"),
            Problem::NotDigits(len) => write!(f, "поле {field} должно состоять из {len} цифр"),
            Problem::Forbidden => {
                write!(
                    f,
                    "поле {field} содержит недопустимый символ («|» или управляющий)"
                )
            }
        }
    }
}

impl std::error::Error for QrError {}

/// Requisites that must be exactly `len` digits.
const DIGITS: [(&str, usize); 3] = [("PersonalAcc", 20), ("BIC", 9), ("CorrespAcc", 20)];

/// The code's text for a utility payment (`TechCode=02`, ЖКУ).
pub fn payload(payee: &Payee<'_>, payment: &Payment<'_>) -> Result<String, QrError> {
    let mut names = payment.holder.split_whitespace();
    let last = names.next().unwrap_or_default();
    let first = names.next().unwrap_or_default();
    let middle = names.collect::<Vec<_>>().join(" ");
    let period = format!("{:02}{}", payment.period.month(), payment.period.year());
    let sum = payment.due.kopecks().max(0).to_string();
    // (key, value, the standard's maximum length, mandatory here)
    let fields: [(&'static str, &str, usize, bool); 16] = [
        ("Name", payee.name, 160, true),
        ("PersonalAcc", payee.account, 20, true),
        ("BankName", payee.bank_name, 45, true),
        ("BIC", payee.bic, 9, true),
        ("CorrespAcc", payee.corr_account, 20, true),
        ("PayeeINN", payee.inn, 12, true),
        ("KPP", payee.kpp, 9, false),
        ("PersAcc", payment.account_number, 30, true),
        ("LastName", last, 60, false),
        ("FirstName", first, 60, false),
        ("MiddleName", &middle, 60, false),
        ("PayerAddress", payment.address, 210, false),
        ("PaymPeriod", &period, 6, true),
        ("Sum", &sum, 18, true),
        ("Purpose", payment.purpose, 210, false),
        ("TechCode", "02", 2, true),
    ];
    let mut text = String::from("ST00012");
    for (key, value, max, required) in fields {
        let value = value.trim();
        check(key, value, max, required)?;
        if !value.is_empty() {
            text.push('|');
            text.push_str(key);
            text.push('=');
            text.push_str(value);
        }
    }
    Ok(text)
}

fn check(field: &'static str, value: &str, max: usize, required: bool) -> Result<(), QrError> {
    let fail = |problem| Err(QrError { field, problem });
    if value.is_empty() {
        return if required {
            fail(Problem::Missing)
        } else {
            Ok(())
        };
    }
    if value.chars().any(|c| c == '|' || c.is_control()) {
        return fail(Problem::Forbidden);
    }
    if let Some(&(_, len)) = DIGITS.iter().find(|(name, _)| *name == field) {
        if value.len() != len || !value.bytes().all(|b| b.is_ascii_digit()) {
            return fail(Problem::NotDigits(len));
        }
    }
    if value.chars().count() > max {
        return fail(Problem::TooLong(max));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payee() -> Payee<'static> {
        Payee {
            name: "ООО «УК Примерная»",
            account: "40702810900000000001",
            bank_name: "ПАО Сбербанк",
            bic: "044525225",
            corr_account: "30101810400000000225",
            inn: "7700000001",
            kpp: "770001001",
        }
    }

    fn payment(due: i64) -> Payment<'static> {
        Payment {
            account_number: "1001",
            holder: "Иванов Иван Иванович",
            address: "ул. Примерная, 1, кв. 1",
            period: "2026-10".parse().unwrap(),
            due: Money::from_kopecks(due),
            purpose: "Оплата ЖКУ за октябрь 2026, л/с 1001",
        }
    }

    #[test]
    fn writes_every_field_in_order() {
        assert_eq!(
            payload(&payee(), &payment(152_113)).unwrap(),
            "ST00012|Name=ООО «УК Примерная»|PersonalAcc=40702810900000000001\
             |BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225\
             |PayeeINN=7700000001|KPP=770001001|PersAcc=1001|LastName=Иванов\
             |FirstName=Иван|MiddleName=Иванович|PayerAddress=ул. Примерная, 1, кв. 1\
             |PaymPeriod=102026|Sum=152113|Purpose=Оплата ЖКУ за октябрь 2026, л/с 1001\
             |TechCode=02"
        );
    }

    #[test]
    fn an_advance_asks_for_nothing() {
        let text = payload(&payee(), &payment(-5_000)).unwrap();
        assert!(text.contains("|Sum=0|"), "{text}");
    }

    #[test]
    fn a_bad_value_names_its_field() {
        let name = Payee {
            name: "ООО «А|Б»",
            ..payee()
        };
        let err = payload(&name, &payment(1)).unwrap_err();
        assert_eq!((err.field, err.problem), ("Name", Problem::Forbidden));
        assert!(err.to_string().contains("Name"));

        let bic = Payee {
            bic: "04452522",
            ..payee()
        };
        let err = payload(&bic, &payment(1)).unwrap_err();
        assert_eq!((err.field, err.problem), ("BIC", Problem::NotDigits(9)));

        let purpose = "о".repeat(211);
        let long = Payment {
            purpose: &purpose,
            ..payment(1)
        };
        let err = payload(&payee(), &long).unwrap_err();
        assert_eq!((err.field, err.problem), ("Purpose", Problem::TooLong(210)));

        let missing = Payee {
            bank_name: " ",
            ..payee()
        };
        let err = payload(&missing, &payment(1)).unwrap_err();
        assert_eq!((err.field, err.problem), ("BankName", Problem::Missing));
    }

    #[test]
    fn a_one_word_holder_is_a_last_name() {
        let org = Payment {
            holder: "Сидорова",
            ..payment(1)
        };
        let text = payload(&payee(), &org).unwrap();
        assert!(text.contains("|LastName=Сидорова|PayerAddress="), "{text}");
    }
}
