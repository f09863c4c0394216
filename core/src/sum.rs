//! Sums that do not depend on the order of their terms.
//!
//! A left-to-right sum gives (0.1 + 0.2) + 0.3 = 0.6000000000000001 but
//! (0.3 + 0.2) + 0.1 = 0.6, so two entities with the same indicator scores listed in a
//! different order would get different index scores in the last bit, and lose a shared rank.
//! [`stable_sum`] gives the same result for the same terms in any order:
//!
//! * when every term is a whole number small enough for every partial sum to be exact (the
//!   usual case for answers worth 0, 50 or 100 with whole weights), it adds them as they come —
//!   exact sums do not depend on order;
//! * otherwise it sorts the terms and adds them with Neumaier's compensated summation, which
//!   carries the rounding error of each addition, so the result is within an ulp or so of the
//!   exact sum.

/// The sum of `terms`, the same for any order of them. Reorders `terms`.
///
/// ```
/// use openness::sum::stable_sum;
///
/// let forward = stable_sum(&mut [0.1, 0.2, 0.3]);
/// let backward = stable_sum(&mut [0.3, 0.2, 0.1]);
/// assert_eq!(forward, backward);
/// assert_eq!(forward, 0.6);
/// assert_eq!(stable_sum(&mut [100.0, 50.0, 0.0, 100.0]), 250.0);
/// assert_eq!(stable_sum(&mut []), 0.0);
/// ```
pub fn stable_sum(terms: &mut [f64]) -> f64 {
    // Every partial sum of n whole numbers of magnitude at most 2^53 / n is a whole number
    // below 2^53, which f64 holds exactly.
    let bound = (1u64 << 53) as f64 / terms.len().max(1) as f64;
    // `x as i64 as f64 == x` tests for a whole number without `f64::fract`, which compiles to a
    // library call on baseline x86-64.
    if terms.iter().all(|&term| term.abs() <= bound && term as i64 as f64 == term) {
        return terms.iter().sum();
    }
    terms.sort_unstable_by(f64::total_cmp);
    let mut sum = 0.0f64;
    let mut compensation = 0.0f64;
    for &term in terms.iter() {
        let next = sum + term;
        compensation +=
            if sum.abs() >= term.abs() { (sum - next) + term } else { (term - next) + sum };
        sum = next;
    }
    sum + compensation
}

/// The arithmetic mean of `values`, the same for any order of them; `None` when empty.
///
/// ```
/// use openness::sum::stable_mean;
///
/// assert_eq!(stable_mean(&mut [8.0, 25.0]), Some(16.5));
/// assert_eq!(stable_mean(&mut []), None);
/// ```
pub fn stable_mean(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let count = values.len() as f64;
    Some(stable_sum(values) / count)
}
