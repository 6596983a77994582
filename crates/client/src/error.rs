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
}

impl Error {
    pub(crate) fn decode(e: reqwest::Error) -> Self {
        Error::Decode(e.to_string())
    }

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

impl From<reqwest::Error> for Error {
    fn from(e: reqwest::Error) -> Self {
        Error::Transport(e.to_string())
    }
}

/// Turns a non-success answer into `Error::Api`.
pub(crate) async fn check(response: reqwest::Response) -> Result<reqwest::Response> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    // Whole seconds only: the server never sends the HTTP-date form.
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let body = response.text().await?;
    let mut problem = serde_json::from_str::<Problem>(&body).unwrap_or_else(|_| Problem {
        kind: "about:blank".into(),
        title: status.canonical_reason().unwrap_or("Error").into(),
        status: status.as_u16(),
        detail: format!("Сервер ответил {status}"),
        code: ErrorCode::UnexpectedResponse,
        errors: Vec::new(),
        retry_after: None,
    });
    problem.retry_after = retry_after;
    Err(Error::Api(problem))
}
