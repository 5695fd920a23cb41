//! The watermarks scenario's parameters and its seeded event stream.
//!
//! Event `i` of the generator happens at event time `10:00:00 + i·interval + jitter` (jitter in
//! `[0, interval)`, so event times increase with `i`) and arrives at processing time
//! `event time + delay`, the delay uniform in `[0, disorder]` plus `straggle` for the
//! `stragglers` percent of events. Arrivals are sorted by processing time, so with zero disorder
//! and no stragglers the stream is in order. Key, partition and value (1–9) are uniform. An idle
//! partition sends nothing in `[idle_from, idle_from + idle_for)` of processing time (from the
//! stream start): its events go to the next partition instead.

use crate::time::{MAX_TIME_MS, START_MS, format_duration};
use crate::watermark::IdlePolicy;
use crate::window::{WindowKind, WindowSpec};
use rand::RngExt;
use sdp_kit::lab::ParamError;
use serde::{Deserialize, Serialize};

/// Most generated events.
pub const MAX_EVENTS: u32 = 100_000;
/// Most partitions.
pub const MAX_PARTITIONS: u8 = 16;
/// Most keys (named `A`…`H`).
pub const MAX_KEYS: u8 = 8;
/// Most hand-injected events.
pub const MAX_INJECTED: usize = 64;
/// Longest generated stream, `events × interval`: 72 hours of event time.
pub const MAX_SPAN_MS: i64 = 72 * 3_600_000;
/// Longest mean spacing of generated event times.
pub const MAX_INTERVAL_MS: u32 = 60_000;
/// Largest random delay (disorder).
pub const MAX_DISORDER_MS: u32 = 120_000;
/// Largest extra delay of a straggler.
pub const MAX_STRAGGLE_MS: u32 = 600_000;
/// Largest percentage of stragglers.
pub const MAX_STRAGGLER_PCT: u8 = 50;
/// Largest out-of-orderness bound (the catalogue suggests 0–30 s; the lab allows 60 s).
pub const MAX_BOUND_MS: u32 = 60_000;
/// Idle timeout range.
pub const IDLE_TIMEOUT_RANGE: (u32, u32) = (1, 600_000);
/// Largest allowed lateness.
pub const MAX_LATENESS_MS: u32 = 3_600_000;
/// Most event-window assignments, `events × size/slide` for sliding windows, so the largest
/// scenario stays responsive in the browser (100 000 events × 5 windows each).
pub const MAX_ASSIGNMENTS: u64 = 500_000;
/// Largest value of a hand-injected event.
pub const MAX_VALUE: u32 = 1_000;

/// What happens to an event that arrives after every window it belongs to was purged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LatePolicy {
    /// Routed to a side output the learner can inspect.
    #[default]
    SideOutput,
    /// Dropped (counted).
    Drop,
}

impl LatePolicy {
    /// The URL word: `side` or `drop`.
    pub fn as_str(self) -> &'static str {
        match self {
            LatePolicy::SideOutput => "side",
            LatePolicy::Drop => "drop",
        }
    }

    /// Reads a URL word.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "side" => Some(LatePolicy::SideOutput),
            "drop" => Some(LatePolicy::Drop),
            _ => None,
        }
    }
}

/// Parameters of the watermarks scenario. Times and durations in milliseconds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StreamParams {
    /// Generated events, 0–[`MAX_EVENTS`] (URL `events`).
    pub events: u32,
    /// Kafka partitions, 1–[`MAX_PARTITIONS`] (URL `partitions`).
    pub partitions: u8,
    /// Keys `A`, `B`, …, 1–[`MAX_KEYS`] (URL `keys`).
    pub keys: u8,
    /// Mean spacing of event times, 1–[`MAX_INTERVAL_MS`] (URL `interval`).
    pub interval_ms: u32,
    /// Largest random delay between event time and arrival, 0–[`MAX_DISORDER_MS`] (URL
    /// `disorder`).
    pub disorder_ms: u32,
    /// Percentage of stragglers, 0–[`MAX_STRAGGLER_PCT`] (URL `stragglers`).
    pub straggler_pct: u8,
    /// Extra delay of a straggler, 0–[`MAX_STRAGGLE_MS`] (URL `straggle`).
    pub straggle_ms: u32,
    /// The partition that goes silent, if any (URL `idle`: a number or `none`).
    pub idle_partition: Option<u8>,
    /// When it goes silent, after the stream start (processing time; URL `idle_from`).
    pub idle_from_ms: u32,
    /// For how long (URL `idle_for`).
    pub idle_for_ms: u32,
    /// Out-of-orderness bound of the watermark, 0–[`MAX_BOUND_MS`] (URL `bound`).
    pub bound_ms: u32,
    /// Idle timeout (URL `timeout`).
    pub idle_timeout_ms: u32,
    /// Idle-partition handling (URL `policy`: `wait`, `advance`, `exclude`).
    pub idle_policy: IdlePolicy,
    /// Window shape (URL `window`: `tumbling`, `sliding`, `session`).
    pub window: WindowKind,
    /// Tumbling/sliding window size, 1 ms–24 h (URL `size`).
    pub size_ms: u32,
    /// Sliding window slide (URL `slide`); must divide `size`.
    pub slide_ms: u32,
    /// Session gap, 1 ms–24 h (URL `gap`).
    pub gap_ms: u32,
    /// Allowed lateness after firing, 0–[`MAX_LATENESS_MS`] (URL `lateness`).
    pub lateness_ms: u32,
    /// Too-late events: side output or drop (URL `late`).
    pub late_policy: LatePolicy,
}

impl Default for StreamParams {
    fn default() -> Self {
        StreamParams {
            events: 48,
            partitions: 3,
            keys: 2,
            interval_ms: 500,
            disorder_ms: 3_000,
            straggler_pct: 5,
            straggle_ms: 7_000,
            idle_partition: Some(2),
            idle_from_ms: 8_000,
            idle_for_ms: 12_000,
            bound_ms: 2_000,
            idle_timeout_ms: 5_000,
            idle_policy: IdlePolicy::Advance,
            window: WindowKind::Tumbling,
            size_ms: 5_000,
            slide_ms: 1_000,
            gap_ms: 2_000,
            lateness_ms: 4_000,
            late_policy: LatePolicy::SideOutput,
        }
    }
}

impl StreamParams {
    /// The window shape with its sizes.
    pub fn window_spec(&self) -> WindowSpec {
        WindowSpec {
            kind: self.window,
            size_ms: i64::from(self.size_ms),
            slide_ms: i64::from(self.slide_ms),
            gap_ms: i64::from(self.gap_ms),
        }
    }

    /// Every problem with the parameters, naming the URL field and the allowed range.
    pub fn validate(&self) -> Vec<ParamError> {
        let mut e = Vec::new();
        let mut range = |ok: bool, field: &str, lo: u64, hi: u64, got: u64| {
            if !ok {
                e.push(ParamError::range(field, lo, hi, &got.to_string()));
            }
        };
        range(
            self.events <= MAX_EVENTS,
            "events",
            0,
            MAX_EVENTS.into(),
            self.events.into(),
        );
        range(
            (1..=MAX_PARTITIONS).contains(&self.partitions),
            "partitions",
            1,
            MAX_PARTITIONS.into(),
            self.partitions.into(),
        );
        range(
            (1..=MAX_KEYS).contains(&self.keys),
            "keys",
            1,
            MAX_KEYS.into(),
            self.keys.into(),
        );
        range(
            (1..=MAX_INTERVAL_MS).contains(&self.interval_ms),
            "interval",
            1,
            MAX_INTERVAL_MS.into(),
            self.interval_ms.into(),
        );
        range(
            self.disorder_ms <= MAX_DISORDER_MS,
            "disorder",
            0,
            MAX_DISORDER_MS.into(),
            self.disorder_ms.into(),
        );
        range(
            self.straggler_pct <= MAX_STRAGGLER_PCT,
            "stragglers",
            0,
            MAX_STRAGGLER_PCT.into(),
            self.straggler_pct.into(),
        );
        range(
            self.straggle_ms <= MAX_STRAGGLE_MS,
            "straggle",
            0,
            MAX_STRAGGLE_MS.into(),
            self.straggle_ms.into(),
        );
        let span = MAX_SPAN_MS as u64;
        range(
            u64::from(self.idle_from_ms) <= span,
            "idle_from",
            0,
            span,
            self.idle_from_ms.into(),
        );
        range(
            u64::from(self.idle_for_ms) <= span,
            "idle_for",
            0,
            span,
            self.idle_for_ms.into(),
        );
        range(
            self.bound_ms <= MAX_BOUND_MS,
            "bound",
            0,
            MAX_BOUND_MS.into(),
            self.bound_ms.into(),
        );
        let (lo, hi) = IDLE_TIMEOUT_RANGE;
        range(
            (lo..=hi).contains(&self.idle_timeout_ms),
            "timeout",
            lo.into(),
            hi.into(),
            self.idle_timeout_ms.into(),
        );
        range(
            self.lateness_ms <= MAX_LATENESS_MS,
            "lateness",
            0,
            MAX_LATENESS_MS.into(),
            self.lateness_ms.into(),
        );
        if let Some(p) = self.idle_partition {
            if self.partitions < 2 {
                e.push(ParamError::new(
                    "idle",
                    "an idle partition needs at least 2 partitions (its events move to the next one)",
                ));
            } else if p >= self.partitions {
                e.push(ParamError::range(
                    "idle",
                    0,
                    self.partitions - 1,
                    &p.to_string(),
                ));
            }
        }
        let span = u64::from(self.events) * u64::from(self.interval_ms);
        if span > MAX_SPAN_MS as u64 {
            e.push(ParamError::new(
                "interval",
                format!(
                    "events × interval must be at most {} of event time (got {})",
                    format_duration(MAX_SPAN_MS),
                    format_duration(span as i64)
                ),
            ));
        }
        let spec = self.window_spec();
        let window_errors = spec.validate();
        if window_errors.is_empty() && spec.kind == WindowKind::Sliding {
            let per_event = (spec.size_ms / spec.slide_ms.max(1)) as u64;
            let total = u64::from(self.events) * per_event;
            if total > MAX_ASSIGNMENTS {
                e.push(ParamError::new(
                    "slide",
                    format!(
                        "events × size/slide = {} × {per_event} = {} window assignments; at most {} (fewer events or a larger slide)",
                        self.events,
                        total,
                        MAX_ASSIGNMENTS
                    ),
                ));
            }
        }
        e.extend(window_errors);
        e
    }
}

/// A hand-injected event: "an event with time 10:00:02 arrives now".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Injected {
    /// Its event time (ms).
    pub event_ms: i64,
    /// When it arrives (processing time, ms). The view fills in the current step's clock.
    pub arrival_ms: i64,
    /// Partition (below `partitions`).
    pub partition: u8,
    /// Key index (below `keys`).
    pub key: u8,
    /// Value summed by the windows, 1–[`MAX_VALUE`].
    pub value: u32,
}

impl Injected {
    /// Every problem with it, on `field`.
    pub fn validate(&self, field: &str, p: &StreamParams) -> Vec<ParamError> {
        let mut e = Vec::new();
        for (what, t) in [
            ("event time", self.event_ms),
            ("arrival time", self.arrival_ms),
        ] {
            if !(0..=MAX_TIME_MS).contains(&t) {
                e.push(ParamError::new(
                    field,
                    format!("{what} must be between 00:00:00 and 99:59:59.999 (got {t} ms)"),
                ));
            }
        }
        if self.partition >= p.partitions {
            e.push(ParamError::new(
                field,
                format!(
                    "partition must be between 0 and {} (got {})",
                    p.partitions.saturating_sub(1),
                    self.partition
                ),
            ));
        }
        if self.key >= p.keys {
            e.push(ParamError::new(
                field,
                format!(
                    "key must be between A and {} (got {})",
                    key_name(p.keys.saturating_sub(1)),
                    key_name(self.key)
                ),
            ));
        }
        if !(1..=MAX_VALUE).contains(&self.value) {
            e.push(ParamError::new(
                field,
                format!(
                    "value must be between 1 and {MAX_VALUE} (got {})",
                    self.value
                ),
            ));
        }
        e
    }
}

/// The name of key `k`: `A`, `B`, … (`?` beyond `Z`).
pub fn key_name(k: u8) -> char {
    if k < 26 { (b'A' + k) as char } else { '?' }
}

/// One event of the stream, before it is processed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arrival {
    /// Key index.
    pub key: u8,
    /// Partition.
    pub partition: u8,
    /// Event time (ms).
    pub event_ms: i64,
    /// Processing time of arrival (ms).
    pub arrival_ms: i64,
    /// Value (1–9 when generated).
    pub value: u32,
    /// Hand-injected rather than generated.
    pub injected: bool,
}

/// The stream in arrival order: the seeded events, with the injected ones placed after every
/// generated event arriving at the same or an earlier time (ties in action order).
///
/// Call only with validated parameters (it clamps rather than panics otherwise).
pub fn generate(p: &StreamParams, seed: u64, injected: &[Injected]) -> Vec<Arrival> {
    let mut rng = sdp_kit::rng::seeded(seed);
    let n = p.events.min(MAX_EVENTS) as usize;
    let parts = p.partitions.clamp(1, MAX_PARTITIONS);
    let keys = p.keys.clamp(1, MAX_KEYS);
    let interval = i64::from(p.interval_ms.max(1));
    let idle = p.idle_partition.filter(|&q| q < parts && parts > 1);
    let idle_from = START_MS + i64::from(p.idle_from_ms);
    let idle_to = idle_from + i64::from(p.idle_for_ms);
    let mut out: Vec<Arrival> = Vec::with_capacity(n + injected.len());
    for i in 0..n {
        let jitter = rng.random_range(0..interval);
        let delay = rng.random_range(0..=i64::from(p.disorder_ms));
        let straggler = rng.random_range(0..100u8) < p.straggler_pct;
        let key = rng.random_range(0..keys);
        let mut partition = rng.random_range(0..parts);
        let value = rng.random_range(1..=9u32);
        let event_ms = START_MS + i as i64 * interval + jitter;
        let arrival_ms = event_ms
            + delay
            + if straggler {
                i64::from(p.straggle_ms)
            } else {
                0
            };
        if Some(partition) == idle && (idle_from..idle_to).contains(&arrival_ms) {
            partition = (partition + 1) % parts;
        }
        let a = Arrival {
            key,
            partition,
            event_ms,
            arrival_ms,
            value,
            injected: false,
        };
        out.push(a);
    }
    for inj in injected {
        let a = Arrival {
            key: inj.key.min(keys - 1),
            partition: inj.partition.min(parts - 1),
            event_ms: inj.event_ms,
            arrival_ms: inj.arrival_ms,
            value: inj.value,
            injected: true,
        };
        out.push(a);
    }
    // Stable: ties keep generation order, generated before injected, injected in action order.
    out.sort_by_key(|a| (a.arrival_ms, a.injected));
    out
}
