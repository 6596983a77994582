//! «Обращения» of an account: the resident's appeals to the company, a new one, and the
//! thread of one.

pub mod list;
pub mod new;
pub mod thread;

/// The message when the appeal is not the resident's (or the link is typed wrong).
const NOT_THEIRS: &str = "Обращение не найдено среди ваших.";
