//! Pieces shared by the pages.

pub mod chart;
pub mod field;
pub mod form;
pub mod guard;
pub mod layout;
pub mod load;
pub mod page;
pub mod pay;
pub mod receipt;
