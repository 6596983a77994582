//! House-wide services: common-house shares, heating, zones and drainage.

use domkom_domain::billing::charge::{ChargeDetails, ChargeMethod, ShareFormula};
use domkom_domain::billing::input::{
    CommonShareInput, HouseInput, MeterInput, ServiceInput, ServiceMethod, ShareCap, ZoneReading,
};
use domkom_domain::{calculate_house, Area, AreaNorm, Charge, EngineError, Money, Quantity};

mod support;
use support::*;

fn share_service(house_volume: Option<&str>, norm: Option<i64>) -> ServiceInput {
    ServiceInput {
        service_id: SHARE,
        tariff: "10.00".parse().unwrap(),
        method: ServiceMethod::CommonHouseShare(CommonShareInput {
            resource_service_ids: vec![WATER],
            house_volume: house_volume.map(q),
            external_non_residential_volume: Quantity::ZERO,
            norm_per_m2: norm.map(AreaNorm::from_millionths),
        }),
    }
}

fn share_house(house_volume: Option<&str>, norm: Option<i64>, cap: ShareCap) -> HouseInput {
    let read = |v: &str| vec![meter(WATER, 5, vec![zone("0", Some(v), false)])];
    let mut h = house(
        vec![
            metered(WATER, "10.00", &[]),
            share_service(house_volume, norm),
        ],
        vec![
            account(1, 100, &[WATER, SHARE], read("10")),
            account(2, 100, &[WATER, SHARE], read("10")),
        ],
    );
    h.share_cap = cap;
    h
}

fn share_of(c: &[Charge], account: i64) -> Quantity {
    c.iter()
        .find(|l| l.account_id == account && l.service_id == SHARE)
        .unwrap()
        .common_volume
}

#[test]
fn negative_common_volume_gives_zero() {
    let c = calculate_house(&share_house(Some("15"), None, ShareCap::NoCap)).unwrap();
    assert_eq!(
        (share_of(&c, 1), share_of(&c, 2)),
        (Quantity::ZERO, Quantity::ZERO)
    );
    let line = c.iter().find(|l| l.service_id == SHARE).unwrap();
    assert_eq!(line.amount, Money::ZERO);
}

#[test]
fn share_is_capped_at_the_norm_when_the_house_says_so() {
    // House 30 − 20 = 10 m³ → 5 each; norm 0.05 m³/m² × 40 m² = 2 m³ → 1 each.
    let uncapped =
        calculate_house(&share_house(Some("30"), Some(50_000), ShareCap::NoCap)).unwrap();
    assert_eq!(share_of(&uncapped, 1), q("5"));
    let capped = calculate_house(&share_house(Some("30"), Some(50_000), ShareCap::AtNorm)).unwrap();
    assert_eq!(share_of(&capped, 1), q("1"));
    let line = capped.iter().find(|l| l.service_id == SHARE).unwrap();
    match &line.details {
        ChargeDetails::Share(d) => assert_eq!((d.uncapped, d.cap), (q("5"), Some(q("1")))),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        calculate_house(&share_house(Some("30"), None, ShareCap::AtNorm)),
        Err(EngineError::MissingAreaNorm { service_id: SHARE })
    );
}

#[test]
fn formula_15_without_house_meter() {
    let c = calculate_house(&share_house(None, Some(50_000), ShareCap::AtNorm)).unwrap();
    assert_eq!(share_of(&c, 1), q("1"));
    let line = c.iter().find(|l| l.service_id == SHARE).unwrap();
    assert!(
        matches!(&line.details, ChargeDetails::Share(d) if d.formula == ShareFormula::Formula15)
    );
}

#[test]
fn published_formula_12_example_through_the_engine() {
    // (12000 − 1000 − 4000 − 5000) × 60 / 2400 × 1.936 ₽ = 96.80 ₽.
    let read = |v: &str| vec![meter(WATER, 6, vec![zone("0", Some(v), false)])];
    let mut share = share_service(Some("12000"), None);
    share.tariff = "1.936".parse().unwrap();
    if let ServiceMethod::CommonHouseShare(s) = &mut share.method {
        s.external_non_residential_volume = q("1000");
    }
    let mut h = house(
        vec![metered(WATER, "10.00", &[]), share],
        vec![
            account(1, 60, &[WATER, SHARE], read("4000")),
            account(2, 1340, &[WATER], read("5000")),
        ],
    );
    h.total_area = Area::from_m2(2400);
    let c = calculate_house(&h).unwrap();
    let line = c.iter().find(|l| l.service_id == SHARE).unwrap();
    assert_eq!(line.common_volume, q("50"));
    assert_eq!(line.amount, Money::from_kopecks(9680));
}

#[test]
fn electricity_by_zone_drainage_and_heating() {
    let power_meter = MeterInput {
        meter_id: 7,
        zones: vec![
            ZoneReading {
                zone: 1,
                ..zone("1000", Some("1150"), false)
            },
            ZoneReading {
                zone: 2,
                ..zone("500", Some("560"), false)
            },
        ],
        ..meter(POWER, 6, vec![])
    };
    let water = MeterInput {
        meter_id: 8,
        ..meter(WATER, 5, vec![zone("0", Some("3.5"), false)])
    };
    let hot = MeterInput {
        meter_id: 9,
        ..meter(HOT, 5, vec![zone("0", Some("2.25"), false)])
    };
    let services = vec![
        metered(POWER, "6.00", &["7.00", "3.00"]),
        metered(WATER, "10.00", &[]),
        metered(HOT, "200.00", &[]),
        ServiceInput {
            service_id: DRAIN,
            tariff: "40.00".parse().unwrap(),
            method: ServiceMethod::Drainage {
                source_service_ids: vec![WATER, HOT],
            },
        },
        ServiceInput {
            service_id: HEAT,
            tariff: "2500.00".parse().unwrap(),
            method: ServiceMethod::HeatingByHouseMeter {
                house_volume: q("10"),
            },
        },
    ];
    let accounts = vec![
        account(
            1,
            50,
            &[POWER, WATER, HOT, DRAIN, HEAT],
            vec![power_meter, water, hot],
        ),
        account(2, 150, &[HEAT], vec![]),
    ];
    let c = calculate_house(&house(services, accounts)).unwrap();
    let power: Vec<_> = c.iter().filter(|l| l.service_id == POWER).collect();
    assert_eq!(power.len(), 2);
    assert_eq!(
        (power[0].zone, power[0].amount),
        (Some(1), Money::from_rubles(1050))
    );
    assert_eq!(
        (power[1].zone, power[1].amount),
        (Some(2), Money::from_rubles(180))
    );
    let drain = c.iter().find(|l| l.service_id == DRAIN).unwrap();
    assert_eq!(drain.individual_volume, q("5.75"));
    assert_eq!(drain.amount, Money::from_rubles(230));
    let heat: Vec<_> = c.iter().filter(|l| l.service_id == HEAT).collect();
    assert_eq!(heat[0].common_volume, q("2.5"));
    assert_eq!(heat[1].common_volume, q("7.5"));
    assert_eq!(heat[0].method, ChargeMethod::HouseMeterByArea);
    for line in &c {
        let billed = line.individual_volume + line.common_volume;
        assert_eq!(line.tariff.charge_volume(billed).unwrap(), line.amount);
    }
}

#[test]
fn inconsistent_input_is_an_error() {
    let h = house(
        vec![metered(WATER, "10.00", &[])],
        vec![account(1, 50, &[99], vec![])],
    );
    assert_eq!(
        calculate_house(&h),
        Err(EngineError::UnknownService {
            account_id: 1,
            service_id: 99
        })
    );
    let mut h = share_house(Some("30"), None, ShareCap::NoCap);
    h.total_area = Area::from_m2(150);
    assert_eq!(
        calculate_house(&h),
        Err(EngineError::AreaExceedsHouse { service_id: SHARE })
    );
}
