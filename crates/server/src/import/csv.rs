//! The CSV Russian Excel writes («CSV UTF-8»): UTF-8 with or without a BOM, fields
//! separated by `;`, lines ended by LF or CRLF, a field holding `;`, `"` or a line break
//! quoted with `"` (a quote inside doubled). Used by every file the API reads: bank
//! registries and the company data imports.

use domkom_dto::{rules, FieldError};

/// One line of the file, split into trimmed cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The line it starts on (the header is line 1).
    pub row: usize,
    pub cells: Vec<String>,
}

/// An error of one cell: `row 3: amount`.
pub fn cell_error(row: usize, column: &str, code: &str, message: &str) -> FieldError {
    FieldError::new(&format!("row {row}: {column}"), code, message)
}

/// The records after the header line, in order. Blank lines and lines of empty cells only
/// (what Excel writes for an empty row) are left out.
pub fn records(text: &str) -> Result<Vec<Record>, FieldError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let (mut line, mut start) = (1, 1);
    let (mut quoted, mut at_cell_start) = (false, true);
    let mut chars = text.chars().peekable();
    let mut finish = |cells: &mut Vec<String>, start: usize| {
        if start > 1 && cells.iter().any(|c: &String| !c.is_empty()) {
            records.push(Record {
                row: start,
                cells: std::mem::take(cells),
            });
        }
        cells.clear();
    };
    while let Some(ch) = chars.next() {
        if quoted {
            match ch {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                _ => cell.push(ch),
            }
            continue;
        }
        match ch {
            '"' if at_cell_start => {
                quoted = true;
                at_cell_start = false;
            }
            ';' => {
                cells.push(cell.trim().to_owned());
                cell.clear();
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                cells.push(cell.trim().to_owned());
                cell.clear();
                at_cell_start = true;
                finish(&mut cells, start);
                line += 1;
                start = line;
            }
            ' ' | '\t' if at_cell_start => {}
            _ => {
                cell.push(ch);
                at_cell_start = false;
            }
        }
    }
    if quoted {
        return Err(cell_error(
            start,
            "columns",
            "format",
            "Кавычка в начале поля не закрыта",
        ));
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell.trim().to_owned());
        finish(&mut cells, start);
    }
    // What no input of the API may hold, no file may either: refused at its row and column.
    let forbidden = records.iter().find_map(|r| {
        let bad = |c: &String| c.chars().any(rules::is_forbidden_char);
        r.cells.iter().position(bad).map(|i| (r.row, i + 1))
    });
    match forbidden {
        Some((row, column)) => Err(rules::forbidden_characters(&format!(
            "row {row}: column {column}"
        ))),
        None => Ok(records),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(usize, String)> {
        records(text)
            .unwrap()
            .into_iter()
            .map(|r| (r.row, r.cells.join("|")))
            .collect()
    }

    #[test]
    fn skips_the_bom_the_header_and_empty_rows() {
        let text = "\u{feff}a;b\r\n1; x \r\n\r\n;;\r\n2;\"y;\"\"z\"\"\"\r\n3";
        assert_eq!(
            rows(text),
            [(2, "1|x".into()), (5, "2|y;\"z\"".into()), (6, "3".into())]
        );
    }

    #[test]
    fn a_quoted_line_break_stays_in_its_cell_and_rows_count_lines() {
        let text = "h\n\"ул. Ленина,\nд. 1\";5\n7;8\n";
        assert_eq!(
            rows(text),
            [(2, "ул. Ленина,\nд. 1|5".into()), (4, "7|8".into())]
        );
        assert_eq!(
            records("h\n\"open;1\n").unwrap_err().field,
            "row 2: columns"
        );
    }
}
