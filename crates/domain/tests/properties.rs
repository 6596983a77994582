//! Properties that must hold for any input, not just the examples.

use domkom_domain::balance::Balance;
use domkom_domain::payment::{allocate_payment, Debt};
use domkom_domain::split::{split_by_weight, Weight};
use domkom_domain::{Money, Period, Quantity, Tariff};
use proptest::prelude::*;

fn weights() -> impl Strategy<Value = Vec<Weight>> {
    prop::collection::vec((1i64..1_000, 0i64..2_000_000), 1..40).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (key, weight))| Weight {
                key: key * 100 + i as i64,
                weight,
            })
            .collect()
    })
}

fn money() -> impl Strategy<Value = Money> {
    (-10_000_000_000i64..10_000_000_000).prop_map(Money::from_kopecks)
}

proptest! {
    #[test]
    fn shares_add_up_exactly_and_are_never_negative(total in 0i64..10_000_000_000, parts in weights()) {
        let weight_total: i64 = parts.iter().map(|p| p.weight).sum();
        prop_assume!(weight_total > 0);
        let shares = split_by_weight(total, &parts, weight_total).unwrap();
        prop_assert_eq!(shares.iter().sum::<i64>(), total);
        for (share, part) in shares.iter().zip(&parts) {
            prop_assert!(*share >= 0);
            // Each share is the floor or the ceiling of its exact value.
            let exact_floor = i128::from(total) * i128::from(part.weight) / i128::from(weight_total);
            prop_assert!(i128::from(*share) - exact_floor <= 1 && i128::from(*share) >= exact_floor);
        }
    }

    #[test]
    fn shares_do_not_depend_on_input_order(total in 0i64..1_000_000, parts in weights()) {
        let weight_total: i64 = parts.iter().map(|p| p.weight).sum();
        prop_assume!(weight_total > 0);
        let forward = split_by_weight(total, &parts, weight_total).unwrap();
        let reversed: Vec<Weight> = parts.iter().rev().copied().collect();
        let mut backward = split_by_weight(total, &reversed, weight_total).unwrap();
        backward.reverse();
        prop_assert_eq!(forward, backward);
    }

    #[test]
    fn with_premises_outside_the_parts_never_exceed_the_total(
        total in 0i64..1_000_000, parts in weights(), outside in 0i64..1_000_000,
    ) {
        let weight_total: i64 = parts.iter().map(|p| p.weight).sum::<i64>() + outside;
        prop_assume!(weight_total > 0);
        let shares = split_by_weight(total, &parts, weight_total).unwrap();
        prop_assert!(shares.iter().all(|s| *s >= 0));
        prop_assert!(shares.iter().sum::<i64>() <= total);
    }

    #[test]
    fn closing_is_opening_plus_movements(
        opening in money(), charged in money(), recalculated in money(),
        penalties in money(), paid in money(),
    ) {
        let b = Balance::new(opening, charged, recalculated, penalties, paid).unwrap();
        prop_assert_eq!(b.closing, opening + charged + recalculated + penalties - paid);
        prop_assert_eq!(b.closing.kopecks(), opening.kopecks() + charged.kopecks()
            + recalculated.kopecks() + penalties.kopecks() - paid.kopecks());
    }

    #[test]
    fn allocation_never_settles_more_than_paid_or_owed(
        amount in -1_000_000i64..10_000_000,
        debts in prop::collection::vec((0u8..24, -100_000i64..1_000_000), 0..12),
        named in prop::option::of(0u8..24),
    ) {
        let period = |i: u8| Period::new(2025 + u16::from(i / 12), i % 12 + 1).unwrap();
        // One debt per period, as an account has.
        let mut debts: Vec<Debt> = debts.into_iter()
            .map(|(i, k)| Debt { period: period(i), owed: Money::from_kopecks(k) })
            .collect();
        debts.sort_by_key(|d| d.period);
        debts.dedup_by_key(|d| d.period);
        let a = allocate_payment(Money::from_kopecks(amount), named.map(period), &debts);
        let settled: Money = a.settled.iter().map(|s| s.amount).sum();
        prop_assert!(settled <= Money::from_kopecks(amount.max(0)));
        prop_assert_eq!(settled + a.advance, Money::from_kopecks(amount.max(0)));
        for s in &a.settled {
            let owed = debts.iter().find(|d| d.period == s.period).unwrap().owed;
            prop_assert!(s.amount.is_positive() && s.amount <= owed);
        }
        let owed_total: Money = debts.iter().map(|d| d.owed.max(Money::ZERO)).sum();
        let remaining: Money = a.remaining.iter().map(|d| d.owed).sum();
        prop_assert_eq!(remaining, owed_total - settled);
        // Only an advance when every debt is settled.
        prop_assert!(a.advance.is_zero() || a.remaining.is_empty());
    }

    #[test]
    fn amount_is_within_half_a_kopeck_of_exact(
        volume in 0i64..100_000_000_000, tariff in 0i64..100_000_000,
    ) {
        let amount = Tariff::from_hundredths_of_kopeck(tariff)
            .charge_volume(Quantity::from_thousandths(volume))
            .unwrap();
        // exact kopecks = volume × tariff / 100 000; compare scaled to avoid fractions.
        let exact = i128::from(volume) * i128::from(tariff);
        let diff = (i128::from(amount.kopecks()) * 100_000 - exact).abs();
        prop_assert!(diff * 2 <= 100_000, "off by {diff}/100000 kopeck");
        // Half up: exactly half a kopeck rounds up, never down.
        if diff * 2 == 100_000 {
            prop_assert!(i128::from(amount.kopecks()) * 100_000 > exact);
        }
    }

    #[test]
    fn money_text_round_trips(k in any::<i64>()) {
        let m = Money::from_kopecks(k);
        prop_assert_eq!(m.to_string().parse::<Money>(), Ok(m));
    }
}
