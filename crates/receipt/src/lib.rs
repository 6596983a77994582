//! The receipt (ЕПД) of a closed period as a PDF: the sections of the form of Приказ
//! Минстроя № 43/пр that apply to a personal account, and the payment QR code of
//! ГОСТ Р 56042-2014.
//!
//! Pure: it reads no database and no clock. The server fills a [`Receipt`] from what the
//! close stored; a [`Printer`], made once at start-up, turns receipts into one PDF.

mod layout;
pub mod model;
mod printer;
mod qr;
#[cfg(feature = "readback")]
pub mod readback;

pub use model::{Bank, Correction, Executor, HouseMeter, Line, MoneyDue, Payer, Receipt};
pub use printer::Printer;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the receipt's fonts do not load: {0}")]
    Fonts(genpdf::error::Error),
    #[error("the receipt does not render: {0}")]
    Render(#[from] genpdf::error::Error),
}
