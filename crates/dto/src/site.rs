//! What every page shows about the portal itself.

use serde::{Deserialize, Serialize};

/// The portal's operator and how to reach its support, for the footer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteInfo {
    /// Who runs the portal, for the © line.
    pub operator: String,
    pub support_email: String,
    /// Absent when the operator has not set one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_phone: Option<String>,
    /// The current year, for the © line.
    pub year: i32,
}
