//! The demo's correspondence: a catalogue of paid services for each organization, and the
//! demo resident's appeals and requests in every status, so both the cabinet and the
//! staff's desk have something to show.

use super::company::Company;
use crate::appeals;
use crate::auth::Operator;
use crate::correspondence::Party as AppealParty;
use crate::db::{self, appeals as a, paid_services as ps, DbConn};
use chrono::{Days, NaiveDate};
use domkom_dto::{AppealStatus, Contact, PaidServiceData, TimeSlot};
use domkom_values::{Money, PaidServiceId, UserId};

/// Name, description, price (₽; none: «по договорённости»), unit.
const CATALOGUE: [(&str, &str, Option<i64>, &str); 5] = [
    (
        "Вызов сантехника",
        "Осмотр, устранение протечек, прочистка",
        Some(1_500),
        "час",
    ),
    (
        "Вызов электрика",
        "Розетки, выключатели, автоматы в квартирном щитке",
        Some(1_800),
        "час",
    ),
    (
        "Замена смесителя",
        "Демонтаж старого и установка смесителя жильца",
        Some(2_500),
        "услуга",
    ),
    (
        "Установка счётчика воды",
        "С опломбировкой; цена зависит от разводки",
        None,
        "шт.",
    ),
    (
        "Вывоз крупногабаритного мусора",
        "Мебель, техника; до 2 м³",
        Some(3_000),
        "услуга",
    ),
];

/// Topic, the resident's text, the company's answer if any, where it stands.
const APPEALS: [(&str, &str, Option<&str>, AppealStatus); 4] = [
    (
        "Содержание и ремонт дома",
        "В подъезде на 3 этаже не горит свет уже неделю.",
        None,
        AppealStatus::New,
    ),
    (
        "Отопление и горячая вода",
        "В квартире холодно, батареи еле тёплые. Прошу проверить стояк.",
        None,
        AppealStatus::InProgress,
    ),
    (
        "Начисления и оплата",
        "Почему в ноябре выросла сумма за содержание?",
        Some("Тариф на содержание изменён решением общего собрания с 1 ноября; протокол — на стенде у входа."),
        AppealStatus::Answered,
    ),
    (
        "Уборка и благоустройство",
        "Просим установить скамейку у второго подъезда.",
        Some("Скамейка установлена 10 числа. Спасибо за обращение!"),
        AppealStatus::Closed,
    ),
];

/// Writes the catalogue and the demo resident's appeals and requests about `account`.
pub fn create(
    conn: &mut DbConn,
    c: &Company,
    resident: UserId,
    today: NaiveDate,
) -> anyhow::Result<()> {
    let services = catalogue(conn, c)?;
    let Some(flat) = c.flats.iter().find(|f| f.is_resident) else {
        return Ok(());
    };
    let account = flat.account_id;
    let house = a::house_of(conn, account)?.ok_or_else(|| anyhow::anyhow!("no house"))?;
    let contact = Contact {
        phone: Some("+7 916 555-01-23".into()),
        email: None,
    };
    let staff = AppealParty::Staff(Operator {
        user_id: c.operator_id,
        organization_id: c.org,
    });
    for (topic, text, answer, status) in APPEALS {
        let new = a::New {
            organization_id: c.org,
            account_id: account,
            house_id: house,
            user_id: resident,
            topic,
            text,
            contact: contact.clone(),
        };
        let id = a::insert(conn, &new, &[])?;
        if let Some(answer) = answer {
            appeals::write(conn, staff, id, answer, &[]).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        }
        if matches!(status, AppealStatus::InProgress | AppealStatus::Closed) {
            appeals::set_status(conn, staff, id, status).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        }
    }
    requests(conn, c, resident, &services, house, contact, today)
}

fn catalogue(conn: &mut DbConn, c: &Company) -> anyhow::Result<Vec<PaidServiceId>> {
    CATALOGUE
        .iter()
        .map(|(name, description, rubles, unit)| {
            let data = PaidServiceData {
                name: (*name).into(),
                description: (*description).into(),
                price: rubles.map(|r| Money::from_kopecks(r * 100)),
                unit: (*unit).into(),
                active: true,
            };
            Ok(ps::insert_service(conn, c.org, &data)?)
        })
        .collect()
}

/// A request of each status: new, accepted, done with a price to pay, rejected.
fn requests(
    conn: &mut DbConn,
    c: &Company,
    resident: UserId,
    services: &[PaidServiceId],
    house: domkom_values::HouseId,
    contact: Contact,
    today: NaiveDate,
) -> anyhow::Result<()> {
    let (Some(account), [plumber, electrician, mixer, meter, ..]) =
        (c.flats.iter().find(|f| f.is_resident), services)
    else {
        return Ok(());
    };
    let day = |n: u64| today.checked_add_days(Days::new(n)).unwrap_or(today);
    let at = |n: u64| day(n).and_hms_opt(10, 0, 0).unwrap_or_default();
    let moves = [
        (*meter, vec![]),
        (
            *electrician,
            vec![ps::Move::Accept {
                at: at(2),
                price: Money::from_kopecks(180_000),
            }],
        ),
        (
            *plumber,
            vec![
                ps::Move::Accept {
                    at: at(0),
                    price: Money::from_kopecks(150_000),
                },
                ps::Move::Done,
            ],
        ),
        (
            *mixer,
            vec![ps::Move::Reject {
                reason: "Смеситель этой модели не подходит к вашей разводке; позвоните нам, \
                         подберём другой."
                    .into(),
            }],
        ),
    ];
    for (service, steps) in moves {
        let service = ps::get_service(conn, c.org, service)?
            .ok_or_else(|| anyhow::anyhow!("paid service {service}"))?;
        let id = ps::insert(
            conn,
            &ps::New {
                organization_id: c.org,
                account_id: account.account_id,
                house_id: house,
                user_id: resident,
                service: &service,
                preferred_date: day(3),
                time_slot: TimeSlot::Morning,
                comment: "",
                contact: contact.clone(),
            },
        )?;
        for step in steps {
            let from = ps::row(conn, id)?
                .ok_or_else(|| anyhow::anyhow!("request {id}"))?
                .status();
            db::paid_services::transition(conn, id, from, step)?;
        }
    }
    Ok(())
}
