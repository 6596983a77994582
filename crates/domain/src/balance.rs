//! The account balance (сальдо) of a period:
//! closing = opening + charged + recalculations + penalties − payments.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::billing::charge::Charge;
use crate::billing::input::Recalculation;
use crate::money::Money;
use crate::period::Period;
use domkom_values::Overflow;

/// Positive `closing` is a debt, negative an advance (переплата).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    pub opening: Money,
    pub charged: Money,
    pub recalculated: Money,
    pub penalties: Money,
    pub paid: Money,
    pub closing: Money,
}

impl Balance {
    /// The only way to build a balance, so `closing` always adds up.
    pub fn new(
        opening: Money,
        charged: Money,
        recalculated: Money,
        penalties: Money,
        paid: Money,
    ) -> Result<Self, Overflow> {
        let closing = Money::checked_sum([opening, charged, recalculated, penalties])?
            .checked_sub(paid)
            .ok_or(Overflow)?;
        Ok(Balance {
            opening,
            charged,
            recalculated,
            penalties,
            paid,
            closing,
        })
    }

    pub fn is_debt(&self) -> bool {
        self.closing.is_positive()
    }

    pub fn is_advance(&self) -> bool {
        self.closing.is_negative()
    }
}

pub use domkom_values::BalanceStatus;

/// The status of a closed balance on `today`. `overdue_before` is what the period's
/// opening debt still owed after the period's payments: it fell due a month earlier, so
/// it is late already. `paid_since` counts payments the balance does not count yet.
pub fn balance_status(
    closing: Money,
    overdue_before: Money,
    paid_since: Money,
    due: NaiveDate,
    today: NaiveDate,
) -> BalanceStatus {
    if closing.is_negative() {
        BalanceStatus::Advance
    } else if closing.is_zero() {
        BalanceStatus::Settled
    } else if !(closing - paid_since).is_positive() {
        BalanceStatus::Paid
    } else if today > due || (overdue_before - paid_since).is_positive() {
        BalanceStatus::Overdue
    } else {
        BalanceStatus::Due
    }
}

/// A payment received on an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub payment_id: i64,
    pub account_id: i64,
    pub date: NaiveDate,
    pub amount: Money,
    /// The period the payer named, if any (see [`crate::payment::allocate_payment`]).
    pub period: Option<Period>,
    /// The period whose balance counts it (see [`booked_in`]).
    pub booked_in: Period,
}

/// The period whose balance counts a payment: the month of its date, unless that month
/// was already closed when the payment arrived (a bank registry comes days later) — then
/// the first period closed after its arrival, so no payment is left out of every balance.
/// `closes` are the organization's closed periods with the time each was closed.
pub fn booked_in(
    date: NaiveDate,
    arrived: chrono::NaiveDateTime,
    closes: &[(Period, chrono::NaiveDateTime)],
) -> Option<Period> {
    let dated = Period::containing(date)?;
    let open_on_arrival = closes
        .iter()
        .filter(|(_, closed_at)| *closed_at <= arrived)
        .map(|(p, _)| *p)
        .max()
        .and_then(Period::next);
    Some(open_on_arrival.map_or(dated, |open| open.max(dated)))
}

/// The balance of `account_id` for `period` from the period's charge lines (the
/// engine's output for that period), the recalculations *booked in* it (whatever period
/// they correct), the penalties accrued in it and the payments booked in it.
pub fn account_balance(
    account_id: i64,
    period: Period,
    opening: Money,
    charges: &[Charge],
    recalculations: &[Recalculation],
    penalties: Money,
    payments: &[Payment],
) -> Result<Balance, Overflow> {
    let charged = Money::checked_sum(
        charges
            .iter()
            .filter(|c| c.account_id == account_id)
            .map(|c| c.amount),
    )?;
    let recalculated = Money::checked_sum(
        recalculations
            .iter()
            .filter(|r| r.account_id == account_id && r.booked_in == period)
            .map(|r| r.amount),
    )?;
    let paid = Money::checked_sum(
        payments
            .iter()
            .filter(|p| p.account_id == account_id && p.booked_in == period)
            .map(|p| p.amount),
    )?;
    Balance::new(opening, charged, recalculated, penalties, paid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bill_is_due_until_its_date_and_overdue_after() {
        let m = Money::from_rubles;
        let due: NaiveDate = "2026-12-15".parse().unwrap();
        let on = |s: &str| s.parse::<NaiveDate>().unwrap();
        let status = |closing, before, since, today| {
            balance_status(m(closing), m(before), m(since), due, on(today))
        };
        assert_eq!(status(1000, 0, 0, "2026-12-03"), BalanceStatus::Due);
        assert_eq!(
            status(1000, 0, 0, "2026-12-15"),
            BalanceStatus::Due,
            "the due day itself is not late"
        );
        assert_eq!(status(1000, 0, 0, "2026-12-16"), BalanceStatus::Overdue);
        assert_eq!(
            status(1000, 300, 0, "2026-12-03"),
            BalanceStatus::Overdue,
            "an older debt is late already"
        );
        assert_eq!(
            status(1000, 300, 300, "2026-12-03"),
            BalanceStatus::Due,
            "the older debt is paid since"
        );
        assert_eq!(status(1000, 0, 1000, "2026-12-20"), BalanceStatus::Paid);
        assert_eq!(status(-5, 0, 0, "2026-12-20"), BalanceStatus::Advance);
        assert_eq!(status(0, 0, 0, "2026-12-20"), BalanceStatus::Settled);
    }

    #[test]
    fn closing_adds_up_and_signs_mean_debt_or_advance() {
        let m = Money::from_kopecks;
        let b = Balance::new(m(150_000), m(212_113), m(-10_000), m(0), m(200_000)).unwrap();
        assert_eq!(b.closing, m(152_113));
        assert!(b.is_debt());
        let b = Balance::new(m(0), m(100), m(0), m(0), m(500)).unwrap();
        assert_eq!(b.closing, m(-400));
        assert!(b.is_advance());
        let max = Money::from_kopecks(i64::MAX);
        assert_eq!(
            Balance::new(m(0), m(0), m(0), m(0), -max - m(1)),
            Err(Overflow)
        );
        assert_eq!(Balance::new(max, m(1), m(0), m(0), m(0)), Err(Overflow));
    }

    #[test]
    fn a_payment_that_arrives_after_its_month_closed_counts_in_the_next_close() {
        let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let p = |s: &str| s.parse::<Period>().unwrap();
        let oct_30: NaiveDate = "2026-10-30".parse().unwrap();
        let closes = [
            (p("2026-09"), at("2026-10-01 09:00")),
            (p("2026-10"), at("2026-11-02 09:00")),
        ];
        // Before October closed: October.
        assert_eq!(
            booked_in(oct_30, at("2026-10-31 12:00"), &closes),
            Some(p("2026-10"))
        );
        // The bank's registry came on 3 November, after October closed: November.
        assert_eq!(
            booked_in(oct_30, at("2026-11-03 10:00"), &closes),
            Some(p("2026-11"))
        );
        // Far in the past, arrived now: the first open period.
        let march: NaiveDate = "2026-03-15".parse().unwrap();
        assert_eq!(
            booked_in(march, at("2026-11-03 10:00"), &closes),
            Some(p("2026-11"))
        );
        // Nothing closed yet: its own month.
        assert_eq!(
            booked_in(oct_30, at("2026-11-03 10:00"), &[]),
            Some(p("2026-10"))
        );
    }
}
