//! The resident's side: organizations to link an account with, and linked accounts.

use crate::{AccountKind, OrganizationKind};
use serde::{Deserialize, Serialize};

/// An organization a resident may link an account with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationSummary {
    pub id: i64,
    pub kind: OrganizationKind,
    pub name: String,
    pub inn: String,
    pub address: String,
    pub phone: String,
}

/// `GET organizations?q=`: by name, INN or address, without regard to letter case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct OrganizationSearch {
    pub q: Option<String>,
}

/// Link a personal account: its number and one proof only the payer knows — the linking
/// code printed on the receipt, or the exact total of the last receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkAccount {
    pub organization_id: i64,
    pub account_number: String,
    #[serde(default)]
    pub link_code: Option<String>,
    /// Kopecks: «Итого к оплате» of the last receipt.
    #[serde(default)]
    pub last_receipt_total: Option<i64>,
}

/// A personal account linked to the signed-in resident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkedAccount {
    pub id: i64,
    pub number: String,
    pub kind: AccountKind,
    pub holder: String,
    /// The house's address and the premise's number.
    pub address: String,
    pub organization_id: i64,
    pub organization_name: String,
}
