use crate::request::Response;
use domkom_dto::{ErrorCode, Problem};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The server answered with problem details.
    #[error("{} ({}): {}", .0.status, .0.code, .0.detail)]
    Api(Problem),
    /// The server could not be reached or the connection broke.
    #[error("сервер недоступен: {0}")]
    Transport(String),
    /// The server answered something that is not the expected JSON.
    #[error("непонятный ответ сервера: {0}")]
    Decode(String),
    /// The request's body could not be written as JSON.
    #[error("запрос не составлен: {0}")]
    Encode(String),
}

impl Error {
    /// The problem details, when the server sent them.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Error::Api(p) => Some(p),
            _ => None,
        }
    }

    /// The HTTP status of an API error.
    pub fn status(&self) -> Option<u16> {
        self.problem().map(|p| p.status)
    }

    /// The stable error code of an API error.
    pub fn code(&self) -> Option<ErrorCode> {
        self.problem().map(|p| p.code)
    }

    /// How many seconds to wait before trying again, when the server said so (429).
    pub fn retry_after(&self) -> Option<u64> {
        self.problem().and_then(|p| p.retry_after)
    }

    /// A message for a person, in Russian.
    pub fn message(&self) -> String {
        match self {
            Error::Api(p) => p.detail.clone(),
            other => other.to_string(),
        }
    }
}

/// Turns a non-success answer into `Error::Api`.
pub(crate) fn check(response: Response) -> Result<Response> {
    let status = response.status;
    if (200..300).contains(&status) {
        return Ok(response);
    }
    // Whole seconds only: the server never sends the HTTP-date form.
    let retry_after = response
        .header("retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok());
    let mut problem = response.json::<Problem>().unwrap_or_else(|_| Problem {
        kind: "about:blank".into(),
        title: reason(status).into(),
        status,
        detail: format!("Сервер ответил {status}"),
        code: ErrorCode::UnexpectedResponse,
        errors: Vec::new(),
        retry_after: None,
    });
    problem.retry_after = retry_after;
    Err(Error::Api(problem))
}

/// The title of an answer without problem details: what a proxy or a gateway may send.
fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    }
}
