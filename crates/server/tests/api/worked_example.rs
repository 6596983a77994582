//! domain.md's worked example, entered through the operator API and closed through the
//! endpoint: every kopeck of its tables. Flat 3's average needs six months of history, so
//! April–September are closed first with flat 3 alone; flats 1 and 2 join in October, flat 1
//! carrying the 1 500.00 debt of the example from before.

use crate::fixtures::{close_period, date};
use crate::helpers::TestApp;
use crate::on_both_backends;
use domkom_client::dto::ErrorCode;
use domkom_client::dto::*;
use domkom_client::Client;
use domkom_values::{AccountId, AreaNorm, HouseId, MeterId, Money, PremiseId, Quantity, ServiceId};

fn service(
    name: &str,
    unit: &str,
    method: ServiceMethodKind,
    sources: Vec<ServiceId>,
    order: i32,
) -> ServiceData {
    let metered = matches!(
        method,
        ServiceMethodKind::Meter | ServiceMethodKind::CommonShare
    );
    ServiceData {
        name: name.into(),
        unit: unit.into(),
        supplier_name: "ООО «УК Домовой-1»".into(),
        supplier_inn: "7700000001".into(),
        method,
        resource: metered.then_some(Resource::ColdWater),
        source_service_ids: sources,
        norm_per_person: Quantity::from_thousandths(if method == ServiceMethodKind::Meter {
            6_935
        } else {
            0
        }),
        norm_per_m2: (method == ServiceMethodKind::CommonShare)
            .then_some(AreaNorm::from_millionths(0)),
        sort_order: order,
    }
}

/// A price of `price` hundredths of a kopeck from 1 January.
async fn tariff(op: &Client, service_id: ServiceId, price: i64) {
    let data = TariffData {
        service_id,
        valid_from: date("2026-01-01"),
        zone: 0,
        price: domkom_values::Tariff::from_hundredths_of_kopeck(price),
    };
    op.create_tariff(&data).await.unwrap();
}

/// A meter showing `initial` thousandths when installed.
fn meter(
    account_id: Option<AccountId>,
    house_id: Option<HouseId>,
    service_id: ServiceId,
    installed: &str,
    initial: i64,
) -> MeterData {
    MeterData {
        account_id,
        house_id,
        service_id,
        serial: format!("ХВ-{initial}"),
        zones: 1,
        digits: 5,
        installed_on: date(installed),
        verification_due: date("2031-01-01"),
        initial_values: vec![Quantity::from_thousandths(initial)],
    }
}

/// A reading of `value` thousandths.
async fn read(op: &Client, meter_id: MeterId, period: &str, value: i64) {
    let data = ReadingData {
        meter_id,
        period: period.into(),
        zone: 1,
        value: Quantity::from_thousandths(value),
        rolled_over: false,
        taken_on: None,
    };
    op.create_reading(&data).await.unwrap();
}

/// An account carrying `opening` kopecks from before.
async fn account(
    op: &Client,
    premise_id: PremiseId,
    number: &str,
    persons: i32,
    opening: i64,
    services: &[ServiceId],
) -> AccountId {
    let data = AccountData {
        premise_id,
        number: number.into(),
        kind: AccountKind::Zhku,
        holder: format!("Житель квартиры {number}"),
        persons,
        opening_balance: Money::from_kopecks(opening),
        service_ids: services.to_vec(),
    };
    op.create_account(&data).await.unwrap().id
}

async fn the_worked_example_to_the_kopeck(app: TestApp) {
    let admin = app.admin().await;
    let (op, org) = app.operator(&admin, 1).await;
    let house = op
        .create_house(&HouseData {
            address: "ул. Примерная, 1".into(),
            total_area: domkom_values::Area::from_hundredths(20_000),
            common_area: domkom_values::Area::ZERO,
            share_cap_at_norm: false,
        })
        .await
        .unwrap()
        .id;
    let mut premises = Vec::new();
    for (number, area) in [("1", 5_000), ("2", 7_000), ("3", 8_000)] {
        let data = PremiseData {
            house_id: house,
            number: number.into(),
            residential: true,
            area: domkom_values::Area::from_hundredths(area),
        };
        premises.push(op.create_premise(&data).await.unwrap().id);
    }
    use ServiceMethodKind::*;
    let upkeep = op
        .create_service(&service(
            "Содержание жилого помещения",
            "м²",
            Area,
            vec![],
            1,
        ))
        .await
        .unwrap()
        .id;
    let cold = op
        .create_service(&service("Холодное водоснабжение", "м³", Meter, vec![], 2))
        .await
        .unwrap()
        .id;
    let common = op
        .create_service(&service("ХВС на СОИ", "м³", CommonShare, vec![cold], 3))
        .await
        .unwrap()
        .id;
    let waste = op
        .create_service(&service("Обращение с ТКО", "чел.", Person, vec![], 4))
        .await
        .unwrap()
        .id;
    let intercom = op
        .create_service(&service("Домофон", "мес.", Fixed, vec![], 5))
        .await
        .unwrap()
        .id;
    for (id, price) in [
        (upkeep, 255_000),
        (cold, 456_700),
        (common, 456_700),
        (waste, 1_203_000),
        (intercom, 500_000),
    ] {
        tariff(&op, id, price).await;
    }
    let services = [upkeep, cold, common, waste, intercom];

    // Flat 3 alone from April: 8, 9, 10, 9, 8, 10 m³.
    let flat3 = account(&op, premises[2], "1003", 1, 0, &services).await;
    let meter3 = op
        .create_meter(&meter(Some(flat3), None, cold, "2026-03-01", 0))
        .await
        .unwrap()
        .id;
    let mut value = 0;
    for (period, used) in [
        ("2026-04", 8),
        ("2026-05", 9),
        ("2026-06", 10),
        ("2026-07", 9),
        ("2026-08", 8),
        ("2026-09", 10),
    ] {
        value += used * 1_000;
        read(&op, meter3, period, value).await;
        close_period(&op, period).await;
    }

    // October: flats 1 and 2 with their September readings as installation values.
    let flat1 = account(&op, premises[0], "1001", 2, 150_000, &services).await;
    let flat2 = account(&op, premises[1], "1002", 3, 0, &services).await;
    let meter1 = op
        .create_meter(&meter(Some(flat1), None, cold, "2026-09-30", 100_000))
        .await
        .unwrap()
        .id;
    let meter2 = op
        .create_meter(&meter(Some(flat2), None, cold, "2026-09-30", 200_000))
        .await
        .unwrap()
        .id;
    let house_meter = op
        .create_meter(&meter(None, Some(house), cold, "2026-09-30", 1_000_000))
        .await
        .unwrap()
        .id;
    read(&op, meter1, "2026-10", 110_000).await;
    read(&op, meter2, "2026-10", 212_345).await;
    read(&op, house_meter, "2026-10", 1_040_000).await;
    let recalculation = RecalculationData {
        account_id: flat1,
        service_id: cold,
        period: "2026-10".into(),
        corrects_period: "2026-09".into(),
        amount: Money::from_kopecks(-10_000),
        reason: "некачественная услуга ХВС, сентябрь 2026".into(),
    };
    op.create_recalculation(&recalculation).await.unwrap();
    let payment = PaymentData {
        account_id: flat1,
        amount: Money::from_kopecks(200_000),
        paid_on: date("2026-10-12"),
        source: "bank".into(),
        external_id: Some("ПП-4711".into()),
        for_period: None,
    };
    op.create_payment(&payment).await.unwrap();
    close_period(&op, "2026-10").await;

    let october = AccountPeriodFilter {
        account_id: None,
        period: Some("2026-10".into()),
    };
    let lines = op
        .charges(
            &october,
            PageQuery {
                limit: Some(500),
                offset: None,
            },
        )
        .await
        .unwrap();
    let line = |account: AccountId, service: ServiceId| {
        lines
            .items
            .iter()
            .filter(|sheet| sheet.account_id == account)
            .flat_map(|sheet| &sheet.lines)
            .find(|l| l.service_id == service)
            .unwrap_or_else(|| panic!("no line for account {account}, service {service}"))
    };
    // содержание, ХВС, ХВС на СОИ, ТКО, домофон, total
    let expected = [
        (flat1, [127_500, 45_670, 9_883, 24_060, 5_000], 212_113),
        (flat2, [178_500, 56_380, 13_833, 36_090, 5_000], 289_803),
        (flat3, [204_000, 41_103, 15_811, 12_030, 5_000], 277_944),
    ];
    for (flat, amounts, total) in expected {
        let got: Vec<i64> = services
            .iter()
            .map(|&s| line(flat, s).amount.kopecks())
            .collect();
        assert_eq!(got, amounts, "account {flat}");
        assert_eq!(got.iter().sum::<i64>(), total);
        let sheet = lines.items.iter().find(|s| s.account_id == flat).unwrap();
        assert_eq!((sheet.lines.len(), sheet.amount.kopecks()), (5, total));
    }
    assert_eq!(lines.total, 3, "one sheet for each of three flats");
    let cold3 = line(flat3, cold);
    assert_eq!(
        (cold3.method.as_str(), cold3.volume.thousandths()),
        ("average", 9_000)
    );
    let shares: Vec<i64> = [flat1, flat2, flat3]
        .iter()
        .map(|&f| line(f, common).common_volume.thousandths())
        .collect();
    assert_eq!(
        shares,
        [2_164, 3_029, 3_462],
        "8.655 m³ by the largest remainder"
    );

    let statement = op
        .balances(
            &AccountPeriodFilter {
                account_id: Some(flat1),
                period: Some("2026-10".into()),
            },
            PageQuery::default(),
        )
        .await
        .unwrap();
    let b = &statement.items[0];
    assert_eq!(
        (
            b.opening.kopecks(),
            b.charged.kopecks(),
            b.recalculated.kopecks(),
            b.penalties.kopecks(),
            b.paid.kopecks(),
            b.closing.kopecks()
        ),
        (150_000, 212_113, -10_000, 0, 200_000, 152_113)
    );

    // Another organization sees none of it; a closed period refuses new readings.
    let (other, _) = app.operator(&admin, 2).await;
    assert_eq!(
        other
            .charges(&october, PageQuery::default())
            .await
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        other
            .balances(&october, PageQuery::default())
            .await
            .unwrap()
            .total,
        0
    );
    let late = ReadingData {
        meter_id: meter1,
        period: "2026-10".into(),
        zone: 1,
        value: Quantity::from_thousandths(111_000),
        rolled_over: false,
        taken_on: None,
    };
    assert_eq!(
        op.create_reading(&late).await.unwrap_err().code(),
        Some(ErrorCode::PeriodClosed)
    );
    let (resident, _) = app.signed_in("resident").await;
    assert_eq!(
        resident
            .charges(&october, PageQuery::default())
            .await
            .unwrap_err()
            .status(),
        Some(403)
    );

    // Flat 1's resident sees how the common-house line was found.
    let link = LinkAccount {
        organization_id: org.id,
        account_number: "1001".into(),
        link_code: Some(op.account(flat1).await.unwrap().link_code),
        last_receipt_total: None,
        kind: None,
    };
    resident.link_account(&link).await.unwrap();
    let explained = resident.period_charges(flat1, "2026-10").await.unwrap();
    let share = explained
        .lines
        .iter()
        .find(|l| l.service_id == common)
        .unwrap();
    assert_eq!(
        (share.method.as_str(), share.amount.kopecks()),
        ("share", 9_883)
    );
    for figure in ["формула 12", "8,655", "2,164", "м² квартиры"] {
        assert!(
            share.explanation.contains(figure),
            "{figure} in «{}»",
            share.explanation
        );
    }
    assert_eq!(explained.total.kopecks(), 212_113 - 10_000);

    crate::receipts::worked_example(&resident, &op, flat1, house).await;
}

on_both_backends!(the_worked_example_to_the_kopeck);
