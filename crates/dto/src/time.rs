//! Dates and times as the API writes them, read strictly: a date is `YYYY-MM-DD` (RFC 3339's
//! `full-date`), a local time `YYYY-MM-DDTHH:MM:SS`, an instant RFC 3339's `date-time`
//! (`2026-12-04T10:00:00Z`, or with an offset). The fields' `deserialize_with` functions
//! below read them. chrono's own readers take looser forms (`2026-1-5`, spaces around the
//! dashes) through its general format parser, which would also be in the SPA's download.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::de::{Error, Unexpected};
use serde::{Deserialize, Deserializer};

/// `YYYY-MM-DD`, a day that exists.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *s.as_bytes() else {
        return None;
    };
    let year = number(&[y1, y2, y3, y4])?;
    NaiveDate::from_ymd_opt(year as i32, number(&[m1, m2])?, number(&[d1, d2])?)
}

/// `HH:MM` or `HH:MM:SS`, a time of day.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let (h, m, sec) = match *s.as_bytes() {
        [h1, h2, b':', m1, m2] => ([h1, h2], [m1, m2], [b'0', b'0']),
        [h1, h2, b':', m1, m2, b':', s1, s2] => ([h1, h2], [m1, m2], [s1, s2]),
        _ => return None,
    };
    NaiveTime::from_hms_opt(number(&h)?, number(&m)?, number(&sec)?)
}

/// `YYYY-MM-DDTHH:MM:SS`, local (no offset).
pub fn parse_date_time(s: &str) -> Option<NaiveDateTime> {
    let (date, time) = s.split_once('T')?;
    Some(parse_date(date)?.and_time(parse_time(time).filter(|_| time.len() == 8)?))
}

/// RFC 3339's `date-time`, as UTC.
pub fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// Decimal digits only (no sign, no spaces), as a number.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}

/// `text` read with `parse`; the error names the form `expected`.
fn parsed<T, E: Error>(text: &str, parse: fn(&str) -> Option<T>, expected: &str) -> Result<T, E> {
    parse(text).ok_or_else(|| E::invalid_value(Unexpected::Str(text), &expected))
}

fn read<'de, D, T>(d: D, parse: fn(&str) -> Option<T>, expected: &str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    parsed(&String::deserialize(d)?, parse, expected)
}

/// [`read`] for a field that may be `null` or left out (with `#[serde(default)]`).
fn read_optional<'de, D, T>(
    d: D,
    parse: fn(&str) -> Option<T>,
    expected: &str,
) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
{
    Option::<String>::deserialize(d)?
        .map(|text| parsed(&text, parse, expected))
        .transpose()
}

const DATE: &str = "a date as YYYY-MM-DD";
const DATE_TIME: &str = "a local time as YYYY-MM-DDTHH:MM:SS";
const INSTANT: &str = "an RFC 3339 date-time";

pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    read(d, parse_date, DATE)
}

pub fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    read_optional(d, parse_date, DATE)
}

pub fn date_time<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    read(d, parse_date_time, DATE_TIME)
}

pub fn optional_date_time<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDateTime>, D::Error> {
    read_optional(d, parse_date_time, DATE_TIME)
}

pub fn instant<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    read(d, parse_instant, INSTANT)
}

pub fn optional_instant<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    read_optional(d, parse_instant, INSTANT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_their_one_form() {
        assert_eq!(
            parse_date("2026-12-04"),
            NaiveDate::from_ymd_opt(2026, 12, 4)
        );
        assert_eq!(
            parse_date("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        for wrong in [
            "2026-1-5",
            "2026-02-30",
            "2026-13-01",
            "2026 -12-04",
            "+2026-12-04",
            "26-12-04",
            "2026-12-04 ",
            "2026/12/04",
            "",
            "2026-12-0٤",
        ] {
            assert_eq!(parse_date(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn times_and_local_times() {
        assert_eq!(parse_time("09:30"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_time("23:59:59"), NaiveTime::from_hms_opt(23, 59, 59));
        for wrong in ["24:00", "9:30", "09:60", "09:30:", "0930"] {
            assert_eq!(parse_time(wrong), None, "{wrong}");
        }
        let at = NaiveDate::from_ymd_opt(2026, 12, 20)
            .unwrap()
            .and_hms_opt(10, 30, 0);
        assert_eq!(parse_date_time("2026-12-20T10:30:00"), at);
        for wrong in [
            "2026-12-20T10:30",
            "2026-12-20 10:30:00",
            "2026-12-20T10:30:00Z",
        ] {
            assert_eq!(parse_date_time(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn instants_with_any_offset_come_out_in_utc() {
        let utc = parse_instant("2026-12-04T07:00:00Z").unwrap();
        assert_eq!(parse_instant("2026-12-04T10:00:00+03:00"), Some(utc));
        assert_eq!(
            parse_instant("2026-12-04T07:00:00.250Z").map(|at| at.timestamp_subsec_millis()),
            Some(250)
        );
        assert_eq!(parse_instant("2026-12-04 07:00"), None);
    }

    #[derive(Deserialize)]
    struct Fields {
        #[serde(deserialize_with = "date")]
        day: NaiveDate,
        #[serde(default, deserialize_with = "optional_instant")]
        at: Option<DateTime<Utc>>,
    }

    #[test]
    fn fields_name_what_they_expect_and_may_be_left_out() {
        let read = |json: &str| serde_json::from_str::<Fields>(json);
        let fields = read(r#"{"day": "2026-12-04"}"#).unwrap();
        assert_eq!(
            (fields.day.to_string(), fields.at),
            ("2026-12-04".into(), None)
        );
        assert!(read(r#"{"day": "2026-12-04", "at": null}"#)
            .unwrap()
            .at
            .is_none());
        let wrong = read(r#"{"day": "2026-1-5"}"#).err().unwrap().to_string();
        assert!(wrong.contains("a date as YYYY-MM-DD"), "{wrong}");
        assert!(read(r#"{"day": 20261204}"#).is_err());
    }
}
