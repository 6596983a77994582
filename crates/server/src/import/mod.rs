//! Files the API reads: bank registries and the company data imports. See docs/import.md.

pub mod csv;

/// `MM.YYYY` or `YYYY-MM`, answered as `YYYY-MM`.
pub fn parse_period(text: &str) -> Option<String> {
    let period = match text.split_once('.') {
        Some((m, y)) if m.len() <= 2 => format!("{y}-{m:0>2}"),
        Some(_) => return None,
        None => text.to_owned(),
    };
    domkom_dto::rules::is_period(&period).then_some(period)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_in_both_spellings() {
        assert_eq!(parse_period("10.2026").as_deref(), Some("2026-10"));
        assert_eq!(parse_period("3.2026").as_deref(), Some("2026-03"));
        assert_eq!(parse_period("2026-10").as_deref(), Some("2026-10"));
        assert_eq!(parse_period("13.2026"), None);
    }
}
