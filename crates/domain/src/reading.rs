//! Rules for a reading a resident submits (Правила 354): which period it counts for,
//! what it may be against the last billed reading, and when it looks like a typo.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::billing::input::PastConsumption;
use crate::consumption::average_monthly;
use crate::period::Period;
use crate::quantity::Quantity;
use crate::ru;

/// A month's consumption above this many times the meter's average needs the resident's
/// confirmation: it is far more often a misread digit than a real jump.
pub const JUMP_FACTOR: i64 = 3;

/// The period a reading sent on `today` counts for, given the organization's window
/// (days of the month, inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub day_from: u8,
    pub day_to: u8,
    /// Whether `today` is inside the window.
    pub open: bool,
    /// The window of this month has passed: a reading counts for the next period.
    pub next: bool,
    /// Inside the window: this month. After it: the next month. Before it: this month's
    /// window is still ahead, so this month too.
    pub period: Period,
}

impl Window {
    pub fn on(today: NaiveDate, day_from: u8, day_to: u8) -> Option<Window> {
        let current = Period::containing(today)?;
        let day = u8::try_from(today.day()).ok()?;
        let open = (day_from..=day_to).contains(&day);
        let next = day > day_to;
        let period = if next { current.next()? } else { current };
        Some(Window {
            day_from,
            day_to,
            open,
            next,
            period,
        })
    }

    /// What the resident is told before sending, in Russian.
    pub fn message(&self) -> String {
        let (from, to, period) = (self.day_from, self.day_to, ru::period(self.period));
        if self.open {
            format!(
                "Приём показаний открыт с {from} по {to} число. Переданные сейчас показания \
                 будут учтены в расчётном периоде «{period}»."
            )
        } else if self.next {
            format!(
                "Показания принимаются с {from} по {to} число месяца, в этом месяце приём \
                 закончился. Переданные сейчас показания будут учтены в следующем расчётном \
                 периоде — «{period}»."
            )
        } else {
            format!(
                "Показания принимаются с {from} по {to} число месяца, приём ещё не открыт. \
                 Переданные сейчас показания будут учтены в расчётном периоде «{period}»."
            )
        }
    }
}

/// Why a reading's day cannot be the one given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TakenOnError {
    /// After today.
    Future,
    /// Before the month preceding the period, or after the month following it.
    FarFromPeriod,
}

/// The day a reading of `period` was taken: the day given, else today — or the period's
/// last day when the period has ended (a registry of past months entered later). A meter
/// is read around its period: from the month before it (a reading sent after the window
/// counts for the next period) to the month after it (an operator's late entry).
pub fn taken_on(
    period: Period,
    given: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<NaiveDate, TakenOnError> {
    let Some(day) = given else {
        return Ok(today.min(period.last_day()));
    };
    if day > today {
        return Err(TakenOnError::Future);
    }
    let earliest = period.prev().unwrap_or(period).first_day();
    let latest = period.next().unwrap_or(period).last_day();
    if day < earliest || day > latest {
        return Err(TakenOnError::FarFromPeriod);
    }
    Ok(day)
}

/// Why a reading cannot be billed as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadingError {
    /// Lower than the last billed reading, without the roll-over flag.
    Decreased,
    /// Past what the meter's digits can show.
    BeyondCapacity,
    /// Roll-over flagged, but the reading did not go down.
    RollOverWithoutDecrease,
}

impl ReadingError {
    /// The stable code the API and a close's notes name it by.
    pub const fn code(self) -> &'static str {
        match self {
            ReadingError::Decreased => "decreased",
            ReadingError::BeyondCapacity => "beyond_capacity",
            ReadingError::RollOverWithoutDecrease => "roll_over_without_decrease",
        }
    }
}

/// The capacity of a meter with `digits` before the decimal point: 10^digits units;
/// `None` when it does not fit in i64 thousandths (it then never rolls over).
pub fn capacity(digits: u8) -> Option<Quantity> {
    10i64
        .checked_pow(u32::from(digits))
        .and_then(|c| c.checked_mul(1000))
        .map(Quantity::from_thousandths)
}

/// The consumption between the billed reading and a new one: the difference, or past the
/// capacity when the meter rolled over (flagged). The billing engine uses the same rule.
pub fn consumption(
    previous: Quantity,
    current: Quantity,
    rolled_over: bool,
    digits: u8,
) -> Result<Quantity, ReadingError> {
    let capacity = capacity(digits);
    let within = |q: Quantity| q.thousandths() >= 0 && capacity.is_none_or(|c| q < c);
    if !within(previous) || !within(current) {
        return Err(ReadingError::BeyondCapacity);
    }
    match (current < previous, rolled_over, capacity) {
        (false, false, _) => Ok(current - previous),
        (true, true, Some(c)) => Ok(c - previous + current),
        (true, _, _) => Err(ReadingError::Decreased),
        (false, true, _) => Err(ReadingError::RollOverWithoutDecrease),
    }
}

/// A roll-over is believable only when the billed reading was near the top: the implied
/// consumption is under half the capacity. Otherwise it is a lower reading mistyped.
pub fn roll_over_plausible(consumption: Quantity, digits: u8) -> bool {
    capacity(digits).is_none_or(|c| consumption.thousandths() * 2 < c.thousandths())
}

/// The average monthly consumption of each zone over the meter's past periods with
/// readings (as the average billing uses); `None` without enough of them.
pub fn usual_consumption(
    history: &[PastConsumption],
    period: Period,
    zones: usize,
) -> Option<Vec<Quantity>> {
    average_monthly(history, period, zones).map(|basis| {
        basis
            .zones
            .into_iter()
            .map(|(_, average)| average)
            .collect()
    })
}

/// Whether a consumption is a jump to confirm: more than [`JUMP_FACTOR`] × the average.
pub fn is_jump(consumption: Quantity, average: Quantity) -> bool {
    i128::from(consumption.thousandths())
        > i128::from(average.thousandths()) * i128::from(JUMP_FACTOR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reading_is_dated_the_day_given_or_today_within_its_period() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let today = d("2026-12-03");
        assert_eq!(taken_on(p("2026-12"), None, today), Ok(today));
        assert_eq!(
            taken_on(p("2026-01"), None, today),
            Ok(d("2026-01-31")),
            "a past month"
        );
        assert_eq!(
            taken_on(p("2026-01"), Some(d("2026-01-25")), today),
            Ok(d("2026-01-25"))
        );
        assert_eq!(
            taken_on(p("2026-12"), Some(d("2026-11-26")), today),
            Ok(d("2026-11-26"))
        );
        assert_eq!(
            taken_on(p("2026-12"), Some(d("2026-12-04")), today),
            Err(TakenOnError::Future)
        );
        assert_eq!(
            taken_on(p("2026-01"), Some(d("2026-11-25")), today),
            Err(TakenOnError::FarFromPeriod)
        );
        assert_eq!(
            taken_on(p("2026-03"), Some(d("2026-01-31")), today),
            Err(TakenOnError::FarFromPeriod)
        );
    }
    use crate::billing::input::VolumeMethod;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    fn q(t: i64) -> Quantity {
        Quantity::from_thousandths(t)
    }

    #[test]
    fn the_window_decides_the_period() {
        let inside = Window::on(d("2026-11-22"), 20, 25).unwrap();
        assert!(inside.open && inside.period == p("2026-11"));
        assert!(inside.message().contains("«ноябрь 2026»"));
        let after = Window::on(d("2026-12-26"), 20, 25).unwrap();
        assert!(!after.open && after.next && after.period == p("2027-01"));
        assert!(after
            .message()
            .contains("следующем расчётном периоде — «январь 2027»"));
        let before = Window::on(d("2026-11-05"), 20, 25).unwrap();
        assert!(!before.open && !before.next && before.period == p("2026-11"));
        assert!(before.message().contains("ещё не открыт"));
        let last_day = Window::on(d("2026-11-25"), 20, 25).unwrap();
        assert!(last_day.open && last_day.period == p("2026-11"));
    }

    #[test]
    fn consumption_follows_the_meter() {
        assert_eq!(consumption(q(100_000), q(110_500), false, 5), Ok(q(10_500)));
        assert_eq!(
            consumption(q(100_000), q(99_000), false, 5),
            Err(ReadingError::Decreased)
        );
        assert_eq!(consumption(q(99_998_500), q(1_250), true, 5), Ok(q(2_750)));
        assert_eq!(
            consumption(q(1_000), q(2_000), true, 5),
            Err(ReadingError::RollOverWithoutDecrease)
        );
        assert_eq!(
            consumption(q(1_000), q(100_000_000), false, 5),
            Err(ReadingError::BeyondCapacity)
        );
        assert!(roll_over_plausible(q(2_750), 5));
        assert!(!roll_over_plausible(q(99_600_000), 5));
    }

    #[test]
    fn a_jump_is_over_three_averages() {
        let month = |period: &str, v: i64| PastConsumption {
            period: p(period),
            method: VolumeMethod::Meter,
            volumes: vec![q(v)],
        };
        let history = [
            month("2026-07", 10_000),
            month("2026-08", 10_000),
            month("2026-09", 10_000),
            month("2026-10", 80_000),
        ];
        let avg = usual_consumption(&history, p("2026-11"), 1).unwrap();
        assert_eq!(avg, vec![q(27_500)]);
        assert!(!is_jump(q(82_500), avg[0]));
        assert!(is_jump(q(82_501), avg[0]));
        assert_eq!(usual_consumption(&history[..2], p("2026-11"), 1), None);
    }
}
