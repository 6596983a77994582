//! Common-house shares (коммунальные ресурсы на СОИ, Annex 2 to Правила 354):
//! formula 12 with a house meter, formula 15 without, optionally capped at the norm,
//! split by area with the largest-remainder method.

use crate::billing::charge::{ShareDetails, ShareFormula};
use crate::billing::input::{AccountInput, CommonShareInput, HouseInput, ShareCap};
use crate::decimal::{div_round_half_up, to_i64};
use crate::error::EngineError;
use crate::quantity::{Area, AreaNorm, Quantity};
use crate::split::{split_by_weight, SplitError, Weight};

/// Formula 12's volume to split: V_house − Σ V_individual − Σ V_non-residential; a
/// negative difference (meters read more than the house meter) gives 0.
pub fn formula12_volume(
    house: Quantity,
    individual: Quantity,
    non_residential: Quantity,
) -> Quantity {
    (house - individual - non_residential).max(Quantity::ZERO)
}

/// Formula 15's volume to split: norm per m² × S_common, rounded half up to the
/// thousandth (the unit shares are split in).
pub fn formula15_volume(norm: AreaNorm, common_area: Area) -> Result<Quantity, EngineError> {
    // millionths/m² × hundredths of m² = 10^-8 units; a thousandth is 10^5 of those.
    let exact = i128::from(norm.millionths()) * i128::from(common_area.hundredths());
    to_i64(div_round_half_up(exact, 100_000))
        .map(Quantity::from_thousandths)
        .ok_or(EngineError::Overflow)
}

/// Splits a house volume among premises by area (S_i / S_total), in thousandths, by
/// largest remainder; see [`split_by_weight`] for the tie-break.
pub fn split_volume_by_area(
    volume: Quantity,
    premises: &[(i64, Area)],
    total_area: Area,
) -> Result<Vec<Quantity>, SplitError> {
    let parts: Vec<Weight> = premises
        .iter()
        .map(|&(key, area)| Weight {
            key,
            weight: area.hundredths(),
        })
        .collect();
    let shares = split_by_weight(volume.thousandths(), &parts, total_area.hundredths())?;
    Ok(shares.into_iter().map(Quantity::from_thousandths).collect())
}

pub(crate) fn split_error(service_id: i64, e: SplitError) -> EngineError {
    match e {
        SplitError::WeightsExceedTotal => EngineError::AreaExceedsHouse { service_id },
        SplitError::Invalid => EngineError::NoHouseArea { service_id },
    }
}

/// Individual volumes of the house for formula 12, residential and not.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct HouseVolumes {
    pub residential: Quantity,
    pub non_residential: Quantity,
}

/// One share per account in `sharing` (the accounts billed for the share service).
pub(crate) fn common_shares(
    house: &HouseInput,
    service_id: i64,
    input: &CommonShareInput,
    volumes: HouseVolumes,
    sharing: &[&AccountInput],
) -> Result<Vec<(Quantity, ShareDetails)>, EngineError> {
    let norm_volume = || {
        input
            .norm_per_m2
            .ok_or(EngineError::MissingAreaNorm { service_id })
            .and_then(|n| formula15_volume(n, house.common_area))
    };
    let non_residential = volumes.non_residential + input.external_non_residential_volume;
    let (formula, distributed) = match input.house_volume {
        Some(v) => (
            ShareFormula::Formula12,
            formula12_volume(v, volumes.residential, non_residential),
        ),
        None => (ShareFormula::Formula15, norm_volume()?),
    };
    let premises: Vec<(i64, Area)> = sharing.iter().map(|a| (a.account_id, a.area)).collect();
    let split = |v| {
        split_volume_by_area(v, &premises, house.total_area).map_err(|e| split_error(service_id, e))
    };
    let shares = split(distributed)?;
    let caps = match (house.share_cap, formula) {
        (ShareCap::AtNorm, ShareFormula::Formula12) => Some(split(norm_volume()?)?),
        _ => None,
    };
    Ok(sharing
        .iter()
        .zip(shares)
        .enumerate()
        .map(|(i, (account, uncapped))| {
            let cap = caps.as_ref().map(|c| c[i]);
            let share = cap.map_or(uncapped, |c| uncapped.min(c));
            let details = ShareDetails {
                formula,
                house_volume: input.house_volume,
                individual_total: volumes.residential,
                non_residential_total: non_residential,
                distributed,
                flat_area: account.area,
                total_area: house.total_area,
                common_area: house.common_area,
                norm_per_m2: input.norm_per_m2,
                uncapped,
                cap,
            };
            (share, details)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_formula_12_example() {
        // (12000 − 1000 − 4000 − 5000) × 60 / 2400 = 50 m³; × 1.936 ₽ = 96.80 ₽.
        let v = formula12_volume(
            Quantity::from_units(12_000),
            Quantity::from_units(4_000 + 5_000),
            Quantity::from_units(1_000),
        );
        assert_eq!(v, Quantity::from_units(2_000));
        let shares =
            split_volume_by_area(v, &[(1, Area::from_m2(60))], Area::from_m2(2400)).unwrap();
        assert_eq!(shares, vec![Quantity::from_units(50)]);
        let tariff: crate::tariff::Tariff = "1.936".parse().unwrap();
        assert_eq!(
            tariff.charge_volume(shares[0]).unwrap(),
            crate::money::Money::from_kopecks(9680)
        );
    }

    #[test]
    fn negative_difference_is_zero() {
        let v = formula12_volume(
            Quantity::from_units(30),
            Quantity::from_units(31),
            Quantity::ZERO,
        );
        assert_eq!(v, Quantity::ZERO);
    }

    #[test]
    fn formula_15_rounds_the_house_volume_once() {
        // 0.0324 m³/m² × 123.45 m² = 3.99978 m³ → 4.000
        let v = formula15_volume(
            AreaNorm::from_millionths(32_400),
            Area::from_hundredths(12_345),
        );
        assert_eq!(v, Ok(Quantity::from_thousandths(4_000)));
    }
}
