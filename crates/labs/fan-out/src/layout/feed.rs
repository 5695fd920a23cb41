//! The feed diagrams' geometry: the follower histogram's bins and threshold line, the rows of
//! followers or sources fanned out from one box, the curved arrows between boxes, and the
//! score bar's segments. Every diagram is drawn in a view box [`W`] wide.

use crate::graph::HistBin;

/// Width of every feed diagram's view box.
pub const W: f64 = 480.0;
/// Height of one row of followers or sources.
pub const ROW_H: f64 = 22.0;

/// A coordinate for SVG text: one decimal.
///
/// ```
/// assert_eq!(sdp_lab_fan_out::layout::feed::f(2.25), "2.2");
/// ```
pub fn f(v: f64) -> String {
    format!("{v:.1}")
}

/// Short follower count: 0, 7, 1K, 16K.
///
/// ```
/// use sdp_lab_fan_out::layout::feed::short;
/// assert_eq!((short(7), short(1000), short(1023), short(16_384)), ("7".into(), "1K".into(), "1023".into(), "16K".into()));
/// ```
pub fn short(n: u32) -> String {
    if n >= 1000 && n % 1000 == 0 {
        format!("{}K", n / 1000)
    } else if n >= 1024 {
        format!("{:.0}K", f64::from(n) / 1000.0)
    } else {
        n.to_string()
    }
}

/// Horizontal position of follower count `followers` on the histogram, as a fraction of its
/// width, for `bins` power-of-two bins (`0`, `1`, `2–3`, `4–7`, …): the middle of bin 0 for 0,
/// else interpolated in log₂ inside bin `⌊log₂ n⌋ + 1`.
///
/// ```
/// use sdp_lab_fan_out::layout::feed::histogram_x;
/// assert_eq!(histogram_x(0, 4), 0.125);
/// assert_eq!(histogram_x(1, 4), 0.25); // bin 1 starts at 1
/// assert_eq!(histogram_x(4, 4), 0.75); // bin 3 starts at 4
/// ```
pub fn histogram_x(followers: u32, bins: usize) -> f64 {
    if bins == 0 {
        return 0.0;
    }
    let slot = 1.0 / bins as f64;
    if followers == 0 {
        return slot / 2.0;
    }
    let l = f64::from(followers).log2();
    ((l.floor() + 1.0 + l.fract()) * slot).min(1.0)
}

/// The follower histogram's scales: bins side by side, bar heights on a log scale of users.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Histogram {
    /// View box height.
    pub height: f64,
    /// Space above the bars (for the threshold label).
    pub top: f64,
    /// Space below the bars (for the axis labels).
    pub bottom: f64,
    /// Width of one bin.
    pub slot: f64,
    /// log₁₀(users + 1) of the tallest bin (at least 1).
    pub max_log: f64,
    /// Number of bins (at least 1).
    pub bins: usize,
}

impl Histogram {
    /// The scales for these bins.
    pub fn new(bins: &[HistBin]) -> Self {
        let n = bins.len().max(1);
        Histogram {
            height: 190.0,
            top: 18.0,
            bottom: 36.0,
            slot: W / n as f64,
            max_log: bins
                .iter()
                .map(|b| (f64::from(b.users) + 1.0).log10())
                .fold(0.0f64, f64::max)
                .max(1.0),
            bins: n,
        }
    }

    /// Height of the plot area.
    pub fn plot(&self) -> f64 {
        self.height - self.top - self.bottom
    }

    /// The top of a bar of `users`.
    pub fn y(&self, users: u32) -> f64 {
        let plot = self.plot();
        self.top + plot - (f64::from(users) + 1.0).log10() / self.max_log * plot
    }

    /// Left edge and width of bin `i`'s bar.
    pub fn bar(&self, i: usize) -> (f64, f64) {
        (i as f64 * self.slot + 1.0, (self.slot - 2.0).max(1.0))
    }

    /// The bottom of the bars.
    pub fn base(&self) -> f64 {
        self.top + self.plot()
    }

    /// Where the threshold line stands.
    pub fn threshold_x(&self, threshold: u32) -> f64 {
        histogram_x(threshold, self.bins) * W
    }
}

/// Rows fanned out from one box in the middle: `rows` rows of [`ROW_H`], centred, in a view
/// box at least `min_height` tall.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rows {
    /// View box height.
    pub height: f64,
    /// Vertical middle (where the central box sits).
    pub mid: f64,
    /// Top of the first row.
    pub first: f64,
}

impl Rows {
    /// The layout of `rows` rows.
    ///
    /// ```
    /// use sdp_lab_fan_out::layout::feed::Rows;
    /// let r = Rows::new(13, 150.0);
    /// assert_eq!(r.height, 13.0 * 22.0 + 16.0);
    /// assert!(r.y(0) > 0.0 && r.y(12) + 18.0 < r.height);
    /// ```
    pub fn new(rows: usize, min_height: f64) -> Self {
        let height = (rows as f64 * ROW_H + 16.0).max(min_height);
        let mid = height / 2.0;
        Rows {
            height,
            mid,
            first: mid - rows as f64 * ROW_H / 2.0 + 2.0,
        }
    }

    /// Top of row `i`.
    pub fn y(&self, i: usize) -> f64 {
        self.first + i as f64 * ROW_H
    }
}

/// The path of a curved arrow from `(x0, y0)` to `(x1, y1)`: a cubic that leaves and arrives
/// horizontally.
///
/// ```
/// use sdp_lab_fan_out::layout::feed::curve;
/// assert_eq!(curve((0.0, 0.0), (10.0, 4.0)), "M0.0,0.0 C5.0,0.0 5.0,4.0 10.0,4.0");
/// ```
pub fn curve((x0, y0): (f64, f64), (x1, y1): (f64, f64)) -> String {
    let mx = f64::midpoint(x0, x1);
    format!("M{x0:.1},{y0:.1} C{mx:.1},{y0:.1} {mx:.1},{y1:.1} {x1:.1},{y1:.1}")
}

/// Width of the one arrow standing for `more` followers not drawn: grows with log₁₀, at most 6.
///
/// ```
/// use sdp_lab_fan_out::layout::feed::more_width;
/// assert_eq!(more_width(1), 1.0);
/// assert_eq!(more_width(100), 4.0);
/// assert_eq!(more_width(1_000_000), 6.0);
/// ```
pub fn more_width(more: u32) -> f64 {
    (1.0 + f64::from(more).log10() * 1.5).min(6.0)
}

/// The widths in pixels of the five score terms at `scale` pixels per unit of score: four
/// positive segments and the negative `hide` segment (its magnitude).
///
/// ```
/// use sdp_lab_fan_out::layout::feed::term_widths;
/// let w = term_widths(&[0.048, 0.009, 0.002, 0.010, -0.002], 1000.0);
/// assert_eq!(w.map(|x| x.round()), [48.0, 9.0, 2.0, 10.0, 2.0]);
/// ```
pub fn term_widths(terms: &[f64; 5], scale: f64) -> [f64; 5] {
    terms.map(|t| t.abs() * scale)
}

/// Pixels per unit of score on the score bars (0.1 of score = 120 px).
pub const SCORE_SCALE: f64 = 1200.0;
/// Where zero sits on a score bar (the `hide` term is drawn left of it).
pub const SCORE_ZERO: f64 = 14.0;

/// The score bar's segments as `(x, width)`: the four positive terms left to right from
/// [`SCORE_ZERO`], then the `hide` term ending at zero.
///
/// ```
/// use sdp_lab_fan_out::layout::feed::score_segments;
/// let s = score_segments(&[0.01, 0.0, 0.0, 0.0, -0.005]);
/// assert_eq!(s[0], (14.0, 12.0));
/// assert_eq!(s[4], (8.0, 6.0));
/// ```
pub fn score_segments(terms: &[f64; 5]) -> [(f64, f64); 5] {
    let w = term_widths(terms, SCORE_SCALE);
    let mut out = [(0.0, 0.0); 5];
    let mut x = SCORE_ZERO;
    for (slot, &width) in out.iter_mut().zip(&w).take(4) {
        *slot = (x, width);
        x += width;
    }
    out[4] = (SCORE_ZERO - w[4], w[4]);
    out
}
