//! Watermarks (catalogue M5.1, M5.2): the bounded-out-of-order watermark of one source, the
//! global watermark as the minimum over partitions, and the two ways of handling idle partitions.

use serde::{Deserialize, Serialize};

/// The bounded-out-of-order watermark generator of F0 DP11 l.2620–2637.
///
/// ```
/// use sdp_lab_watermarks::watermark::BoundedOutOfOrder;
/// let mut g = BoundedOutOfOrder::new(5_000);
/// assert_eq!(g.watermark(), None);
/// g.observe(36_001_000); // 10:00:01
/// assert_eq!(g.watermark(), Some(35_996_000)); // 09:59:56
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoundedOutOfOrder {
    /// `max_out_of_order`: how far behind the largest event time the watermark trails (ms).
    pub bound_ms: i64,
    /// `max_timestamp_seen`: the largest event time observed so far (`None` before any event).
    pub max_seen: Option<i64>,
}

impl BoundedOutOfOrder {
    /// A generator that has seen nothing.
    pub fn new(bound_ms: i64) -> Self {
        BoundedOutOfOrder {
            bound_ms,
            max_seen: None,
        }
    }

    /// `max_timestamp_seen = max(current, event_time)`.
    pub fn observe(&mut self, event_ms: i64) {
        self.max_seen = Some(self.max_seen.map_or(event_ms, |m| m.max(event_ms)));
    }

    /// `watermark = max_timestamp_seen − max_out_of_order` (no watermark before the first event).
    pub fn watermark(&self) -> Option<i64> {
        self.max_seen.map(|m| m.saturating_sub(self.bound_ms))
    }
}

/// `(max_seen, watermark)` after each event of a single source, in arrival order.
///
/// ```
/// use sdp_lab_watermarks::watermark::timeline;
/// let t = timeline(&[1, 5, 3, 8], 5);
/// assert_eq!(t, vec![(1, -4), (5, 0), (5, 0), (8, 3)]);
/// ```
pub fn timeline(event_times: &[i64], bound_ms: i64) -> Vec<(i64, i64)> {
    let mut g = BoundedOutOfOrder::new(bound_ms);
    event_times
        .iter()
        .map(|&t| {
            g.observe(t);
            let m = g.max_seen.unwrap_or(t);
            (m, m.saturating_sub(bound_ms))
        })
        .collect()
}

/// `Global watermark = min(all partitions)`; `None` while any partition has no watermark yet (and
/// for no partitions at all).
///
/// ```
/// use sdp_lab_watermarks::watermark::global_min;
/// assert_eq!(global_min(&[Some(3), Some(7), Some(1)]), Some(1));
/// assert_eq!(global_min(&[Some(3), None]), None);
/// ```
pub fn global_min(partitions: &[Option<i64>]) -> Option<i64> {
    let mut min: Option<i64> = None;
    for p in partitions {
        let w = (*p)?;
        min = Some(min.map_or(w, |m| m.min(w)));
    }
    min
}

/// What happens to a partition that has sent nothing for longer than the idle timeout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdlePolicy {
    /// No idleness handling: a silent partition holds the global watermark back (the problem).
    Wait,
    /// The document's rule (F0 l.2652): its watermark is advanced to the current processing time,
    /// and keeps following the processing-time clock while it stays idle.
    #[default]
    Advance,
    /// Flink's rule (not in the source): the idle partition is left out of the minimum until it
    /// sends again.
    Exclude,
}

impl IdlePolicy {
    /// The URL word: `wait`, `advance`, `exclude`.
    pub fn as_str(self) -> &'static str {
        match self {
            IdlePolicy::Wait => "wait",
            IdlePolicy::Advance => "advance",
            IdlePolicy::Exclude => "exclude",
        }
    }

    /// Reads a URL word.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "wait" => IdlePolicy::Wait,
            "advance" => IdlePolicy::Advance,
            "exclude" => IdlePolicy::Exclude,
            _ => return None,
        })
    }

    /// A label for the view.
    pub fn label(self) -> &'static str {
        match self {
            IdlePolicy::Wait => "no idle handling (a silent partition blocks progress)",
            IdlePolicy::Advance => "advance to processing time (the document, F0 l.2652)",
            IdlePolicy::Exclude => {
                "exclude idle partitions from the minimum (Flink; not in source)"
            }
        }
    }
}

/// One partition's watermark state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionNow {
    /// Largest event time seen on this partition (ms), `None` before its first event.
    pub max_seen: Option<i64>,
    /// The partition's watermark (ms): `max_seen − bound`, or higher after an idle advance; never
    /// decreases. `None` before its first event (unless an idle advance set it).
    pub watermark: Option<i64>,
    /// True while the idle timeout has fired and no event has arrived since.
    pub idle: bool,
    /// Processing time (ms) of its last event (or of the stream start): the idle timer runs from
    /// here and fires at `last_activity_ms + idle_timeout`.
    pub last_activity_ms: i64,
    /// Events that have arrived on this partition.
    pub events: u32,
}

impl PartitionNow {
    /// A partition that has seen nothing; its idle timer starts at `start_ms`.
    pub fn new(start_ms: i64) -> Self {
        PartitionNow {
            max_seen: None,
            watermark: None,
            idle: false,
            last_activity_ms: start_ms,
            events: 0,
        }
    }

    /// Raises the watermark to `w` if that is higher (watermarks never go back).
    pub fn raise(&mut self, w: i64) {
        self.watermark = Some(self.watermark.map_or(w, |x| x.max(w)));
    }
}

/// The global watermark over `partitions` under `policy`, never below `previous`:
/// `Wait` and `Advance` take the minimum over all partitions (idle ones under `Advance` already
/// carry the processing time), `Exclude` over the partitions that are not idle; with no candidate
/// (all excluded) or a candidate without a watermark, the global watermark holds.
///
/// ```
/// use sdp_lab_watermarks::watermark::{IdlePolicy, PartitionNow, global_watermark};
/// let mut ps = [PartitionNow::new(0), PartitionNow::new(0)];
/// ps[0].raise(10);
/// assert_eq!(global_watermark(&ps, IdlePolicy::Wait, None), None);
/// ps[1].idle = true;
/// assert_eq!(global_watermark(&ps, IdlePolicy::Exclude, None), Some(10));
/// ```
pub fn global_watermark(
    partitions: &[PartitionNow],
    policy: IdlePolicy,
    previous: Option<i64>,
) -> Option<i64> {
    let mut min: Option<i64> = None;
    let mut any = false;
    for p in partitions {
        if policy == IdlePolicy::Exclude && p.idle {
            continue;
        }
        any = true;
        match p.watermark {
            None => return previous,
            Some(w) => min = Some(min.map_or(w, |m| m.min(w))),
        }
    }
    if !any {
        return previous;
    }
    match (previous, min) {
        (Some(p), Some(m)) => Some(p.max(m)),
        (p, m) => m.or(p),
    }
}
