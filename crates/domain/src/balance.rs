//! The account balance (сальдо) of a period:
//! closing = opening + charged + recalculations + penalties − payments.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::billing::charge::Charge;
use crate::billing::input::Recalculation;
use crate::money::Money;
use crate::period::Period;

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
    ) -> Self {
        Balance {
            opening,
            charged,
            recalculated,
            penalties,
            paid,
            closing: opening + charged + recalculated + penalties - paid,
        }
    }

    pub fn is_debt(&self) -> bool {
        self.closing.is_positive()
    }

    pub fn is_advance(&self) -> bool {
        self.closing.is_negative()
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
}

/// The balance of `account_id` for `period` from the period's charge lines (the
/// engine's output for that period), the recalculations *booked in* it (whatever period
/// they correct), the penalties accrued in it and the payments made in it.
pub fn account_balance(
    account_id: i64,
    period: Period,
    opening: Money,
    charges: &[Charge],
    recalculations: &[Recalculation],
    penalties: Money,
    payments: &[Payment],
) -> Balance {
    let charged = charges
        .iter()
        .filter(|c| c.account_id == account_id)
        .map(|c| c.amount)
        .sum();
    let recalculated = recalculations
        .iter()
        .filter(|r| r.account_id == account_id && r.booked_in == period)
        .map(|r| r.amount)
        .sum();
    let paid = payments
        .iter()
        .filter(|p| p.account_id == account_id && Period::containing(p.date) == Some(period))
        .map(|p| p.amount)
        .sum();
    Balance::new(opening, charged, recalculated, penalties, paid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_adds_up_and_signs_mean_debt_or_advance() {
        let m = Money::from_kopecks;
        let b = Balance::new(m(150_000), m(212_113), m(-10_000), m(0), m(200_000));
        assert_eq!(b.closing, m(152_113));
        assert!(b.is_debt());
        let b = Balance::new(m(0), m(100), m(0), m(0), m(500));
        assert_eq!(b.closing, m(-400));
        assert!(b.is_advance());
    }
}
