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
    pub code: ErrorCode,
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

/// Declares [`ErrorCode`] with each code's wire text, kept in one list.
macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $text:literal,)*) => {
        /// Every `code` a problem carries: stable and machine-readable, so a client decides
        /// by it and shows `detail` (Russian) to a person. The per-field codes of a
        /// `validation_failed` (`required`, `range`, `decreased`, …) are in `errors[].code`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorCode {
            $($(#[doc = $doc])* $variant,)*
        }

        impl ErrorCode {
            /// Every code.
            pub const ALL: &[ErrorCode] = &[$(Self::$variant,)*];

            /// The code as sent, e.g. `period_closed`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)*
                }
            }
        }
    };
}

error_codes! {
    /// 422: the body breaks the input rules; `errors` names each field.
    ValidationFailed = "validation_failed",
    /// 400: the body is not JSON.
    MalformedJson = "malformed_json",
    /// 422: the JSON does not have the expected shape.
    InvalidBody = "invalid_body",
    /// 422: an imported file is not UTF-8.
    InvalidEncoding = "invalid_encoding",
    /// 400: a path parameter is not what the path takes.
    InvalidPath = "invalid_path",
    /// 400: a period in the path is not `YYYY-MM`.
    InvalidPeriod = "invalid_period",
    /// 400: the query string cannot be read.
    InvalidQuery = "invalid_query",
    /// 413: the body is larger than allowed.
    PayloadTooLarge = "payload_too_large",
    /// 415: the body's content type is not the one expected.
    UnsupportedMediaType = "unsupported_media_type",
    /// 4xx the HTTP layer refused for another reason.
    RequestRejected = "request_rejected",
    /// 404: no such address in the API.
    RouteNotFound = "route_not_found",
    /// 405: the address takes other methods (`Allow` names them).
    MethodNotAllowed = "method_not_allowed",
    /// 404: no such object, or not the caller's.
    NotFound = "not_found",
    /// 401: no valid access token.
    Unauthorized = "unauthorized",
    /// 401: the token's session has ended (sign-out, new password, …).
    SessionEnded = "session_ended",
    /// 401: the token is past its time.
    TokenExpired = "token_expired",
    /// 400/401: the token (activation, reset, refresh, e-mail change) is not valid.
    TokenInvalid = "token_invalid",
    /// 401: a refresh token used twice; its whole session has ended.
    TokenReused = "token_reused",
    /// 403: the caller's role may not do this.
    Forbidden = "forbidden",
    /// 401: wrong login or password.
    InvalidCredentials = "invalid_credentials",
    /// 403: the user has not been activated yet.
    AccountInactive = "account_inactive",
    /// 403: the password asked again is wrong.
    WrongPassword = "wrong_password",
    /// 429: too many attempts; `Retry-After` says how long to wait.
    RateLimited = "rate_limited",
    /// 409: the login is taken.
    LoginTaken = "login_taken",
    /// 409: the e-mail is taken.
    EmailTaken = "email_taken",
    /// 409: the INN is taken.
    InnTaken = "inn_taken",
    /// 409: the account number is taken in the organization.
    AccountNumberTaken = "account_number_taken",
    /// 409: the premise number is taken in the house.
    PremiseNumberTaken = "premise_number_taken",
    /// 409: the organization has something of that name already.
    NameTaken = "name_taken",
    /// 409: a tariff of the service starts on that day already.
    TariffExists = "tariff_exists",
    /// 409: a payment with this source and external id is there already.
    PaymentDuplicate = "payment_duplicate",
    /// 409: the object is referred to and cannot be deleted.
    InUse = "in_use",
    /// 422: the account number and the proof do not match an account.
    LinkRefused = "link_refused",
    /// 422: the proven account is of another kind than chosen.
    AccountKindMismatch = "account_kind_mismatch",
    /// 422: an unusual consumption waits for `confirm: true`.
    ConfirmRequired = "confirm_required",
    /// 409: the period is closed.
    PeriodClosed = "period_closed",
    /// 409: the period is being closed.
    PeriodClosing = "period_closing",
    /// 409: the period's month has not ended.
    PeriodNotEnded = "period_not_ended",
    /// 409: the period is not closed yet, so nothing of it (its receipt) exists.
    PeriodOpen = "period_open",
    /// 409: periods close in order.
    PeriodOrder = "period_order",
    /// 503: a letter the request depends on could not be sent.
    MailUnavailable = "mail_unavailable",
    /// 503: online payment is not set up on this portal.
    PaymentsUnavailable = "payments_unavailable",
    /// 502: the payment provider did not answer or refused; nothing was charged.
    PaymentProviderUnavailable = "payment_provider_unavailable",
    /// 409: the `Idempotency-Key` was used for another payment.
    IdempotencyKeyReused = "idempotency_key_reused",
    /// 401: a provider's notification whose signature does not match.
    SignatureInvalid = "signature_invalid",
    /// 400: a provider's notification that cannot be read.
    InvalidNotification = "invalid_notification",
    /// 409: the provider's amount or currency is not the payment's; nothing credited.
    PaymentMismatch = "payment_mismatch",
    /// 409: the object's status does not allow this change; the detail names the rule.
    StatusNotAllowed = "status_not_allowed",
    /// 409: an answered appeal may be reopened only for a while after the answer.
    ReopenExpired = "reopen_expired",
    /// 503: the database does not answer.
    DatabaseUnavailable = "database_unavailable",
    /// 401: `/metrics` asks for its bearer token.
    MetricsTokenRequired = "metrics_token_required",
    /// 404: the SPA has not been built.
    SpaNotBuilt = "spa_not_built",
    /// 500: our fault; it is logged.
    InternalError = "internal_error",
    /// Never sent: the client's code for an error answer that is not a problem (a proxy's
    /// page, say).
    UnexpectedResponse = "unexpected_response",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn each_code_is_sent_as_its_text() {
        for code in ErrorCode::ALL {
            let wire = serde_json::to_string(code).unwrap();
            assert_eq!(wire, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&wire).unwrap(), *code);
        }
    }
}
