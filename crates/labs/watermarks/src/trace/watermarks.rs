//! The watermarks mode's trace builder.
//!
//! A step is one micro-step (an arrival, an idle timeout, the end of input) for the first
//! [`DETAILED_MICRO`] micro-steps; after that, arrivals are grouped so the rest takes at most
//! [`BULK_STEPS`] steps. The end of input is always its own step.

use crate::engine::{Cursors, Engine, MicroKind, Route, Totals, WmWorld, simulate};
use crate::operator::{Emission, EmitCause};
use crate::stream::{Injected, MAX_INJECTED, StreamParams, generate, key_name};
use crate::text::proc_ids;
use crate::time::{format_duration, format_time, format_watermark};
use crate::watermark::{IdlePolicy, PartitionNow};
use crate::wm_lab::{BULK_STEPS, DETAILED_MICRO, WmFocus, WmState};
use sdp_kit::fmt::{group, percent};
use sdp_kit::lab::{LinesRun, Metric, ParamError, Step};
use std::sync::Arc;

/// Every problem with a watermarks scenario.
pub fn validate(p: &StreamParams, actions: &[Injected]) -> Vec<ParamError> {
    let mut errors = p.validate();
    if actions.len() > MAX_INJECTED {
        errors.push(ParamError::new(
            "actions",
            format!("at most {MAX_INJECTED} injected events"),
        ));
    }
    for (i, a) in actions.iter().enumerate() {
        errors.extend(a.validate(&format!("actions[{i}]"), p));
    }
    errors
}

/// The whole simulation of a validated scenario (no steps): for benchmarks and tests.
pub fn world(p: &StreamParams, seed: u64, actions: &[Injected]) -> WmWorld {
    simulate(p, &generate(p, seed, actions))
}

struct Draft {
    at: Cursors,
    before: Cursors,
    clock_ms: i64,
    max_seen: Option<i64>,
    watermark: Option<i64>,
    global: Option<i64>,
    ended: bool,
    partitions: Vec<PartitionNow>,
    totals: Totals,
    focus: WmFocus,
    narration: String,
    lines: LinesRun,
}

/// The steps of a validated scenario.
pub fn build_steps(p: &StreamParams, seed: u64, actions: &[Injected]) -> Vec<Step<WmState>> {
    let arrivals = generate(p, seed, actions);
    let mut engine = Engine::new(p, &arrivals);
    let mut drafts = Vec::new();
    let first = draft(
        &engine,
        engine.cursors(),
        WmFocus::Start,
        start_sentence(p, &engine),
        LinesRun::new(proc_ids::WATERMARK, &[0, 1, 2]),
    );
    drafts.push(first);
    let mut chunk = 0usize;
    // A pending batch: cursors at its start, arrivals and idle timeouts in it.
    let mut batch: Option<(Cursors, u32, u32)> = None;
    loop {
        let before = engine.cursors();
        if before.micro >= DETAILED_MICRO && chunk == 0 {
            chunk = engine.remaining_events().div_ceil(BULK_STEPS).max(1);
        }
        if engine.next_is_end() {
            if let Some((b, n, ticks)) = batch.take() {
                drafts.push(batch_draft(&engine, b, n, ticks));
            }
        }
        let Some(kind) = engine.step() else { break };
        if chunk == 0 || kind == MicroKind::End {
            let (narration, lines, focus) = micro_sentence(&engine, kind, before);
            drafts.push(draft(&engine, before, focus, narration, lines));
            continue;
        }
        let (b, n, ticks) = batch.get_or_insert((before, 0, 0));
        match kind {
            MicroKind::Arrival(_) => *n += 1,
            _ => *ticks += 1,
        }
        if *n as usize >= chunk {
            let (b, n, ticks) = (*b, *n, *ticks);
            batch = None;
            drafts.push(batch_draft(&engine, b, n, ticks));
        }
    }
    let world = Arc::new(engine.into_world());
    let totals_events = world.events.len() as u64;
    drafts
        .into_iter()
        .map(|d| {
            let metrics = metrics(&d, totals_events, p);
            Step {
                state: WmState {
                    world: world.clone(),
                    at: d.at,
                    before: d.before,
                    clock_ms: d.clock_ms,
                    max_seen: d.max_seen,
                    watermark: d.watermark,
                    global: d.global,
                    ended: d.ended,
                    partitions: d.partitions,
                    totals: d.totals,
                    focus: d.focus,
                },
                narration: d.narration,
                lines: d.lines,
                metrics,
            }
        })
        .collect()
}

fn draft(
    engine: &Engine,
    before: Cursors,
    focus: WmFocus,
    narration: String,
    lines: LinesRun,
) -> Draft {
    let single = engine.single();
    Draft {
        at: engine.cursors(),
        before,
        clock_ms: engine.clock(),
        max_seen: single.max_seen,
        watermark: single.watermark(),
        global: engine.global(),
        ended: engine.is_done(),
        partitions: engine.partitions().to_vec(),
        totals: engine.totals(),
        focus,
        narration,
        lines,
    }
}

/// A batch step covering the micro-steps from `before` to the engine's current cursors.
fn batch_draft(engine: &Engine, before: Cursors, n: u32, ticks: u32) -> Draft {
    let after = engine.cursors();
    let first = before.arrived + 1;
    let last = after.arrived;
    let emitted = after.et_emits - before.et_emits;
    let late_part = {
        let mut late = 0u32;
        let mut side = 0u32;
        let mut updated = 0u32;
        for i in before.arrived..after.arrived {
            if let Some(e) = engine.event(i) {
                late += u32::from(e.is_late());
                side += u32::from(matches!(e.route, Route::SideOutput | Route::Dropped));
                updated += u32::from(e.updates > 0);
            }
        }
        format!(
            "{} late ({} re-emitting a window, {} too late for every window)",
            group(late.into()),
            group(updated.into()),
            group(side.into())
        )
    };
    let ticks_part = if ticks > 0 {
        format!(" and {ticks} idle timeouts")
    } else {
        String::new()
    };
    let narration = format!(
        "Events #{}–#{} arrive ({} events{ticks_part}, up to {}): {late_part}; {} results emitted; the global watermark is now {}.",
        group(first.into()),
        group(last.into()),
        group(n.into()),
        format_time(engine.clock()),
        group(emitted.into()),
        format_watermark(engine.global()),
    );
    draft(
        engine,
        before,
        WmFocus::Batch {
            events: n,
            idle_timeouts: ticks,
        },
        narration,
        LinesRun::new(proc_ids::WATERMARK, &[3, 4, 5, 6]),
    )
}

fn start_sentence(p: &StreamParams, engine: &Engine) -> String {
    let keys = if p.keys == 1 {
        "key A".to_string()
    } else {
        format!("keys A–{}", key_name(p.keys - 1))
    };
    let idle = match p.idle_policy {
        IdlePolicy::Wait => "no idle handling".to_string(),
        policy => format!(
            "idle timeout {} ({})",
            format_duration(p.idle_timeout_ms.into()),
            match policy {
                IdlePolicy::Exclude => "exclude from the minimum",
                _ => "advance to processing time",
            }
        ),
    };
    format!(
        "{} events on {} partition{} ({keys}) will arrive from {}; watermark = max_seen − {}, {} windows, allowed lateness {}, {idle}.",
        group(engine.total_events() as u64),
        p.partitions,
        if p.partitions == 1 { "" } else { "s" },
        format_time(engine.clock()),
        format_duration(p.bound_ms.into()),
        p.window_spec().describe(),
        format_duration(p.lateness_ms.into()),
    )
}

fn window_text(e: &Emission) -> String {
    format!(
        "[{}, {}) of {} ({} events, sum {})",
        format_time(e.start),
        format_time(e.end),
        key_name(e.key),
        e.count,
        e.sum
    )
}

fn fired_text(emits: &[Emission]) -> String {
    let fired: Vec<&Emission> = emits
        .iter()
        .filter(|e| e.cause == EmitCause::Watermark)
        .collect();
    match fired.len() {
        0 => String::new(),
        n => {
            let shown: Vec<String> = fired.iter().take(3).map(|e| window_text(e)).collect();
            let more = if n > 3 {
                format!(" and {} more", n - 3)
            } else {
                String::new()
            };
            format!("; it fires {}{more}", shown.join(", "))
        }
    }
}

fn micro_sentence(
    engine: &Engine,
    kind: MicroKind,
    before: Cursors,
) -> (String, LinesRun, WmFocus) {
    let after = engine.cursors();
    let log = engine.event_time();
    let emits = log
        .emits
        .get(before.et_emits as usize..after.et_emits as usize)
        .unwrap_or(&[]);
    let fired = fired_text(emits);
    let any_fired = emits.iter().any(|e| e.cause == EmitCause::Watermark);
    match kind {
        MicroKind::Arrival(n) => {
            let Some(e) = engine.event(n) else {
                return (
                    String::new(),
                    LinesRun::default(),
                    WmFocus::Arrival { event: n },
                );
            };
            let p = engine.partitions().get(usize::from(e.partition)).copied();
            let head = format!(
                "Event #{} (key {}, P{}{}) with event time {} arrives at {}",
                n + 1,
                key_name(e.key),
                e.partition,
                if e.injected { ", injected" } else { "" },
                format_time(e.event_ms),
                format_time(e.arrival_ms),
            );
            let route = match e.route {
                Route::OnTime | Route::Pending => format!(
                    "on time (watermark {})",
                    format_watermark(e.watermark_before)
                ),
                Route::Late if e.updates > 0 => {
                    let upd: Vec<String> = emits
                        .iter()
                        .filter(|x| x.cause == EmitCause::LateUpdate)
                        .take(2)
                        .map(window_text)
                        .collect();
                    format!(
                        "late (behind the watermark {}), but within the allowed lateness, so it updates and re-emits {}",
                        format_watermark(e.watermark_before),
                        upd.join(", ")
                    )
                }
                Route::Late => format!(
                    "late (behind the watermark {}), but its window has not fired yet, so it just joins it",
                    format_watermark(e.watermark_before)
                ),
                Route::SideOutput | Route::Dropped => format!(
                    "too late: the watermark {} is past the end + allowed lateness of every window it belongs to, so it {}",
                    format_watermark(e.watermark_before),
                    if e.route == Route::SideOutput {
                        "goes to the side output"
                    } else {
                        "is dropped"
                    }
                ),
            };
            let wm = match p {
                Some(p) if engine.partitions().len() > 1 => format!(
                    "P{} watermark {}, global watermark {}",
                    e.partition,
                    format_watermark(p.watermark),
                    format_watermark(engine.global())
                ),
                _ => format!(
                    "max_seen {}, watermark {}",
                    format_watermark(engine.single().max_seen),
                    format_watermark(engine.global())
                ),
            };
            let narration = format!("{head}: {route}; {wm}{fired}.");
            let lines = if e.is_late() {
                let l: &[usize] = match e.route {
                    Route::SideOutput | Route::Dropped => &[0, 4],
                    _ if e.updates > 0 => &[0, 1, 2],
                    _ => &[0],
                };
                LinesRun::new(proc_ids::LATE, l)
            } else if any_fired {
                LinesRun::new(proc_ids::WINDOWS, &[3, 7])
            } else if engine.partitions().len() > 1 {
                LinesRun::new(proc_ids::PARTITIONS, &[3])
            } else {
                LinesRun::new(proc_ids::WATERMARK, &[3, 4, 5, 6])
            };
            (narration, lines, WmFocus::Arrival { event: n })
        }
        MicroKind::IdleTimeout(q) => {
            let p = engine.partitions().get(usize::from(q)).copied();
            let since = p.map_or(engine.clock(), |p| p.last_activity_ms);
            let policy = engine.params().idle_policy;
            let what = match policy {
                IdlePolicy::Exclude => "it is left out of the minimum".to_string(),
                _ => format!(
                    "its watermark is advanced to the processing time {}",
                    format_watermark(p.and_then(|p| p.watermark))
                ),
            };
            let narration = format!(
                "P{q} has sent nothing since {}: its idle timeout fires at {}; {what}, and the global watermark is {}{fired}.",
                format_time(since),
                format_time(engine.clock()),
                format_watermark(engine.global()),
            );
            let lines = if policy == IdlePolicy::Exclude {
                LinesRun::new(proc_ids::IDLE, &[0, 3])
            } else {
                LinesRun::new(proc_ids::IDLE, &[0, 1, 2])
            };
            (narration, lines, WmFocus::IdleTimeout { partition: q })
        }
        MicroKind::End => {
            let n = emits.len();
            let pt = after.pt_emits - before.pt_emits;
            let narration = if n + pt as usize == 0 {
                "End of input: the source emits the final watermark +∞; every window has fired already, so it only purges what is left.".to_string()
            } else {
                format!(
                    "End of input: the source emits the final watermark +∞, which fires the last {} event-time and {} processing-time windows and purges every window.",
                    group(n as u64),
                    group(pt.into()),
                )
            };
            (
                narration,
                LinesRun::new(proc_ids::WINDOWS, &[3, 7]),
                WmFocus::End,
            )
        }
    }
}

fn metrics(d: &Draft, total: u64, p: &StreamParams) -> Vec<Metric> {
    let t = &d.totals;
    let arrived = u64::from(t.arrived);
    let lag = match d.global {
        Some(g) if !d.ended => d.clock_ms.saturating_sub(g),
        _ => 0,
    };
    vec![
        Metric::new(
            "events arrived",
            arrived as f64,
            format!("{} of {}", group(arrived), group(total)),
        ),
        Metric::new(
            "processing time",
            d.clock_ms as f64,
            format_time(d.clock_ms),
        ),
        Metric::new(
            "max event time seen",
            d.max_seen.unwrap_or(0) as f64,
            format_watermark(d.max_seen),
        ),
        Metric::new(
            "watermark (max_seen − bound)",
            d.watermark.unwrap_or(0) as f64,
            format!(
                "{} (bound {})",
                format_watermark(d.watermark),
                format_duration(p.bound_ms.into())
            ),
        ),
        Metric::new(
            "global watermark (min over partitions)",
            d.global.unwrap_or(0) as f64,
            format_watermark(d.global),
        ),
        Metric::new(
            "watermark lag (processing time − global)",
            lag as f64,
            if d.global.is_some() && !d.ended {
                format_duration(lag)
            } else {
                "—".to_string()
            },
        ),
        Metric::new(
            "idle partitions",
            d.partitions.iter().filter(|p| p.idle).count() as f64,
            format!(
                "{} of {}",
                d.partitions.iter().filter(|p| p.idle).count(),
                d.partitions.len()
            ),
        ),
        Metric::new(
            "late events",
            f64::from(t.late),
            format!(
                "{} ({})",
                group(t.late.into()),
                percent(t.late.into(), arrived)
            ),
        ),
        Metric::new(
            "late, joined a kept window",
            f64::from(t.late_joined),
            group(t.late_joined.into()),
        ),
        Metric::new(
            "side output",
            f64::from(t.side_output),
            group(t.side_output.into()),
        ),
        Metric::new("dropped", f64::from(t.dropped), group(t.dropped.into())),
        Metric::new(
            "event-time windows fired",
            f64::from(t.fired),
            format!(
                "{} (+{} late re-emissions)",
                group(t.fired.into()),
                group(t.updates.into())
            ),
        ),
        Metric::new(
            "processing-time windows fired",
            f64::from(t.pt_fired),
            group(t.pt_fired.into()),
        ),
    ]
}
