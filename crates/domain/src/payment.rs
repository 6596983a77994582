//! Which debts a payment settles: the period the payer named, else the oldest unpaid
//! charges first (the rest of a named-period payment also goes oldest first, as ГК РФ
//! ст.319.1 orders obligations by due date); what is left is an advance.

use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::period::Period;

/// What an account still owes for a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Debt {
    pub period: Period,
    pub owed: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settlement {
    pub period: Period,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    /// Per period, in the order settled; never more than was owed, and in total never
    /// more than was paid.
    pub settled: Vec<Settlement>,
    /// What the payment leaves unallocated (an advance for future charges).
    pub advance: Money,
    /// The debts after this payment, oldest first, zeros dropped: feed them to the next
    /// payment.
    pub remaining: Vec<Debt>,
}

/// Allocates `amount` over `debts` (any order; debts of zero or less are ignored).
/// A non-positive amount settles nothing.
pub fn allocate_payment(amount: Money, named: Option<Period>, debts: &[Debt]) -> Allocation {
    let mut open: Vec<Debt> = debts
        .iter()
        .copied()
        .filter(|d| d.owed.is_positive())
        .collect();
    open.sort_by_key(|d| d.period);
    let mut order: Vec<usize> = (0..open.len()).collect();
    // The named period first, then the others oldest first.
    order.sort_by_key(|&i| (Some(open[i].period) != named, open[i].period));

    let mut left = amount.max(Money::ZERO);
    let mut settled = Vec::new();
    for i in order {
        if !left.is_positive() {
            break;
        }
        let pay = left.min(open[i].owed);
        open[i].owed -= pay;
        left -= pay;
        settled.push(Settlement {
            period: open[i].period,
            amount: pay,
        });
    }
    open.retain(|d| d.owed.is_positive());
    Allocation {
        settled,
        advance: left,
        remaining: open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    fn debt(period: &str, rub: i64) -> Debt {
        Debt {
            period: p(period),
            owed: Money::from_rubles(rub),
        }
    }

    #[test]
    fn oldest_first_without_a_named_period() {
        let debts = [debt("2026-09", 300), debt("2026-08", 200)];
        let a = allocate_payment(Money::from_rubles(250), None, &debts);
        assert_eq!(
            a.settled,
            vec![
                Settlement {
                    period: p("2026-08"),
                    amount: Money::from_rubles(200)
                },
                Settlement {
                    period: p("2026-09"),
                    amount: Money::from_rubles(50)
                },
            ]
        );
        assert_eq!(a.advance, Money::ZERO);
        assert_eq!(a.remaining, vec![debt("2026-09", 250)]);
    }

    #[test]
    fn named_period_first_then_oldest_then_advance() {
        let debts = [debt("2026-08", 200), debt("2026-09", 300)];
        let a = allocate_payment(Money::from_rubles(600), Some(p("2026-09")), &debts);
        assert_eq!(a.settled[0].period, p("2026-09"));
        assert_eq!(
            a.settled[1],
            Settlement {
                period: p("2026-08"),
                amount: Money::from_rubles(200)
            }
        );
        assert_eq!(a.advance, Money::from_rubles(100));
        assert!(a.remaining.is_empty());
    }
}
