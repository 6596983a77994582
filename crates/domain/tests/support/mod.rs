//! Builders shared by the engine tests (each test binary uses a part of them).
#![allow(dead_code)]

use chrono::NaiveDate;
use domkom_domain::billing::input::{
    AccountInput, HouseInput, MeterInput, PastConsumption, ServiceInput, ServiceMethod, ShareCap,
    VolumeMethod, ZoneReading,
};
use domkom_domain::{Area, Period, Quantity};

pub const WATER: i64 = 10;
pub const SHARE: i64 = 20;
pub const POWER: i64 = 30;
pub const HOT: i64 = 40;
pub const DRAIN: i64 = 50;
pub const HEAT: i64 = 60;

pub fn q(s: &str) -> Quantity {
    s.parse().unwrap()
}

pub fn period(s: &str) -> Period {
    s.parse().unwrap()
}

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn zone(previous: &str, current: Option<&str>, rolled_over: bool) -> ZoneReading {
    ZoneReading {
        zone: 1,
        previous: q(previous),
        current: current.map(q),
        rolled_over,
    }
}

pub fn meter(service_id: i64, digits: u8, zones: Vec<ZoneReading>) -> MeterInput {
    MeterInput {
        meter_id: 1,
        service_id,
        digits,
        verification_due: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
        zones,
        history: vec![],
    }
}

pub fn history(entries: &[(&str, VolumeMethod, &str)]) -> Vec<PastConsumption> {
    entries
        .iter()
        .map(|(p, method, v)| PastConsumption {
            period: period(p),
            method: *method,
            volumes: vec![q(v)],
        })
        .collect()
}

pub fn metered(id: i64, tariff: &str, zone_tariffs: &[&str]) -> ServiceInput {
    ServiceInput {
        service_id: id,
        tariff: tariff.parse().unwrap(),
        method: ServiceMethod::Metered {
            norm_per_person: q("5"),
            zone_tariffs: zone_tariffs.iter().map(|t| t.parse().unwrap()).collect(),
        },
    }
}

pub fn account(id: i64, area_m2: i64, services: &[i64], meters: Vec<MeterInput>) -> AccountInput {
    AccountInput {
        account_id: id,
        area: Area::from_m2(area_m2),
        registered_persons: 2,
        residential: true,
        services: services.to_vec(),
        meters,
    }
}

pub fn house(services: Vec<ServiceInput>, accounts: Vec<AccountInput>) -> HouseInput {
    HouseInput {
        house_id: 1,
        period: period("2026-10"),
        total_area: Area::from_m2(200),
        common_area: Area::from_m2(40),
        share_cap: ShareCap::NoCap,
        services,
        accounts,
    }
}
