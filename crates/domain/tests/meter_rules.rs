//! Flat meters: readings, roll-over, average, norm, verification.

use domkom_domain::billing::charge::{ChargeDetails, ChargeMethod, NormReason};
use domkom_domain::billing::input::{MeterInput, VolumeMethod};
use domkom_domain::consumption::{meter_consumption, MeterConsumption};
use domkom_domain::{calculate_house, Charge, EngineError, Money};

mod support;
use support::*;

fn water_bill(m: MeterInput) -> Result<Vec<Charge>, EngineError> {
    let h = house(
        vec![metered(WATER, "10.00", &[])],
        vec![account(1, 50, &[WATER], vec![m])],
    );
    calculate_house(&h)
}

#[test]
fn roll_over_counts_past_the_capacity_only_when_flagged() {
    let m = meter(WATER, 5, vec![zone("99998.500", Some("1.250"), true)]);
    let c = water_bill(m.clone()).unwrap();
    assert_eq!(c[0].individual_volume, q("2.750"));
    assert_eq!(c[0].amount, Money::from_kopecks(2750));
    let mut unflagged = m;
    unflagged.zones[0].rolled_over = false;
    assert_eq!(
        water_bill(unflagged),
        Err(EngineError::ReadingDecreased {
            meter_id: 1,
            zone: 1
        })
    );
    let flagged_without_drop = meter(WATER, 5, vec![zone("1", Some("2"), true)]);
    assert!(matches!(
        water_bill(flagged_without_drop),
        Err(EngineError::RollOverWithoutDecrease { .. })
    ));
    let beyond = meter(WATER, 5, vec![zone("1", Some("100000"), false)]);
    assert!(matches!(
        water_bill(beyond),
        Err(EngineError::ReadingBeyondCapacity { .. })
    ));
}

#[test]
fn average_for_three_periods_in_row_then_norm() {
    use VolumeMethod::{Average, Meter};
    let mut m = meter(WATER, 5, vec![zone("10", None, false)]);
    let base = [
        ("2026-03", Meter, "4"),
        ("2026-04", Meter, "5"),
        ("2026-05", Meter, "6"),
    ];
    m.history = history(&base);
    let first = water_bill(m.clone()).unwrap();
    assert_eq!(first[0].method, ChargeMethod::Average);
    assert_eq!(first[0].individual_volume, q("5"));

    let mut averaged = base.to_vec();
    averaged.extend([
        ("2026-07", Average, "5"),
        ("2026-08", Average, "5"),
        ("2026-09", Average, "5"),
    ]);
    m.history = history(&averaged);
    let fourth = water_bill(m.clone()).unwrap();
    assert_eq!(fourth[0].method, ChargeMethod::Norm);
    assert_eq!(fourth[0].individual_volume, q("10"), "norm 5 × 2 persons");
    assert!(matches!(
        fourth[0].details,
        ChargeDetails::Norm {
            reason: NormReason::AverageLimitReached,
            persons: 2,
            ..
        }
    ));

    // Two in a row so far (August, September): the third is still by average.
    let mut two = base.to_vec();
    two.extend([("2026-08", Average, "5"), ("2026-09", Average, "5")]);
    m.history = history(&two);
    let third = water_bill(m).unwrap();
    assert!(matches!(
        third[0].details,
        ChargeDetails::Average { in_row: 3, .. }
    ));
}

#[test]
fn average_needs_three_periods_with_readings_and_rounds_to_the_thousandth() {
    use VolumeMethod::Meter;
    let mut m = meter(WATER, 5, vec![zone("10", None, false)]);
    m.history = history(&[("2026-08", Meter, "1"), ("2026-09", Meter, "1")]);
    let c = water_bill(m.clone()).unwrap();
    assert!(matches!(
        c[0].details,
        ChargeDetails::Norm {
            reason: NormReason::NotEnoughHistory,
            ..
        }
    ));
    m.history = history(&[
        ("2026-07", Meter, "1"),
        ("2026-08", Meter, "1"),
        ("2026-09", Meter, "0.001"),
    ]);
    let c = water_bill(m).unwrap();
    // 2.001 / 3 = 0.667
    assert_eq!(c[0].individual_volume, q("0.667"));
}

fn expired_on(due: &str, months: &[(&str, VolumeMethod, &str)]) -> MeterInput {
    // A reading was given, but a meter past its verification takes none.
    let mut m = meter(WATER, 5, vec![zone("10", Some("30"), false)]);
    m.verification_due = day(due);
    m.history = history(months);
    m
}

const READINGS_APR_JUN: [(&str, VolumeMethod, &str); 3] = [
    ("2026-04", VolumeMethod::Meter, "4"),
    ("2026-05", VolumeMethod::Meter, "5"),
    ("2026-06", VolumeMethod::Meter, "6"),
];

/// The October bill of a meter whose verification expired on `due`: read every month
/// from April, then billed by average from the month it expired.
fn october_after_expiry(due: &str) -> Charge {
    let expired_in = period(&due[..7]);
    let mut months = READINGS_APR_JUN.to_vec();
    for p in ["2026-07", "2026-08", "2026-09"] {
        let method = if period(p) < expired_in {
            VolumeMethod::Meter
        } else {
            VolumeMethod::Average
        };
        months.push((p, method, "5"));
    }
    water_bill(expired_on(due, &months)).unwrap().remove(0)
}

#[test]
fn an_expired_meter_is_billed_by_the_average_for_three_periods_from_its_expiry() {
    for (expired, nth) in [("2026-10-20", 1), ("2026-09-10", 2), ("2026-08-01", 3)] {
        let c = october_after_expiry(expired);
        assert_eq!(c.method, ChargeMethod::Average, "{expired}");
        assert_eq!(c.individual_volume, q("5"), "the average, not the reading");
        assert_eq!(c.amount, Money::from_rubles(50));
        let ChargeDetails::Average {
            months,
            in_row,
            verification_expired,
            ..
        } = c.details
        else {
            panic!("{:?}", c.details)
        };
        assert_eq!((in_row, verification_expired), (nth, Some(day(expired))));
        // The months billed by average after the expiry do not enter the average.
        assert!(months.len() >= 3 && months.iter().all(|p| *p < period(&expired[..7])));
    }
}

#[test]
fn an_expired_meter_is_billed_by_the_norm_from_the_fourth_period() {
    let c = october_after_expiry("2026-07-31");
    assert_eq!(
        (c.method, c.individual_volume),
        (ChargeMethod::Norm, q("10")),
        "norm 5 × 2 persons"
    );
    assert_eq!(
        c.details,
        ChargeDetails::Norm {
            meter_id: Some(1),
            norm_per_person: q("5"),
            persons: 2,
            reason: NormReason::AverageLimitReached,
            verification_expired: Some(day("2026-07-31")),
        }
    );
}

#[test]
fn an_expired_meter_without_enough_history_is_billed_by_the_norm_at_once() {
    let m = expired_on("2026-10-20", &READINGS_APR_JUN[1..]);
    assert_eq!(
        meter_consumption(&m, period("2026-10")).unwrap(),
        MeterConsumption::Absent {
            reason: NormReason::NotEnoughHistory,
            verification_expired: Some(day("2026-10-20")),
        }
    );
    let c = water_bill(m).unwrap();
    assert!(matches!(
        c[0].details,
        ChargeDetails::Norm {
            reason: NormReason::NotEnoughHistory,
            verification_expired: Some(_),
            ..
        }
    ));
}

#[test]
fn a_meter_verified_past_the_period_is_billed_by_its_readings() {
    let mut m = expired_on("2026-11-01", &[]);
    assert_eq!(
        water_bill(m.clone()).unwrap()[0].method,
        ChargeMethod::Meter
    );
    // Without a reading it is the ordinary average, which names no verification.
    m.zones[0].current = None;
    m.history = history(&READINGS_APR_JUN);
    let c = water_bill(m).unwrap();
    assert!(matches!(
        c[0].details,
        ChargeDetails::Average {
            in_row: 1,
            verification_expired: None,
            ..
        }
    ));
}

#[test]
fn no_meter_means_norm_times_persons() {
    let h = house(
        vec![metered(WATER, "10.00", &[])],
        vec![account(1, 50, &[WATER], vec![])],
    );
    let c = calculate_house(&h).unwrap();
    assert_eq!(
        (c[0].method, c[0].individual_volume),
        (ChargeMethod::Norm, q("10"))
    );
    assert_eq!(c[0].amount, Money::from_rubles(100));
}
