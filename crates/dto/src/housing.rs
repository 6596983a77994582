//! Organizations, houses, premises and personal accounts (the company's side).
//!
//! Areas are integer hundredths of m² (`5000` = 50.00 m²).

use domkom_values::{AccountId, Area, HouseId, Money, OrganizationId, PremiseId, ServiceId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrganizationKind {
    /// Управляющая компания.
    Uk,
    /// Товарищество собственников жилья.
    Tsj,
    /// Жилищно-строительный кооператив.
    Zhsk,
    /// Ресурсоснабжающая организация.
    Rso,
    /// Региональный оператор капитального ремонта.
    Kapremont,
}

/// Payee bank details printed on the receipt and in the payment QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BankDetails {
    /// Расчётный счёт, 20 digits.
    pub account: String,
    pub bank_name: String,
    /// БИК, 9 digits.
    pub bic: String,
    /// Корреспондентский счёт, 20 digits.
    pub corr_account: String,
}

/// Rules that differ between companies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationSettings {
    /// Residents send readings from this day of the month...
    pub reading_day_from: i32,
    /// ...to this day inclusive; later readings count for the next month.
    pub reading_day_to: i32,
    /// Payment is due by this day of the following month.
    pub due_day: i32,
    /// Whether penalties (пени) are charged on overdue debt.
    pub penalties_enabled: bool,
}

impl Default for OrganizationSettings {
    fn default() -> Self {
        Self {
            reading_day_from: 20,
            reading_day_to: 25,
            due_day: 15,
            penalties_enabled: true,
        }
    }
}

/// An organization's data as created or replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationData {
    pub kind: OrganizationKind,
    pub name: String,
    /// ИНН, 10 digits.
    pub inn: String,
    /// КПП, 9 digits.
    pub kpp: String,
    /// ОГРН, 13 digits.
    pub ogrn: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub site: String,
    /// Opening hours as people write them, e.g. «пн–пт 9:00–18:00».
    pub hours: String,
    pub bank: BankDetails,
    #[serde(default)]
    pub settings: OrganizationSettings,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organization {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: OrganizationId,
    #[serde(flatten)]
    pub data: OrganizationData,
}

/// A staff member of one organization, created by an administrator (active at once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewOperator {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub organization_id: OrganizationId,
    pub login: String,
    pub email: String,
    pub full_name: String,
    pub phone: String,
    pub password: String,
}

/// A house (МКД).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseData {
    pub address: String,
    /// S_total: all premises, hundredths of m².
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub total_area: Area,
    /// Common area (formula 15), hundredths of m².
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub common_area: Area,
    /// Common-house shares capped at the norm (the default since 2017).
    #[serde(default = "yes")]
    pub share_cap_at_norm: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct House {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: HouseId,
    #[serde(flatten)]
    pub data: HouseData,
}

/// A flat or a non-residential premise of a house.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PremiseData {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub house_id: HouseId,
    /// «12», «12А», «пом. 3».
    pub number: String,
    #[serde(default = "yes")]
    pub residential: bool,
    /// Hundredths of m².
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub area: Area,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Premise {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: PremiseId,
    #[serde(flatten)]
    pub data: PremiseData,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// Жилищно-коммунальные услуги of a УК/ТСЖ.
    Zhku,
    /// Взносы на капитальный ремонт.
    Kapremont,
    /// A resource supplier's direct contract.
    Rso,
}

impl AccountKind {
    /// The name in JSON and in query strings.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Zhku => "zhku",
            AccountKind::Kapremont => "kapremont",
            AccountKind::Rso => "rso",
        }
    }

    /// The organizations that keep accounts of this kind, the best fit first: a capital
    /// repair account is kept by the regional operator or, for a special account, by the
    /// house's own company.
    pub fn keepers(self) -> &'static [OrganizationKind] {
        use OrganizationKind::*;
        match self {
            AccountKind::Zhku => &[Uk, Tsj, Zhsk],
            AccountKind::Kapremont => &[Kapremont, Uk, Tsj, Zhsk],
            AccountKind::Rso => &[Rso],
        }
    }

    /// Where `organization` stands among the keepers, `None` when it keeps none of this kind.
    pub fn fit(self, organization: OrganizationKind) -> Option<usize> {
        self.keepers().iter().position(|k| *k == organization)
    }
}

/// A personal account (лицевой счёт).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountData {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub premise_id: PremiseId,
    /// 1–30 characters, unique within the organization.
    pub number: String,
    pub kind: AccountKind,
    /// ФИО of the owner or the responsible tenant.
    pub holder: String,
    /// Registered persons.
    pub persons: i32,
    /// Debt (positive) or advance (negative), kopecks, carried over from before the first
    /// period billed in Domkom: the opening balance of that period.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub opening_balance: Money,
    /// The services billed to this account.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<i64>))]
    pub service_ids: Vec<ServiceId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub id: AccountId,
    #[serde(flatten)]
    pub data: AccountData,
    /// Printed on the receipt; proves to Domkom that a resident holds the account.
    pub link_code: String,
}
