//! A rate in requests (or tokens) per second, kept as an exact fraction `num / den` so the
//! integer limiters and the leaky bucket's clock never round: `10` is ten per second, `100/60`
//! is a hundred per minute.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Largest numerator or denominator.
pub const MAX_PART: u32 = 1_000_000;

/// `num / den` per second, both at least 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    /// Numerator.
    pub num: u32,
    /// Denominator (seconds).
    pub den: u32,
}

impl Rate {
    /// `num / den` per second.
    pub const fn new(num: u32, den: u32) -> Rate {
        Rate { num, den }
    }

    /// Per second, as a float (for display and the documents' float arithmetic).
    pub fn per_second(self) -> f64 {
        f64::from(self.num) / f64::from(self.den)
    }

    /// Reads `N` or `N/D` (whole numbers from 1 to 1 000 000).
    ///
    /// ```
    /// use sdp_lab_rate_limiter::rate::Rate;
    /// assert_eq!(Rate::parse("100/60"), Ok(Rate::new(100, 60)));
    /// assert_eq!(Rate::parse(" 10 "), Ok(Rate::new(10, 1)));
    /// assert!(Rate::parse("0").is_err() && Rate::parse("1/x").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Rate, String> {
        let (n, d) = text.trim().split_once('/').unwrap_or((text.trim(), "1"));
        let part = |t: &str| {
            t.trim()
                .parse::<u32>()
                .ok()
                .filter(|v| (1..=MAX_PART).contains(v))
        };
        match (part(n), part(d)) {
            (Some(num), Some(den)) => Ok(Rate { num, den }),
            _ => Err(format!(
                "must be N or N/D per second, whole numbers 1–1 000 000 (got {})",
                sdp_kit::query::shorten(text)
            )),
        }
    }

    /// Milliseconds for one unit, as a float.
    pub fn ms_per_unit(self) -> f64 {
        1000.0 * f64::from(self.den) / f64::from(self.num)
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}
