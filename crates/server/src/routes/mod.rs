//! HTTP resources, one module each.

pub mod auth;
pub mod health;
pub mod me;
