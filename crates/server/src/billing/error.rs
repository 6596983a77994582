//! Why a close cannot start and why one failed. The API turns a refusal into a 409; a
//! failure is the text the period's `error` keeps for the staff.

use domkom_domain::{EngineError, Period};

/// A close the request refuses, or could not look into.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("Период {0} уже закрыт")]
    Closed(Period),
    #[error("Период {0} уже закрывается")]
    Closing(Period),
    #[error("Период {0} ещё не закончился")]
    NotEnded(Period),
    /// Periods close in order; `next` is the one to close first.
    #[error("Периоды закрываются по порядку: сначала {next}")]
    Order { next: Period },
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// Why a close that started failed (the period is open again and says why).
#[derive(Debug, thiserror::Error)]
pub enum CloseError {
    #[error("ошибка базы данных: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("нет соединения с базой данных: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    /// What the company must set up before the period closes (a tariff, a house meter).
    #[error("{0}")]
    Setup(String),
    /// Stored data the close cannot read.
    #[error("неверные данные в базе: {0}")]
    Corrupt(String),
    /// Every house the engine could not bill, one per line.
    #[error("{}", .0.join("\n"))]
    Houses(Vec<String>),
    #[error("{0}")]
    Engine(#[from] EngineError),
    #[error("лицевой счёт {0}: сумма вышла за допустимые пределы")]
    Overflow(i64),
    #[error("период больше не закрывается")]
    NoLongerClosing,
}
