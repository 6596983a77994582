//! Penalties corrected when a payment reaches the company after its month closed.

use domkom_domain::arrears::{penalties_in, AccountHistory, Accrual};
use domkom_domain::penalty::{PenaltyRate, DECREE_329_CAP_BP};
use domkom_domain::penalty_correction::{penalty_corrections, ChargedPenalty, PenaltyCorrection};
use domkom_domain::{Money, Payment};

mod support;
use support::{day, period as p};

const RATE: PenaltyRate = PenaltyRate {
    key_rate_bp: 1650,
    cap_bp: Some(DECREE_329_CAP_BP),
};

/// 1 000.00 ₽ paid on `on`, entered when `booked_in` was the open period.
fn paid(on: &str, booked_in: &str) -> Payment {
    Payment {
        payment_id: 0,
        account_id: 1,
        date: day(on),
        amount: Money::from_rubles(1000),
        period: None,
        booked_in: p(booked_in),
    }
}

/// May's 1 000.00 ₽, due 15 June.
fn may() -> [Accrual; 1] {
    [Accrual {
        period: p("2026-05"),
        amount: Money::from_rubles(1000),
    }]
}

fn history<'a>(accruals: &'a [Accrual], payments: &'a [Payment]) -> AccountHistory<'a> {
    AccountHistory {
        carried: None,
        accruals,
        payments,
    }
}

fn charged(period: &str, kopecks: i64) -> ChargedPenalty {
    ChargedPenalty {
        period: p(period),
        charged: Money::from_kopecks(kopecks),
        rate: RATE,
    }
}

#[test]
fn a_payment_entered_after_the_july_close_corrects_julys_penalty_in_august() {
    let may = may();
    // July's close did not know of the payment of 20 July: overdue days 16–46, of
    // them 31–46 at 1/300 of 9.5 % = 5.07.
    let unknown = penalties_in(p("2026-07"), 15, RATE, &history(&may, &[]));
    assert_eq!(unknown, Money::from_kopecks(507));
    // Known now: days 31–34 (16–19 July; the 20th is paid) = 1.27.
    let payments = [paid("2026-07-20", "2026-08")];
    let corrections = penalty_corrections(
        p("2026-08"),
        15,
        &history(&may, &payments),
        &[charged("2026-06", 0), charged("2026-07", 507)],
    );
    assert_eq!(
        corrections,
        [PenaltyCorrection {
            corrects: p("2026-07"),
            amount: Money::from_kopecks(-380),
            paid_on: vec![day("2026-07-20")],
        }]
    );
}

#[test]
fn a_period_already_corrected_is_not_corrected_again() {
    let may = may();
    let payments = [paid("2026-07-20", "2026-08")];
    let after_august = [charged("2026-07", 507 - 380), charged("2026-08", 0)];
    // The next close counts no late payment: nothing to look at.
    let september = penalty_corrections(p("2026-09"), 15, &history(&may, &payments), &after_august);
    assert!(september.is_empty());
    // Another late payment of 10 July paid May before its 31st day: July owes no
    // penalty, and only what was left of it is corrected.
    let payments = [paid("2026-07-20", "2026-08"), paid("2026-07-10", "2026-09")];
    let september = penalty_corrections(p("2026-09"), 15, &history(&may, &payments), &after_august);
    assert_eq!(
        september,
        [PenaltyCorrection {
            corrects: p("2026-07"),
            amount: Money::from_kopecks(-127),
            paid_on: vec![day("2026-07-10")],
        }]
    );
}

#[test]
fn a_payment_late_by_two_closes_corrects_each_period_rounded_once() {
    let may = may();
    // Unpaid, May's debt cost July 5.07 and August 31 days at 1/300 = 9.82.
    let unpaid = history(&may, &[]);
    let august = penalties_in(p("2026-08"), 15, RATE, &unpaid);
    assert_eq!(august, Money::from_kopecks(982));
    // Paid on 20 July, entered after August closed.
    let payments = [paid("2026-07-20", "2026-09")];
    let corrections = penalty_corrections(
        p("2026-09"),
        15,
        &history(&may, &payments),
        &[charged("2026-07", 507), charged("2026-08", 982)],
    );
    let amounts: Vec<_> = corrections.iter().map(|c| (c.corrects, c.amount)).collect();
    assert_eq!(
        amounts,
        [
            (p("2026-07"), Money::from_kopecks(-380)),
            (p("2026-08"), Money::from_kopecks(-982)),
        ]
    );
}

#[test]
fn nothing_is_corrected_when_the_penalty_stays_the_same() {
    let may = may();
    // Paid on 10 July, within the free 30 days: July was charged nothing for May.
    let payments = [paid("2026-07-10", "2026-08")];
    let unpaid_july = [charged("2026-07", 0)];
    let none = penalty_corrections(p("2026-08"), 15, &history(&may, &payments), &unpaid_july);
    assert!(none.is_empty());
    // A payment entered in time is no reason to look again.
    let on_time = [paid("2026-07-20", "2026-07")];
    let none = penalty_corrections(
        p("2026-08"),
        15,
        &history(&may, &on_time),
        &[charged("2026-07", 507)],
    );
    assert!(none.is_empty());
}

#[test]
fn the_rate_of_the_corrected_period_is_used() {
    let may = may();
    // July was charged at a key rate of 8 %, below the cap; today's rate is not July's.
    let july_rate = PenaltyRate {
        key_rate_bp: 800,
        cap_bp: Some(DECREE_329_CAP_BP),
    };
    let payments = [paid("2026-07-20", "2026-08")];
    let at_8 =
        |payments: &[Payment]| penalties_in(p("2026-07"), 15, july_rate, &history(&may, payments));
    let was = at_8(&[]);
    let corrections = penalty_corrections(
        p("2026-08"),
        15,
        &history(&may, &payments),
        &[ChargedPenalty {
            period: p("2026-07"),
            charged: was,
            rate: july_rate,
        }],
    );
    assert_eq!(corrections[0].amount, at_8(&payments) - was);
    assert_ne!(corrections[0].amount, Money::from_kopecks(-380));
}
