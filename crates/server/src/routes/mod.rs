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
use domkom_dto::FieldError;

/// 422 when the input rules found anything.
pub fn valid(errors: Vec<FieldError>) -> Result<(), ApiError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}
