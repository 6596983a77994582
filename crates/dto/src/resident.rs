//! The resident's side: organizations to link an account with, and linked accounts.

use crate::{AccountKind, OrganizationKind};
use domkom_values::{AccountId, Area, Money, OrganizationId, Period, Tariff};
use serde::{Deserialize, Serialize};

/// An organization a resident may link an account with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationSummary {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: OrganizationId,
    pub kind: OrganizationKind,
    pub name: String,
    pub inn: String,
    pub address: String,
    pub phone: String,
}

/// `GET organizations?q=&kind=`: by name, INN or address, without regard to letter case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct OrganizationSearch {
    /// At most 200 characters.
    pub q: Option<String>,
    /// Only the organizations that keep accounts of this kind, the best fit first.
    pub kind: Option<AccountKind>,
}

/// Link a personal account: its number and one proof only the payer knows — the linking
/// code printed on the receipt, or the exact total of the last receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkAccount {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub organization_id: OrganizationId,
    pub account_number: String,
    #[serde(default)]
    pub link_code: Option<String>,
    /// Kopecks: «Итого к оплате» of the last receipt.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub last_receipt_total: Option<Money>,
    /// The kind the resident means to link; another kind is refused
    /// (`account_kind_mismatch`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<AccountKind>,
}

/// A personal account linked to the signed-in resident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkedAccount {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: AccountId,
    pub number: String,
    pub kind: AccountKind,
    pub holder: String,
    /// The house's address and the premise's number.
    pub address: String,
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub organization_id: OrganizationId,
    pub organization_name: String,
}

/// The company as the resident sees it on the account card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationContacts {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: OrganizationId,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub site: String,
    pub hours: String,
}

/// The account's money as of the last closed period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoneyState {
    /// The last closed period, `YYYY-MM`.
    pub period: Period,
    /// Kopecks at the end of that period: positive is a debt, negative an advance.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub balance: Money,
    /// The same for a person, e.g. «1 521,13 ₽».
    pub balance_text: String,
    /// Kopecks received that this balance does not count yet: dated after the period, or
    /// arrived after it closed. The next close counts them.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub paid_since: Money,
    /// Pay by this date.
    #[serde(deserialize_with = "crate::time::date")]
    pub due_date: chrono::NaiveDate,
    /// Where the balance leaves the resident today.
    pub status: BalanceStatus,
    /// The same for a person: «К оплате до 15.12.2026», «Задолженность», «Переплата», …
    pub status_text: String,
}

pub use domkom_values::BalanceStatus;

/// A service of the account as billed in the last closed period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountService {
    pub name: String,
    pub supplier_name: String,
    pub unit: String,
    /// Hundredths of a kopeck per unit.
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub tariff: Tariff,
    /// How it was calculated: meter, average, norm, area, persons, fixed, share...
    pub method: String,
}

/// The account card («Главная»): who, where, the company, the money and the services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountCard {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: AccountId,
    pub number: String,
    pub kind: AccountKind,
    pub holder: String,
    pub address: String,
    /// Hundredths of m².
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub area: Area,
    pub persons: i32,
    pub organization: OrganizationContacts,
    /// Absent until the company closes the first period for this account.
    pub money: Option<MoneyState>,
    /// The payments behind `paid_since`, oldest first; before the first close, every
    /// payment.
    pub pending_payments: Vec<crate::AccountPayment>,
    pub services: Vec<AccountService>,
    /// Why nothing is shown yet, when nothing is.
    pub notice: Option<String>,
}
