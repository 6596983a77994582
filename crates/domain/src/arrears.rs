//! Penalties accrued in one period on an account's overdue debt, replaying its history:
//! each closed period's charges become a debt due on the organization's due day of the
//! next month; payments settle the period they name, else the oldest debt; what a payment
//! leaves over is an advance that pays the next charges. Payments made within the period
//! shorten the debt from their date on. The period's penalty is computed exactly over all
//! its windows and rounded once.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::balance::Payment;
use crate::money::Money;
use crate::payment::{allocate_payment, Debt};
use crate::penalty::{exact_penalty_between, round_penalty, PenaltyRate};
use crate::period::Period;

/// What a closed period added to the account: its charges and recalculations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accrual {
    pub period: Period,
    pub amount: Money,
}

/// The account's money before the first period billed here (positive: a debt due with
/// the period before `first`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedOver {
    pub first: Period,
    pub amount: Money,
}

/// Everything the replay needs about one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountHistory<'a> {
    pub carried: Option<CarriedOver>,
    /// Accruals of periods before the one being closed, any order.
    pub accruals: &'a [Accrual],
    /// Payments up to the end of the period being closed, any order.
    pub payments: &'a [Payment],
}

enum Event {
    Accrual(Accrual),
    Payment(Payment),
}

/// The penalty accrued in `period` (its days only) on the account's overdue debts.
pub fn penalties_in(
    period: Period,
    due_day: u8,
    rate: PenaltyRate,
    history: &AccountHistory,
) -> Money {
    let due_of = |p: Period| p.due_date(due_day).unwrap_or_else(|| p.last_day());
    // A period's charges are known when it closes, after its last day.
    let mut events: Vec<(NaiveDate, u8, Event)> = Vec::new();
    for a in history.accruals.iter().filter(|a| a.period < period) {
        events.push((
            a.period.last_day() + Duration::days(1),
            0,
            Event::Accrual(*a),
        ));
    }
    for p in history
        .payments
        .iter()
        .filter(|p| p.date <= period.last_day())
    {
        events.push((p.date, 1, Event::Payment(p.clone())));
    }
    events.sort_by_key(|(date, order, _)| (*date, *order));

    let mut debts: Vec<Debt> = Vec::new();
    let mut credit = Money::ZERO;
    if let Some(c) = history.carried {
        match c.first.prev() {
            Some(before) if c.amount.is_positive() => debts.push(Debt {
                period: before,
                owed: c.amount,
            }),
            _ => credit -= c.amount.min(Money::ZERO),
        }
    }
    let window_start = period.first_day() - Duration::days(1);
    let mut cursor = window_start;
    let mut exact: i128 = 0;
    let accrue = |debts: &[Debt], from: NaiveDate, to: NaiveDate| -> i128 {
        if to <= from {
            return 0;
        }
        debts
            .iter()
            .map(|d| exact_penalty_between(d.owed, due_of(d.period), from, to, rate))
            .sum()
    };
    for (date, _, event) in events {
        // Days before this event (inside the period) carry the debts as they were.
        let until = (date - Duration::days(1)).min(period.last_day());
        if until > cursor {
            exact += accrue(&debts, cursor.max(window_start), until);
            cursor = until;
        }
        match event {
            Event::Accrual(a) => {
                let mut owed = a.amount;
                let pay = credit.min(owed).max(Money::ZERO);
                owed -= pay;
                credit -= pay;
                if owed.is_positive() {
                    debts.push(Debt {
                        period: a.period,
                        owed,
                    });
                } else {
                    credit -= owed;
                }
            }
            Event::Payment(p) => {
                let allocation = allocate_payment(p.amount, p.period, &debts);
                debts = allocation.remaining;
                credit += allocation.advance;
            }
        }
    }
    exact += accrue(&debts, cursor.max(window_start), period.last_day());
    round_penalty(exact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::penalty::DECREE_329_CAP_BP;

    const RATE: PenaltyRate = PenaltyRate {
        key_rate_bp: 1650,
        cap_bp: Some(DECREE_329_CAP_BP),
    };

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn payment(on: &str, rub: i64) -> Payment {
        Payment {
            payment_id: 0,
            account_id: 1,
            date: date(on),
            amount: Money::from_rubles(rub),
            period: None,
            booked_in: Period::containing(date(on)).unwrap(),
        }
    }

    fn july_debt() -> [Accrual; 1] {
        [Accrual {
            period: p("2026-07"),
            amount: Money::from_rubles(1000),
        }]
    }

    #[test]
    fn domain_md_example_month_by_month() {
        // 1 000.00 due 2026-08-15 and never paid: the penalties of September, October and
        // November up to the 20th add up to the 24.12 of domain.md within the roundings.
        let accruals = july_debt();
        let history = AccountHistory {
            carried: None,
            accruals: &accruals,
            payments: &[],
        };
        let august = penalties_in(p("2026-08"), 15, RATE, &history);
        let september = penalties_in(p("2026-09"), 15, RATE, &history);
        assert_eq!(august, Money::ZERO, "the first 30 days are free");
        // September: overdue days 17..=46, of them 31..=46 at 1/300: 1000 × 0.095 × 16/300.
        assert_eq!(september, Money::from_kopecks(507));
    }

    #[test]
    fn a_payment_within_the_period_stops_the_penalty_from_its_date() {
        let accruals = july_debt();
        let unpaid = AccountHistory {
            carried: None,
            accruals: &accruals,
            payments: &[],
        };
        let payments = [payment("2026-09-23", 1000)];
        let paid = AccountHistory {
            carried: None,
            accruals: &accruals,
            payments: &payments,
        };
        // Paid on the 23rd: overdue days 31..=38 carry the debt (the 23rd itself is paid).
        let expected = crate::penalty::penalty_between(
            Money::from_rubles(1000),
            date("2026-08-15"),
            date("2026-08-31"),
            date("2026-09-22"),
            RATE,
        );
        assert_eq!(penalties_in(p("2026-09"), 15, RATE, &paid), expected);
        assert!(expected < penalties_in(p("2026-09"), 15, RATE, &unpaid));
    }

    #[test]
    fn an_advance_pays_the_next_charges_and_nothing_accrues() {
        let accruals = july_debt();
        let payments = [payment("2026-07-10", 1500)];
        let history = AccountHistory {
            carried: None,
            accruals: &accruals,
            payments: &payments,
        };
        assert_eq!(penalties_in(p("2026-10"), 15, RATE, &history), Money::ZERO);
    }

    #[test]
    fn a_carried_debt_is_overdue_from_the_start() {
        let history = AccountHistory {
            carried: Some(CarriedOver {
                first: p("2026-08"),
                amount: Money::from_rubles(1000),
            }),
            accruals: &[],
            payments: &[],
        };
        let accruals = july_debt();
        let same = AccountHistory {
            carried: None,
            accruals: &accruals,
            payments: &[],
        };
        assert_eq!(
            penalties_in(p("2026-09"), 15, RATE, &history),
            penalties_in(p("2026-09"), 15, RATE, &same)
        );
    }
}
