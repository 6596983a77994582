//! The tariff and the one place where a price meets a volume: amount = base × tariff,
//! computed exactly in i128 and rounded once, half up, to the kopeck.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::decimal::{div_round_half_up, format_fixed, parse_fixed, to_i64};
use crate::error::{Overflow, ParseError};
use crate::money::Money;
use crate::quantity::{Area, Quantity};

/// Hundredths of a kopeck in a kopeck, the tariff's unit.
const PER_KOPECK: i64 = 100;

/// A price per unit of a service: per m³/kWh/Gcal (metered and shared services), per m²
/// (area services), per person, or per month (fixed fees).
///
/// Stored in **hundredths of a kopeck** (1/10 000 of a ruble): most tariffs are whole
/// kopecks (`45.67 ₽` = 456 700), but some are published with 3–4 decimals (the
/// formula-12 example's `1.936 ₽` = 19 360), and a kopeck tariff would have to round
/// them before multiplying, which the rules forbid. Serialized as that integer;
/// [`Tariff::from_kopecks`] converts a whole-kopeck price.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Tariff(pub(crate) i64);

impl Tariff {
    pub const ZERO: Tariff = Tariff(0);
    /// The highest price any input may hold: 1 000 000 ₽ a unit.
    pub const LIMIT: Tariff = Tariff(10_000_000_000);

    pub const fn from_kopecks(kopecks: i64) -> Self {
        Tariff(kopecks * PER_KOPECK)
    }

    pub const fn from_hundredths_of_kopeck(value: i64) -> Self {
        Tariff(value)
    }

    pub const fn hundredths_of_kopeck(self) -> i64 {
        self.0
    }

    /// The tariff in whole kopecks, when it is one.
    pub const fn whole_kopecks(self) -> Option<i64> {
        if self.0 % PER_KOPECK == 0 {
            Some(self.0 / PER_KOPECK)
        } else {
            None
        }
    }

    /// Amount for a volume (thousandths of a unit): volume × tariff / (1000 × 100).
    pub fn charge_volume(self, volume: Quantity) -> Result<Money, Overflow> {
        self.charge(i128::from(volume.thousandths()), 1000)
    }

    /// Amount for an area (hundredths of m²) at a per-m² tariff.
    pub fn charge_area(self, area: Area) -> Result<Money, Overflow> {
        self.charge(i128::from(area.hundredths()), 100)
    }

    /// Amount for a number of registered persons at a per-person tariff.
    pub fn charge_persons(self, persons: u32) -> Result<Money, Overflow> {
        self.charge(i128::from(persons), 1)
    }

    /// A fixed monthly fee (домофон): the tariff itself, rounded to the kopeck.
    pub fn charge_fixed(self) -> Result<Money, Overflow> {
        self.charge(1, 1)
    }

    /// `base / base_scale` units × tariff, the only rounding of an amount.
    fn charge(self, base: i128, base_scale: i128) -> Result<Money, Overflow> {
        let exact = base.checked_mul(i128::from(self.0)).ok_or(Overflow)?;
        let kopecks = div_round_half_up(exact, base_scale * i128::from(PER_KOPECK));
        to_i64(kopecks).map(Money::from_kopecks).ok_or(Overflow)
    }
}

/// Rubles with 2 to 4 decimals: `45.67`, `1.936`.
impl fmt::Display for Tariff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_fixed(self.0, 4, 2, true))
    }
}

/// Rubles with up to 4 decimals: `45.67`, `45,67`, `1.936`.
impl FromStr for Tariff {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let v = parse_fixed(s, 4)?;
        if v < 0 {
            return Err(ParseError::Negative(s.to_owned()));
        }
        Ok(Tariff(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rubles_with_fractions_of_a_kopeck() {
        assert_eq!("45.67".parse(), Ok(Tariff::from_kopecks(4567)));
        assert_eq!(
            "1.936".parse(),
            Ok(Tariff::from_hundredths_of_kopeck(19_360))
        );
        assert_eq!(
            Tariff::from_hundredths_of_kopeck(19_360).to_string(),
            "1.936"
        );
        assert_eq!(Tariff::from_kopecks(4567).whole_kopecks(), Some(4567));
        assert_eq!(
            Tariff::from_hundredths_of_kopeck(19_360).whole_kopecks(),
            None
        );
        assert!("-1".parse::<Tariff>().is_err());
    }

    #[test]
    fn charges_round_once_half_up() {
        let t = Tariff::from_kopecks(4567);
        // 2.164 × 45.67 = 98.82988
        assert_eq!(
            t.charge_volume(Quantity::from_thousandths(2164)),
            Ok(Money::from_kopecks(9883))
        );
        // 12.345 × 45.67 = 563.79615
        assert_eq!(
            t.charge_volume(Quantity::from_thousandths(12_345)),
            Ok(Money::from_kopecks(56_380))
        );
        // exactly half a kopeck goes up: 0.5 × 0.01 ₽ = 0.005 ₽
        assert_eq!(
            Tariff::from_kopecks(1).charge_volume(Quantity::from_thousandths(500)),
            Ok(Money::from_kopecks(1))
        );
        assert_eq!(
            Tariff::from_kopecks(2550).charge_area(Area::from_m2(50)),
            Ok(Money::from_kopecks(127_500))
        );
        assert_eq!(
            Tariff::from_kopecks(12_030).charge_persons(2),
            Ok(Money::from_kopecks(24_060))
        );
        assert_eq!(
            Tariff::from_hundredths_of_kopeck(5_000_050).charge_fixed(),
            Ok(Money::from_kopecks(50_001))
        );
    }

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        let t = Tariff::from_hundredths_of_kopeck(i64::MAX);
        assert_eq!(
            t.charge_volume(Quantity::from_thousandths(i64::MAX)),
            Err(Overflow)
        );
    }
}
