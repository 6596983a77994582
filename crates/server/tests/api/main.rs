//! API tests: every test runs against the real app, on SQLite and on PostgreSQL.

mod fixtures;
mod helpers;

mod access;
mod activation;
mod auth;
mod card;
mod charges;
mod company;
mod email_change;
mod errors;
mod hostile_input;
mod import_limits;
mod imports;
mod jobs;
mod links;
mod mail;
mod me;
mod meters;
mod metrics;
mod migrations;
mod openapi;
mod payments;
mod penalties;
mod periods;
mod premises;
mod private_files;
mod reading_dates;
mod recovery;
mod resident_meters;
mod revocation;
mod services;
mod site;
mod staff_readings;
mod statement;
mod worked_example;
