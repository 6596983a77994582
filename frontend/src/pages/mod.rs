//! One module per page (or group of pages) of the portal.

pub mod account;
pub mod accounts;
pub mod activate;
pub mod desk;
pub mod email;
pub mod login;
pub mod password;
pub mod profile;
pub mod register;
pub mod unsubscribe;
