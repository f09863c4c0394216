//! Sums are exact and independent of the order of their terms.

use openness::sum::stable_sum;
use proptest::prelude::*;

/// Shewchuk's exact summation (the algorithm of Python's `math.fsum`), written independently
/// here as the reference: the correctly rounded value of the exact sum.
fn reference_sum(values: &[f64]) -> f64 {
    let mut partials: Vec<f64> = Vec::new();
    for &value in values {
        let mut x = value;
        let mut kept = 0;
        for index in 0..partials.len() {
            let mut y = partials[index];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let high = x + y;
            let low = y - (high - x);
            if low != 0.0 {
                partials[kept] = low;
                kept += 1;
            }
            x = high;
        }
        partials.truncate(kept);
        partials.push(x);
    }
    let Some(mut n) = partials.len().checked_sub(1) else { return 0.0 };
    let mut high = partials[n];
    let mut low = 0.0;
    while n > 0 {
        let x = high;
        n -= 1;
        let y = partials[n];
        high = x + y;
        low = y - (high - x);
        if low != 0.0 {
            break;
        }
    }
    if n > 0 && ((low < 0.0 && partials[n - 1] < 0.0) || (low > 0.0 && partials[n - 1] > 0.0)) {
        let y = low * 2.0;
        let x = high + y;
        if y == x - high {
            high = x;
        }
    }
    high
}

/// Scores and weighted terms as they occur: points, goalpost fractions, thirds, weights.
fn term() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0u32..=100).prop_map(f64::from),
        (-1e4f64..1e4),
        (1u32..=12).prop_map(|d| 100.0 / f64::from(d)),
        (0.0f64..1.0),
    ]
}

proptest! {
    #[test]
    fn stable_sum_is_the_correctly_rounded_exact_sum(terms in proptest::collection::vec(term(), 0..40)) {
        let expected = reference_sum(&terms);
        prop_assert_eq!(stable_sum(&mut terms.clone()), expected);
    }

    #[test]
    fn stable_sum_ignores_order(terms in proptest::collection::vec(term(), 0..40), seed in any::<u64>()) {
        let mut shuffled = terms.clone();
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(stable_sum(&mut terms.clone()).to_bits(), stable_sum(&mut shuffled).to_bits());
    }

    #[test]
    fn huge_and_tiny_terms_still_ignore_order(terms in proptest::collection::vec(prop_oneof![term(), (1e25f64..1e30), (1e-30f64..1e-25)], 1..20)) {
        let mut reversed = terms.clone();
        reversed.reverse();
        prop_assert_eq!(stable_sum(&mut terms.clone()).to_bits(), stable_sum(&mut reversed).to_bits());
    }
}

#[test]
fn the_classic_case() {
    assert_eq!(stable_sum(&mut [0.1, 0.2, 0.3]), stable_sum(&mut [0.3, 0.2, 0.1]));
    assert_eq!(stable_sum(&mut [0.1, 0.2, 0.3]), 0.6);
    assert_eq!(stable_sum(&mut [1e100, 1.0, -1e100]), 0.0 + stable_sum(&mut [-1e100, 1.0, 1e100]));
}
