//! domain.md's worked example, every kopeck: house «ул. Примерная, 1», October 2026.

use chrono::NaiveDate;
use domkom_domain::balance::{account_balance, Payment};
use domkom_domain::billing::charge::{ChargeDetails, ChargeMethod, ShareFormula};
use domkom_domain::billing::input::{
    AccountInput, CommonShareInput, HouseInput, MeterInput, PastConsumption, Recalculation,
    ServiceInput, ServiceMethod, ShareCap, VolumeMethod, ZoneReading,
};
use domkom_domain::{calculate_house, Area, Charge, Money, Period, Quantity, Tariff};

const MAINTENANCE: i64 = 1;
const COLD_WATER: i64 = 2;
const COLD_WATER_COMMON: i64 = 3;
const WASTE: i64 = 4;
const INTERCOM: i64 = 5;

fn q(s: &str) -> Quantity {
    s.parse().unwrap()
}

fn rub(s: &str) -> Money {
    s.parse().unwrap()
}

fn period(s: &str) -> Period {
    s.parse().unwrap()
}

fn meter(id: i64, previous: &str, current: Option<&str>, history: &[(&str, &str)]) -> MeterInput {
    MeterInput {
        meter_id: id,
        service_id: COLD_WATER,
        digits: 5,
        verification_due: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
        zones: vec![ZoneReading {
            zone: 1,
            previous: q(previous),
            current: current.map(q),
            rolled_over: false,
        }],
        history: history
            .iter()
            .map(|(p, v)| PastConsumption {
                period: period(p),
                method: VolumeMethod::Meter,
                volumes: vec![q(v)],
            })
            .collect(),
    }
}

fn flat(account_id: i64, area_m2: i64, persons: u32, meter: MeterInput) -> AccountInput {
    AccountInput {
        account_id,
        area: Area::from_m2(area_m2),
        registered_persons: persons,
        residential: true,
        services: vec![MAINTENANCE, COLD_WATER, COLD_WATER_COMMON, WASTE, INTERCOM],
        meters: vec![meter],
    }
}

fn service(service_id: i64, tariff: &str, method: ServiceMethod) -> ServiceInput {
    ServiceInput {
        service_id,
        tariff: tariff.parse().unwrap(),
        method,
    }
}

pub fn example_house() -> HouseInput {
    let history = [
        ("2026-04", "8"),
        ("2026-05", "9"),
        ("2026-06", "10"),
        ("2026-07", "9"),
        ("2026-08", "8"),
        ("2026-09", "10"),
    ];
    HouseInput {
        house_id: 1,
        period: period("2026-10"),
        total_area: Area::from_m2(200),
        common_area: Area::from_m2(40),
        share_cap: ShareCap::NoCap,
        services: vec![
            service(MAINTENANCE, "25.50", ServiceMethod::ByArea),
            service(
                COLD_WATER,
                "45.67",
                ServiceMethod::Metered {
                    norm_per_person: q("4.9"),
                    zone_tariffs: vec![],
                },
            ),
            service(
                COLD_WATER_COMMON,
                "45.67",
                ServiceMethod::CommonHouseShare(CommonShareInput {
                    resource_service_ids: vec![COLD_WATER],
                    house_volume: Some(q("40.000")),
                    external_non_residential_volume: Quantity::ZERO,
                    norm_per_m2: None,
                }),
            ),
            service(WASTE, "120.30", ServiceMethod::PerPerson),
            service(INTERCOM, "50.00", ServiceMethod::Fixed),
        ],
        accounts: vec![
            flat(1001, 50, 2, meter(11, "100.000", Some("110.000"), &history)),
            flat(1002, 70, 3, meter(12, "200.000", Some("212.345"), &history)),
            flat(1003, 80, 1, meter(13, "300.000", None, &history)),
        ],
    }
}

fn line(charges: &[Charge], account_id: i64, service_id: i64) -> &Charge {
    let mut found = charges
        .iter()
        .filter(|c| c.account_id == account_id && c.service_id == service_id);
    let line = found.next().expect("a line");
    assert!(found.next().is_none(), "one line per account and service");
    line
}

#[test]
fn every_kopeck_of_the_october_bill() {
    let charges = calculate_house(&example_house()).unwrap();
    assert_eq!(charges.len(), 15);
    let expected = [
        (
            1001,
            ["1275.00", "456.70", "98.83", "240.60", "50.00"],
            "2121.13",
        ),
        (
            1002,
            ["1785.00", "563.80", "138.33", "360.90", "50.00"],
            "2898.03",
        ),
        (
            1003,
            ["2040.00", "411.03", "158.11", "120.30", "50.00"],
            "2779.44",
        ),
    ];
    let services = [MAINTENANCE, COLD_WATER, COLD_WATER_COMMON, WASTE, INTERCOM];
    for (account, amounts, total) in expected {
        for (service, amount) in services.iter().zip(amounts) {
            assert_eq!(
                line(&charges, account, *service).amount,
                rub(amount),
                "account {account} service {service}"
            );
        }
        let sum: Money = charges
            .iter()
            .filter(|c| c.account_id == account)
            .map(|c| c.amount)
            .sum();
        assert_eq!(sum, rub(total), "total of {account}");
    }
    // The printed forms of the totals.
    assert_eq!(rub("2121.13").to_string(), "2\u{a0}121.13");
}

#[test]
fn flat_3_is_billed_by_average_and_explains_it() {
    let charges = calculate_house(&example_house()).unwrap();
    let water = line(&charges, 1003, COLD_WATER);
    assert_eq!(water.method, ChargeMethod::Average);
    assert_eq!(water.individual_volume, q("9.000"));
    match &water.details {
        ChargeDetails::Average {
            months,
            months_total,
            in_row,
            ..
        } => {
            assert_eq!(months.len(), 6);
            assert_eq!(months[0], period("2026-09"));
            assert_eq!(*months_total, q("54"));
            assert_eq!(*in_row, 1);
        }
        other => panic!("expected average, got {other:?}"),
    }
    let water1 = line(&charges, 1001, COLD_WATER);
    assert_eq!(water1.method, ChargeMethod::Meter);
    assert_eq!(water1.individual_volume, q("10.000"));
}

#[test]
fn common_water_split_by_largest_remainder() {
    let charges = calculate_house(&example_house()).unwrap();
    let shares: Vec<Quantity> = [1001, 1002, 1003]
        .iter()
        .map(|&a| line(&charges, a, COLD_WATER_COMMON).common_volume)
        .collect();
    assert_eq!(shares, vec![q("2.164"), q("3.029"), q("3.462")]);
    let first = line(&charges, 1001, COLD_WATER_COMMON);
    assert_eq!(first.method, ChargeMethod::Share);
    assert_eq!(first.individual_volume, Quantity::ZERO);
    match &first.details {
        ChargeDetails::Share(d) => {
            assert_eq!(d.formula, ShareFormula::Formula12);
            assert_eq!(d.house_volume, Some(q("40")));
            assert_eq!(d.individual_total, q("31.345"));
            assert_eq!(d.distributed, q("8.655"));
            assert_eq!(
                (d.flat_area, d.total_area),
                (Area::from_m2(50), Area::from_m2(200))
            );
        }
        other => panic!("expected a share, got {other:?}"),
    }
}

#[test]
fn flat_1_october_statement() {
    let charges = calculate_house(&example_house()).unwrap();
    let october = period("2026-10");
    let recalculation = Recalculation {
        account_id: 1001,
        service_id: COLD_WATER,
        booked_in: october,
        corrects: period("2026-09"),
        amount: rub("-100.00"),
        reason: "некачественная услуга ХВС, сентябрь 2026".into(),
    };
    let payment = Payment {
        payment_id: 1,
        account_id: 1001,
        date: NaiveDate::from_ymd_opt(2026, 10, 12).unwrap(),
        amount: rub("2000.00"),
        period: None,
        booked_in: october,
    };
    let balance = account_balance(
        1001,
        october,
        rub("1500.00"),
        &charges,
        &[recalculation],
        Money::ZERO,
        &[payment],
    )
    .unwrap();
    assert_eq!(balance.opening, rub("1500.00"));
    assert_eq!(balance.charged, rub("2121.13"));
    assert_eq!(balance.recalculated, rub("-100.00"));
    assert_eq!(balance.paid, rub("2000.00"));
    assert_eq!(balance.closing, rub("1521.13"));
    assert!(balance.is_debt());
}

#[test]
fn output_round_trips_through_json() {
    let charges = calculate_house(&example_house()).unwrap();
    let json = serde_json::to_string(&charges).unwrap();
    let back: Vec<Charge> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, charges);
    let input: HouseInput =
        serde_json::from_str(&serde_json::to_string(&example_house()).unwrap()).unwrap();
    assert_eq!(input, example_house());
    let _: Tariff = "45.67".parse().unwrap();
}
