//! Fixed-point text and rounding shared by the value types: every amount is an integer
//! count of a small unit (kopeck, thousandth, hundredth), so parsing and printing are
//! the same code with a different number of decimals.

use crate::error::ParseError;

/// The thin space between groups of thousands: U+00A0 NO-BREAK SPACE. Chosen over
/// U+202F (narrow no-break space) because every font we print with (DejaVu, the
/// browser's) has it, and it never lets an amount break across lines.
pub const GROUP_SEPARATOR: char = '\u{a0}';

/// Divides rounding half away from zero: half up for the non-negative amounts the
/// engine bills, symmetric for corrections so that `-x` rounds to `-(round x)`.
pub fn div_round_half_up(num: i128, den: i128) -> i128 {
    debug_assert!(den > 0);
    let (q, r) = (num / den, num % den);
    if 2 * r.abs() >= den {
        q + num.signum()
    } else {
        q
    }
}

/// Narrows an exact intermediate to the i64 the value types store.
pub fn to_i64(value: i128) -> Option<i64> {
    i64::try_from(value).ok()
}

/// Parses `[-]digits[(.|,)digits]` with at most `scale` decimals into units of
/// 10^-scale. Group separators (space, no-break or narrow no-break space) are allowed in
/// the integer part so that printed values read back.
pub fn parse_fixed(text: &str, scale: u32) -> Result<i64, ParseError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(ParseError::Empty);
    }
    let bad = || ParseError::NotANumber(text.to_owned());
    let (negative, unsigned) = match trimmed.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let (int_part, frac_part) = match unsigned.split_once(['.', ',']) {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let int_digits: String = int_part
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if int_digits.is_empty() || !int_digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    // Separators may only sit between digits, never lead or trail.
    if int_part.starts_with(|c: char| !c.is_ascii_digit())
        || int_part.ends_with(|c: char| !c.is_ascii_digit())
    {
        return Err(bad());
    }
    let frac = frac_part.unwrap_or("");
    if frac_part.is_some() && (frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit())) {
        return Err(bad());
    }
    if frac.len() > scale as usize {
        return Err(ParseError::TooManyDecimals {
            text: text.to_owned(),
            max: scale,
        });
    }
    let out_of_range = || ParseError::OutOfRange(text.to_owned());
    let mut value: i128 = int_digits.parse().map_err(|_| out_of_range())?;
    let mut frac_value: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| out_of_range())?
    };
    for _ in frac.len()..scale as usize {
        frac_value *= 10;
    }
    value = value
        .checked_mul(10i128.pow(scale))
        .and_then(|v| v.checked_add(frac_value))
        .ok_or_else(out_of_range)?;
    if negative {
        value = -value;
    }
    to_i64(value).ok_or_else(out_of_range)
}

/// Prints `value` units of 10^-scale with at least `min_decimals` decimals (trailing
/// zeros beyond that trimmed), a `.` as decimal mark and, when `group`, thousands
/// separated by [`GROUP_SEPARATOR`].
pub fn format_fixed(value: i64, scale: u32, min_decimals: u32, group: bool) -> String {
    let unit = 10u64.pow(scale);
    let abs = value.unsigned_abs();
    let int = (abs / unit).to_string();
    let mut frac = format!("{:0width$}", abs % unit, width = scale as usize);
    while frac.len() > min_decimals as usize && frac.ends_with('0') {
        frac.pop();
    }
    let mut out = String::with_capacity(int.len() + frac.len() + 4);
    if value < 0 {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if group && i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(GROUP_SEPARATOR);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(&frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(div_round_half_up(5, 10), 1);
        assert_eq!(div_round_half_up(4, 10), 0);
        assert_eq!(div_round_half_up(-5, 10), -1);
        assert_eq!(div_round_half_up(-4, 10), 0);
        assert_eq!(div_round_half_up(15, 10), 2);
    }

    #[test]
    fn parses_and_formats() {
        assert_eq!(parse_fixed("1275,5", 2), Ok(127_550));
        assert_eq!(parse_fixed("1\u{a0}275.00", 2), Ok(127_500));
        assert_eq!(parse_fixed("-0.5", 3), Ok(-500));
        assert!(parse_fixed("1.234", 2).is_err());
        assert!(parse_fixed("1.", 2).is_err());
        assert!(parse_fixed(" 1", 2).is_ok());
        assert!(parse_fixed("1 ", 2).is_ok());
        assert!(parse_fixed("12a", 2).is_err());
        assert!(parse_fixed("99999999999999999999", 2).is_err());
        assert_eq!(format_fixed(127_500, 2, 2, true), "1\u{a0}275.00");
        assert_eq!(
            format_fixed(-123_456_789, 2, 2, true),
            "-1\u{a0}234\u{a0}567.89"
        );
        assert_eq!(format_fixed(19_360, 4, 2, false), "1.936");
        assert_eq!(format_fixed(456_700, 4, 2, false), "45.67");
    }
}
