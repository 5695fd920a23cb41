//! Cache mode's drawing: the query a step is about, what the map frames, the keys a query
//! looked up, each cache entry's time left, and the hit-rate chart's scales.

use super::frame::{bbox_of_points, near, union};
use super::view::WORLD;
use crate::cache::{CacheEntry, QueryOutcome};
use crate::codec::BBox;
use crate::distance::circle_polygon;
use crate::{CacheState, CacheWorld};

/// The query this step is about: its index and what each flow did.
pub fn current(s: &CacheState) -> Option<(usize, &QueryOutcome, &QueryOutcome)> {
    let i = s.current? as usize;
    Some((i, s.world.doc.get(i)?, s.world.fixed.get(i)?))
}

/// The query's circle and both flows' key cells; the world before the first query.
pub fn cache_fit(s: &CacheState) -> BBox {
    let Some((i, d, f)) = current(s) else {
        return WORLD;
    };
    let Some(q) = s.world.queries.get(i) else {
        return WORLD;
    };
    let mut b =
        bbox_of_points(&circle_polygon(q.at, s.world.settings.radius_km, 32)).unwrap_or(WORLD);
    for c in d.keys.iter().chain(&f.keys) {
        b = union(b, near(c.bbox(), q.at.lng));
    }
    b
}

/// The keys a query looked up: at most nine, then how many there were.
pub fn keys_text(o: &QueryOutcome) -> String {
    let mut hashes: Vec<String> = o
        .keys
        .iter()
        .take(9)
        .map(super::super::codec::Cell::to_hash)
        .collect();
    if o.keys.len() > 9 {
        hashes.push(format!("… {} keys", o.keys.len()));
    }
    hashes.join(" ")
}

/// The time of the last query done (0 before the first).
pub fn now_s(s: &CacheState) -> u64 {
    s.done
        .checked_sub(1)
        .and_then(|i| s.world.queries.get(i as usize))
        .map_or(0, |q| q.t_s)
}

/// A cache's entries newest first, with the seconds each has left and that as a percentage
/// of the time to live.
pub fn entries_by_age<'a>(
    entries: &'a [CacheEntry],
    s: &CacheState,
) -> Vec<(&'a CacheEntry, u64, f64)> {
    let now = now_s(s);
    let ttl = f64::from(s.world.settings.ttl_s.max(1));
    // Newest first; among entries stored in the same second, in the order they are kept.
    let mut shown: Vec<(usize, &CacheEntry)> = entries.iter().enumerate().collect();
    crate::sort::sort_by(&mut shown, |a, b| {
        b.1.stored_s.cmp(&a.1.stored_s).then(a.0.cmp(&b.0))
    });
    shown
        .into_iter()
        .map(|(_, e)| {
            let left = e.expires_s.saturating_sub(now);
            (e, left, (left as f64 / ttl * 100.0).clamp(0.0, 100.0))
        })
        .collect()
}

/// The hit-rate chart's plot area and scales: one column per key precision, 0–100 % up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurveChart {
    /// Width of the drawing.
    pub w: f64,
    /// Height of the drawing.
    pub h: f64,
    /// Left margin.
    pub left: f64,
    /// Right margin.
    pub right: f64,
    /// Top margin.
    pub top: f64,
    /// Bottom margin.
    pub bottom: f64,
    /// Number of columns.
    pub columns: usize,
}

impl CurveChart {
    /// The chart for `w`'s curve.
    pub fn of(w: &CacheWorld) -> CurveChart {
        CurveChart {
            w: 560.0,
            h: 220.0,
            left: 44.0,
            right: 12.0,
            top: 12.0,
            bottom: 40.0,
            columns: w.curve.len(),
        }
    }

    /// x of column `i`.
    pub fn x(&self, i: usize) -> f64 {
        let n = self.columns.max(2) as f64 - 1.0;
        self.left + i as f64 / n * (self.w - self.left - self.right)
    }

    /// y of a share (0–1, clamped).
    pub fn y(&self, v: f64) -> f64 {
        self.top + (1.0 - v.clamp(0.0, 1.0)) * (self.h - self.top - self.bottom)
    }
}
