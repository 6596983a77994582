//! Domkom's value types, shared by the server, the domain rules and the SPA: money in
//! kopecks, billing periods, quantities and areas, tariffs — each an integer count of a
//! small unit, parsed and printed without floats — and [`ru`], the one place that writes
//! them for a Russian reader.
//!
//! Nothing here reads a clock, a file or a network, so the crate builds for wasm.

pub mod balance;
pub mod decimal;
pub mod error;
pub mod ids;
pub mod money;
pub mod period;
pub mod quantity;
pub mod ru;
#[cfg(feature = "diesel")]
mod sql;
pub mod tariff;

pub use balance::BalanceStatus;
pub use error::{Overflow, ParseError};
pub use ids::{
    AccountId, AppealId, AppealMessageId, AppealPhotoId, HouseId, JobId, MeterId, OnlinePaymentId,
    OrganizationId, PaidServiceId, PaymentId, PremiseId, ReadingId, RecalculationId,
    RefreshTokenId, ServiceId, ServiceRequestId, TariffId, UserId,
};
pub use money::Money;
pub use period::Period;
pub use quantity::{Area, AreaNorm, Quantity};
pub use tariff::Tariff;
