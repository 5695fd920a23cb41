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

use crate::backpressure::{self, BackpressureParams};
use crate::checkpoint::{self, Alignment, CheckpointParams, SinkMode};
use crate::stream::{
    IDLE_TIMEOUT_RANGE, Injected, LatePolicy, MAX_BOUND_MS, MAX_DISORDER_MS, MAX_EVENTS,
    MAX_INJECTED, MAX_INTERVAL_MS, MAX_KEYS, MAX_LATENESS_MS, MAX_PARTITIONS, MAX_SPAN_MS,
    MAX_STRAGGLE_MS, MAX_STRAGGLER_PCT, StreamParams, key_name,
};
use crate::time::{parse_time, time_text};
use crate::watermark::IdlePolicy;
use crate::window::{MAX_WINDOW_MS, WindowKind};
use crate::{Action, DEFAULT_SEED, Params, WatermarksLab};
use sdp_core::lab::{Lab, ParamError, Scenario};
use sdp_core::query::{PLAYER_KEYS, Reader, only_player_keys, shorten};

/// The URL text of an action: `10:00:02@10:00:20/0/A/1`.
///
/// ```
/// use sdp_stream::{Action, action_text, parse_action};
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

fn pair(k: &str, v: impl ToString) -> (String, String) {
    (k.to_string(), v.to_string())
}

pub(crate) fn to_query(s: &Scenario<Params, Action>) -> Vec<(String, String)> {
    let mut q = vec![pair("mode", s.params.mode())];
    match &s.params {
        Params::Watermarks(p) => {
            q.extend([
                pair("events", p.events),
                pair("partitions", p.partitions),
                pair("keys", p.keys),
                pair("interval", p.interval_ms),
                pair("disorder", p.disorder_ms),
                pair("stragglers", p.straggler_pct),
                pair("straggle", p.straggle_ms),
                pair(
                    "idle",
                    p.idle_partition
                        .map_or_else(|| "none".to_string(), |i| i.to_string()),
                ),
                pair("idle_from", p.idle_from_ms),
                pair("idle_for", p.idle_for_ms),
                pair("bound", p.bound_ms),
                pair("timeout", p.idle_timeout_ms),
                pair("policy", p.idle_policy.as_str()),
                pair("window", p.window.as_str()),
                pair("size", p.size_ms),
                pair("slide", p.slide_ms),
                pair("gap", p.gap_ms),
                pair("lateness", p.lateness_ms),
                pair("late", p.late_policy.as_str()),
            ]);
        }
        Params::Checkpoint(p) => q.extend([
            pair("ticks", p.ticks),
            pair("records", p.records),
            pair("every", p.every),
            pair("align", p.alignment.as_str()),
            pair("skew", p.skew),
            pair("rate", p.rate),
            pair("fail", p.fail_at),
            pair("sink", p.sink.as_str()),
        ]),
        Params::Backpressure(p) => q.extend([
            pair("ticks", p.ticks),
            pair("produce", p.produce),
            pair("map", p.map_rate),
            pair("sink", p.sink_rate),
            pair("slow_from", p.slow_from),
            pair("slow_to", p.slow_to),
            pair("slow_rate", p.slow_rate),
            pair("buffers", p.buffers),
        ]),
    }
    q.push(pair("seed", s.seed));
    q.extend(s.actions.iter().map(|a| pair("a", action_text(a))));
    q
}

/// Reads a word field with `parse`, reporting anything else.
fn word<T>(
    r: &mut Reader<'_>,
    key: &str,
    default: T,
    allowed: &str,
    parse: fn(&str) -> Option<T>,
) -> T {
    match r.raw(key) {
        None => default,
        Some(text) => parse(text.trim()).unwrap_or_else(|| {
            r.errors.push(ParamError::new(
                key,
                format!("must be {allowed} (got {})", shorten(text)),
            ));
            default
        }),
    }
}

pub(crate) fn from_query(
    pairs: &[(String, String)],
) -> (Scenario<Params, Action>, Vec<ParamError>) {
    if only_player_keys(pairs) {
        return (WatermarksLab::default_scenario(), Vec::new());
    }
    let mut r = Reader::new(pairs);
    let mode = word(
        &mut r,
        "mode",
        "watermarks",
        "watermarks, checkpoint or backpressure",
        |s| match s {
            "watermarks" => Some("watermarks"),
            "checkpoint" => Some("checkpoint"),
            "backpressure" => Some("backpressure"),
            _ => None,
        },
    );
    let params = match mode {
        "checkpoint" => Params::Checkpoint(read_checkpoint(&mut r)),
        "backpressure" => Params::Backpressure(read_backpressure(&mut r)),
        _ => Params::Watermarks(read_stream(&mut r)),
    };
    let seed = r.number("seed", 0u64, u64::MAX, DEFAULT_SEED);
    let actions = r.actions(MAX_INJECTED, "injected events", |field, text| {
        let Params::Watermarks(p) = &params else {
            return Err(vec![ParamError::new(
                field,
                "injected events apply only in mode=watermarks",
            )]);
        };
        let Action::Inject(inj) =
            parse_action(text).map_err(|m| vec![ParamError::new(field, m)])?;
        let problems = inj.validate(field, p);
        if problems.is_empty() {
            Ok(Action::Inject(inj))
        } else {
            Err(problems)
        }
    });
    r.report_unknown(PLAYER_KEYS);
    (
        Scenario {
            params,
            seed,
            actions,
        },
        r.errors,
    )
}

fn read_stream(r: &mut Reader<'_>) -> StreamParams {
    let d = StreamParams::default();
    let span = MAX_SPAN_MS as u32;
    let window_max = MAX_WINDOW_MS as u32;
    let mut p = StreamParams {
        events: r.number("events", 0, MAX_EVENTS, d.events),
        partitions: r.number("partitions", 1, MAX_PARTITIONS, d.partitions),
        keys: r.number("keys", 1, MAX_KEYS, d.keys),
        interval_ms: r.number("interval", 1, MAX_INTERVAL_MS, d.interval_ms),
        disorder_ms: r.number("disorder", 0, MAX_DISORDER_MS, d.disorder_ms),
        straggler_pct: r.number("stragglers", 0, MAX_STRAGGLER_PCT, d.straggler_pct),
        straggle_ms: r.number("straggle", 0, MAX_STRAGGLE_MS, d.straggle_ms),
        idle_partition: d.idle_partition,
        idle_from_ms: r.number("idle_from", 0, span, d.idle_from_ms),
        idle_for_ms: r.number("idle_for", 0, span, d.idle_for_ms),
        bound_ms: r.number("bound", 0, MAX_BOUND_MS, d.bound_ms),
        idle_timeout_ms: r.number(
            "timeout",
            IDLE_TIMEOUT_RANGE.0,
            IDLE_TIMEOUT_RANGE.1,
            d.idle_timeout_ms,
        ),
        idle_policy: word(
            r,
            "policy",
            d.idle_policy,
            "wait, advance or exclude",
            IdlePolicy::parse,
        ),
        window: word(
            r,
            "window",
            d.window,
            "tumbling, sliding or session",
            WindowKind::parse,
        ),
        size_ms: r.number("size", 1, window_max, d.size_ms),
        slide_ms: r.number("slide", 1, window_max, d.slide_ms),
        gap_ms: r.number("gap", 1, window_max, d.gap_ms),
        lateness_ms: r.number("lateness", 0, MAX_LATENESS_MS, d.lateness_ms),
        late_policy: word(r, "late", d.late_policy, "side or drop", LatePolicy::parse),
    };
    match r.raw("idle") {
        None => {}
        Some("none") => p.idle_partition = None,
        Some(text) => match text.trim().parse::<u8>() {
            Ok(i) if i < p.partitions && p.partitions > 1 => p.idle_partition = Some(i),
            _ => r.errors.push(ParamError::new(
                "idle",
                format!(
                    "must be none or a partition 0–{} (got {})",
                    p.partitions.saturating_sub(1),
                    shorten(text)
                ),
            )),
        },
    }
    // Whatever is still inconsistent falls back to the default, field by field.
    for e in p.validate() {
        r.errors.push(ParamError::new(
            e.field.clone(),
            format!("{}; using the default", e.message),
        ));
        match e.field.as_str() {
            "idle" => p.idle_partition = None,
            "interval" => p.interval_ms = d.interval_ms,
            "slide" => {
                p.slide_ms = d.slide_ms;
                if p.validate().iter().any(|e| e.field == "slide") {
                    p.size_ms = d.size_ms;
                }
            }
            _ => {}
        }
    }
    if !p.validate().is_empty() {
        r.errors.push(ParamError::new(
            "events",
            "the combination is still invalid; using the default stream",
        ));
        p = d;
    }
    p
}

fn read_checkpoint(r: &mut Reader<'_>) -> CheckpointParams {
    let d = CheckpointParams::default();
    let ticks = r.number(
        "ticks",
        checkpoint::TICKS_RANGE.0,
        checkpoint::TICKS_RANGE.1,
        d.ticks,
    );
    CheckpointParams {
        ticks,
        records: r.number("records", 1, checkpoint::MAX_RECORDS, d.records),
        every: r.number(
            "every",
            checkpoint::EVERY_RANGE.0,
            checkpoint::EVERY_RANGE.1,
            d.every,
        ),
        alignment: word(
            r,
            "align",
            d.alignment,
            "aligned or unaligned",
            Alignment::parse,
        ),
        skew: r.number(
            "skew",
            checkpoint::SKEW_RANGE.0,
            checkpoint::SKEW_RANGE.1,
            d.skew,
        ),
        rate: r.number(
            "rate",
            checkpoint::RATE_RANGE.0,
            checkpoint::RATE_RANGE.1,
            d.rate,
        ),
        fail_at: r.number("fail", 0, ticks, d.fail_at.min(ticks)),
        sink: word(r, "sink", d.sink, "exactly or atleast", SinkMode::parse),
    }
}

fn read_backpressure(r: &mut Reader<'_>) -> BackpressureParams {
    let d = BackpressureParams::default();
    let (lo, hi) = backpressure::RATE_RANGE;
    let ticks = r.number(
        "ticks",
        backpressure::TICKS_RANGE.0,
        backpressure::TICKS_RANGE.1,
        d.ticks,
    );
    let slow_from = r.number("slow_from", 0, ticks, d.slow_from.min(ticks));
    BackpressureParams {
        ticks,
        produce: r.number("produce", lo, hi, d.produce),
        map_rate: r.number("map", lo, hi, d.map_rate),
        sink_rate: r.number("sink", lo, hi, d.sink_rate),
        slow_from,
        slow_to: r.number(
            "slow_to",
            slow_from,
            ticks,
            d.slow_to.clamp(slow_from, ticks),
        ),
        slow_rate: r.number("slow_rate", 0, hi, d.slow_rate),
        buffers: r.number(
            "buffers",
            backpressure::BUFFERS_RANGE.0,
            backpressure::BUFFERS_RANGE.1,
            d.buffers,
        ),
    }
}
