//! HTTP resources, one module each.

pub mod accounts;
pub mod admin;
pub mod auth;
pub mod charges;
pub mod health;
pub mod links;
pub mod me;
pub mod meters;
pub mod operator;
pub mod site;
pub mod statement;

use crate::error::ApiError;
use domkom_domain::Period;
use domkom_dto::{rules, FieldError, PeriodRange};

/// 422 when the input rules found anything.
pub fn valid(errors: Vec<FieldError>) -> Result<(), ApiError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

/// A `?from=&to=` range of periods, checked by the input rules (422 naming the field).
pub fn period_range(range: &PeriodRange) -> Result<(Option<Period>, Option<Period>), ApiError> {
    let (from, to) = (range.from.as_deref(), range.to.as_deref());
    valid(rules::check_period_range(from, to))?;
    let parse = |text: Option<&str>| text.map(str::parse).transpose().map_err(ApiError::internal);
    Ok((parse(from)?, parse(to)?))
}
