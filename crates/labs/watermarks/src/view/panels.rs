//! HTML panels of the watermarks mode: the partition table, the results emitted (re-emits from
//! allowed lateness marked), the side output, and the event-time against processing-time
//! comparison with the differing counts highlighted.

use super::WmProps;
use super::plot::min_partition;
use crate::operator::EmitCause;
use crate::stream::{LatePolicy, key_name};
use crate::time::{format_duration, format_time, format_watermark};
use crate::watermark::IdlePolicy;
use crate::window::WindowKind;
use sdp_kit::fmt::group;
use yew::prelude::*;

/// Rows of results shown.
const RESULT_ROWS: usize = 10;
/// Side-output events listed.
const SIDE_ROWS: usize = 8;
/// Comparison rows shown.
const COMPARE_ROWS: usize = 10;

/// Every partition now: events, max event time, watermark, idle state and timer.
#[component]
pub fn Partitions(props: &WmProps) -> Html {
    let Some(s) = props.state() else {
        return html! {};
    };
    let p = &s.world.params;
    let min = min_partition(s);
    let policy = p.idle_policy;
    let timeout = i64::from(p.idle_timeout_ms);
    html! {
        <details class="watermarks-partitions" open={s.partitions.len() <= 4}>
            <summary>{ format!("Partitions: global watermark = min over {} = {}", if policy == IdlePolicy::Exclude { "the partitions that are not idle" } else { "all partitions" }, format_watermark(s.global)) }</summary>
            <div class="table-scroll">
            <table class="watermarks-table">
                <thead><tr>
                    <th scope="col">{"Partition"}</th><th scope="col">{"Events"}</th><th scope="col">{"Max event time"}</th>
                    <th scope="col">{"Watermark"}</th><th scope="col">{"State"}</th>
                </tr></thead>
                <tbody>
                { for s.partitions.iter().enumerate().map(|(i, q)| {
                    let holds = Some(i as u8) == min && s.partitions.len() > 1 && !s.ended;
                    let state = if q.idle {
                        match policy {
                            IdlePolicy::Advance => "idle: watermark advanced to processing time (the document)".to_string(),
                            IdlePolicy::Exclude => "idle: excluded from the minimum (Flink)".to_string(),
                            IdlePolicy::Wait => "silent".to_string(),
                        }
                    } else if policy == IdlePolicy::Wait {
                        "active (no idle timeout)".to_string()
                    } else {
                        format!("active; idle timeout fires at {} unless an event arrives", format_time(q.last_activity_ms.saturating_add(timeout)))
                    };
                    html! {
                        <tr key={i.to_string()} class={classes!(holds.then_some("holds"))}>
                            <th scope="row">{ format!("P{i}") }</th>
                            <td>{ q.events }</td>
                            <td>{ format_watermark(q.max_seen) }</td>
                            <td>{ format_watermark(q.watermark) }{ if holds { " ◀ min" } else { "" } }</td>
                            <td>{ state }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
        </details>
    }
}

/// The latest results, newest first; those of this step marked new, re-emits marked.
#[component]
pub fn Results(props: &WmProps) -> Html {
    let Some(s) = props.state() else {
        return html! {};
    };
    let emits = s.event_emits();
    let new_from = s.before.et_emits as usize;
    let re = s.totals.updates;
    html! {
        <section class="watermarks-results" aria-label="Results emitted">
            <h3 class="watermarks-h">{ format!("Results emitted: {} ({} re-emits from allowed lateness)", group(emits.len() as u64), group(re.into())) }</h3>
            if emits.is_empty() {
                <p class="hint">{"Nothing yet: a window emits when the global watermark passes its end."}</p>
            } else {
                <ol class="watermarks-list" reversed=true start={emits.len().to_string()}>
                { for emits.iter().enumerate().rev().take(RESULT_ROWS).map(|(i, e)| {
                    let new = i >= new_from;
                    let (cause, class) = match e.cause {
                        EmitCause::Watermark => (format!("fired at watermark {}", format_watermark(Some(e.watermark))), "fired"),
                        EmitCause::LateUpdate => ("re-emit: a late event within the allowed lateness updated it".to_string(), "reemit"),
                    };
                    html! {
                        <li key={i.to_string()} class={classes!(class, new.then_some("new"))}>
                            if new { <span class="watermarks-badge">{"new"}</span>{" "} }
                            if e.cause == EmitCause::LateUpdate { <span class="watermarks-badge reemit">{"re-emit"}</span>{" "} }
                            { format!("[{}, {}) key {}: count {}, sum {} — {}", format_time(e.start), format_time(e.end), key_name(e.key), e.count, e.sum, cause) }
                        </li>
                    }
                }) }
                </ol>
            }
        </section>
    }
}

/// Events too late for every window: the side output, or the dropped count.
#[component]
pub fn SideOutput(props: &WmProps) -> Html {
    let Some(s) = props.state() else {
        return html! {};
    };
    let side = s.side_output();
    let drop = s.world.params.late_policy == LatePolicy::Drop;
    let new_from = s.before.side as usize;
    html! {
        <section class="watermarks-side" aria-label="Side output">
            <h3 class="watermarks-h">{
                if drop { format!("Dropped as too late: {}", group(s.totals.dropped.into())) }
                else { format!("Side output: {} too-late events", group(side.len() as u64)) }
            }</h3>
            if drop {
                <p class="hint">{"Late policy “drop”: events whose every window was purged are counted and discarded (choose “side output” to keep them)."}</p>
            } else if side.is_empty() {
                <p class="hint">{"Empty: no event has arrived after every window it belongs to was purged."}</p>
            } else {
                <ul class="watermarks-list">
                { for side.iter().enumerate().rev().take(SIDE_ROWS).filter_map(|(k, &i)| {
                    let e = s.world.events.get(i as usize)?;
                    let new = k >= new_from;
                    Some(html! {
                        <li key={k.to_string()} class={classes!(new.then_some("new"))}>
                            if new { <span class="watermarks-badge">{"new"}</span>{" "} }
                            { format!("#{} key {} P{}: event time {}, arrived {} ({} behind the watermark {})",
                                i + 1, key_name(e.key), e.partition, format_time(e.event_ms), format_time(e.arrival_ms),
                                format_duration(e.watermark_before.map_or(0, |w| w - e.event_ms)), format_watermark(e.watermark_before)) }
                        </li>
                    })
                }) }
                </ul>
            }
        </section>
    }
}

/// Event-time against processing-time windows on the same stream.
#[component]
pub fn Comparison(props: &WmProps) -> Html {
    let Some(s) = props.state() else {
        return html! {};
    };
    let spec = s.world.window;
    let intro = "Same stream, same windows: event-time windows group events by when they happened and wait for the watermark; processing-time windows group them by when they arrived and fire on the clock, so late and out-of-order events land in the wrong window.";
    if spec.kind == WindowKind::Session {
        let et = s.event_windows().len();
        let pt = s.processing_windows().len();
        return html! {
            <section class="watermarks-compare" aria-label="Event time against processing time">
                <h3 class="watermarks-h">{"Event time against processing time"}</h3>
                <p>{ intro }</p>
                <p>{ format!("Sessions are cut by gaps, which differ between the two time domains, so their windows do not pair up: {} event-time sessions against {} processing-time sessions so far. Choose tumbling or sliding windows to compare counts window by window.", et, pt) }</p>
            </section>
        };
    }
    let frame = props.prep.follow.frame(s.clock_ms);
    let rows = s.comparison_in(frame.y0 - spec.size_ms, frame.y1);
    let (differ, both) = props.prep.differ_at(s.at.micro);
    let shown: Vec<_> = rows.iter().rev().take(COMPARE_ROWS).collect();
    html! {
        <section class="watermarks-compare" aria-label="Event time against processing time">
            <h3 class="watermarks-h">{"Event time against processing time"}</h3>
            <p>{ intro }</p>
            <p class="watermarks-summary"><strong>{ format!("{} of {} windows fired in both give different counts", group(differ.into()), group(both.into())) }</strong>{ " (all keys together)." }</p>
            if shown.is_empty() {
                <p class="hint">{"No window has fired in either domain yet."}</p>
            } else {
                <div class="table-scroll">
                <table class="watermarks-table">
                    <caption>{"Latest windows in view (newest first)"}</caption>
                    <thead><tr>
                        <th scope="col">{"Window"}</th><th scope="col">{"Event time"}</th><th scope="col">{"Processing time"}</th><th scope="col">{"Same?"}</th>
                    </tr></thead>
                    <tbody>
                    { for shown.iter().map(|r| {
                        let v = |x: Option<u32>| x.map_or("—".to_string(), |n| n.to_string());
                        let same = match (r.event_time, r.processing_time) {
                            (Some(a), Some(b)) if a == b => "same".to_string(),
                            (Some(a), Some(b)) => format!("≠ differ by {}", a.abs_diff(b)),
                            _ => "not fired in both yet".to_string(),
                        };
                        html! {
                            <tr key={r.start.to_string()} class={classes!(r.differs().then_some("differs"))}>
                                <th scope="row">{ format!("[{}, {})", format_time(r.start), format_time(r.end)) }</th>
                                <td>{ v(r.event_time) }</td>
                                <td>{ v(r.processing_time) }</td>
                                <td>{ same }</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
            }
        </section>
    }
}
