//! The API's machine words in the resident's words.

use domkom_dto::{AccountKind, OrganizationKind};

pub fn account_kind(kind: AccountKind) -> &'static str {
    match kind {
        AccountKind::Zhku => "Жилищно-коммунальные услуги",
        AccountKind::Kapremont => "Капитальный ремонт",
        AccountKind::Rso => "Ресурсоснабжающая организация",
    }
}

pub fn organization_kind(kind: OrganizationKind) -> &'static str {
    match kind {
        OrganizationKind::Uk => "Управляющая компания",
        OrganizationKind::Tsj => "ТСЖ",
        OrganizationKind::Zhsk => "ЖСК",
        OrganizationKind::Rso => "Ресурсоснабжающая организация",
        OrganizationKind::Kapremont => "Фонд капитального ремонта",
    }
}

/// How a charge was calculated (`ExplainedLine::method`, `AccountService::method`).
pub fn method(method: &str) -> &str {
    match method {
        "meter" => "по счётчику",
        "average" => "по среднему расходу",
        "norm" => "по нормативу",
        "area" => "по площади",
        "persons" => "по числу жильцов",
        "fixed" => "фиксированная плата",
        "share" => "общедомовые нужды",
        "house_meter_by_area" => "по общедомовому счётчику",
        "drainage" => "сумма расхода воды",
        // A method added to the API later still reads as something.
        other => other,
    }
}
