//! What the database layer refuses, named for what it means to the caller; `routes` gives
//! each its HTTP answer (`From<DbError> for ApiError` in `crate::error`).

use domkom_dto::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
    /// A unique value another record holds: the field and why.
    #[error("{message}")]
    Taken {
        code: ErrorCode,
        field: String,
        message: &'static str,
    },
    /// Other records refer to what was to be deleted.
    #[error("the record is in use")]
    InUse,
    /// The record `0` names is not the organization's.
    #[error("{0}: not the organization's")]
    NotOwned(String),
    /// The period takes no bookings (closed or closing).
    #[error("{message}")]
    Shut {
        code: ErrorCode,
        message: &'static str,
    },
}

impl DbError {
    pub fn taken(code: ErrorCode, field: &str, message: &'static str) -> Self {
        DbError::Taken {
            code,
            field: field.to_owned(),
            message,
        }
    }
}
