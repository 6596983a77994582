//! Values as a Russian reader expects them, for every text a person reads — the server's
//! explanations, notices and errors and the SPA's pages alike: a decimal comma, thousands
//! grouped by a no-break space, no needless trailing zeros, a typographic minus, and the
//! unit or sign joined to its number so a line never breaks between them.
//!
//! Machine forms (CSV, logs, the API's numbers) use the types' `Display` instead.

use chrono::{Datelike, NaiveDate};

use crate::decimal::format_fixed;
use crate::{Area, AreaNorm, Money, Period, Quantity, Tariff};

/// Joins a number to its unit, «№» to its number, and groups thousands.
pub const NBSP: char = '\u{a0}';

/// `value / 10^scale` with between `min` and `scale` decimals.
fn fixed(value: i64, scale: u32, min: u32) -> String {
    let text = format_fixed(value, scale, min, true).replace('.', ",");
    match text.strip_prefix('-') {
        Some(magnitude) => format!("−{magnitude}"),
        None => text,
    }
}

/// `1 234,56 ₽`.
pub fn money(amount: Money) -> String {
    format!("{}{NBSP}₽", fixed(amount.kopecks(), 2, 2))
}

/// Whole rubles, rounded half away from zero, for a chart's scale: `1 235 ₽`.
pub fn rubles(amount: Money) -> String {
    let k = amount.kopecks();
    let rounded = (k.unsigned_abs() + 50) / 100;
    let rubles = i64::try_from(rounded).unwrap_or(i64::MAX) * k.signum();
    format!("{}{NBSP}₽", fixed(rubles, 0, 0))
}

/// A volume or a reading without needless zeros: `18 172`, `15,08`, `8,655`.
pub fn volume(q: Quantity) -> String {
    fixed(q.thousandths(), 3, 0)
}

/// A volume with its unit: `556 кВт·ч`, `15,08 м³`.
pub fn volume_in(q: Quantity, unit: &str) -> String {
    with_unit(volume(q), unit)
}

/// A tariff in rubles with 2 to 4 decimals: `45,67 ₽`, `1,936 ₽`.
pub fn tariff(t: Tariff) -> String {
    format!("{}{NBSP}₽", fixed(t.hundredths_of_kopeck(), 4, 2))
}

/// An area as premises are measured, to the hundredth: `54,30 м²`.
pub fn area(a: Area) -> String {
    format!("{}{NBSP}м²", fixed(a.hundredths(), 2, 2))
}

/// A norm per m² of common area: `0,0324`.
pub fn area_norm(n: AreaNorm) -> String {
    fixed(n.millionths(), 6, 0)
}

/// `number` and `unit` joined by a no-break space; the number alone without a unit.
pub fn with_unit(number: String, unit: &str) -> String {
    if unit.is_empty() {
        number
    } else {
        format!("{number}{NBSP}{unit}")
    }
}

/// A flat's address: the house's, then «кв.» and the flat's number.
pub fn flat_address(house: &str, flat: &str) -> String {
    format!("{house}, кв. {flat}")
}

/// A meter's or a document's number after «№»: «№ 30428286». A serial that already holds
/// the sign («ВСХд-15 № 30428286», as meters are often labelled) keeps its own, so the
/// sign is never written twice; either way «№» is joined to what follows it.
pub fn number(serial: &str) -> String {
    let serial = serial.trim();
    if !serial.contains('№') {
        return format!("№{NBSP}{serial}");
    }
    let mut out = String::with_capacity(serial.len() + 2);
    let mut parts = serial.split('№');
    out.push_str(parts.next().unwrap_or_default());
    for part in parts {
        out.push('№');
        out.push(NBSP);
        out.push_str(part.trim_start());
    }
    out
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

/// For «на конец октября», «с 1 октября».
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

/// The month alone, lower case: «октябрь».
pub fn month(p: Period) -> &'static str {
    MONTHS[usize::from(p.month()) - 1]
}

/// «октябрь 2026», as a period is named inside a sentence.
pub fn period(p: Period) -> String {
    format!("{} {}", month(p), p.year())
}

/// «Октябрь 2026», as a period heads a table or a card.
pub fn period_title(p: Period) -> String {
    let name = month(p);
    let mut chars = name.chars();
    let first: String = chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .collect();
    format!("{first}{} {}", chars.as_str(), p.year())
}

/// «октября 2026», for «на конец октября 2026».
pub fn period_genitive(p: Period) -> String {
    format!(
        "{} {}",
        MONTHS_GENITIVE[usize::from(p.month()) - 1],
        p.year()
    )
}

/// `05.11.2026`.
pub fn date(d: NaiveDate) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(thousandths: i64) -> Quantity {
        Quantity::from_thousandths(thousandths)
    }

    #[test]
    fn money_has_two_decimals_a_comma_groups_and_the_sign() {
        assert_eq!(money(Money::from_kopecks(123_456)), "1\u{a0}234,56\u{a0}₽");
        assert_eq!(money(Money::from_kopecks(5)), "0,05\u{a0}₽");
        assert_eq!(money(Money::ZERO), "0,00\u{a0}₽");
        assert_eq!(
            money(Money::from_kopecks(-100_000_000)),
            "−1\u{a0}000\u{a0}000,00\u{a0}₽"
        );
        assert_eq!(money(Money::from_kopecks(i64::MIN)).matches(',').count(), 1);
        assert_eq!(rubles(Money::from_kopecks(123_450)), "1\u{a0}235\u{a0}₽");
        assert_eq!(rubles(Money::from_kopecks(-149)), "−1\u{a0}₽");
        assert_eq!(
            rubles(Money::from_kopecks(i64::MIN)).matches('₽').count(),
            1
        );
    }

    #[test]
    fn volumes_drop_needless_zeros_and_keep_their_unit() {
        assert_eq!(volume(q(18_172_000)), "18\u{a0}172");
        assert_eq!(volume(q(15_080)), "15,08");
        assert_eq!(volume(q(8_655)), "8,655");
        assert_eq!(volume(q(0)), "0");
        assert_eq!(volume(q(-1)), "−0,001");
        assert_eq!(volume_in(q(556_000), "кВт·ч"), "556\u{a0}кВт·ч");
        assert_eq!(volume_in(q(556_000), ""), "556");
    }

    #[test]
    fn tariffs_areas_and_norms() {
        assert_eq!(tariff(Tariff::from_kopecks(4567)), "45,67\u{a0}₽");
        assert_eq!(
            tariff(Tariff::from_hundredths_of_kopeck(19_360)),
            "1,936\u{a0}₽"
        );
        assert_eq!(
            tariff(Tariff::from_hundredths_of_kopeck(1_234_567)),
            "123,4567\u{a0}₽"
        );
        assert_eq!(area(Area::from_hundredths(5_430)), "54,30\u{a0}м²");
        assert_eq!(
            area(Area::from_hundredths(240_000)),
            "2\u{a0}400,00\u{a0}м²"
        );
        assert_eq!(area_norm(AreaNorm::from_millionths(32_400)), "0,0324");
    }

    #[test]
    fn the_number_sign_is_written_once_and_never_split() {
        assert_eq!(number("30428286"), "№\u{a0}30428286");
        assert_eq!(number("№ 30428286"), "№\u{a0}30428286");
        assert_eq!(number("№30428286"), "№\u{a0}30428286");
        assert_eq!(number("ВСХд-15"), "№\u{a0}ВСХд-15");
        assert_eq!(number("ВСХд-15 № 30428286"), "ВСХд-15 №\u{a0}30428286");
    }

    #[test]
    fn periods_and_dates() {
        let p: Period = "2026-10".parse().unwrap();
        assert_eq!(period(p), "октябрь 2026");
        assert_eq!(period_title(p), "Октябрь 2026");
        assert_eq!(period_genitive("2026-05".parse().unwrap()), "мая 2026");
        assert_eq!(month(p), "октябрь");
        let d = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
        assert_eq!(date(d), "05.11.2026");
    }
}
