//! Bulk import of a company's data: houses, premises, accounts, meters and readings, from
//! CSV as Russian Excel writes it or from JSON (an array of objects with the same fields).
//! See docs/import.md.
//!
//! Every kind goes the same way: the body becomes rows of text cells named by the kind's
//! columns ([`rows`]); each row is parsed into the dto the single-object endpoint takes and
//! checked by the same `domkom_dto::rules` ([`Reader`]); then, in one write transaction,
//! the natural keys (addresses, numbers, serials, service names) are resolved within the
//! operator's organization, duplicates are looked for in the file and in the database, and
//! only a file without a single error is written, in batches. Any error: 422 naming every
//! bad cell as `row N: column`, and nothing written.

pub mod csv;
mod errors;

mod accounts;
mod houses;
mod meters;
mod premises;
mod readings;
pub mod registry;

use crate::db::DbConn;
use crate::db::DbError;
use chrono::NaiveDate;
use domkom_dto::{rules, FieldError, ImportKind, ImportResult};
use domkom_values::{OrganizationId, UserId};
use std::collections::HashMap;
use std::hash::Hash;
use std::str::FromStr;

pub use errors::Errors;

/// Imported files may be this large.
pub const BODY_LIMIT: usize = 10 * 1024 * 1024;

/// What was sent.
pub enum Body {
    /// CSV text, the header line first.
    Csv(String),
    /// An array of objects.
    Json(Vec<serde_json::Value>),
}

/// One row of a file: its number (CSV: the line, the header being 1; JSON: the object's
/// place in the array, from 1) and its cells in the order of the kind's columns.
pub struct Row {
    pub row: usize,
    pub cells: Vec<String>,
}

/// A file's rows of the right shape, and the errors of the others.
pub struct File {
    pub rows: Vec<Row>,
    errors: Errors,
}

/// A file's columns: their names (also the JSON fields) and how many must be present in a
/// CSV line (the rest are optional at the end).
pub struct Columns {
    pub names: &'static [&'static str],
    pub required: usize,
}

/// Why a file is refused whole; `crate::error` gives each its answer.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// The file's errors at their rows and cells (422 `validation_failed`).
    #[error("the file has errors")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<diesel::result::Error> for Refused {
    fn from(e: diesel::result::Error) -> Self {
        Refused::Db(e.into())
    }
}

/// Validates and writes one file: the handler's whole work, run on the blocking pool.
pub fn import(
    c: &mut DbConn,
    org: OrganizationId,
    user: UserId,
    kind: ImportKind,
    body: Body,
    today: NaiveDate,
) -> Result<ImportResult, Refused> {
    let (created, skipped) = match kind {
        ImportKind::Houses => houses::import(c, org, rows(&houses::COLUMNS, body)?),
        ImportKind::Premises => premises::import(c, org, rows(&premises::COLUMNS, body)?),
        ImportKind::Accounts => accounts::import(c, org, rows(&accounts::COLUMNS, body)?),
        ImportKind::Meters => meters::import(c, org, rows(&meters::COLUMNS, body)?),
        ImportKind::Readings => {
            readings::import(c, org, user, today, rows(&readings::COLUMNS, body)?)
        }
    }?;
    Ok(ImportResult {
        kind,
        created,
        skipped,
    })
}

/// The body's rows with their cells, and an error for each row of the wrong shape (an
/// unreadable or empty body is refused at once).
pub fn rows(columns: &Columns, body: Body) -> Result<File, Refused> {
    let mut rows = Vec::new();
    let mut errors = Errors::default();
    match body {
        Body::Csv(text) => {
            let records = csv::records(&text).map_err(|e| Refused::Invalid(vec![e]))?;
            let n = columns.names.len();
            for csv::Record { row, mut cells } in records {
                // Excel ends a line with empty cells when a later row is longer.
                while cells.len() > n && cells.last().is_some_and(String::is_empty) {
                    cells.pop();
                }
                if !(columns.required..=n).contains(&cells.len()) {
                    let expected = match columns.required == n {
                        true => format!("Ожидается {n} полей через «;»"),
                        false => {
                            format!("Ожидается от {} до {n} полей через «;»", columns.required)
                        }
                    };
                    errors.push(row, csv::cell_error(row, "columns", "format", &expected));
                    continue;
                }
                cells.resize(n, String::new());
                rows.push(Row { row, cells });
            }
        }
        Body::Json(objects) => {
            for (index, object) in objects.into_iter().enumerate() {
                let row = index + 1;
                match json_cells(row, columns, object) {
                    Ok(cells) => rows.push(Row { row, cells }),
                    Err(e) => errors.extend(e.into_iter().map(|e| (row, e))),
                }
            }
        }
    }
    if rows.is_empty() && errors.is_empty() {
        return Err(Refused::Invalid(vec![FieldError::new(
            "body",
            "empty",
            "В файле нет ни одной строки данных (первая строка CSV — заголовок)",
        )]));
    }
    Ok(File { rows, errors })
}

/// The separator of a column holding a list.
fn list_separator(column: &str) -> &'static str {
    match column {
        "services" => ",",
        _ => "|",
    }
}

/// An object's fields as text cells: strings as they are, numbers as JSON wrote them,
/// booleans as `true`/`false`, `null` as empty, arrays joined by the column's separator.
fn json_cells(
    row: usize,
    columns: &Columns,
    object: serde_json::Value,
) -> Result<Vec<String>, Vec<FieldError>> {
    use serde_json::Value;
    fn scalar(value: &Value) -> Option<String> {
        match value {
            Value::Null => Some(String::new()),
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Array(_) | Value::Object(_) => None,
        }
    }
    let Value::Object(fields) = object else {
        return Err(vec![csv::cell_error(
            row,
            "columns",
            "format",
            "Ожидается объект с полями",
        )]);
    };
    let mut cells = vec![String::new(); columns.names.len()];
    let mut errors = Vec::new();
    for (name, value) in &fields {
        let Some(i) = columns.names.iter().position(|c| c == name) else {
            errors.push(csv::cell_error(row, name, "unknown", "Нет такого поля"));
            continue;
        };
        let text = match value {
            Value::Array(items) => items
                .iter()
                .map(scalar)
                .collect::<Option<Vec<_>>>()
                .map(|items| items.join(list_separator(name))),
            other => scalar(other),
        };
        match text {
            Some(text) if text.chars().any(rules::is_forbidden_char) => errors.extend(
                rules::check_characters(&format!("row {row}: {name}"), &text),
            ),
            Some(text) => cells[i] = text,
            None => errors.push(csv::cell_error(
                row,
                name,
                "format",
                "Ожидается строка, число или список",
            )),
        }
    }
    match errors.is_empty() {
        true => Ok(cells),
        false => Err(errors),
    }
}

/// Reads the cells of one row, collecting an error per bad cell.
pub struct Reader<'a> {
    row: usize,
    names: &'static [&'static str],
    cells: &'a [String],
    errors: &'a mut Errors,
    failed: bool,
}

impl<'a> Reader<'a> {
    fn new(columns: &Columns, row: &'a Row, errors: &'a mut Errors) -> Self {
        Reader {
            row: row.row,
            names: columns.names,
            cells: &row.cells,
            errors,
            failed: false,
        }
    }

    /// The cell as written (trimmed), empty when absent.
    pub fn text(&self, column: &str) -> &'a str {
        let i = self.names.iter().position(|c| *c == column);
        i.and_then(|i| self.cells.get(i))
            .map(String::as_str)
            .unwrap_or_default()
    }

    pub fn error(&mut self, column: &str, code: &str, message: &str) {
        self.failed = true;
        self.errors
            .push(self.row, csv::cell_error(self.row, column, code, message));
    }

    /// Whether any cell of the row was bad.
    pub fn failed(&self) -> bool {
        self.failed
    }

    pub fn required(&mut self, column: &str) -> Option<&'a str> {
        let text = self.text(column);
        if text.is_empty() {
            self.error(column, "required", "Заполните это поле");
            return None;
        }
        Some(text)
    }

    /// A number the domain parses exactly (`Money`, `Area`, `Quantity`, integers); an empty
    /// cell is `default`, or an error when there is none.
    pub fn number<T: FromStr>(
        &mut self,
        column: &str,
        default: Option<T>,
        example: &str,
    ) -> Option<T> {
        let text = self.text(column);
        if text.is_empty() {
            return match default {
                Some(value) => Some(value),
                None => self.required(column).and(None),
            };
        }
        let value = text.parse().ok();
        if value.is_none() {
            self.error(
                column,
                "format",
                &format!("Ожидается число, например {example}"),
            );
        }
        value
    }

    /// `да`/`нет`, `true`/`false`, `1`/`0`; an empty cell is `default`.
    pub fn flag(&mut self, column: &str, default: bool) -> Option<bool> {
        let value = match self.text(column).to_lowercase().as_str() {
            "" => Some(default),
            "да" | "true" | "1" | "yes" => Some(true),
            "нет" | "false" | "0" | "no" => Some(false),
            _ => None,
        };
        if value.is_none() {
            self.error(column, "format", "Ожидается «да» или «нет»");
        }
        value
    }

    /// `DD.MM.YYYY` or `YYYY-MM-DD`.
    pub fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let text = self.required(column)?;
        let value = parse_date(text);
        if value.is_none() {
            self.error(column, "format", "Дата в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД");
        }
        value
    }

    /// An optional date: `Some(None)` when the cell is empty or absent, `None` (with the
    /// error noted) when it is not a date.
    pub fn optional_date(&mut self, column: &str) -> Option<Option<NaiveDate>> {
        if self.text(column).is_empty() {
            return Some(None);
        }
        self.date(column).map(Some)
    }

    /// `MM.YYYY` or `YYYY-MM`, answered as `YYYY-MM`.
    pub fn period(&mut self, column: &str) -> Option<String> {
        let text = self.required(column)?;
        let value = parse_period(text);
        if value.is_none() {
            self.error(column, "format", "Период в виде ММ.ГГГГ или ГГГГ-ММ");
        }
        value
    }

    /// The id `key` names in `ids`, or an error: `not_found` (saying `missing`) or
    /// `ambiguous` when two objects share the name.
    pub fn find<K: Hash + Eq, I: Copy>(
        &mut self,
        column: &str,
        ids: &HashMap<K, Option<I>>,
        key: &K,
        missing: &str,
    ) -> Option<I> {
        match ids.get(key) {
            Some(Some(id)) => Some(*id),
            Some(None) => {
                self.error(
                    column,
                    "ambiguous",
                    "Под этим именем в организации несколько объектов",
                );
                None
            }
            None => {
                self.error(column, "not_found", missing);
                None
            }
        }
    }

    /// The errors of a dto rule, their fields renamed to columns (`house_id` →
    /// `house_address`); fields without a column keep their name.
    pub fn rules(&mut self, errors: Vec<FieldError>, columns: &[(&str, &str)]) {
        for e in errors {
            let column = columns
                .iter()
                .find(|(field, _)| *field == e.field)
                .map_or(e.field.as_str(), |(_, column)| *column);
            let column = column.to_owned();
            self.error(&column, &e.code, &e.message);
        }
    }
}

/// `DD.MM.YYYY` or `YYYY-MM-DD`, all the digits written (`1.3.24` is not year 24).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    if text.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(text, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
}

/// `MM.YYYY` or `YYYY-MM`, answered as `YYYY-MM`.
pub fn parse_period(text: &str) -> Option<String> {
    let period = match text.split_once('.') {
        Some((m, y)) if m.len() <= 2 => format!("{y}-{m:0>2}"),
        Some(_) => return None,
        None => text.to_owned(),
    };
    domkom_dto::rules::is_period(&period).then_some(period)
}

/// Parses every row with `parse`, which answers `None` when the row had errors; the
/// errors start with those of the file's shape.
fn parse_rows<T>(
    columns: &Columns,
    file: File,
    mut parse: impl FnMut(&mut Reader) -> Option<T>,
) -> (Vec<(usize, T)>, Errors) {
    let mut parsed = Vec::new();
    let mut errors = file.errors;
    for row in &file.rows {
        let mut reader = Reader::new(columns, row, &mut errors);
        let item = parse(&mut reader);
        if let (Some(item), false) = (item, reader.failed()) {
            parsed.push((row.row, item));
        }
    }
    (parsed, errors)
}

/// The rows whose key is neither in the database (`exists`, saying `exists`) nor on an
/// earlier row of the file (`duplicate`); the error names `column`.
fn unique<T, K: Hash + Eq>(
    parsed: Vec<(usize, T)>,
    existing: &std::collections::HashSet<K>,
    key: impl Fn(&T) -> K,
    (column, exists): (&str, &str),
    errors: &mut Errors,
) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    let mut new = Vec::with_capacity(parsed.len());
    for (row, item) in parsed {
        let k = key(&item);
        if existing.contains(&k) {
            errors.push(row, csv::cell_error(row, column, "exists", exists));
        } else if !seen.insert(k) {
            let message = "Это значение уже встречается выше в файле";
            errors.push(row, csv::cell_error(row, column, "duplicate", message));
        } else {
            new.push(item);
        }
    }
    new
}

/// How names, addresses and numbers are compared: case and runs of spaces do not matter.
pub fn key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Ids by the key of their name; names held by two objects map to `None` (ambiguous).
fn index<K: Hash + Eq, I>(items: impl IntoIterator<Item = (K, I)>) -> HashMap<K, Option<I>> {
    let mut map = HashMap::new();
    for (k, id) in items {
        map.entry(k)
            .and_modify(|v: &mut Option<I>| *v = None)
            .or_insert(Some(id));
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_periods_in_both_spellings() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 1);
        assert_eq!(parse_date("01.03.2024"), d);
        assert_eq!(parse_date("2024-03-01"), d);
        assert_eq!(parse_date("1.3.24"), None);
        assert_eq!(parse_period("10.2026").as_deref(), Some("2026-10"));
        assert_eq!(parse_period("3.2026").as_deref(), Some("2026-03"));
        assert_eq!(parse_period("2026-10").as_deref(), Some("2026-10"));
        assert_eq!(parse_period("13.2026"), None);
        assert_eq!(key("  ул.  Ленина,   1 "), "ул. ленина, 1");
    }

    #[test]
    fn json_objects_become_cells_by_column_name() {
        let columns = Columns {
            names: &["number", "area", "services"],
            required: 2,
        };
        let body = Body::Json(vec![
            serde_json::json!({"number": "12А", "area": 50.5, "services": ["ХВС", "ГВС"]}),
            serde_json::json!({"number": 1, "size": 2}),
        ]);
        let file = rows(&columns, body).ok().unwrap();
        assert_eq!(file.errors.into_list()[0].field, "row 2: size");
        let body = Body::Json(vec![serde_json::json!({"number": "12А", "area": 50.5,
            "services": ["ХВС", "ГВС"]})]);
        let file = rows(&columns, body).ok().unwrap();
        assert_eq!(file.rows[0].cells, ["12А", "50.5", "ХВС,ГВС"]);
    }
}
