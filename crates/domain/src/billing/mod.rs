//! The billing engine: one house, one period, every charge line.

pub mod charge;
pub mod input;
mod metered;

use std::collections::{BTreeMap, BTreeSet};

use crate::common_share::{common_shares, split_error, split_volume_by_area, HouseVolumes};
use crate::error::EngineError;
use crate::quantity::{Area, Quantity};
use charge::{Charge, ChargeDetails, ChargeMethod, DrainagePart};
use input::{AccountInput, HouseInput, ServiceInput, ServiceMethod};
use metered::{metered_lines, MeteredVolume};

/// Bills every account of `house` for `house.period`.
///
/// Lines come account by account in input order, and within an account in the order of
/// its `services` (a metered service gives one line per meter and zone). The same input
/// always gives the same output.
pub fn calculate_house(house: &HouseInput) -> Result<Vec<Charge>, EngineError> {
    let services = index_services(house)?;
    validate_accounts(house, &services)?;

    // Individual volumes first: shares and drainage are built from them.
    let mut metered: BTreeMap<(i64, i64), MeteredVolume> = BTreeMap::new();
    for account in &house.accounts {
        for &service_id in &account.services {
            let service = services[&service_id];
            if let ServiceMethod::Metered {
                norm_per_person,
                zone_tariffs,
            } = &service.method
            {
                let volume = metered_lines(
                    account,
                    service,
                    *norm_per_person,
                    zone_tariffs,
                    house.period,
                )?;
                metered.insert((account.account_id, service_id), volume);
            }
        }
    }
    let house_wide = house_wide_volumes(house, &services, &metered)?;

    let mut charges = Vec::new();
    for account in &house.accounts {
        for &service_id in &account.services {
            let service = services[&service_id];
            let key = (account.account_id, service_id);
            match &service.method {
                ServiceMethod::Metered { .. } => {
                    charges.extend(metered.get(&key).into_iter().flat_map(|v| v.lines.clone()));
                }
                ServiceMethod::CommonHouseShare(_) | ServiceMethod::HeatingByHouseMeter { .. } => {
                    charges.push(house_wide[&key].clone());
                }
                ServiceMethod::ByArea => {
                    let amount = service.tariff.charge_area(account.area)?;
                    let details = ChargeDetails::Area { area: account.area };
                    let volume = account.area.as_quantity();
                    charges.push(line(
                        account,
                        service,
                        ChargeMethod::Area,
                        volume,
                        amount,
                        details,
                    ));
                }
                ServiceMethod::PerPerson => {
                    let persons = account.registered_persons;
                    let amount = service.tariff.charge_persons(persons)?;
                    let volume = Quantity::from_units(i64::from(persons));
                    let details = ChargeDetails::Persons { persons };
                    charges.push(line(
                        account,
                        service,
                        ChargeMethod::Persons,
                        volume,
                        amount,
                        details,
                    ));
                }
                ServiceMethod::Fixed => {
                    let amount = service.tariff.charge_fixed()?;
                    let volume = Quantity::from_units(1);
                    charges.push(line(
                        account,
                        service,
                        ChargeMethod::Fixed,
                        volume,
                        amount,
                        ChargeDetails::Fixed,
                    ));
                }
                ServiceMethod::Drainage { source_service_ids } => {
                    let parts: Vec<DrainagePart> = source_service_ids
                        .iter()
                        .filter_map(|&source| {
                            metered
                                .get(&(account.account_id, source))
                                .map(|v| DrainagePart {
                                    service_id: source,
                                    volume: v.total,
                                    method: v.method,
                                })
                        })
                        .collect();
                    let volume = parts.iter().map(|p| p.volume).sum();
                    let amount = service.tariff.charge_volume(volume)?;
                    let details = ChargeDetails::Drainage { parts };
                    charges.push(line(
                        account,
                        service,
                        ChargeMethod::Drainage,
                        volume,
                        amount,
                        details,
                    ));
                }
            }
        }
    }
    Ok(charges)
}

fn line(
    account: &AccountInput,
    service: &ServiceInput,
    method: ChargeMethod,
    individual_volume: Quantity,
    amount: crate::money::Money,
    details: ChargeDetails,
) -> Charge {
    Charge {
        account_id: account.account_id,
        service_id: service.service_id,
        zone: None,
        method,
        individual_volume,
        common_volume: Quantity::ZERO,
        tariff: service.tariff,
        amount,
        details,
    }
}

/// Lines of the services split across the house (shares, heating), by account.
fn house_wide_volumes(
    house: &HouseInput,
    services: &BTreeMap<i64, &ServiceInput>,
    metered: &BTreeMap<(i64, i64), MeteredVolume>,
) -> Result<BTreeMap<(i64, i64), Charge>, EngineError> {
    let mut out = BTreeMap::new();
    for service in services.values() {
        let sharing: Vec<&AccountInput> = house
            .accounts
            .iter()
            .filter(|a| a.services.contains(&service.service_id))
            .collect();
        let shares: Vec<(Quantity, ChargeMethod, ChargeDetails)> = match &service.method {
            ServiceMethod::CommonHouseShare(input) => {
                let mut volumes = HouseVolumes::default();
                for account in &house.accounts {
                    for source in &input.resource_service_ids {
                        let v = metered
                            .get(&(account.account_id, *source))
                            .map_or(Quantity::ZERO, |v| v.total);
                        if account.residential {
                            volumes.residential += v;
                        } else {
                            volumes.non_residential += v;
                        }
                    }
                }
                common_shares(house, service.service_id, input, volumes, &sharing)?
                    .into_iter()
                    .map(|(q, d)| (q, ChargeMethod::Share, ChargeDetails::Share(d)))
                    .collect()
            }
            ServiceMethod::HeatingByHouseMeter { house_volume } => {
                let premises: Vec<(i64, Area)> =
                    sharing.iter().map(|a| (a.account_id, a.area)).collect();
                split_volume_by_area(*house_volume, &premises, house.total_area)
                    .map_err(|e| split_error(service.service_id, e))?
                    .into_iter()
                    .zip(&sharing)
                    .map(|(q, a)| {
                        let details = ChargeDetails::HouseMeterByArea {
                            house_volume: *house_volume,
                            flat_area: a.area,
                            total_area: house.total_area,
                        };
                        (q, ChargeMethod::HouseMeterByArea, details)
                    })
                    .collect()
            }
            _ => continue,
        };
        for (account, (volume, method, details)) in sharing.iter().zip(shares) {
            let charge = Charge {
                account_id: account.account_id,
                service_id: service.service_id,
                zone: None,
                method,
                individual_volume: Quantity::ZERO,
                common_volume: volume,
                tariff: service.tariff,
                amount: service.tariff.charge_volume(volume)?,
                details,
            };
            out.insert((account.account_id, service.service_id), charge);
        }
    }
    Ok(out)
}

fn index_services(house: &HouseInput) -> Result<BTreeMap<i64, &ServiceInput>, EngineError> {
    let mut services = BTreeMap::new();
    for s in &house.services {
        if services.insert(s.service_id, s).is_some() {
            return Err(EngineError::DuplicateService {
                service_id: s.service_id,
            });
        }
    }
    for s in &house.services {
        let sources: &[i64] = match &s.method {
            ServiceMethod::CommonHouseShare(c) => &c.resource_service_ids,
            ServiceMethod::Drainage { source_service_ids } => source_service_ids,
            _ => &[],
        };
        for &source_id in sources {
            let is_metered = services
                .get(&source_id)
                .is_some_and(|src| matches!(src.method, ServiceMethod::Metered { .. }));
            if !is_metered {
                return Err(EngineError::BadSourceService {
                    service_id: s.service_id,
                    source_id,
                });
            }
        }
    }
    Ok(services)
}

fn validate_accounts(
    house: &HouseInput,
    services: &BTreeMap<i64, &ServiceInput>,
) -> Result<(), EngineError> {
    if house.total_area < Area::ZERO || house.common_area < Area::ZERO {
        return Err(EngineError::NegativeInput);
    }
    let mut seen = BTreeSet::new();
    for account in &house.accounts {
        if !seen.insert(account.account_id) {
            return Err(EngineError::DuplicateAccount {
                account_id: account.account_id,
            });
        }
        if account.area < Area::ZERO {
            return Err(EngineError::NegativeInput);
        }
        let mut own = BTreeSet::new();
        for &service_id in &account.services {
            if !services.contains_key(&service_id) || !own.insert(service_id) {
                return Err(EngineError::UnknownService {
                    account_id: account.account_id,
                    service_id,
                });
            }
        }
        for meter in &account.meters {
            let metered = services
                .get(&meter.service_id)
                .is_some_and(|s| matches!(s.method, ServiceMethod::Metered { .. }));
            if !metered {
                return Err(EngineError::MeterOnUnmeteredService {
                    meter_id: meter.meter_id,
                    service_id: meter.service_id,
                });
            }
        }
    }
    Ok(())
}
