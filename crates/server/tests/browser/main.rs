//! Browser tests: the built SPA (`frontend/dist`) in headless Chromium, driven through
//! chromedriver, against the real server on a fresh SQLite database.

#[allow(dead_code)]
#[path = "../api/helpers.rs"]
mod helpers;

mod browser;

mod appeals;
mod cabinet;
mod newcomer;
mod paid_services;
mod payments;
mod phone;
mod profile;
mod readings;
