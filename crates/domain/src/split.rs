//! Splitting a house volume across premises by area, in thousandths, so that the
//! shares add up to the volume exactly (largest-remainder method).

use std::cmp::Reverse;

use serde::{Deserialize, Serialize};

/// One participant of a split: who (an account id) and its weight (area in hundredths
/// of m²).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weight {
    pub key: i64,
    pub weight: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// Negative total or weight, or a non-positive weight total.
    Invalid,
    /// The participants weigh more than the whole.
    WeightsExceedTotal,
}

/// Splits `total` units among `parts` in proportion `weight / weight_total`.
///
/// Each part gets the floor of its exact share; the units left over go one each to the
/// parts with the largest remainders. Ties are broken by the larger weight (the larger
/// flat), then by the lower key (account id), so the result never depends on input
/// order. When the parts weigh less than `weight_total` (premises outside this
/// calculation), the missing weight takes part as one more participant that loses
/// every tie; its share is dropped, so the parts then add up to the total minus it.
///
/// Returns the shares in the order of `parts`. Every share is the floor or the ceiling of
/// its exact value, and none is negative.
pub fn split_by_weight(
    total: i64,
    parts: &[Weight],
    weight_total: i64,
) -> Result<Vec<i64>, SplitError> {
    if total < 0 || weight_total <= 0 || parts.iter().any(|p| p.weight < 0) {
        return Err(SplitError::Invalid);
    }
    let weights_sum: i128 = parts.iter().map(|p| i128::from(p.weight)).sum();
    let whole = i128::from(weight_total);
    if weights_sum > whole {
        return Err(SplitError::WeightsExceedTotal);
    }
    let outside = whole - weights_sum;
    let t = i128::from(total);

    // (floor, remainder, weight, key, is_outside) per participant; the outside one last.
    let mut rows: Vec<(i128, i128, i128, i64, bool)> = parts
        .iter()
        .map(|p| {
            let exact = t * i128::from(p.weight);
            (
                exact / whole,
                exact % whole,
                i128::from(p.weight),
                p.key,
                false,
            )
        })
        .collect();
    if outside > 0 {
        let exact = t * outside;
        rows.push((exact / whole, exact % whole, outside, i64::MAX, true));
    }
    let floors: i128 = rows.iter().map(|r| r.0).sum();
    let leftover = usize::try_from(t - floors).expect("leftover is below the participant count");

    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| {
        let (_, rem, weight, key, is_outside) = rows[i];
        (Reverse(rem), is_outside, Reverse(weight), key)
    });
    for &i in order.iter().take(leftover) {
        rows[i].0 += 1;
    }
    Ok(rows
        .iter()
        .take(parts.len())
        .map(|r| i64::try_from(r.0).expect("a share never exceeds the total"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(key: i64, weight: i64) -> Weight {
        Weight { key, weight }
    }

    #[test]
    fn worked_example_split() {
        // 8.655 m³ over 50/70/80 m²: 2.16375 / 3.02925 / 3.462.
        let parts = [w(1001, 5000), w(1002, 7000), w(1003, 8000)];
        assert_eq!(
            split_by_weight(8655, &parts, 20_000),
            Ok(vec![2164, 3029, 3462])
        );
    }

    #[test]
    fn ties_go_to_larger_area_then_lower_id() {
        // 1 unit over three equal flats: the lowest id wins.
        let parts = [w(3, 100), w(1, 100), w(2, 100)];
        assert_eq!(split_by_weight(1, &parts, 300), Ok(vec![0, 1, 0]));
        // 2 units over 1:1:2: remainders .5, .5, 0 → one of the equal flats, the lower id.
        let parts = [w(2, 100), w(1, 100), w(3, 200)];
        assert_eq!(split_by_weight(2, &parts, 400), Ok(vec![0, 1, 1]));
        // 2 units over 1 and 4 of 6 (1 outside): every remainder is 1/3; the larger
        // flat wins, and the outside premises lose every tie.
        let parts = [w(1, 100), w(2, 400)];
        assert_eq!(split_by_weight(2, &parts, 600), Ok(vec![0, 2]));
    }

    #[test]
    fn premises_outside_keep_their_part() {
        // 2000 m³ × 60 / 2400 = 50 m³ exactly.
        assert_eq!(
            split_by_weight(2_000_000, &[w(1, 6000)], 240_000),
            Ok(vec![50_000])
        );
    }

    #[test]
    fn rejects_nonsense() {
        assert_eq!(split_by_weight(-1, &[w(1, 1)], 1), Err(SplitError::Invalid));
        assert_eq!(split_by_weight(1, &[w(1, 1)], 0), Err(SplitError::Invalid));
        assert_eq!(
            split_by_weight(1, &[w(1, 2)], 1),
            Err(SplitError::WeightsExceedTotal)
        );
    }
}
