//! Numbers, periods and dates as a Russian reader expects them: `1 234,56 ₽`, `12,345 м³`,
//! «октябрь 2026». The API sends integers (kopecks, thousandths, hundredths), and they are
//! printed with integer arithmetic only, so no amount is ever off by a kopeck.

use chrono::{Datelike, NaiveDate};

/// Between groups of thousands: a no-break space, so an amount never wraps.
const GROUP: char = '\u{a0}';

/// `value / 10^scale` with a decimal comma, grouped thousands, a typographic minus, and
/// between `min` and `scale` decimals (trailing zeros beyond `min` are dropped).
fn fixed(value: i64, scale: u32, min: u32) -> String {
    let unit = 10u64.pow(scale);
    let magnitude = value.unsigned_abs();
    let (whole, mut fraction) = (magnitude / unit, magnitude % unit);
    let mut decimals = scale;
    while decimals > min && fraction % 10 == 0 {
        fraction /= 10;
        decimals -= 1;
    }
    let mut out = String::new();
    if value < 0 {
        out.push('−');
    }
    let digits = whole.to_string();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(GROUP);
        }
        out.push(digit);
    }
    if decimals > 0 {
        out.push(',');
        out.push_str(&format!("{fraction:0width$}", width = decimals as usize));
    }
    out
}

/// Kopecks as rubles: `1 234,56 ₽`.
pub fn money(kopecks: i64) -> String {
    format!("{}{GROUP}₽", fixed(kopecks, 2, 2))
}

/// Thousandths of a unit, without needless zeros: `12,345`, `54,3`, `2`.
pub fn volume(thousandths: i64) -> String {
    fixed(thousandths, 3, 0)
}

/// A tariff in hundredths of a kopeck as rubles with 2 to 4 decimals: `45,67 ₽`, `1,936 ₽`.
pub fn tariff(hundredths_of_kopeck: i64) -> String {
    format!("{}{GROUP}₽", fixed(hundredths_of_kopeck, 4, 2))
}

/// An area in hundredths of m²: `54,30 м²`.
pub fn area(hundredths: i64) -> String {
    format!("{}{GROUP}м²", fixed(hundredths, 2, 2))
}

/// Rubles typed by a person (`3 456,78`, `3456.7`, `3456 ₽`) as kopecks; `None` for
/// anything else, a negative amount or more than two decimals.
pub fn parse_rubles(text: &str) -> Option<i64> {
    let text = text.trim().trim_end_matches('₽').trim_end();
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let (whole, fraction) = match text.split_once([',', '.']) {
        Some((w, f)) => (w, f),
        None => (text.as_str(), ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 2 {
        return None;
    }
    let rubles: i64 = whole.parse().ok()?;
    let kopecks: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    rubles.checked_mul(100)?.checked_add(kopecks)
}

/// A meter reading typed by a person (`123,456`, `123.4`, `1 234`) as thousandths of the
/// unit, without floats; `None` for anything else, a negative number or more than three
/// decimals (a meter shows no finer).
pub fn parse_volume(text: &str) -> Option<i64> {
    let text: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let (whole, fraction) = match text.split_once([',', '.']) {
        Some((w, f)) => (w, f),
        None => (text.as_str(), ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    // Twelve digits are beyond any meter and far from overflowing.
    if whole.is_empty() || whole.len() > 12 || !digits(whole) || !digits(fraction) {
        return None;
    }
    if fraction.len() > 3 {
        return None;
    }
    let units: i64 = whole.parse().ok()?;
    let padded = format!("{fraction:0<3}");
    let thousandths: i64 = padded.parse().ok()?;
    units.checked_mul(1_000)?.checked_add(thousandths)
}

/// Kopecks as whole rubles for a chart: `1 235 ₽` (rounded half away from zero).
pub fn rubles(kopecks: i64) -> String {
    let rounded = (kopecks.abs() + 50) / 100 * kopecks.signum();
    format!("{}{GROUP}₽", fixed(rounded, 0, 0))
}

const MONTHS: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// For «на конец октября», «за октябрь».
const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// `2026-10` → (2026, 10), when it is a period.
fn year_month(period: &str) -> Option<(&str, usize)> {
    let (year, month) = period.split_once('-')?;
    let month: usize = month.parse().ok()?;
    (year.len() == 4 && (1..=12).contains(&month)).then_some((year, month))
}

/// `2026-10` → «Октябрь 2026» (the text as it came when it is not a period).
pub fn period(period: &str) -> String {
    match year_month(period) {
        Some((year, month)) => {
            let name = MONTHS[month - 1];
            let mut chars = name.chars();
            let first: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .collect();
            format!("{first}{} {year}", chars.as_str())
        }
        None => period.to_owned(),
    }
}

/// `2026-10` → «октября 2026», for «на конец октября 2026».
pub fn period_genitive(period: &str) -> String {
    match year_month(period) {
        Some((year, month)) => format!("{} {year}", MONTHS_GENITIVE[month - 1]),
        None => period.to_owned(),
    }
}

/// A wait in seconds as a person counts it: `45 с`, `2 мин.` (rounded up), `1 ч 5 мин.`.
pub fn wait(seconds: u64) -> String {
    match seconds {
        0..60 => format!("{seconds} с"),
        60..3600 => format!("{} мин.", seconds.div_ceil(60)),
        _ => {
            let minutes = seconds.div_ceil(60);
            match minutes % 60 {
                0 => format!("{} ч", minutes / 60),
                m => format!("{} ч {m} мин.", minutes / 60),
            }
        }
    }
}

/// `25.11.2026`.
pub fn date(date: NaiveDate) -> String {
    format!("{:02}.{:02}.{}", date.day(), date.month(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_with_a_comma_and_the_ruble_sign() {
        assert_eq!(money(123_456), "1\u{a0}234,56\u{a0}₽");
        assert_eq!(money(5), "0,05\u{a0}₽");
        assert_eq!(money(0), "0,00\u{a0}₽");
        assert_eq!(money(-100_000_000), "−1\u{a0}000\u{a0}000,00\u{a0}₽");
        assert_eq!(money(i64::MIN).chars().filter(|c| *c == ',').count(), 1);
    }

    #[test]
    fn volumes_drop_needless_zeros_and_tariffs_keep_two_decimals() {
        assert_eq!(volume(12_345), "12,345");
        assert_eq!(volume(54_300), "54,3");
        assert_eq!(volume(2_000), "2");
        assert_eq!(volume(1_234_000), "1\u{a0}234");
        assert_eq!(tariff(456_700), "45,67\u{a0}₽");
        assert_eq!(tariff(19_360), "1,936\u{a0}₽");
        assert_eq!(tariff(1_234_567), "123,4567\u{a0}₽");
        assert_eq!(area(5_430), "54,30\u{a0}м²");
    }

    #[test]
    fn rubles_typed_by_a_person() {
        assert_eq!(parse_rubles("3 456,78"), Some(345_678));
        assert_eq!(parse_rubles("3\u{a0}456.7 ₽"), Some(345_670));
        assert_eq!(parse_rubles("12"), Some(1_200));
        assert_eq!(parse_rubles("0,05"), Some(5));
        assert_eq!(parse_rubles("7."), Some(700));
        for bad in ["", "abc", "1,234,5", "-5", "1,234", ",5", "₽"] {
            assert_eq!(parse_rubles(bad), None, "{bad}");
        }
    }

    #[test]
    fn readings_typed_by_a_person() {
        assert_eq!(parse_volume("123,456"), Some(123_456));
        assert_eq!(parse_volume(" 123.4 "), Some(123_400));
        assert_eq!(parse_volume("1 234"), Some(1_234_000));
        assert_eq!(parse_volume("0,007"), Some(7));
        assert_eq!(parse_volume("00045,05"), Some(45_050));
        assert_eq!(parse_volume("7,"), Some(7_000));
        for bad in [
            "",
            "abc",
            "1,2345",
            "-5",
            ",5",
            "1,2,3",
            "1e3",
            "9999999999999",
        ] {
            assert_eq!(parse_volume(bad), None, "{bad}");
        }
        assert_eq!(rubles(123_450), "1\u{a0}235\u{a0}₽");
        assert_eq!(rubles(-149), "−1\u{a0}₽");
        assert_eq!(rubles(0), "0\u{a0}₽");
    }

    #[test]
    fn periods_and_dates_in_russian() {
        assert_eq!(period("2026-10"), "Октябрь 2026");
        assert_eq!(period_genitive("2026-05"), "мая 2026");
        assert_eq!(period("later"), "later");
        assert_eq!(wait(45), "45 с");
        assert_eq!(wait(61), "2 мин.");
        assert_eq!(wait(3600), "1 ч");
        assert_eq!(wait(3_901), "1 ч 6 мин.");
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2026, 11, 5).unwrap()),
            "05.11.2026"
        );
    }
}
