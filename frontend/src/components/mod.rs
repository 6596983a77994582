//! Pieces shared by the pages.

pub mod appeals;
pub mod chart;
pub mod confirm;
pub mod contact;
pub mod field;
pub mod form;
pub mod guard;
pub mod layout;
pub mod load;
pub mod page;
pub mod pager;
pub mod pay;
pub mod receipt;
pub mod sections;
pub mod service_requests;
pub mod status;
