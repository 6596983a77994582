//! A refused file's errors: the first [`ERRORS_MAX`] in row order are kept and the rest
//! only counted, so a file of a million bad lines costs kilobytes of memory and of answer
//! whatever order its errors are found in.

use domkom_dto::FieldError;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// The most errors a refused file is answered with.
pub const ERRORS_MAX: usize = 100;

#[derive(Debug, Default)]
pub struct Errors {
    /// The first errors by (row, order found), the last of them on top.
    kept: BinaryHeap<Kept>,
    found: usize,
}

#[derive(Debug)]
struct Kept {
    row: usize,
    nth: usize,
    error: FieldError,
}

impl Kept {
    fn key(&self) -> (usize, usize) {
        (self.row, self.nth)
    }
}

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Kept {}

impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Kept {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl Errors {
    /// An error found in `row` (the file's own errors, such as an empty body, are row 0).
    pub fn push(&mut self, row: usize, error: FieldError) {
        let kept = Kept {
            row,
            nth: self.found,
            error,
        };
        self.found += 1;
        if self.kept.len() < ERRORS_MAX {
            self.kept.push(kept);
        } else if self.kept.peek().is_some_and(|last| kept < *last) {
            self.kept.pop();
            self.kept.push(kept);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.found == 0
    }

    /// The kept errors by row and, when there were more, how many more.
    pub fn into_list(self) -> Vec<FieldError> {
        let more = self.found - self.kept.len();
        let mut list: Vec<FieldError> = self
            .kept
            .into_sorted_vec()
            .into_iter()
            .map(|k| k.error)
            .collect();
        if more > 0 {
            list.push(FieldError::new(
                "body",
                "more_errors",
                format!("И ещё ошибок: {more}. Исправьте показанные и загрузите файл снова"),
            ));
        }
        list
    }

    /// The file refused with its errors when there is any.
    pub fn check(self) -> Result<(), super::Refused> {
        let list = self.into_list();
        if list.is_empty() {
            Ok(())
        } else {
            Err(super::Refused::Invalid(list))
        }
    }
}

impl Extend<(usize, FieldError)> for Errors {
    fn extend<I: IntoIterator<Item = (usize, FieldError)>>(&mut self, errors: I) {
        for (row, error) in errors {
            self.push(row, error);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_rows_whatever_order_they_come_in() {
        let mut errors = Errors::default();
        for row in (1..=250).rev() {
            errors.push(row, FieldError::new(&format!("row {row}: a"), "x", "m"));
            errors.push(row, FieldError::new(&format!("row {row}: b"), "x", "m"));
        }
        let list = errors.into_list();
        assert_eq!(list.len(), ERRORS_MAX + 1);
        assert_eq!(list[0].field, "row 1: a");
        assert_eq!(
            list[1].field, "row 1: b",
            "a row's errors in the order found"
        );
        assert_eq!(list[ERRORS_MAX - 1].field, "row 50: b");
        assert_eq!(list[ERRORS_MAX].code, "more_errors");
        assert!(
            list[ERRORS_MAX].message.contains("400"),
            "{:?}",
            list[ERRORS_MAX]
        );
    }

    #[test]
    fn a_short_list_is_whole() {
        let mut errors = Errors::default();
        assert!(errors.is_empty());
        errors.push(3, FieldError::new("row 3: a", "x", "m"));
        errors.push(2, FieldError::new("row 2: a", "x", "m"));
        let fields: Vec<_> = errors.into_list().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["row 2: a", "row 3: a"]);
    }
}
