//! The API's values and periods as a Russian reader expects them: `1 234,56 ₽`,
//! `12,345 м³`, «октябрь 2026». The numbers go through `domkom_values::ru`, the formatter
//! the server writes its own texts with, so a page and an explanation never disagree; they
//! are printed with integer arithmetic only, so no amount is ever off by a kopeck. Typed
//! amounts and readings are parsed here without floats too.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, Timelike};
use domkom_values::{ru, Area, Money, Quantity, Tariff};

/// Money in rubles: `1 234,56 ₽`.
pub fn money(amount: Money) -> String {
    ru::money(amount)
}

/// Money in whole rubles for a chart: `1 235 ₽` (rounded half away from zero).
pub fn rubles(amount: Money) -> String {
    ru::rubles(amount)
}

/// A volume or a reading, without needless zeros: `12,345`, `54,3`, `2`.
pub fn volume(volume: Quantity) -> String {
    ru::volume(volume)
}

/// A tariff in rubles with 2 to 4 decimals: `45,67 ₽`, `1,936 ₽`.
pub fn tariff(tariff: Tariff) -> String {
    ru::tariff(tariff)
}

/// An area in m²: `54,30 м²`.
pub fn area(area: Area) -> String {
    ru::area(area)
}

/// A meter's serial after «№», the sign written once: `№ 30428286`.
pub fn number(serial: &str) -> String {
    ru::number(serial)
}

/// Periods: «Октябрь 2026» as a heading (`period`), «октябрь 2026» inside a sentence
/// (`period_in_text`), «октября 2026» for «на конец октября 2026» (`period_genitive`).
pub use ru::{period as period_in_text, period_genitive, period_title as period};

/// `25.11.2026`.
pub fn date(date: NaiveDate) -> String {
    ru::date(date)
}

/// A moment in the reader's time: `05.11.2026, 14:30`.
pub fn date_time(at: DateTime<FixedOffset>) -> String {
    wall_time(at.naive_local())
}

/// A local time as agreed, without a zone: `20.12.2026, 10:30`.
pub fn wall_time(at: NaiveDateTime) -> String {
    format!("{}, {:02}:{:02}", date(at.date()), at.hour(), at.minute())
}

/// How long something has waited, roughly: `5 мин.`, `3 ч`, `2 дня`.
pub fn waited(time: TimeDelta) -> String {
    let minutes = time.num_minutes().max(1);
    match minutes {
        0..60 => format!("{minutes} мин."),
        60..1440 => format!("{} ч", minutes / 60),
        _ => {
            let days = minutes / 1440;
            format!("{days} {}", plural(days, "день", "дня", "дней"))
        }
    }
}

/// A file's size: `850 КБ`, `4,8 МБ`.
pub fn file_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = KIB * KIB;
    if bytes < MIB {
        format!("{}\u{a0}КБ", bytes.div_ceil(KIB))
    } else {
        let tenths = (bytes * 10).div_ceil(MIB);
        format!("{},{}\u{a0}МБ", tenths / 10, tenths % 10)
    }
}

/// The noun after `n`: `1 день`, `2 дня`, `5 дней`, `21 день`, `12 дней`.
pub fn plural(n: i64, one: &'static str, few: &'static str, many: &'static str) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=14) => many,
        (1, _) => one,
        (2..=4, _) => few,
        _ => many,
    }
}

/// An amount as a person would type it into a field: `1521,13`.
pub fn typed_rubles(amount: Money) -> String {
    let k = amount.kopecks().max(0);
    format!("{},{:02}", k / 100, k % 100)
}

/// Rubles typed by a person (`3 456,78`, `3456.7`, `3456 ₽`); `None` for anything else, a
/// negative amount or more than two decimals.
pub fn parse_rubles(text: &str) -> Option<Money> {
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
    let kopecks = rubles.checked_mul(100)?.checked_add(kopecks)?;
    Some(Money::from_kopecks(kopecks))
}

/// A meter reading typed by a person (`123,456`, `123.4`, `1 234`), without floats; `None`
/// for anything else, a negative number or more than three decimals (a meter shows no
/// finer).
pub fn parse_volume(text: &str) -> Option<Quantity> {
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
    let thousandths = units.checked_mul(1_000)?.checked_add(thousandths)?;
    Some(Quantity::from_thousandths(thousandths))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_integers_print_as_the_server_writes_them() {
        let (kopecks, thousandths) = (Money::from_kopecks, Quantity::from_thousandths);
        assert_eq!(money(kopecks(123_456)), "1\u{a0}234,56\u{a0}₽");
        assert_eq!(volume(thousandths(556_000)), "556");
        assert_eq!(volume(thousandths(15_080)), "15,08");
        assert_eq!(
            tariff(Tariff::from_hundredths_of_kopeck(19_360)),
            "1,936\u{a0}₽"
        );
        assert_eq!(area(Area::from_hundredths(5_430)), "54,30\u{a0}м²");
        assert_eq!(rubles(kopecks(123_450)), "1\u{a0}235\u{a0}₽");
        assert_eq!(number("ВСХд-15 № 30428286"), "ВСХд-15 №\u{a0}30428286");
    }

    #[test]
    fn rubles_typed_by_a_person() {
        let kopecks = |k| Some(Money::from_kopecks(k));
        assert_eq!(parse_rubles("3 456,78"), kopecks(345_678));
        assert_eq!(parse_rubles("3\u{a0}456.7 ₽"), kopecks(345_670));
        assert_eq!(parse_rubles("12"), kopecks(1_200));
        assert_eq!(parse_rubles("0,05"), kopecks(5));
        assert_eq!(parse_rubles("7."), kopecks(700));
        assert_eq!(typed_rubles(Money::from_kopecks(152_113)), "1521,13");
        assert_eq!(typed_rubles(Money::from_kopecks(-5)), "0,00");
        for bad in ["", "abc", "1,234,5", "-5", "1,234", ",5", "₽"] {
            assert_eq!(parse_rubles(bad), None, "{bad}");
        }
    }

    #[test]
    fn readings_typed_by_a_person() {
        let thousandths = |t| Some(Quantity::from_thousandths(t));
        assert_eq!(parse_volume("123,456"), thousandths(123_456));
        assert_eq!(parse_volume(" 123.4 "), thousandths(123_400));
        assert_eq!(parse_volume("1 234"), thousandths(1_234_000));
        assert_eq!(parse_volume("0,007"), thousandths(7));
        assert_eq!(parse_volume("00045,05"), thousandths(45_050));
        assert_eq!(parse_volume("7,"), thousandths(7_000));
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
    }

    #[test]
    fn times_and_sizes_in_russian() {
        let at = DateTime::parse_from_rfc3339("2026-11-05T09:07:00+03:00").unwrap();
        assert_eq!(date_time(at), "05.11.2026, 09:07");
        assert_eq!(waited(TimeDelta::seconds(20)), "1 мин.");
        assert_eq!(waited(TimeDelta::minutes(59)), "59 мин.");
        assert_eq!(waited(TimeDelta::minutes(185)), "3 ч");
        assert_eq!(waited(TimeDelta::days(1)), "1 день");
        assert_eq!(waited(TimeDelta::days(3)), "3 дня");
        assert_eq!(waited(TimeDelta::days(12)), "12 дней");
        assert_eq!(waited(TimeDelta::days(21)), "21 день");
        assert_eq!(file_size(1), "1\u{a0}КБ");
        assert_eq!(file_size(350 * 1024), "350\u{a0}КБ");
        assert_eq!(file_size(5 * 1024 * 1024), "5,0\u{a0}МБ");
        assert_eq!(file_size(4_900_000), "4,7\u{a0}МБ");
    }

    #[test]
    fn periods_and_dates_in_russian() {
        let month = |text: &str| text.parse::<domkom_values::Period>().unwrap();
        assert_eq!(period(month("2026-10")), "Октябрь 2026");
        assert_eq!(period_in_text(month("2026-10")), "октябрь 2026");
        assert_eq!(period_genitive(month("2026-05")), "мая 2026");
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
