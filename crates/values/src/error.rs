//! Why a value could not be made: bad text, or an amount beyond what an `i64` holds.

use thiserror::Error;

/// Why a text could not become a value type (`Money`, `Quantity`, `Period`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    #[error("empty value")]
    Empty,
    #[error("not a number: {0:?}")]
    NotANumber(String),
    #[error("too many decimal places (at most {max}): {text:?}")]
    TooManyDecimals { text: String, max: u32 },
    #[error("number out of range: {0:?}")]
    OutOfRange(String),
    #[error("negative value not allowed: {0:?}")]
    Negative(String),
    #[error("not a period YYYY-MM: {0:?}")]
    Period(String),
}

/// An amount computed from valid values that no longer fits the value type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("amount out of range")]
pub struct Overflow;
