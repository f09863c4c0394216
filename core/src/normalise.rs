//! From a measure's values to points: fixed goalposts, and the relative methods of statistical
//! composite indices (min-max, z-score, ranks, Borda, distance to target).

use crate::spec::model::{Direction, Goalpost, Normalisation};
use crate::sum::stable_sum;

/// Points of `value` on piecewise-linear goalposts, clamped beyond the first and last point.
///
/// ```
/// use openness::normalise::goalposts;
/// use openness::spec::model::Goalpost;
///
/// // Accounts published 6 months after year end score 100, 12 months 50, 18 months or more 0.
/// let points = [
///     Goalpost { value: 6.0, points: 100.0 },
///     Goalpost { value: 12.0, points: 50.0 },
///     Goalpost { value: 18.0, points: 0.0 },
/// ];
/// assert_eq!(goalposts(3.0, &points), 100.0);
/// assert_eq!(goalposts(9.0, &points), 75.0);
/// assert_eq!(goalposts(24.0, &points), 0.0);
/// ```
pub fn goalposts(value: f64, points: &[Goalpost]) -> f64 {
    let (Some(first), Some(last)) = (points.first(), points.last()) else { return f64::NAN };
    if value <= first.value {
        return first.points;
    }
    if value >= last.value {
        return last.points;
    }
    for pair in points.windows(2) {
        let (low, high) = (pair[0], pair[1]);
        if value <= high.value {
            let share = (value - low.value) / (high.value - low.value);
            return low.points + share * (high.points - low.points);
        }
    }
    last.points
}

/// Why a column of values cannot be normalised relatively.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelativeError {
    /// Every value is the same: the spread that min-max and z-score divide by is zero.
    Constant,
}

/// Points of each value of a column under a relative normalisation, in the same order.
/// Values are first negated for `LowerIsBetter` measures, as COINr does.
///
/// `Goalposts` and `Identity` are not relative; they map each value on its own.
///
/// ```
/// use openness::normalise::relative;
/// use openness::spec::model::{Direction, Normalisation};
///
/// let min_max = Normalisation::MinMax { range: [0.0, 100.0] };
/// let points = relative(&[10.0, 20.0, 30.0], Direction::HigherIsBetter, &min_max).unwrap();
/// assert_eq!(points, vec![0.0, 50.0, 100.0]);
/// let points = relative(&[10.0, 20.0, 30.0], Direction::LowerIsBetter, &min_max).unwrap();
/// assert_eq!(points, vec![100.0, 50.0, 0.0]);
/// ```
pub fn relative(
    values: &[f64],
    direction: Direction,
    method: &Normalisation,
) -> Result<Vec<f64>, RelativeError> {
    let sign = match direction {
        Direction::HigherIsBetter => 1.0,
        Direction::LowerIsBetter => -1.0,
    };
    let x: Vec<f64> = values.iter().map(|value| value * sign).collect();
    let min = x.iter().copied().fold(f64::INFINITY, f64::min);
    let max = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sorted = x.clone();
    // Unstable is the same here: values equal under `total_cmp` have the same bits. It shares
    // the sort that exact sums already use, one copy of a sort less in the WebAssembly module.
    sorted.sort_unstable_by(f64::total_cmp);
    let lower_count = |value: f64| sorted.partition_point(|other| *other < value) as f64;
    let points = match method {
        Normalisation::Goalposts { points } => {
            values.iter().map(|v| goalposts(*v, points)).collect()
        }
        Normalisation::Identity => values.to_vec(),
        Normalisation::MinMax { range: [low, high] } => {
            if max == min {
                return Err(RelativeError::Constant);
            }
            x.iter().map(|v| (v - min) / (max - min) * (high - low) + low).collect()
        }
        Normalisation::ZScore { centre, scale } => {
            if max == min {
                return Err(RelativeError::Constant);
            }
            let n = x.len() as f64;
            let mean = stable_sum(&mut x.clone()) / n;
            let mut squares: Vec<f64> = x.iter().map(|v| (v - mean) * (v - mean)).collect();
            let sd = (stable_sum(&mut squares) / (n - 1.0)).sqrt();
            x.iter().map(|v| (v - mean) / sd * scale + centre).collect()
        }
        Normalisation::Rank => x.iter().map(|v| lower_count(*v) + 1.0).collect(),
        Normalisation::Borda => x.iter().map(|v| lower_count(*v)).collect(),
        Normalisation::PercentileRank => {
            if x.len() < 2 || max == min {
                return Err(RelativeError::Constant);
            }
            let others = (x.len() - 1) as f64;
            x.iter().map(|v| lower_count(*v) / others * 100.0).collect()
        }
        Normalisation::DistanceToTarget { target, range: [low, high] } => {
            let target = target * sign;
            if target <= min {
                return Err(RelativeError::Constant);
            }
            x.iter().map(|v| ((v - min) / (target - min)).min(1.0) * (high - low) + low).collect()
        }
    };
    Ok(points)
}
