//! RFC 7807 problem details, the body of every error response.

use serde::{Deserialize, Serialize};

/// An error as `application/problem+json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI naming the kind of problem (`about:blank` or `/problems/<code>`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary of the HTTP status.
    pub title: String,
    pub status: u16,
    /// What went wrong, in Russian, for a person.
    pub detail: String,
    /// Stable machine-readable code, e.g. `validation_failed`, `login_taken`.
    pub code: String,
    /// Per-field problems of a rejected request body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Seconds to wait before trying again, from the `Retry-After` header of a 429: the
    /// header is the wire format, the client copies it here so callers can say how long.
    #[serde(skip)]
    pub retry_after: Option<u64>,
}

/// One problem with one field of the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as in the request body, e.g. `email`.
    pub field: String,
    /// Stable code, e.g. `required`, `too_short`, `taken`.
    pub code: String,
    /// Message in Russian, ready to show beside the field.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

impl Problem {
    /// The message for `field`, if the problem names it.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}
