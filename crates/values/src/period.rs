//! The billing period: a calendar month, written `YYYY-MM`.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::ParseError;

/// The day of the following month payment is due by, unless the organization says
/// otherwise (ЖК РФ ст.155 ч.1 as amended from 1 March 2026).
pub const DEFAULT_DUE_DAY: u8 = 15;

/// The years a date or a period the portal accepts may fall in: wide enough for any
/// account's history and any plan, narrow enough for every database's date type.
pub const YEARS: std::ops::RangeInclusive<u16> = 1900..=2200;

/// Whether `date` falls in [`YEARS`].
pub fn in_years(date: NaiveDate) -> bool {
    u16::try_from(date.year()).is_ok_and(|y| YEARS.contains(&y))
}

/// A calendar month of [`YEARS`] (so that it always prints as `YYYY-MM` and its days
/// always exist in every database). Orders chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: u16,
    month: u8,
}

impl Period {
    pub fn new(year: u16, month: u8) -> Option<Self> {
        (YEARS.contains(&year) && (1..=12).contains(&month)).then_some(Period { year, month })
    }

    /// The period a date falls in (a payment is booked in the month it was made).
    pub fn containing(date: NaiveDate) -> Option<Self> {
        let year = u16::try_from(date.year()).ok()?;
        Period::new(year, u8::try_from(date.month()).ok()?)
    }

    pub const fn year(self) -> u16 {
        self.year
    }

    pub const fn month(self) -> u8 {
        self.month
    }

    /// The next month; `None` after 2200-12.
    pub fn next(self) -> Option<Self> {
        if self.month == 12 {
            Period::new(self.year + 1, 1)
        } else {
            Period::new(self.year, self.month + 1)
        }
    }

    /// The previous month; `None` before 1900-01.
    pub fn prev(self) -> Option<Self> {
        if self.month == 1 {
            Period::new(self.year - 1, 12)
        } else {
            Period::new(self.year, self.month - 1)
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(i32::from(self.year), u32::from(self.month), 1)
            .expect("a Period is always a real month")
    }

    pub fn last_day(self) -> NaiveDate {
        let days = self.first_day().num_days_in_month();
        NaiveDate::from_ymd_opt(i32::from(self.year), u32::from(self.month), u32::from(days))
            .expect("a Period is always a real month")
    }

    /// The payment due date: `due_day` of the following month (an organization setting,
    /// [`DEFAULT_DUE_DAY`] by default). A day past the month's end means its last day,
    /// so a setting of 31 works in February too; 0 counts as 1.
    pub fn due_date(self, due_day: u8) -> Option<NaiveDate> {
        let next = self.next()?;
        let day = u32::from(due_day.max(1)).min(u32::from(next.first_day().num_days_in_month()));
        next.first_day().with_day(day)
    }

    /// Months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(self, later: Period) -> i32 {
        (i32::from(later.year) - i32::from(self.year)) * 12 + i32::from(later.month)
            - i32::from(self.month)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Period {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ParseError::Period(s.to_owned());
        let b = s.as_bytes();
        let well_formed =
            b.len() == 7 && b[4] == b'-' && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit);
        if !well_formed {
            return Err(bad());
        }
        let year = s[..4].parse().map_err(|_| bad())?;
        let month = s[5..].parse().map_err(|_| bad())?;
        Period::new(year, month).ok_or_else(bad)
    }
}

/// For rows read from the database's `YYYY-MM` text (diesel's `deserialize_as`).
impl TryFrom<String> for Period {
    type Error = ParseError;
    fn try_from(text: String) -> Result<Self, ParseError> {
        text.parse()
    }
}

/// As the `YYYY-MM` string, the form the API and the database use.
impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// In the spec: a string of the `YYYY-MM` pattern.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Period {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::Type::String)
            .pattern(Some(r"^(19\d\d|2[01]\d\d|2200)-(0[1-9]|1[0-2])$"))
            .description(Some(
                "A billing period, a calendar month from 1900-01 to 2200-12",
            ))
            .examples(["2026-10"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Period {}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_and_prints() {
        assert_eq!(p("2026-10").to_string(), "2026-10");
        for bad in [
            "2026-13",
            "2026-00",
            "2026-1",
            "26-10",
            "2026/10",
            "２０２６-10",
            "",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
        let json = serde_json::to_string(&p("2026-10")).unwrap();
        assert_eq!(json, "\"2026-10\"");
        assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), p("2026-10"));
        assert!(serde_json::from_str::<Period>("\"2026-1\"").is_err());
    }

    #[test]
    fn steps_orders_and_dates() {
        assert_eq!(p("2026-12").next(), Some(p("2027-01")));
        assert_eq!(p("2026-01").prev(), Some(p("2025-12")));
        assert!(p("2026-09") < p("2026-10") && p("2025-12") < p("2026-01"));
        assert_eq!(p("2028-02").last_day(), date(2028, 2, 29));
        assert_eq!(p("2026-10").first_day(), date(2026, 10, 1));
        assert_eq!(
            p("2026-07").due_date(DEFAULT_DUE_DAY),
            Some(date(2026, 8, 15))
        );
        assert_eq!(p("2027-01").due_date(31), Some(date(2027, 2, 28)));
        assert_eq!(p("2026-04").months_until(p("2026-10")), 6);
        assert_eq!(Period::containing(date(2026, 10, 12)), Some(p("2026-10")));
        assert_eq!(p("2200-12").next(), None);
        assert_eq!(p("1900-01").prev(), None);
        for outside in ["1899-12", "2201-01", "9999-12", "0000-01"] {
            assert!(outside.parse::<Period>().is_err(), "{outside}");
        }
        assert!(in_years(date(1900, 1, 1)) && in_years(date(2200, 12, 31)));
        assert!(!in_years(date(1899, 12, 31)) && !in_years(date(-9999, 1, 1)));
    }
}
