//! Read models: what one screen shows, read from several tables and put into the DTO it
//! is answered with (the account's card, its charges with their explanations, its money
//! movement, the staff's ledger, the receipt). Tables themselves are `db`'s.

pub mod account_charges;
pub mod account_money;
pub mod card;
pub mod ledger;
pub mod profile;
pub mod receipt;
