//! Penalties (пени, ЖК РФ ст.155 ч.14) on an overdue amount: days 1–30 after the due
//! date are free, days 31–90 cost 1/300 of the rate per day, from day 91 1/130.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::decimal::{div_round_half_up, to_i64};
use crate::money::Money;

/// The cap on the rate (9.5 %) set by Government decree 329 of 18.03.2025 until
/// 1 January 2027; the caller decides whether it applies.
pub const DECREE_329_CAP_BP: u32 = 950;

const FREE_DAYS: i64 = 30;
const LOW_RATE_LAST_DAY: i64 = 90;

/// The key rate of the Bank of Russia and the cap in force, in basis points
/// (1 bp = 0.01 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PenaltyRate {
    pub key_rate_bp: u32,
    pub cap_bp: Option<u32>,
}

impl PenaltyRate {
    pub fn effective_bp(self) -> u32 {
        self.cap_bp
            .map_or(self.key_rate_bp, |c| self.key_rate_bp.min(c))
    }
}

/// An amount that fell due on `due` and is still unpaid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueAmount {
    pub amount: Money,
    pub due: NaiveDate,
}

/// The penalty accrued on `amount` from the day after `due` to `on` inclusive.
pub fn penalty(amount: Money, due: NaiveDate, on: NaiveDate, rate: PenaltyRate) -> Money {
    penalty_between(amount, due, due, on, rate)
}

/// The penalty accrued on `amount` over the days after `from` up to `to` inclusive
/// (e.g. the days of one billing period), counted from `due`. Exact, rounded once.
pub fn penalty_between(
    amount: Money,
    due: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
    rate: PenaltyRate,
) -> Money {
    round_penalty(exact_penalty_between(amount, due, from, to, rate))
}

/// The exact penalty in units of 1/`PENALTY_DENOMINATOR` kopeck, so that several windows
/// (split by payments) add up before the one rounding.
pub fn exact_penalty_between(
    amount: Money,
    due: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
    rate: PenaltyRate,
) -> i128 {
    if !amount.is_positive() {
        return 0;
    }
    // Overdue day numbers in the window: (from − due, to − due].
    let first = (from - due).num_days().max(0) + 1;
    let last = (to - due).num_days();
    let days_in = |lo: i64, hi: i64| (last.min(hi) - first.max(lo) + 1).max(0);
    let low_days = days_in(FREE_DAYS + 1, LOW_RATE_LAST_DAY);
    let high_days = days_in(LOW_RATE_LAST_DAY + 1, i64::MAX);
    // 1/300 = 130/39000 and 1/130 = 300/39000; bp are 1/10000.
    let weight = 130 * i128::from(low_days) + 300 * i128::from(high_days);
    i128::from(amount.kopecks()) * i128::from(rate.effective_bp()) * weight
}

/// 1/300 and 1/130 share the denominator 39 000; basis points add 10 000.
pub const PENALTY_DENOMINATOR: i128 = 10_000 * 39_000;

/// Rounds an exact penalty (see [`exact_penalty_between`]) half up to the kopeck.
pub fn round_penalty(exact: i128) -> Money {
    let kopecks = div_round_half_up(exact, PENALTY_DENOMINATOR);
    Money::from_kopecks(to_i64(kopecks).unwrap_or(i64::MAX))
}

/// The penalties on several overdue amounts, each computed and rounded on its own.
pub fn penalties_between(
    amounts: &[OverdueAmount],
    from: NaiveDate,
    to: NaiveDate,
    rate: PenaltyRate,
) -> Money {
    amounts
        .iter()
        .map(|a| penalty_between(a.amount, a.due, from, to, rate))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const RATE: PenaltyRate = PenaltyRate {
        key_rate_bp: 1650,
        cap_bp: Some(DECREE_329_CAP_BP),
    };

    #[test]
    fn domain_md_example() {
        // 1 000.00 due 2026-08-15, unpaid on 2026-11-20: 97 days, 60 at 1/300, 7 at 1/130.
        let p = penalty(
            Money::from_rubles(1000),
            date(2026, 8, 15),
            date(2026, 11, 20),
            RATE,
        );
        assert_eq!(p, Money::from_kopecks(2412));
    }

    #[test]
    fn first_thirty_days_are_free() {
        let due = date(2026, 8, 15);
        let p = penalty(Money::from_rubles(1000), due, date(2026, 9, 14), RATE);
        assert_eq!(p, Money::ZERO);
        // Day 31 costs 1000 × 0.095 / 300 = 0.3166… → 0.32.
        let p = penalty(Money::from_rubles(1000), due, date(2026, 9, 15), RATE);
        assert_eq!(p, Money::from_kopecks(32));
    }

    #[test]
    fn periods_add_up_to_the_whole_before_rounding() {
        let due = date(2026, 8, 15);
        let a = Money::from_rubles(1000);
        let sep = penalty_between(a, due, date(2026, 8, 31), date(2026, 9, 30), RATE);
        let oct = penalty_between(a, due, date(2026, 9, 30), date(2026, 10, 31), RATE);
        let nov = penalty_between(a, due, date(2026, 10, 31), date(2026, 11, 20), RATE);
        let whole = penalty(a, due, date(2026, 11, 20), RATE);
        assert!((sep + oct + nov - whole).kopecks().abs() <= 1);
        assert_eq!(
            penalty_between(a, due, date(2026, 11, 20), date(2026, 11, 1), RATE),
            Money::ZERO
        );
    }

    #[test]
    fn uncapped_rate_is_used_when_lower_or_no_cap() {
        let r = PenaltyRate {
            key_rate_bp: 800,
            cap_bp: Some(950),
        };
        assert_eq!(r.effective_bp(), 800);
        let r = PenaltyRate {
            key_rate_bp: 1650,
            cap_bp: None,
        };
        assert_eq!(r.effective_bp(), 1650);
    }
}
