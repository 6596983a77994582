//! Volumes, areas and norms as integer counts of their smallest printed unit.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::decimal::{format_fixed, parse_fixed};
use crate::error::ParseError;

fn parse_non_negative(s: &str, scale: u32) -> Result<i64, ParseError> {
    let v = parse_fixed(s, scale)?;
    if v < 0 {
        return Err(ParseError::Negative(s.to_owned()));
    }
    Ok(v)
}

/// A volume in thousandths of its unit (m³, kWh, Gcal): meter readings carry three
/// decimals, so every volume the engine handles is exact in this unit. Arithmetic may go
/// negative (a house balance before it is clamped); text never does.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Quantity(pub(crate) i64);

impl Quantity {
    pub const ZERO: Quantity = Quantity(0);
    /// The largest volume or reading any input may hold: a nine-digit meter's
    /// 999 999 999,999.
    pub const LIMIT: Quantity = Quantity(999_999_999_999);

    pub const fn from_thousandths(thousandths: i64) -> Self {
        Quantity(thousandths)
    }

    pub const fn from_units(units: i64) -> Self {
        Quantity(units * 1000)
    }

    pub const fn thousandths(self) -> i64 {
        self.0
    }

    pub fn max(self, other: Quantity) -> Quantity {
        Quantity(self.0.max(other.0))
    }

    pub fn min(self, other: Quantity) -> Quantity {
        Quantity(self.0.min(other.0))
    }
}

/// `12.345`: always three decimals, no grouping (volumes are read digit by digit
/// against the meter).
impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_fixed(self.0, 3, 3, false))
    }
}

impl FromStr for Quantity {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_non_negative(s, 3).map(Quantity)
    }
}

impl Add for Quantity {
    type Output = Quantity;
    fn add(self, rhs: Quantity) -> Quantity {
        Quantity(self.0 + rhs.0)
    }
}

impl Sub for Quantity {
    type Output = Quantity;
    fn sub(self, rhs: Quantity) -> Quantity {
        Quantity(self.0 - rhs.0)
    }
}

impl AddAssign for Quantity {
    fn add_assign(&mut self, rhs: Quantity) {
        self.0 += rhs.0;
    }
}

impl Sum for Quantity {
    fn sum<I: Iterator<Item = Quantity>>(iter: I) -> Quantity {
        iter.fold(Quantity::ZERO, Add::add)
    }
}

/// An area in hundredths of m² (premises are measured to 2 decimals).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Area(pub(crate) i64);

impl Area {
    pub const ZERO: Area = Area(0);
    /// The largest area any input may hold: 10 000 000 m², more than any house.
    pub const LIMIT: Area = Area(1_000_000_000);

    pub const fn from_hundredths(hundredths: i64) -> Self {
        Area(hundredths)
    }

    pub const fn from_m2(m2: i64) -> Self {
        Area(m2 * 100)
    }

    pub const fn hundredths(self) -> i64 {
        self.0
    }

    /// The same area as a quantity of m², for the "volume" column of area services.
    pub const fn as_quantity(self) -> Quantity {
        Quantity(self.0 * 10)
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_fixed(self.0, 2, 2, true))
    }
}

impl FromStr for Area {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_non_negative(s, 2).map(Area)
    }
}

impl Add for Area {
    type Output = Area;
    fn add(self, rhs: Area) -> Area {
        Area(self.0 + rhs.0)
    }
}

impl Sum for Area {
    fn sum<I: Iterator<Item = Area>>(iter: I) -> Area {
        iter.fold(Area::ZERO, Add::add)
    }
}

/// A norm of consumption per m² of common area per month (formula 15), in millionths
/// of the unit: regional norms for common-house water are published with 4 decimals
/// (e.g. 0.0324 m³/m²), which thousandths cannot hold.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct AreaNorm(pub(crate) i64);

impl AreaNorm {
    pub const fn from_millionths(millionths: i64) -> Self {
        AreaNorm(millionths)
    }

    pub const fn millionths(self) -> i64 {
        self.0
    }
}

impl fmt::Display for AreaNorm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_fixed(self.0, 6, 3, false))
    }
}

impl FromStr for AreaNorm {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_non_negative(s, 6).map(AreaNorm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_parse_and_print() {
        assert_eq!("12.345".parse(), Ok(Quantity::from_thousandths(12_345)));
        assert_eq!("9".parse(), Ok(Quantity::from_units(9)));
        assert_eq!("0,5".parse(), Ok(Quantity::from_thousandths(500)));
        assert!("-1".parse::<Quantity>().is_err());
        assert!("1.2345".parse::<Quantity>().is_err());
        assert_eq!(Quantity::from_thousandths(8_655).to_string(), "8.655");
        assert_eq!(Quantity::from_thousandths(-1).to_string(), "-0.001");
    }

    #[test]
    fn areas_and_norms() {
        assert_eq!("50".parse(), Ok(Area::from_m2(50)));
        assert_eq!(Area::from_hundredths(123_456).to_string(), "1\u{a0}234.56");
        assert_eq!(Area::from_m2(50).as_quantity(), Quantity::from_units(50));
        assert_eq!("0.0324".parse(), Ok(AreaNorm::from_millionths(32_400)));
        assert_eq!(AreaNorm::from_millionths(32_400).to_string(), "0.0324");
    }
}
