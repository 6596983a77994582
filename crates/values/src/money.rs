//! Money: a whole number of kopecks. Amounts are produced by rounding exactly once
//! (see `Tariff`), so adding and subtracting kopecks never loses anything.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::decimal::{format_fixed, parse_fixed};
use crate::error::{Overflow, ParseError};

/// An amount of rubles in kopecks. Positive or negative (a debt, an advance, a
/// correction). Serialized as the integer number of kopecks.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub(crate) i64);

impl Money {
    pub const ZERO: Money = Money(0);
    /// The largest amount any input may hold (100 000 000,00 ₽, either sign): more than any
    /// flat's payment, debt or correction, and small enough that a lifetime of them never
    /// nears what a sum can hold.
    pub const LIMIT: Money = Money(10_000_000_000);

    /// Whether an input amount is within [`Money::LIMIT`] either way.
    pub const fn within_limit(self) -> bool {
        -Money::LIMIT.0 <= self.0 && self.0 <= Money::LIMIT.0
    }

    /// The sum, or [`Overflow`] instead of a wrapped number.
    pub fn checked_sum<I: IntoIterator<Item = Money>>(items: I) -> Result<Money, Overflow> {
        items
            .into_iter()
            .try_fold(Money::ZERO, |sum, m| sum.checked_add(m))
            .ok_or(Overflow)
    }

    pub const fn from_kopecks(kopecks: i64) -> Self {
        Money(kopecks)
    }

    pub const fn from_rubles(rubles: i64) -> Self {
        Money(rubles * 100)
    }

    pub const fn kopecks(self) -> i64 {
        self.0
    }

    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub const fn is_positive(self) -> bool {
        self.0 > 0
    }

    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn abs(self) -> Self {
        Money(self.0.abs())
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }
}

/// `1 275.00`: two decimals, thousands grouped by U+00A0 NO-BREAK SPACE
/// ([`crate::decimal::GROUP_SEPARATOR`]), a hyphen-minus for negatives.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_fixed(self.0, 2, 2, true))
    }
}

/// Accepts `1275`, `1275.00`, `1275,5`, `-100`, grouped `1 275.00` and a trailing `₽`.
impl FromStr for Money {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let s = s.strip_suffix('₽').unwrap_or(s);
        parse_fixed(s, 2).map(Money)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_checked_and_inputs_bounded() {
        let m = Money::from_kopecks;
        assert_eq!(Money::checked_sum([m(1), m(2), m(-4)]), Ok(m(-1)));
        assert_eq!(Money::checked_sum([m(i64::MAX), m(1)]), Err(Overflow));
        assert_eq!(Money::checked_sum([m(i64::MIN), m(-1)]), Err(Overflow));
        assert!(Money::LIMIT.within_limit() && (-Money::LIMIT).within_limit());
        assert!(!m(Money::LIMIT.kopecks() + 1).within_limit());
    }

    #[test]
    fn displays_grouped_with_two_decimals() {
        assert_eq!(Money::from_kopecks(127_500).to_string(), "1\u{a0}275.00");
        assert_eq!(Money::from_kopecks(5).to_string(), "0.05");
        assert_eq!(Money::from_kopecks(-10_000).to_string(), "-100.00");
    }

    #[test]
    fn parses_common_spellings() {
        assert_eq!("1275.00".parse(), Ok(Money::from_kopecks(127_500)));
        assert_eq!("1275,5".parse(), Ok(Money::from_kopecks(127_550)));
        assert_eq!("1275".parse(), Ok(Money::from_kopecks(127_500)));
        assert_eq!("-100".parse(), Ok(Money::from_kopecks(-10_000)));
        assert_eq!("1 275.00 ₽".parse(), Ok(Money::from_kopecks(127_500)));
        assert!("12.345".parse::<Money>().is_err());
        assert!("".parse::<Money>().is_err());
        assert!("руб".parse::<Money>().is_err());
    }

    #[test]
    fn display_reads_back() {
        for k in [0, 1, -1, 99, 100, 127_500, -123_456_789, i64::MAX / 1000] {
            let m = Money::from_kopecks(k);
            assert_eq!(m.to_string().parse(), Ok(m));
            assert_eq!(crate::ru::money(m).parse(), Ok(m));
        }
    }

    #[test]
    fn sums_and_negates() {
        let lines = [127_500, 45_670, 9_883].map(Money::from_kopecks);
        assert_eq!(lines.iter().sum::<Money>(), Money::from_kopecks(183_053));
        assert_eq!(-Money::from_rubles(1), Money::from_kopecks(-100));
        assert_eq!(
            Money::from_rubles(3) - Money::from_rubles(5),
            Money::from_rubles(-2)
        );
    }
}
