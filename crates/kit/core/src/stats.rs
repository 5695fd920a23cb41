//! Small load statistics shared by the labs.

use serde::{Deserialize, Serialize};

/// Summary of a load distribution (for example keys per server).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LoadStats {
    /// Largest load.
    pub max: u64,
    /// Smallest load.
    pub min: u64,
    /// Mean load.
    pub mean: f64,
    /// Population standard deviation.
    pub std_dev: f64,
}

impl LoadStats {
    /// Statistics of `loads`; all zero for an empty slice.
    ///
    /// ```
    /// let s = sdp_kit::stats::LoadStats::of(&[2, 4, 4, 4, 5, 5, 7, 9]);
    /// assert_eq!((s.max, s.min, s.mean, s.std_dev), (9, 2, 5.0, 2.0));
    /// ```
    pub fn of(loads: &[u64]) -> Self {
        if loads.is_empty() {
            return Self::default();
        }
        let n = loads.len() as f64;
        let mean = loads.iter().sum::<u64>() as f64 / n;
        let var = loads
            .iter()
            .map(|&l| (l as f64 - mean).powi(2))
            .sum::<f64>()
            / n;
        LoadStats {
            max: loads.iter().copied().max().unwrap_or(0),
            min: loads.iter().copied().min().unwrap_or(0),
            mean,
            std_dev: var.sqrt(),
        }
    }

    /// Max over mean (1.0 is perfectly even); 0 when there is no load.
    pub fn peak_to_mean(&self) -> f64 {
        if self.mean > 0.0 {
            self.max as f64 / self.mean
        } else {
            0.0
        }
    }
}
