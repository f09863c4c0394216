//! Sums that do not depend on the order of their terms.
//!
//! A naive left-to-right sum gives (0.1 + 0.2) + 0.3 = 0.6000000000000001 but
//! (0.3 + 0.2) + 0.1 = 0.6, so two entities with the same indicator scores in a different
//! order would get different index scores and lose a shared rank. [`ExactSum`] keeps the
//! rounding errors of every addition (Shewchuk's algorithm, as in Python's `math.fsum`) and
//! returns the correctly rounded value of the exact sum, which is the same whatever the order.

/// An exact running sum of `f64` values.
///
/// ```
/// use openness::sum::ExactSum;
///
/// let forward: ExactSum = [0.1, 0.2, 0.3].into_iter().collect();
/// let backward: ExactSum = [0.3, 0.2, 0.1].into_iter().collect();
/// assert_eq!(forward.value(), backward.value());
/// assert_eq!(forward.value(), 0.6);
/// ```
#[derive(Debug, Clone, Default)]
pub struct ExactSum {
    /// Non-overlapping partial sums in increasing order of magnitude; their exact sum is the
    /// exact sum of every value added.
    partials: Vec<f64>,
}

impl ExactSum {
    /// An empty sum.
    pub fn new() -> ExactSum {
        ExactSum { partials: Vec::new() }
    }

    /// Adds a finite value.
    pub fn add(&mut self, mut value: f64) {
        let mut kept = 0;
        for index in 0..self.partials.len() {
            let mut partial = self.partials[index];
            if value.abs() < partial.abs() {
                std::mem::swap(&mut value, &mut partial);
            }
            let high = value + partial;
            let low = partial - (high - value);
            if low != 0.0 {
                self.partials[kept] = low;
                kept += 1;
            }
            value = high;
        }
        self.partials.truncate(kept);
        self.partials.push(value);
    }

    /// The exact sum, correctly rounded to the nearest `f64` (ties to even).
    pub fn value(&self) -> f64 {
        let partials = &self.partials;
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
        // When the partials below push the result exactly over a halfway point, round the
        // other way.
        if n > 0 && ((low < 0.0 && partials[n - 1] < 0.0) || (low > 0.0 && partials[n - 1] > 0.0)) {
            let y = low * 2.0;
            let x = high + y;
            if y == x - high {
                high = x;
            }
        }
        high
    }

    /// Empties the sum, keeping its memory for reuse.
    pub fn clear(&mut self) {
        self.partials.clear();
    }
}

impl FromIterator<f64> for ExactSum {
    fn from_iter<I: IntoIterator<Item = f64>>(values: I) -> Self {
        let mut sum = ExactSum::new();
        for value in values {
            sum.add(value);
        }
        sum
    }
}
