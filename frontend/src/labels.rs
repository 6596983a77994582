//! The API's machine words in the resident's words.

use domkom_dto::{AccountKind, ConsumptionMethod, OrganizationKind, ReadingSource, Resource};

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

/// What a meter measures.
pub fn resource(resource: Option<Resource>) -> &'static str {
    match resource {
        Some(Resource::ColdWater) => "Холодная вода",
        Some(Resource::HotWater) => "Горячая вода",
        Some(Resource::Electricity) => "Электроэнергия",
        Some(Resource::Heat) => "Тепловая энергия",
        Some(Resource::Gas) => "Газ",
        None => "Прибор учёта",
    }
}

/// Who gave a reading.
pub fn reading_source(source: ReadingSource) -> &'static str {
    match source {
        ReadingSource::Resident => "в личном кабинете",
        ReadingSource::Operator => "управляющая организация",
        ReadingSource::Import => "из реестра показаний",
    }
}

/// How a month's consumption was found.
pub fn consumption_method(method: ConsumptionMethod) -> &'static str {
    match method {
        ConsumptionMethod::Meter => "по показаниям",
        ConsumptionMethod::Average => "по среднему",
        ConsumptionMethod::Norm => "по нормативу",
    }
}

/// Where a payment came from (`AccountPayment::source`): a registry's name stays as it is.
pub fn payment_source(source: &str) -> &str {
    match source {
        "online" => "онлайн",
        "bank" => "банк",
        "cash" => "касса",
        other => other,
    }
}
