//! Window assignment (catalogue M5.3): tumbling, sliding and session windows, as plain functions
//! and as a batch computation used to check the streaming results.
//!
//! Windows are half-open intervals `[start, end)` of milliseconds.
//!
//! **Rule for sliding windows** (the document gives none): the slide must be at most the size and
//! divide it exactly, so every event belongs to exactly `size / slide` windows; and
//! `size / slide` is at most [`MAX_WINDOWS_PER_EVENT`]. Anything else is rejected with a
//! [`ParamError`] naming the rule.

use sdp_kit::lab::ParamError;
use serde::{Deserialize, Serialize};

/// Most windows one event may belong to (`size / slide` of a sliding window).
pub const MAX_WINDOWS_PER_EVENT: i64 = 10;
/// Longest window size or session gap: 24 hours.
pub const MAX_WINDOW_MS: i64 = 24 * 3_600_000;

/// The three window shapes of F0 l.2613–2615.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum WindowKind {
    /// Fixed, non-overlapping intervals of `size`.
    #[default]
    Tumbling,
    /// Intervals of `size` starting every `slide`.
    Sliding,
    /// Per key: an event at `t` opens `[t, t + gap)`; overlapping sessions of a key merge.
    Session,
}

impl WindowKind {
    /// The URL word: `tumbling`, `sliding`, `session`.
    pub fn as_str(self) -> &'static str {
        match self {
            WindowKind::Tumbling => "tumbling",
            WindowKind::Sliding => "sliding",
            WindowKind::Session => "session",
        }
    }

    /// Reads a URL word.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "tumbling" => WindowKind::Tumbling,
            "sliding" => WindowKind::Sliding,
            "session" => WindowKind::Session,
            _ => return None,
        })
    }
}

/// A window shape with its sizes (ms). Only the fields of `kind` matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowSpec {
    /// Which shape.
    pub kind: WindowKind,
    /// Tumbling and sliding: window length (ms).
    pub size_ms: i64,
    /// Sliding: distance between window starts (ms).
    pub slide_ms: i64,
    /// Session: inactivity gap that closes a session (ms).
    pub gap_ms: i64,
}

impl WindowSpec {
    /// Tumbling windows of `size_ms`.
    pub fn tumbling(size_ms: i64) -> Self {
        WindowSpec {
            kind: WindowKind::Tumbling,
            size_ms,
            slide_ms: size_ms,
            gap_ms: size_ms,
        }
    }

    /// Sliding windows of `size_ms` every `slide_ms`.
    pub fn sliding(size_ms: i64, slide_ms: i64) -> Self {
        WindowSpec {
            kind: WindowKind::Sliding,
            size_ms,
            slide_ms,
            gap_ms: size_ms,
        }
    }

    /// Session windows with `gap_ms`.
    pub fn session(gap_ms: i64) -> Self {
        WindowSpec {
            kind: WindowKind::Session,
            size_ms: gap_ms,
            slide_ms: gap_ms,
            gap_ms,
        }
    }

    /// Every problem with the sizes of `kind`, naming the URL fields `size`, `slide`, `gap`.
    pub fn validate(&self) -> Vec<ParamError> {
        let mut errors = Vec::new();
        let in_range = |v: i64| (1..=MAX_WINDOW_MS).contains(&v);
        match self.kind {
            WindowKind::Tumbling | WindowKind::Sliding => {
                if !in_range(self.size_ms) {
                    errors.push(ParamError::range(
                        "size",
                        1,
                        MAX_WINDOW_MS,
                        &self.size_ms.to_string(),
                    ));
                }
            }
            WindowKind::Session => {
                if !in_range(self.gap_ms) {
                    errors.push(ParamError::range(
                        "gap",
                        1,
                        MAX_WINDOW_MS,
                        &self.gap_ms.to_string(),
                    ));
                }
            }
        }
        if self.kind == WindowKind::Sliding && in_range(self.size_ms) {
            if let Some(e) = sliding_rule(self.size_ms, self.slide_ms) {
                errors.push(e);
            }
        }
        errors
    }

    /// The windows an event at `t` belongs to (sessions: its own proto-window `[t, t + gap)`),
    /// in increasing start order, appended to `out` (which is cleared first).
    pub fn assign_into(&self, t: i64, out: &mut Vec<(i64, i64)>) {
        out.clear();
        match self.kind {
            WindowKind::Tumbling => out.push(tumbling(t, self.size_ms)),
            WindowKind::Sliding => sliding_into(t, self.size_ms, self.slide_ms, out),
            WindowKind::Session => out.push((t, t.saturating_add(self.gap_ms))),
        }
    }

    /// Short description: "tumbling 5 s", "sliding 10 s every 5 s", "session, gap 5 min".
    pub fn describe(&self) -> String {
        use crate::time::format_duration as d;
        match self.kind {
            WindowKind::Tumbling => format!("tumbling {}", d(self.size_ms)),
            WindowKind::Sliding => {
                format!("sliding {} every {}", d(self.size_ms), d(self.slide_ms))
            }
            WindowKind::Session => format!("session, gap {}", d(self.gap_ms)),
        }
    }
}

/// The sliding-window rule: `1 ≤ slide ≤ size`, `size mod slide = 0`,
/// `size / slide ≤ MAX_WINDOWS_PER_EVENT`. `None` if `(size, slide)` follows it.
///
/// ```
/// use sdp_lab_watermarks::window::sliding_rule;
/// assert!(sliding_rule(300_000, 60_000).is_none());
/// assert_eq!(sliding_rule(300_000, 70_000).unwrap().field, "slide");
/// ```
pub fn sliding_rule(size_ms: i64, slide_ms: i64) -> Option<ParamError> {
    let rule = "rule: 1 ≤ slide ≤ size and slide divides size, so each event is in exactly size/slide windows";
    if slide_ms < 1 || slide_ms > size_ms {
        Some(ParamError::new(
            "slide",
            format!("must be between 1 and the size {size_ms} (got {slide_ms}); {rule}"),
        ))
    } else if size_ms % slide_ms != 0 {
        Some(ParamError::new(
            "slide",
            format!("{slide_ms} does not divide the size {size_ms}; {rule}"),
        ))
    } else if size_ms / slide_ms > MAX_WINDOWS_PER_EVENT {
        Some(ParamError::new(
            "slide",
            format!(
                "size/slide = {} windows per event; at most {MAX_WINDOWS_PER_EVENT}",
                size_ms / slide_ms
            ),
        ))
    } else {
        None
    }
}

/// The tumbling window of `t`: `start = t − (t mod size)` (floor, also for negative `t`).
///
/// ```
/// use sdp_lab_watermarks::window::tumbling;
/// let t = 10 * 3_600_000 + 7 * 60_000 + 30_000; // 10:07:30
/// let (s, e) = tumbling(t, 5 * 60_000);
/// assert_eq!((s, e), (10 * 3_600_000 + 5 * 60_000, 10 * 3_600_000 + 10 * 60_000));
/// ```
pub fn tumbling(t: i64, size_ms: i64) -> (i64, i64) {
    let start = t - t.rem_euclid(size_ms.max(1));
    (start, start.saturating_add(size_ms))
}

/// Every sliding window `[s, s + size)` with `s = k·slide` and `s ≤ t < s + size`, in increasing
/// start order, appended to `out`.
pub fn sliding_into(t: i64, size_ms: i64, slide_ms: i64, out: &mut Vec<(i64, i64)>) {
    let slide = slide_ms.max(1);
    let last = t - t.rem_euclid(slide);
    // The smallest multiple of `slide` above `t − size`.
    let lo = t.saturating_sub(size_ms).saturating_add(1);
    let first = lo + (slide - lo.rem_euclid(slide)) % slide;
    let mut s = first;
    while s <= last {
        out.push((s, s.saturating_add(size_ms)));
        s += slide;
    }
}

/// [`sliding_into`] into a new vector.
///
/// ```
/// use sdp_lab_watermarks::window::sliding;
/// let min = 60_000;
/// let w = sliding(7 * min + 30_000, 5 * min, min);
/// assert_eq!(w.first(), Some(&(3 * min, 8 * min)));
/// assert_eq!(w.len(), 5);
/// ```
pub fn sliding(t: i64, size_ms: i64, slide_ms: i64) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    sliding_into(t, size_ms, slide_ms, &mut out);
    out
}

/// Batch sessions of one key: events (any order) grouped so that an event within the session
/// (`t < end`) extends it to `max(end, t + gap)`; returns `(start, end, count)` sorted by start.
///
/// ```
/// use sdp_lab_watermarks::window::sessions;
/// let min = 60_000;
/// let s = sessions(&[0, 3 * min, 9 * min], 5 * min);
/// assert_eq!(s, vec![(0, 8 * min, 2), (9 * min, 14 * min, 1)]);
/// ```
pub fn sessions(times: &[i64], gap_ms: i64) -> Vec<(i64, i64, u32)> {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<(i64, i64, u32)> = Vec::new();
    for t in sorted {
        match out.last_mut() {
            Some((_, end, n)) if t < *end => {
                *end = (*end).max(t.saturating_add(gap_ms));
                *n += 1;
            }
            _ => out.push((t, t.saturating_add(gap_ms), 1)),
        }
    }
    out
}
