//! Corrections of penalties already charged. Penalties run to the day of payment (ЖК РФ
//! ст.155 ч.14), but a payment dated in a period that reached the company only after
//! that period closed (a late bank registry) was unknown to the closes that charged the
//! penalties for the days after it. The close that counts the payment
//! ([`crate::balance::booked_in`]) replays each period from the payment's month on with
//! every payment known now ([`penalties_in`]) and books the difference from what that
//! period has been charged so far, earlier corrections included: however many late
//! payments arrive and however often a period is looked at again, it is never corrected
//! twice for the same payment.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::arrears::{penalties_in, AccountHistory};
use crate::money::Money;
use crate::penalty::PenaltyRate;
use crate::period::Period;

/// What an earlier closed period has been charged in penalties so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargedPenalty {
    pub period: Period,
    /// Its own penalty plus the corrections of it booked since.
    pub charged: Money,
    /// The rate its close charged at (zero when the organization charged none then).
    pub rate: PenaltyRate,
}

/// A correction booked in the period being closed for an earlier period's penalty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PenaltyCorrection {
    pub corrects: Period,
    /// Negative: the earlier period was charged too much. Part of the penalties of the
    /// period it is booked in, so it bears no penalty itself.
    pub amount: Money,
    /// The dates of the late payments behind it (those dated up to the corrected
    /// period's end), oldest first.
    pub paid_on: Vec<NaiveDate>,
}

/// The corrections `period`'s close books for the account: one per earlier period in
/// `charged` whose penalty, replayed with the payments counted in `period` but dated
/// before it, differs from what it has been charged. Each is the period's penalty
/// computed exactly and rounded once, less what it was charged. Oldest period first.
pub fn penalty_corrections(
    period: Period,
    due_day: u8,
    history: &AccountHistory,
    charged: &[ChargedPenalty],
) -> Vec<PenaltyCorrection> {
    let mut late: Vec<NaiveDate> = history
        .payments
        .iter()
        .filter(|p| p.booked_in == period && p.date < period.first_day())
        .map(|p| p.date)
        .collect();
    late.sort_unstable();
    let Some(&earliest) = late.first() else {
        return Vec::new();
    };
    let mut corrections: Vec<PenaltyCorrection> = charged
        .iter()
        .filter(|c| c.period < period && c.period.last_day() >= earliest)
        .filter_map(|c| {
            let amount = penalties_in(c.period, due_day, c.rate, history) - c.charged;
            (!amount.is_zero()).then(|| PenaltyCorrection {
                corrects: c.period,
                amount,
                paid_on: late
                    .iter()
                    .copied()
                    .filter(|d| *d <= c.period.last_day())
                    .collect(),
            })
        })
        .collect();
    corrections.sort_by_key(|c| c.corrects);
    corrections
}
