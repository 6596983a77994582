//! The eight services of a demo organization and their tariffs.

use super::company::{date, Services};
use super::data::Spec;
use crate::db::{self, services, tariffs};
use chrono::{Datelike, NaiveDate};
use diesel::QueryResult;
use domkom_domain::Period;
use domkom_dto::*;
use domkom_values::{AreaNorm, OrganizationId, Quantity, ServiceId, TariffId};
/// name, unit, method, resource, norm per person, which of `Spec::prices`.
type ServiceRow = (
    &'static str,
    &'static str,
    ServiceMethodKind,
    Option<Resource>,
    i64,
    usize,
);

/// The eight services with their tariffs from the July before the history, indexed every
/// July since; returns all ids in display order and the ones the history needs.
pub fn create_services(
    conn: &mut db::DbConn,
    org: OrganizationId,
    spec: &Spec,
    first: Period,
    current: Period,
) -> anyhow::Result<(Vec<ServiceId>, Services)> {
    use ServiceMethodKind::*;
    let mut ids: Vec<ServiceId> = Vec::new();
    let rows: [ServiceRow; 8] = [
        ("Содержание жилого помещения", "м²", Area, None, 0, 0),
        (
            "Холодное водоснабжение",
            "м³",
            Meter,
            Some(Resource::ColdWater),
            6_935,
            1,
        ),
        (
            "Горячее водоснабжение",
            "м³",
            Meter,
            Some(Resource::HotWater),
            4_745,
            2,
        ),
        ("Водоотведение", "м³", Drainage, None, 0, 3),
        (
            "Электроснабжение",
            "кВт·ч",
            Meter,
            Some(Resource::Electricity),
            70_000,
            4,
        ),
        (
            "ХВС на СОИ",
            "м³",
            CommonShare,
            Some(Resource::ColdWater),
            0,
            1,
        ),
        ("Обращение с ТКО", "чел.", Person, None, 0, 5),
        ("Домофон", "мес.", Fixed, None, 0, 6),
    ];
    let base_year = if first.first_day().month() >= 7 {
        first.first_day().year()
    } else {
        first.first_day().year() - 1
    };
    for (i, (name, unit, method, resource, norm, price)) in rows.into_iter().enumerate() {
        let sources = match method {
            Drainage => vec![ids[1], ids[2]],
            CommonShare => vec![ids[1]],
            _ => vec![],
        };
        let id = services::insert(
            conn,
            org,
            &ServiceData {
                name: name.into(),
                unit: unit.into(),
                supplier_name: spec.name.into(),
                supplier_inn: spec.inn.into(),
                method,
                resource,
                source_service_ids: sources,
                norm_per_person: Quantity::from_thousandths(norm),
                norm_per_m2: (method == CommonShare).then_some(AreaNorm::from_millionths(25_500)),
                sort_order: i as i32 + 1,
            },
        )?;
        let mut price = spec.prices[price];
        let mut year = base_year;
        while date(year, 7, 1) <= current.first_day() {
            tariff(conn, org, id, date(year, 7, 1), price)?;
            // +10 %, to the kopeck.
            price = (price * 110 / 100 + 50) / 100 * 100;
            year += 1;
        }
        ids.push(id);
    }
    let services = Services {
        cold: ids[1],
        hot: ids[2],
        electricity: ids[4],
        waste: ids[6],
        intercom: ids[7],
    };
    Ok((ids, services))
}

fn tariff(
    conn: &mut db::DbConn,
    org: OrganizationId,
    service: ServiceId,
    from: NaiveDate,
    price: i64,
) -> QueryResult<TariffId> {
    tariffs::insert(
        conn,
        org,
        &TariffData {
            service_id: service,
            valid_from: from,
            zone: 0,
            price: domkom_values::Tariff::from_hundredths_of_kopeck(price),
        },
    )
}
