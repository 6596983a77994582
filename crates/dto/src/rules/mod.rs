//! Input rules shared by the server (which enforces them) and the SPA (which shows them
//! before sending). Each check returns the field errors it found, in Russian.

mod appeals;
mod billing;
mod housing;
mod paid_services;
mod resident;

pub use appeals::*;
pub use billing::*;
pub use housing::*;
pub use paid_services::*;
pub use resident::*;

use crate::{ChangeEmail, FieldError, Register};

pub const LOGIN_MIN: usize = 3;
pub const LOGIN_MAX: usize = 32;
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;
const EMAIL_MAX: usize = 254;
const NAME_MAX: usize = 200;

/// Everything wrong with a registration form, field by field.
pub fn check_register(form: &Register) -> Vec<FieldError> {
    let mut errors = Vec::new();
    errors.extend(check_login(&form.login));
    errors.extend(check_email("email", &form.email));
    errors.extend(check_full_name(&form.full_name));
    errors.extend(check_phone("phone", &form.phone));
    errors.extend(check_password("password", &form.password));
    errors
}

/// A date of the years the portal accepts (1900–2200).
pub fn check_date(field: &str, date: chrono::NaiveDate) -> Option<FieldError> {
    (!domkom_values::period::in_years(date))
        .then(|| FieldError::new(field, "range", "Дата — с 1900 по 2200 год"))
}

/// Characters no text may hold: control characters other than tab and line feed (NUL
/// breaks PostgreSQL, the others garble what people read and what files export) and the
/// bidirectional overrides and isolates, which make a text read unlike what it holds.
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// 1 to `max` of `A–Z a–z 0–9 - _`: a key or id that travels in a URL or a header.
pub fn url_safe(text: &str, max: usize) -> bool {
    (1..=max).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Every text the API and the imports take passes this.
pub fn check_characters(field: &str, value: &str) -> Option<FieldError> {
    value
        .chars()
        .any(is_forbidden_char)
        .then(|| forbidden_characters(field))
}

/// The refusal of a text holding a forbidden character.
pub fn forbidden_characters(field: &str) -> FieldError {
    FieldError::new(
        field,
        "forbidden_characters",
        "Недопустимые символы: управляющие символы и символы смены направления текста",
    )
}

pub(crate) fn required(field: &str, value: &str) -> Option<FieldError> {
    value
        .trim()
        .is_empty()
        .then(|| FieldError::new(field, "required", "Заполните это поле"))
}

pub fn check_login(login: &str) -> Option<FieldError> {
    const FIELD: &str = "login";
    if let Some(e) = required(FIELD, login) {
        return Some(e);
    }
    let len = login.chars().count();
    if !(LOGIN_MIN..=LOGIN_MAX).contains(&len) {
        return Some(FieldError::new(
            FIELD,
            "length",
            format!("Логин — от {LOGIN_MIN} до {LOGIN_MAX} символов"),
        ));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    if !login.chars().all(allowed) || login.contains('@') {
        return Some(FieldError::new(
            FIELD,
            "format",
            "Логин может содержать только латинские буквы, цифры, точку, дефис и подчёркивание",
        ));
    }
    None
}

pub fn check_email(field: &str, email: &str) -> Option<FieldError> {
    if let Some(e) = required(field, email) {
        return Some(e);
    }
    let email = email.trim();
    let well_formed = email.len() <= EMAIL_MAX
        && !email.contains(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    (!well_formed).then(|| {
        FieldError::new(
            field,
            "format",
            "Введите адрес электронной почты, например ivanov@mail.ru",
        )
    })
}

pub fn check_full_name(name: &str) -> Option<FieldError> {
    const FIELD: &str = "full_name";
    if let Some(e) = required(FIELD, name) {
        return Some(e);
    }
    (name.trim().chars().count() > NAME_MAX)
        .then(|| FieldError::new(FIELD, "length", format!("Не более {NAME_MAX} символов")))
}

pub fn check_phone(field: &str, phone: &str) -> Option<FieldError> {
    if let Some(e) = required(field, phone) {
        return Some(e);
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, '+' | ' ' | '(' | ')' | '-');
    (!phone.trim().chars().all(allowed) || !(10..=15).contains(&digits)).then(|| {
        FieldError::new(
            field,
            "format",
            "Введите номер телефона, например +7 912 345-67-89",
        )
    })
}

/// The password policy: long enough, not absurdly long, a letter and a digit.
pub fn check_password(field: &str, password: &str) -> Option<FieldError> {
    if password.is_empty() {
        return required(field, password);
    }
    let len = password.chars().count();
    let has_letter = password.chars().any(char::is_alphabetic);
    let has_digit = password.chars().any(|c| c.is_ascii_digit());
    if !(PASSWORD_MIN..=PASSWORD_MAX).contains(&len) || !has_letter || !has_digit {
        return Some(FieldError::new(
            field,
            "weak_password",
            format!(
                "Пароль — от {PASSWORD_MIN} до {PASSWORD_MAX} символов, хотя бы одна буква и одна цифра"
            ),
        ));
    }
    None
}

/// A new password: the policy, and not the current one again.
pub fn check_new_password(current: &str, new: &str) -> Option<FieldError> {
    const FIELD: &str = "new_password";
    check_password(FIELD, new).or_else(|| {
        (new == current).then(|| {
            FieldError::new(
                FIELD,
                "same_password",
                "Новый пароль совпадает с текущим — придумайте другой",
            )
        })
    })
}

/// What asks for the activation letter again or signs in: a login or an e-mail.
pub fn check_login_or_email(field: &str, value: &str) -> Option<FieldError> {
    required(field, value).or_else(|| {
        (value.trim().chars().count() > EMAIL_MAX)
            .then(|| FieldError::new(field, "length", format!("Не более {EMAIL_MAX} символов")))
    })
}

/// A change of e-mail: a well-formed new address and the password.
pub fn check_change_email(form: &ChangeEmail) -> Vec<FieldError> {
    [
        check_email("new_email", &form.new_email),
        (form.password.is_empty())
            .then(|| FieldError::new("password", "required", "Введите пароль")),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// E-mail addresses compare without regard to letter case.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Register {
        Register {
            login: "ivanov".into(),
            email: "Ivanov@Mail.ru".into(),
            full_name: "Иванов Иван Иванович".into(),
            phone: "+7 (912) 345-67-89".into(),
            password: "secret123".into(),
        }
    }

    fn codes(form: &Register) -> Vec<(String, String)> {
        check_register(form)
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_complete_form_passes() {
        assert!(check_register(&form()).is_empty());
    }

    #[test]
    fn every_field_is_required() {
        let errors = codes(&Register::default());
        let fields: Vec<_> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["login", "email", "full_name", "phone", "password"]);
        assert!(errors.iter().all(|(_, c)| c == "required"));
    }

    #[test]
    fn weak_passwords_are_refused() {
        for weak in ["short1", "onlyletters", "1234567890"] {
            let f = Register {
                password: weak.into(),
                ..form()
            };
            assert_eq!(
                codes(&f),
                [("password".into(), "weak_password".into())],
                "{weak}"
            );
        }
    }

    #[test]
    fn malformed_login_email_and_phone_are_refused() {
        let f = Register {
            login: "иван".into(),
            email: "ivanov@mail".into(),
            phone: "12-34".into(),
            ..form()
        };
        let fields: Vec<_> = codes(&f).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["login", "email", "phone"]);
    }

    #[test]
    fn a_new_password_is_not_the_current_one() {
        let code = |current, new| check_new_password(current, new).map(|e| e.code);
        assert_eq!(
            code("secret123", "secret123").as_deref(),
            Some("same_password")
        );
        assert_eq!(code("secret123", "short").as_deref(), Some("weak_password"));
        assert_eq!(code("secret123", "Secret123"), None);
    }

    #[test]
    fn a_change_of_email_needs_an_address_and_the_password() {
        let form = ChangeEmail {
            new_email: "new@mail".into(),
            password: String::new(),
        };
        let fields: Vec<_> = check_change_email(&form)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["new_email", "password"]);
    }

    #[test]
    fn emails_compare_case_insensitively() {
        assert_eq!(normalize_email(" Ivanov@Mail.RU "), "ivanov@mail.ru");
    }
}
