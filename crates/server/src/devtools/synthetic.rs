//! A synthetic organization of any size for benchmarks and failure tests: houses of 200
//! flats, 8 services (area, per person, fixed, three metered, drainage, a common-house
//! share), three meters per flat, readings for one period. Deterministic: the same size
//! gives the same data.

use crate::db::schema::{
    account_services as asv, accounts as a, houses as h, meters as m, premises as pr,
    readings as r, services as s, tariffs as t,
};
use crate::db::{self, now, DbConn};
use chrono::NaiveDate;
use diesel::prelude::*;
use domkom_domain::Period;
use domkom_values::{AccountId, HouseId, MeterId, OrganizationId, PremiseId, ServiceId};

const FLATS_PER_HOUSE: i64 = 200;

/// Inserts `rows` in batches through whichever backend is inside.
macro_rules! insert_batches {
    ($conn:expr, $table:expr, $rows:expr) => {
        for chunk in $rows.chunks(db::BATCH) {
            crate::per_backend!($conn, |c| diesel::insert_into($table)
                .values(chunk)
                .execute(c))?;
        }
    };
}

/// (name, unit, method, resource, tariff in 1/100 kopeck)
const SERVICES: [(&str, &str, &str, Option<&str>, i64); 8] = [
    ("Содержание жилого помещения", "м²", "area", None, 255_000),
    ("Обращение с ТКО", "чел.", "person", None, 1_203_000),
    ("Домофон", "мес.", "fixed", None, 500_000),
    (
        "Холодное водоснабжение",
        "м³",
        "meter",
        Some("cold_water"),
        456_700,
    ),
    (
        "Горячее водоснабжение",
        "м³",
        "meter",
        Some("hot_water"),
        2_453_300,
    ),
    (
        "Электроснабжение",
        "кВт·ч",
        "meter",
        Some("electricity"),
        65_600,
    ),
    ("Водоотведение", "м³", "drainage", None, 398_900),
    (
        "ХВС на СОИ",
        "м³",
        "common_share",
        Some("cold_water"),
        456_700,
    ),
];

/// A new organization with real-looking requisites; `n` makes its INN unique.
pub fn organization(conn: &mut DbConn, n: u64) -> anyhow::Result<OrganizationId> {
    use domkom_dto::{BankDetails, OrganizationData, OrganizationKind};
    let data = OrganizationData {
        kind: OrganizationKind::Uk,
        name: format!("ООО «УК Нагрузка-{n}»"),
        inn: format!("{:010}", 5_000_000_000 + n % 4_000_000_000),
        kpp: "770101001".into(),
        ogrn: "1157746000000".into(),
        address: "г. Тестовск, ул. Нагрузочная, д. 1".into(),
        phone: "+7 495 000-00-00".into(),
        email: "load@example.ru".into(),
        site: String::new(),
        hours: String::new(),
        bank: BankDetails {
            account: "40702810938000012345".into(),
            bank_name: "ПАО Сбербанк".into(),
            bic: "044525225".into(),
            corr_account: "30101810400000000225".into(),
        },
        settings: Default::default(),
    };
    Ok(db::organizations::insert(conn, &data)?)
}

/// Creates the data under an existing organization; returns the number of accounts.
pub fn generate(
    conn: &mut DbConn,
    org: OrganizationId,
    accounts: i64,
    period: Period,
) -> anyhow::Result<i64> {
    db::write_tx(conn, |conn| -> anyhow::Result<i64> {
        let service_ids = services(conn, org)?;
        let houses = (accounts + FLATS_PER_HOUSE - 1) / FLATS_PER_HOUSE;
        let since = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
        let mut flat = 0;
        for house in 0..houses {
            let flats = FLATS_PER_HOUSE.min(accounts - flat);
            let areas: Vec<i64> = (0..flats)
                .map(|i| 3_000 + (flat + i) * 37 % 7_000)
                .collect();
            let house_id = crate::per_backend!(conn, |c| diesel::insert_into(h::table)
                .values((
                    h::organization_id.eq(org),
                    h::address.eq(format!("г. Тестовск, ул. Нагрузочная, д. {}", house + 1)),
                    h::total_area.eq(areas.iter().sum::<i64>()),
                    h::common_area.eq(flats * 1_000),
                    h::share_cap_at_norm.eq(false),
                    h::created_at.eq(now()),
                ))
                .returning(h::id)
                .get_result::<HouseId>(c))?;
            let premises: Vec<_> = areas
                .iter()
                .enumerate()
                .map(|(i, area)| {
                    (
                        pr::organization_id.eq(org),
                        pr::house_id.eq(house_id),
                        pr::number.eq((i + 1).to_string()),
                        pr::area.eq(*area),
                    )
                })
                .collect();
            insert_batches!(conn, pr::table, premises);
            let premise_ids: Vec<PremiseId> = pr::table
                .filter(pr::house_id.eq(house_id))
                .order(pr::id)
                .select(pr::id)
                .load(conn)?;
            let rows: Vec<_> = premise_ids
                .iter()
                .enumerate()
                .map(|(i, &p)| {
                    let n = flat + i as i64;
                    (
                        a::organization_id.eq(org),
                        a::premise_id.eq(p),
                        a::number.eq(format!("{:08}", n + 1)),
                        a::kind.eq("zhku"),
                        a::holder.eq(format!("Жилец №{}", n + 1)),
                        a::persons.eq(1 + (n % 4) as i32),
                        a::link_code.eq(format!("{:08X}", n * 2_654_435_761 % 4_294_967_291)),
                        a::created_at.eq(now()),
                    )
                })
                .collect();
            insert_batches!(conn, a::table, rows);
            let account_ids: Vec<AccountId> = a::table
                .inner_join(pr::table)
                .filter(pr::house_id.eq(house_id))
                .order(a::id)
                .select(a::id)
                .load(conn)?;
            let links: Vec<_> = account_ids
                .iter()
                .flat_map(|&acc| {
                    service_ids.iter().map(move |&sv| {
                        (
                            asv::account_id.eq(acc),
                            asv::service_id.eq(sv),
                            asv::organization_id.eq(org),
                        )
                    })
                })
                .collect();
            insert_batches!(conn, asv::table, links);
            meters_and_readings(
                conn,
                org,
                house_id,
                &account_ids,
                &service_ids,
                since,
                period,
                flat,
            )?;
            flat += flats;
        }
        Ok(flat)
    })
}

fn services(conn: &mut DbConn, org: OrganizationId) -> anyhow::Result<Vec<ServiceId>> {
    let since = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
    let mut ids: Vec<ServiceId> = Vec::new();
    for (i, (name, unit, method, resource, price)) in SERVICES.iter().enumerate() {
        // Drainage sums cold and hot water; the common share follows cold water.
        let sources = match *method {
            "drainage" => db::join_ids(&[ids[3], ids[4]]),
            "common_share" => ids[3].to_string(),
            _ => String::new(),
        };
        let id = crate::per_backend!(conn, |c| diesel::insert_into(s::table)
            .values((
                s::organization_id.eq(org),
                s::name.eq(*name),
                s::unit.eq(*unit),
                s::supplier_name.eq("ООО «Ресурс»"),
                s::supplier_inn.eq("7700000000"),
                s::method.eq(*method),
                s::resource.eq(*resource),
                s::source_service_ids.eq(sources),
                s::norm_per_person.eq(if *method == "meter" { 4_500 } else { 0 }),
                s::norm_per_m2.eq(None::<i64>),
                s::sort_order.eq(i as i32),
            ))
            .returning(s::id)
            .get_result::<ServiceId>(c))?;
        diesel::insert_into(t::table)
            .values((
                t::organization_id.eq(org),
                t::service_id.eq(id),
                t::valid_from.eq(since),
                t::zone.eq(0),
                t::price.eq(*price),
            ))
            .execute(conn)?;
        ids.push(id);
    }
    Ok(ids)
}

#[allow(clippy::too_many_arguments)]
fn meters_and_readings(
    conn: &mut DbConn,
    org: OrganizationId,
    house_id: HouseId,
    account_ids: &[AccountId],
    service_ids: &[ServiceId],
    since: NaiveDate,
    period: Period,
    first_flat: i64,
) -> anyhow::Result<()> {
    let due = NaiveDate::from_ymd_opt(2032, 1, 1).unwrap_or_default();
    let metered = [service_ids[3], service_ids[4], service_ids[5]];
    let mut rows: Vec<_> = account_ids
        .iter()
        .flat_map(|&acc| {
            metered.iter().map(move |&sv| {
                (
                    m::organization_id.eq(org),
                    m::account_id.eq(Some(acc)),
                    m::house_id.eq(house_id),
                    m::service_id.eq(sv),
                    m::serial.eq(format!("S{acc}-{sv}")),
                    m::installed_on.eq(since),
                    m::verification_due.eq(due),
                    m::initial_values.eq("100000"),
                )
            })
        })
        .collect();
    // The house's cold-water meter for the common-house share.
    rows.push((
        m::organization_id.eq(org),
        m::account_id.eq(None),
        m::house_id.eq(house_id),
        m::service_id.eq(service_ids[3]),
        m::serial.eq(format!("ODPU-{house_id}")),
        m::installed_on.eq(since),
        m::verification_due.eq(due),
        m::initial_values.eq("0"),
    ));
    insert_batches!(conn, m::table, rows);
    let meters: Vec<(MeterId, Option<AccountId>)> = m::table
        .filter(m::house_id.eq(house_id))
        .order(m::id)
        .select((m::id, m::account_id))
        .load(conn)?;
    let key = period.to_string();
    let flats = account_ids.len() as i64;
    let readings: Vec<_> = meters
        .iter()
        .enumerate()
        // Every tenth flat meter sends nothing this month and is billed by norm.
        .filter(|(i, (_, account))| account.is_none() || (first_flat + *i as i64 / 3) % 10 != 0)
        .map(|(i, (id, account))| {
            let value = match account {
                Some(_) => 100_000 + 3_000 + (i as i64 * 7_919) % 9_000,
                None => flats * 12_000,
            };
            (
                r::organization_id.eq(org),
                r::meter_id.eq(*id),
                r::period.eq(key.clone()),
                r::value.eq(value),
                r::source.eq("import"),
                r::created_at.eq(now()),
                r::taken_on.eq(period.last_day()),
            )
        })
        .collect();
    insert_batches!(conn, r::table, readings);
    Ok(())
}
