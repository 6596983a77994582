//! Bank payment registries: CSV in UTF-8, `;`-separated, a header row, then one payment a
//! line: account number; amount in rubles (`1521,13` or `1521.13`); payment date
//! `DD.MM.YYYY`; the bank's payment id; optionally the period paid for, `MM.YYYY`.
//! See docs/import.md. Parsing is pure; the handler looks the accounts up. The CSV itself
//! is read by [`super::csv`], as every imported file is.

use super::{csv, Errors};
use chrono::NaiveDate;
pub use csv::cell_error;
use domkom_domain::Money;
use domkom_dto::FieldError;
use std::collections::HashSet;

/// One payment line as the bank wrote it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line number in the file (the header is line 1).
    pub row: usize,
    pub account_number: String,
    pub amount: Money,
    pub paid_on: NaiveDate,
    pub external_id: String,
    /// `YYYY-MM`.
    pub for_period: Option<String>,
}

/// Every line, or the errors of the lines (nothing is loaded from a file with errors).
pub fn parse(text: &str) -> Result<Vec<Line>, Errors> {
    let mut errors = Errors::default();
    let records = match csv::records(text) {
        Ok(records) => records,
        Err(e) => {
            errors.push(0, e);
            return Err(errors);
        }
    };
    let mut lines = Vec::new();
    let mut ids = HashSet::new();
    for csv::Record { row, cells } in records {
        match parse_line(row, &cells) {
            Ok(line) if !ids.insert(line.external_id.clone()) => errors.push(
                row,
                cell_error(
                    row,
                    "payment_id",
                    "duplicate",
                    "Этот номер платежа уже встречается выше в файле",
                ),
            ),
            Ok(line) => lines.push(line),
            Err(e) => errors.extend(e.into_iter().map(|e| (row, e))),
        }
    }
    if lines.is_empty() && errors.is_empty() {
        errors.push(
            0,
            FieldError::new(
                "body",
                "empty",
                "В реестре нет ни одного платежа (первая строка — заголовок)",
            ),
        );
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

fn parse_line(row: usize, cells: &[String]) -> Result<Line, Vec<FieldError>> {
    let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or_default();
    let mut errors = Vec::new();
    if !(4..=5).contains(&cells.len()) {
        errors.push(cell_error(
            row,
            "columns",
            "format",
            "Ожидается 4 или 5 полей через «;»",
        ));
        return Err(errors);
    }
    let account_number = cell(0);
    if account_number.is_empty() {
        errors.push(cell_error(
            row,
            "account",
            "required",
            "Укажите лицевой счёт",
        ));
    }
    let amount = match cell(1).parse::<Money>() {
        Ok(m) if m.is_positive() && m.within_limit() => Some(m),
        Ok(_) => {
            errors.push(cell_error(
                row,
                "amount",
                "range",
                &format!(
                    "Сумма — больше нуля и не более {}",
                    domkom_domain::ru::money(Money::LIMIT)
                ),
            ));
            None
        }
        Err(_) => {
            errors.push(cell_error(
                row,
                "amount",
                "format",
                "Сумма в рублях, например 1521,13",
            ));
            None
        }
    };
    let paid_on = NaiveDate::parse_from_str(cell(2), "%d.%m.%Y")
        .ok()
        .filter(|d| domkom_domain::period::in_years(*d));
    if paid_on.is_none() {
        errors.push(cell_error(
            row,
            "date",
            "format",
            "Дата в виде ДД.ММ.ГГГГ, с 1900 по 2200 год",
        ));
    }
    let external_id = cell(3);
    if external_id.is_empty() || external_id.chars().count() > 100 {
        errors.push(cell_error(
            row,
            "payment_id",
            "required",
            "Укажите номер платежа в банке",
        ));
    }
    let for_period = match cell(4) {
        "" => None,
        p => {
            let period = crate::import::parse_period(p);
            if period.is_none() {
                errors.push(cell_error(row, "period", "format", "Период в виде ММ.ГГГГ"));
            }
            period
        }
    };
    match (amount, paid_on) {
        (Some(amount), Some(paid_on)) if errors.is_empty() => Ok(Line {
            row,
            account_number: account_number.to_owned(),
            amount,
            paid_on,
            external_id: external_id.to_owned(),
            for_period,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_comma_and_dot_amounts_dates_and_periods() {
        let text = "\u{feff}Счёт;Сумма;Дата;Номер;Период\n\
                    1001;1521,13;12.10.2026;A-1;10.2026\n\
                    1002;2 000.00;13.10.2026;A-2\n";
        let lines = parse(text).unwrap();
        assert_eq!(lines[0].amount, Money::from_kopecks(152_113));
        assert_eq!(lines[0].for_period.as_deref(), Some("2026-10"));
        assert_eq!(
            (lines[1].row, lines[1].amount),
            (3, Money::from_rubles(2000))
        );
        assert_eq!(lines[1].for_period, None);
    }

    #[test]
    fn reports_every_bad_cell_with_its_row() {
        let text =
            "h\n1001;-5;32.10.2026;A-1\n;abc;01.10.2026;A-2;13.2026\n1003;1;01.10.2026;A-1\n";
        let fields: Vec<_> = parse(text)
            .unwrap_err()
            .into_list()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "row 2: amount",
                "row 2: date",
                "row 3: account",
                "row 3: amount",
                "row 3: period"
            ]
        );
        let twice = "h\n1;1;01.10.2026;X\n1;1;01.10.2026;X\n";
        assert_eq!(
            parse(twice).unwrap_err().into_list()[0].field,
            "row 3: payment_id"
        );
    }
}
