//! «Платные услуги» of an account: the resident's requests for the company's paid
//! services, paid online once done, and a new request from the catalogue.

pub mod list;
pub mod new;

/// The message when the account is not (or no longer) the resident's.
const NOT_LINKED: &str = "Лицевой счёт не найден среди ваших.";
