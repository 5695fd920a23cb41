//! The scenario in the URL.
//!
//! Watermarks mode (`mode=watermarks` may be omitted):
//! `events=48&partitions=3&keys=2&interval=500&disorder=3000&stragglers=5&straggle=7000&idle=2&
//! idle_from=8000&idle_for=12000&bound=2000&timeout=5000&policy=advance&window=tumbling&size=5000&
//! slide=1000&gap=2000&lateness=4000&late=side&seed=4&a=10:00:02@10:00:20/0/A/1`.
//! Durations are whole milliseconds; `idle` is a partition or `none`; each `a` is an injected
//! event `EVENT@ARRIVAL/PARTITION/KEY/VALUE` (times as `HH:MM:SS(.mmm)` or milliseconds;
//! partition, key and value may be left off: `0`, `A`, `1`).
//!
//! Checkpoint mode: `mode=checkpoint&ticks=60&records=30&every=8&align=aligned&skew=3&rate=2&
//! fail=29&sink=exactly&seed=7`. Backpressure mode: `mode=backpressure&ticks=60&produce=3&map=4&
//! sink=4&slow_from=12&slow_to=32&slow_rate=1&buffers=8&seed=7`.

use crate::backpressure;
use crate::checkpoint::{self, Alignment, SinkMode};
use crate::stream::{
    IDLE_TIMEOUT_RANGE, Injected, LatePolicy, MAX_BOUND_MS, MAX_DISORDER_MS, MAX_EVENTS,
    MAX_INJECTED, MAX_INTERVAL_MS, MAX_KEYS, MAX_LATENESS_MS, MAX_PARTITIONS, MAX_SPAN_MS,
    MAX_STRAGGLE_MS, MAX_STRAGGLER_PCT, key_name,
};
use crate::time::{parse_time, time_text};
use crate::watermark::IdlePolicy;
use crate::window::{MAX_WINDOW_MS, WindowKind};
use crate::{Action, Params};
use sdp_kit::field::{Field, Kind, Modes, Word, read_number};
use sdp_kit::lab::ActionSyntax;
use sdp_kit::query::shorten;
use sdp_kit::{whole, word};

impl Word for IdlePolicy {
    const WORDS: &'static [(Self, &'static str)] = &[
        (IdlePolicy::Wait, "wait"),
        (IdlePolicy::Advance, "advance"),
        (IdlePolicy::Exclude, "exclude"),
    ];
}

impl Word for WindowKind {
    const WORDS: &'static [(Self, &'static str)] = &[
        (WindowKind::Tumbling, "tumbling"),
        (WindowKind::Sliding, "sliding"),
        (WindowKind::Session, "session"),
    ];
}

impl Word for LatePolicy {
    const WORDS: &'static [(Self, &'static str)] =
        &[(LatePolicy::SideOutput, "side"), (LatePolicy::Drop, "drop")];
}

impl Word for Alignment {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Alignment::Aligned, "aligned"),
        (Alignment::Unaligned, "unaligned"),
    ];
}

impl Word for SinkMode {
    const WORDS: &'static [(Self, &'static str)] = &[
        (SinkMode::ExactlyOnce, "exactly"),
        (SinkMode::AtLeastOnce, "atleast"),
    ];
}

/// Watermarks mode only (its `ticks`-free keys).
const WM: Modes = Modes::Only(&["watermarks"]);
/// Checkpoint mode only (`ticks` and `sink` mean something else in backpressure mode).
const CK: Modes = Modes::Only(&["checkpoint"]);
/// Backpressure mode only.
const BP: Modes = Modes::Only(&["backpressure"]);

/// Longest idle period and idle start, as a `u32` (72 hours of milliseconds fits).
const SPAN: u32 = MAX_SPAN_MS as u32;
/// Longest window, as a `u32`.
const WINDOW_MAX: u32 = MAX_WINDOW_MS as u32;

/// The idle partition: `none` or a partition below `partitions` (with at least two).
const IDLE: Kind<Params> = Kind {
    write: |p| {
        p.watermarks
            .idle_partition
            .map_or_else(|| "none".to_string(), |i| i.to_string())
    },
    read: |p, text| {
        let s = &mut p.watermarks;
        if text == "none" {
            s.idle_partition = None;
            return Ok(());
        }
        match text.trim().parse::<u8>() {
            Ok(i) if i < s.partitions && s.partitions > 1 => {
                s.idle_partition = Some(i);
                Ok(())
            }
            _ => Err(format!(
                "must be none or a partition 0–{} (got {})",
                s.partitions.saturating_sub(1),
                shorten(text)
            )),
        }
    },
    allowed: |_| {
        format!(
            "`none` or a partition 0–{} below `partitions`",
            MAX_PARTITIONS - 1
        )
    },
};

/// The failing tick: 0 to `ticks` (read before it).
const FAIL: Kind<Params> = Kind {
    write: |p| p.checkpoint.fail_at.to_string(),
    read: |p, text| {
        let ticks = p.checkpoint.ticks;
        read_number(&mut p.checkpoint.fail_at, text, 0, ticks)
    },
    allowed: |_| format!("0–`ticks` (at most {})", checkpoint::TICKS_RANGE.1),
};

/// The first slow tick: 0 to `ticks`.
const SLOW_FROM: Kind<Params> = Kind {
    write: |p| p.backpressure.slow_from.to_string(),
    read: |p, text| {
        let ticks = p.backpressure.ticks;
        read_number(&mut p.backpressure.slow_from, text, 0, ticks)
    },
    allowed: |_| format!("0–`ticks` (at most {})", backpressure::TICKS_RANGE.1),
};

/// The end of the slow period: `slow_from` to `ticks`.
const SLOW_TO: Kind<Params> = Kind {
    write: |p| p.backpressure.slow_to.to_string(),
    read: |p, text| {
        let b = &mut p.backpressure;
        read_number(&mut b.slow_to, text, b.slow_from, b.ticks)
    },
    allowed: |_| "`slow_from`–`ticks`".to_string(),
};

/// The URL fields, in URL order.
pub(crate) const FIELDS: &[Field<Params>] = &[
    whole!(
        "events",
        watermarks.events,
        0,
        MAX_EVENTS,
        "generated events",
        WM
    ),
    whole!(
        "partitions",
        watermarks.partitions,
        1,
        MAX_PARTITIONS,
        "source partitions",
        WM
    ),
    whole!(
        "keys",
        watermarks.keys,
        1,
        MAX_KEYS,
        "keys, named `A` …",
        WM
    ),
    whole!(
        "interval",
        watermarks.interval_ms,
        1,
        MAX_INTERVAL_MS,
        "mean spacing of event times (ms)",
        WM
    ),
    whole!(
        "disorder",
        watermarks.disorder_ms,
        0,
        MAX_DISORDER_MS,
        "largest random arrival delay (ms)",
        WM
    ),
    whole!(
        "stragglers",
        watermarks.straggler_pct,
        0,
        MAX_STRAGGLER_PCT,
        "percent of events that straggle",
        WM
    ),
    whole!(
        "straggle",
        watermarks.straggle_ms,
        0,
        MAX_STRAGGLE_MS,
        "extra delay of a straggler (ms)",
        WM
    ),
    Field::in_modes("idle", "partition that goes idle, or `none`", WM, IDLE),
    whole!(
        "idle_from",
        watermarks.idle_from_ms,
        0,
        SPAN,
        "when it goes idle (ms from the start)",
        WM
    ),
    whole!(
        "idle_for",
        watermarks.idle_for_ms,
        0,
        SPAN,
        "how long it stays idle (ms)",
        WM
    ),
    whole!(
        "bound",
        watermarks.bound_ms,
        0,
        MAX_BOUND_MS,
        "out-of-orderness bound of the watermark (ms)",
        WM
    ),
    whole!(
        "timeout",
        watermarks.idle_timeout_ms,
        IDLE_TIMEOUT_RANGE.0,
        IDLE_TIMEOUT_RANGE.1,
        "idle timeout (ms)",
        WM
    ),
    word!(
        "policy",
        watermarks.idle_policy,
        "what an idle partition does to the watermark",
        WM
    ),
    word!("window", watermarks.window, "window kind", WM),
    whole!(
        "size",
        watermarks.size_ms,
        1,
        WINDOW_MAX,
        "window size (ms)",
        WM
    ),
    whole!(
        "slide",
        watermarks.slide_ms,
        1,
        WINDOW_MAX,
        "sliding window step (ms)",
        WM
    ),
    whole!(
        "gap",
        watermarks.gap_ms,
        1,
        WINDOW_MAX,
        "session gap (ms)",
        WM
    ),
    whole!(
        "lateness",
        watermarks.lateness_ms,
        0,
        MAX_LATENESS_MS,
        "allowed lateness (ms)",
        WM
    ),
    word!(
        "late",
        watermarks.late_policy,
        "what happens to too-late events",
        WM
    ),
    whole!(
        "ticks",
        checkpoint.ticks,
        checkpoint::TICKS_RANGE.0,
        checkpoint::TICKS_RANGE.1,
        "ticks simulated",
        CK
    ),
    whole!(
        "records",
        checkpoint.records,
        1,
        checkpoint::MAX_RECORDS,
        "records in each source partition",
        CK
    ),
    whole!(
        "every",
        checkpoint.every,
        checkpoint::EVERY_RANGE.0,
        checkpoint::EVERY_RANGE.1,
        "ticks between checkpoints",
        CK
    ),
    word!("align", checkpoint.alignment, "barrier alignment", CK),
    whole!(
        "skew",
        checkpoint.skew,
        checkpoint::SKEW_RANGE.0,
        checkpoint::SKEW_RANGE.1,
        "channel 1 delivers every `skew` ticks",
        CK
    ),
    whole!(
        "rate",
        checkpoint.rate,
        checkpoint::RATE_RANGE.0,
        checkpoint::RATE_RANGE.1,
        "items the operator takes per tick",
        CK
    ),
    Field::in_modes("fail", "tick of the failure (0 = none)", CK, FAIL),
    word!("sink", checkpoint.sink, "sink guarantee", CK),
    whole!(
        "ticks",
        backpressure.ticks,
        backpressure::TICKS_RANGE.0,
        backpressure::TICKS_RANGE.1,
        "ticks simulated",
        BP
    ),
    whole!(
        "produce",
        backpressure.produce,
        backpressure::RATE_RANGE.0,
        backpressure::RATE_RANGE.1,
        "records the source produces per tick",
        BP
    ),
    whole!(
        "map",
        backpressure.map_rate,
        backpressure::RATE_RANGE.0,
        backpressure::RATE_RANGE.1,
        "records Map processes per tick",
        BP
    ),
    whole!(
        "sink",
        backpressure.sink_rate,
        backpressure::RATE_RANGE.0,
        backpressure::RATE_RANGE.1,
        "records the Sink processes per tick",
        BP
    ),
    Field::in_modes("slow_from", "first tick the Sink is slow", BP, SLOW_FROM),
    Field::in_modes("slow_to", "first tick it is fast again", BP, SLOW_TO),
    whole!(
        "slow_rate",
        backpressure.slow_rate,
        0,
        backpressure::RATE_RANGE.1,
        "the Sink's rate while slow",
        BP
    ),
    whole!(
        "buffers",
        backpressure.buffers,
        backpressure::BUFFERS_RANGE.0,
        backpressure::BUFFERS_RANGE.1,
        "network buffers (credits) per channel",
        BP
    ),
];

/// The repeated `a=` injected events (watermarks mode only).
pub(crate) const ACTIONS: ActionSyntax = ActionSyntax {
    max: MAX_INJECTED,
    noun: "injected events",
    expected: "an injected event EVENT@ARRIVAL/PARTITION/KEY/VALUE",
    forms: &[(
        "EVENT@ARRIVAL/PARTITION/KEY/VALUE",
        "an event with time EVENT arrives at ARRIVAL (`HH:MM:SS(.mmm)` or ms; partition, key and value may be left off: `0`, `A`, `1`)",
    )],
};

/// The URL text of an action: `10:00:02@10:00:20/0/A/1`.
///
/// ```
/// use sdp_lab_watermarks::{Action, action_text, parse_action};
/// let a = parse_action("10:00:02@10:00:20").unwrap();
/// assert_eq!(action_text(&a), "10:00:02@10:00:20/0/A/1");
/// ```
pub fn action_text(a: &Action) -> String {
    match a {
        Action::Inject(i) => format!(
            "{}@{}/{}/{}/{}",
            time_text(i.event_ms),
            time_text(i.arrival_ms),
            i.partition,
            key_name(i.key),
            i.value
        ),
    }
}

/// Reads an action; the error says what is wrong (malformed times name the expected syntax).
pub fn parse_action(text: &str) -> Result<Action, String> {
    let syntax = "expected EVENT@ARRIVAL/PARTITION/KEY/VALUE, e.g. 10:00:02@10:00:20/0/A/1";
    let (event, rest) = text
        .split_once('@')
        .ok_or_else(|| format!("“{}”: no “@”; {syntax}", shorten(text)))?;
    let mut parts = rest.split('/');
    let arrival = parts.next().unwrap_or("");
    let event_ms = parse_time(event).map_err(|e| format!("event time: {e}"))?;
    let arrival_ms = parse_time(arrival).map_err(|e| format!("arrival time: {e}"))?;
    let partition = match parts.next() {
        None => 0,
        Some(p) => p
            .trim()
            .trim_start_matches(['P', 'p'])
            .parse::<u8>()
            .map_err(|_| format!("partition “{}” is not a number; {syntax}", shorten(p)))?,
    };
    let key = match parts.next() {
        None => 0,
        Some(k) => {
            let k = k.trim();
            match k.as_bytes() {
                [c] if c.is_ascii_alphabetic() => c.to_ascii_uppercase() - b'A',
                _ => return Err(format!("key “{}” must be one letter A–H", shorten(k))),
            }
        }
    };
    let value = match parts.next() {
        None => 1,
        Some(v) => v
            .trim()
            .parse::<u32>()
            .map_err(|_| format!("value “{}” is not a number; {syntax}", shorten(v)))?,
    };
    if parts.next().is_some() {
        return Err(format!("“{}”: too many parts; {syntax}", shorten(text)));
    }
    Ok(Action::Inject(Injected {
        event_ms,
        arrival_ms,
        partition,
        key,
        value,
    }))
}
