//! Domkom's domain rules, free of I/O: money in kopecks, billing periods, quantities,
//! the billing calculation and the statement arithmetic.
//!
//! Every number is an integer count of a small unit (kopecks, thousandths of a unit,
//! hundredths of m², hundredths of a kopeck for tariffs); an amount is computed exactly
//! and rounded once. Nothing here reads a clock, a file or a database.

// The value types live in domkom-values; their modules keep their paths here.
pub use domkom_values::{decimal, money, period, quantity, ru};

pub mod arrears;
pub mod balance;
pub mod billing;
pub mod common_share;
pub mod consumption;
pub mod error;
pub mod payment;
pub mod payment_qr;
pub mod penalty;
pub mod penalty_correction;
pub mod reading;
pub mod split;
pub mod tariff;

pub use balance::{account_balance, Balance, BalanceStatus, Payment};
pub use billing::calculate_house;
pub use billing::charge::{Charge, ChargeDetails, ChargeMethod, NormReason};
pub use billing::input::{HouseInput, Recalculation, ServiceMethod};
pub use domkom_values::Overflow;
pub use error::{EngineError, ParseError};
pub use money::Money;
pub use period::Period;
pub use quantity::{Area, AreaNorm, Quantity};
pub use tariff::Tariff;
