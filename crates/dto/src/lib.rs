//! Request and response types of the Domkom REST API (`/api/v1`).
//!
//! Shared by the server, the typed client and the SPA, so every side agrees on the wire format
//! and on the input rules (`rules`). OpenAPI schemas are derived behind the `openapi` feature.

pub mod auth;
pub mod billing;
pub mod charges;
pub mod filters;
pub mod housing;
pub mod import;
pub mod online_payments;
pub mod page;
pub mod problem;
pub mod resident;
pub mod resident_meters;
pub mod rules;
pub mod site;
pub mod statement;
pub mod subscriptions;
pub mod user;

pub use auth::*;
pub use billing::*;
pub use charges::*;
pub use filters::*;
pub use housing::*;
pub use import::*;
pub use online_payments::*;
pub use page::*;
pub use problem::*;
pub use resident::*;
pub use resident_meters::*;
pub use site::*;
pub use statement::*;
pub use subscriptions::*;
pub use user::*;

/// A plain confirmation returned where there is nothing else to say.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageResponse {
    /// Human-readable text in Russian.
    pub message: String,
}

impl MessageResponse {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

/// A PDF file, `application/pdf` (a receipt): bytes, not JSON.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, format = Binary))]
pub struct PdfFile(pub Vec<u8>);
