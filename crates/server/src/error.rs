//! One error type for every handler, rendered as RFC 7807 `application/problem+json` with a
//! stable `code`. Causes of internal errors are logged, never sent.

use crate::db::DbError;
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use domkom_dto::{ErrorCode, FieldError, Problem};
use std::fmt;

pub const PROBLEM_JSON: &str = "application/problem+json";

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: ErrorCode,
    pub detail: String,
    pub errors: Vec<FieldError>,
    pub retry_after_secs: Option<u64>,
    cause: Option<anyhow::Error>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            status,
            code,
            detail: detail.into(),
            errors: Vec::new(),
            retry_after_secs: None,
            cause: None,
        }
    }

    /// 422: the body is well-formed but breaks the input rules.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        Self {
            errors,
            ..Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::ValidationFailed,
                "Проверьте заполнение полей",
            )
        }
    }

    /// 409 naming the field that clashes with an existing record.
    pub fn conflict(code: ErrorCode, field: &str, message: &str) -> Self {
        Self {
            errors: vec![FieldError::new(field, "taken", message)],
            ..Self::new(StatusCode::CONFLICT, code, message)
        }
    }

    /// 409: the object's status does not allow the change; `rule` says why.
    pub fn status_not_allowed(rule: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, ErrorCode::StatusNotAllowed, rule)
    }

    pub fn bad_request(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, detail)
    }

    pub fn unauthorized(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code, detail)
    }

    pub fn forbidden(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, code, detail)
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, "Не найдено")
    }

    pub fn rate_limited(retry_after_secs: u64) -> Self {
        Self {
            retry_after_secs: Some(retry_after_secs.max(1)),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimited,
                "Слишком много попыток. Повторите позже",
            )
        }
    }

    /// 503: the letter a request depends on could not be sent.
    pub fn mail_unavailable(detail: &str) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::MailUnavailable,
            detail,
        )
    }

    /// 500 for what is our fault; the cause goes to the log only.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        Self {
            cause: Some(cause.into()),
            ..Self::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::InternalError,
                "Внутренняя ошибка сервера. Попробуйте позже",
            )
        }
    }

    /// A field-level problem with the given status and code.
    pub fn field(status: StatusCode, code: ErrorCode, field: &str, message: &str) -> Self {
        Self {
            errors: vec![FieldError::new(field, code.as_str(), message)],
            ..Self::new(status, code, message)
        }
    }

    /// Names the field when serde reports "missing field `x`".
    pub fn with_missing_field(mut self, serde_message: &str) -> Self {
        let field = serde_message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next());
        if let Some(field) = field {
            self.errors
                .push(FieldError::new(field, "required", "Заполните это поле"));
        }
        self
    }

    pub fn to_problem(&self) -> Problem {
        Problem {
            kind: format!("/problems/{}", self.code),
            title: self.status.canonical_reason().unwrap_or("Error").to_owned(),
            status: self.status.as_u16(),
            detail: self.detail.clone(),
            code: self.code,
            errors: self.errors.clone(),
            retry_after: self.retry_after_secs,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.code, self.detail)?;
        if let Some(cause) = &self.cause {
            write!(f, " ({cause:#})")?;
        }
        Ok(())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        if let Some(cause) = &self.cause {
            tracing::error!(error = format!("{cause:#}"), "internal error");
        }
        let mut response = HttpResponse::build(self.status);
        response.content_type(PROBLEM_JSON);
        if let Some(secs) = self.retry_after_secs {
            response.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        response.json(self.to_problem())
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        ApiError::internal(e)
    }
}

impl From<crate::import::Refused> for ApiError {
    fn from(e: crate::import::Refused) -> Self {
        match e {
            crate::import::Refused::Invalid(errors) => ApiError::validation(errors),
            crate::import::Refused::Db(e) => e.into(),
        }
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Query(e) => ApiError::internal(e),
            DbError::Taken {
                code,
                field,
                message,
            } => ApiError::conflict(code, &field, message),
            DbError::InUse => ApiError::new(
                StatusCode::CONFLICT,
                ErrorCode::InUse,
                "Запись используется другими данными и не может быть удалена",
            ),
            DbError::NotOwned(field) => ApiError::validation(vec![FieldError::new(
                &field,
                "not_found",
                "Нет такой записи в вашей организации",
            )]),
            DbError::Shut { code, message } => {
                ApiError::field(StatusCode::CONFLICT, code, "period", message)
            }
        }
    }
}
