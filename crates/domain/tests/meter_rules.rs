//! Flat meters: readings, roll-over, average, norm, verification.

use chrono::NaiveDate;
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

#[test]
fn meter_past_verification_counts_as_absent() {
    let mut m = meter(WATER, 5, vec![zone("10", Some("20"), false)]);
    m.verification_due = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
    let c = water_bill(m.clone()).unwrap();
    assert_eq!(c[0].method, ChargeMethod::Norm);
    assert!(matches!(
        c[0].details,
        ChargeDetails::Norm {
            reason: NormReason::VerificationExpired,
            ..
        }
    ));
    assert_eq!(
        meter_consumption(&m, period("2026-10")).unwrap(),
        MeterConsumption::Absent {
            reason: NormReason::VerificationExpired
        }
    );
    m.verification_due = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    assert_eq!(water_bill(m).unwrap()[0].method, ChargeMethod::Meter);
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
