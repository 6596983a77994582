//! API tests: every test runs against the real app, on SQLite and on PostgreSQL.

mod helpers;

mod auth;
mod company;
mod errors;
mod mail;
mod me;
mod openapi;
mod periods;
mod recovery;
