//! Sums that do not depend on the order of their terms.
//!
//! A left-to-right sum gives (0.1 + 0.2) + 0.3 = 0.6000000000000001 but
//! (0.3 + 0.2) + 0.1 = 0.6, so two entities with the same indicator scores listed in a
//! different order would get different index scores in the last bit, and lose a shared rank.
//! [`stable_sum`] gives the same result for the same terms in any order:
//!
//! * it adds the terms exactly, as whole numbers of 2^-60 in a 128-bit integer ([`FixedSum`]),
//!   and rounds the exact sum once to the nearest `f64`. Integer sums do not depend on order.
//!   Every score-sized number (from 2^-60 to 2^66, with no bits below 2^-60) fits;
//! * a term outside that range (astronomically large or small) makes it sort the terms and add
//!   them with Neumaier's compensated summation instead, which carries the rounding error of
//!   each addition: still independent of order, within an ulp or so of the exact sum.

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
    let mut exact = FixedSum::default();
    for &term in terms.iter() {
        exact.add(term);
    }
    exact.value().unwrap_or_else(|| sorted_compensated_sum(terms))
}

/// The sum of `terms` sorted, with Neumaier's compensated summation. Reorders `terms`.
pub(crate) fn sorted_compensated_sum(terms: &mut [f64]) -> f64 {
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

/// An exact sum in fixed point: whole numbers of 2^-60 units in an `i128`.
///
/// A finite `f64` is a 53-bit whole number times a power of two, so every value whose lowest
/// set bit is at least 2^-60 and whose magnitude is below 2^66 is a whole number of units, and
/// adding whole numbers is exact. [`FixedSum::value`] rounds the exact sum once.
///
/// ```
/// use openness::sum::FixedSum;
///
/// let mut sum = FixedSum::default();
/// for term in [0.1, 0.2, 0.3, 1e20] {
///     sum.add(term);
/// }
/// assert_eq!(sum.value(), None); // 1e20 is beyond 2^66
/// let mut sum = FixedSum::default();
/// for term in [0.3, 0.2, 0.1] {
///     sum.add(term);
/// }
/// assert_eq!(sum.value(), Some(0.6));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct FixedSum {
    units: i128,
    out_of_range: bool,
}

impl FixedSum {
    /// Bits below the binary point.
    const FRACTION_BITS: i32 = 60;
    /// The value of one unit, 2^-60.
    const UNIT: f64 = 1.0 / (1u64 << 60) as f64;
    /// Whole numbers below this take the short way in: 2^62, so that shifted left by 60 bits
    /// they stay below 2^122.
    const WHOLE_LIMIT: f64 = (1u64 << 62) as f64;

    /// Adds a term; a term that does not fit makes [`FixedSum::value`] return `None`.
    #[inline]
    pub fn add(&mut self, term: f64) {
        if term == 0.0 {
            return;
        }
        // Whole numbers, the usual points of an answer, take the short way.
        if term.abs() < Self::WHOLE_LIMIT && term as i64 as f64 == term {
            self.add_units(i128::from(term as i64) << Self::FRACTION_BITS);
            return;
        }
        let bits = term.to_bits();
        let biased_exponent = ((bits >> 52) & 0x7ff) as i32;
        // Subnormal numbers, infinities and NaN do not fit.
        if biased_exponent == 0 || biased_exponent == 0x7ff {
            self.out_of_range = true;
            return;
        }
        // term = mantissa × 2^(biased_exponent − 1075), so in units it is mantissa × 2^shift.
        let mantissa = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
        let shift = biased_exponent - 1075 + Self::FRACTION_BITS;
        let magnitude = if shift >= 0 {
            // Keep a spare bit below the sign so that sums of a few terms cannot overflow
            // silently; `checked_add` catches the rest.
            if shift > 127 - 53 - 1 {
                self.out_of_range = true;
                return;
            }
            i128::from(mantissa) << shift
        } else {
            let dropped = -shift;
            if dropped > 52 || mantissa & ((1u64 << dropped) - 1) != 0 {
                self.out_of_range = true;
                return;
            }
            i128::from(mantissa >> dropped)
        };
        self.add_units(if bits >> 63 == 1 { -magnitude } else { magnitude });
    }

    #[inline]
    fn add_units(&mut self, units: i128) {
        match self.units.checked_add(units) {
            Some(sum) => self.units = sum,
            None => self.out_of_range = true,
        }
    }

    /// The sum rounded to the nearest `f64`, or `None` if a term did not fit.
    #[inline]
    pub fn value(&self) -> Option<f64> {
        // `as` rounds an i128 to the nearest f64; scaling by a power of two is exact.
        (!self.out_of_range).then_some(self.units as f64 * Self::UNIT)
    }
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
