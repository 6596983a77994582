//! Closing a billing period: load the organization's data, run the engine house by
//! house, and store charges, meter history and balances in one transaction.

pub mod close;
pub mod error;
pub mod explain;
pub mod load;
mod money;
mod set_aside;
mod store;
