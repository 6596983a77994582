//! Request and response types of the Domkom REST API (`/api/v1`).
//!
//! Shared by the server, the typed client and the SPA, so every side agrees on the wire format
//! and on the input rules (`rules`). OpenAPI schemas are derived behind the `openapi` feature.

pub mod appeals;
pub mod auth;
pub mod billing;
pub mod charges;
pub mod filters;
pub mod housing;
pub mod import;
pub mod online_payments;
pub mod page;
pub mod paid_services;
pub mod problem;
pub mod resident;
pub mod resident_meters;
pub mod rules;
pub mod site;
pub mod statement;
pub mod subscriptions;
pub mod time;
pub mod user;

pub use appeals::*;
pub use auth::*;
pub use billing::*;
pub use charges::*;
pub use filters::*;
pub use housing::*;
pub use import::*;
pub use online_payments::*;
pub use page::*;
pub use paid_services::*;
pub use problem::*;
pub use resident::*;
pub use resident_meters::*;
pub use site::*;
pub use statement::*;
pub use subscriptions::*;
pub use user::*;

/// An enum sent as one of a fixed set of texts, with `as_str` and `parse` for the columns
/// that store it. The texts are the variants in snake case (the schema is derived from
/// that; a test checks each `$text` against it).
#[macro_export]
macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            pub const ALL: &[$name] = &[$(Self::$variant,)*];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)*
                }
            }

            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|s| s.as_str() == text)
            }
        }
    };
}

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
