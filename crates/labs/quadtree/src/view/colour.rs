//! Colours with a meaning (Okabe–Ito; every use also has a shape or a label).

use crate::tree::Quadrant;
use sdp_kit_web::palette;

/// Visited node / result point.
pub const VISITED: &str = "#009E73";
/// Result point.
pub const RESULT: &str = "#0072B2";
/// Candidate outside the radius.
pub const CANDIDATE: &str = "#E69F00";
/// Missed point / pruned subtree accent.
pub const MISSED: &str = "#D55E00";
/// Pruned node fill.
pub const PRUNED: &str = "#999999";
/// User-added points.
pub const USER: &str = "#CC79A7";

/// Quadrant colours NW, NE, SW, SE (labels are drawn too).
pub fn quadrant_colour(q: Quadrant) -> &'static str {
    match q {
        Quadrant::NW => palette::series(0),
        Quadrant::NE => palette::series(1),
        Quadrant::SW => palette::series(2),
        Quadrant::SE => palette::series(6),
    }
}
