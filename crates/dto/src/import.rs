//! Bulk import of a company's data (`operator/imports/{kind}`), see docs/import.md.

use serde::{Deserialize, Serialize};

/// What a file holds; files refer to each other by natural keys (addresses, numbers,
/// serials), so they are imported in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Houses,
    Premises,
    Accounts,
    Meters,
    Readings,
}

impl ImportKind {
    /// The path segment: `houses`, `premises`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Houses => "houses",
            ImportKind::Premises => "premises",
            ImportKind::Accounts => "accounts",
            ImportKind::Meters => "meters",
            ImportKind::Readings => "readings",
        }
    }
}

/// What an import did (all of it, in one transaction).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportResult {
    pub kind: ImportKind,
    /// Objects written.
    pub created: i64,
    /// Rows already in the database as they are (readings with the same value), not
    /// written again.
    pub skipped: i64,
}
