//! HTML panels of the watermarks mode: the partition table, the results emitted (re-emits from
//! allowed lateness marked), the side output, and the event-time against processing-time
//! comparison with the differing counts highlighted.

use super::WmProps;
use super::plot::min_partition;
use super::svg::{Markup, class_if, esc, put};
use crate::operator::EmitCause;
use crate::stream::{LatePolicy, key_name};
use crate::time::{format_duration, format_time, format_watermark};
use crate::watermark::IdlePolicy;
use crate::window::WindowKind;
use crate::wm_lab::{ComparisonRow, WmState};
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
    // Open by default for a few partitions; the table is built only while open (a closed
    // panel costs no rendering per step).
    let open = use_state(|| props.state().is_some_and(|s| s.partitions.len() <= 4));
    let Some(s) = props.state() else {
        return html! {};
    };
    let policy = s.world.params.idle_policy;
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let now = e
                .target_dyn_into::<web_sys::Element>()
                .is_some_and(|el| el.has_attribute("open"));
            if *open != now {
                open.set(now);
            }
        })
    };
    html! {
        <details class="watermarks-partitions" open={*open} {ontoggle}>
            <summary>{ format!("Partitions: global watermark = min over {} = {}", if policy == IdlePolicy::Exclude { "the partitions that are not idle" } else { "all partitions" }, format_watermark(s.global)) }</summary>
            if *open { { partition_table(s) } }
        </details>
    }
}

/// The partition table: one row per partition.
fn partition_table(s: &WmState) -> Html {
    let p = &s.world.params;
    let min = min_partition(s);
    let policy = p.idle_policy;
    let timeout = i64::from(p.idle_timeout_ms);
    html! {
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
    }
}

/// The latest results, newest first; those of this step marked new, re-emits marked.
pub fn results(props: &WmProps) -> Html {
    let Some(s) = props.state() else {
        return html! {};
    };
    let emits = s.event_emits();
    let new_from = s.before.et_emits as usize;
    let mut m = Markup::default();
    put!(
        m,
        r#"<section class="watermarks-results" aria-label="Results emitted"><h3 class="watermarks-h">Results emitted: {} ({} re-emits from allowed lateness)</h3>"#,
        group(emits.len() as u64),
        group(s.totals.updates.into())
    );
    if emits.is_empty() {
        put!(
            m,
            r#"<p class="hint">Nothing yet: a window emits when the global watermark passes its end.</p>"#
        );
    } else {
        put!(
            m,
            r#"<ol class="watermarks-list" reversed start="{}">"#,
            emits.len()
        );
        for (i, e) in emits.iter().enumerate().rev().take(RESULT_ROWS) {
            let new = i >= new_from;
            let (cause, class) = match e.cause {
                EmitCause::Watermark => (
                    format!("fired at watermark {}", format_watermark(Some(e.watermark))),
                    "fired",
                ),
                EmitCause::LateUpdate => (
                    "re-emit: a late event within the allowed lateness updated it".to_string(),
                    "reemit",
                ),
            };
            put!(m, r#"<li class="{}">"#, class_if(class, new, "new"));
            if new {
                put!(m, r#"<span class="watermarks-badge">new</span> "#);
            }
            if e.cause == EmitCause::LateUpdate {
                put!(
                    m,
                    r#"<span class="watermarks-badge reemit">re-emit</span> "#
                );
            }
            put!(
                m,
                "[{}, {}) key {}: count {}, sum {} — {}</li>",
                format_time(e.start),
                format_time(e.end),
                key_name(e.key),
                e.count,
                e.sum,
                esc(&cause)
            );
        }
        put!(m, "</ol>");
    }
    put!(m, "</section>");
    m.finish()
}

/// Events too late for every window: the side output, or the dropped count.
pub fn side_output(props: &WmProps) -> Html {
    let Some(s) = props.state() else {
        return html! {};
    };
    let side = s.side_output();
    let drop = s.world.params.late_policy == LatePolicy::Drop;
    let mut m = Markup::default();
    put!(
        m,
        r#"<section class="watermarks-side" aria-label="Side output"><h3 class="watermarks-h">"#
    );
    if drop {
        put!(
            m,
            "Dropped as too late: {}</h3>",
            group(s.totals.dropped.into())
        );
        put!(
            m,
            r#"<p class="hint">Late policy “drop”: events whose every window was purged are counted and discarded (choose “side output” to keep them).</p>"#
        );
    } else if side.is_empty() {
        put!(m, "Side output: 0 too-late events</h3>");
        put!(
            m,
            r#"<p class="hint">Empty: no event has arrived after every window it belongs to was purged.</p>"#
        );
    } else {
        put!(
            m,
            "Side output: {} too-late events</h3>",
            group(side.len() as u64)
        );
        put!(m, r#"<ul class="watermarks-list">"#);
        side_rows(&mut m, s, side);
        put!(m, "</ul>");
    }
    put!(m, "</section>");
    m.finish()
}

/// The latest side-output events, newest first.
fn side_rows(m: &mut Markup, s: &WmState, side: &[u32]) {
    let new_from = s.before.side as usize;
    for (k, &i) in side.iter().enumerate().rev().take(SIDE_ROWS) {
        let Some(e) = s.world.events.get(i as usize) else {
            continue;
        };
        let new = k >= new_from;
        put!(m, r#"<li class="{}">"#, if new { "new" } else { "" });
        if new {
            put!(m, r#"<span class="watermarks-badge">new</span> "#);
        }
        put!(
            m,
            "#{} key {} P{}: event time {}, arrived {} ({} behind the watermark {})</li>",
            i + 1,
            key_name(e.key),
            e.partition,
            format_time(e.event_ms),
            format_time(e.arrival_ms),
            format_duration(e.watermark_before.map_or(0, |w| w - e.event_ms)),
            format_watermark(e.watermark_before)
        );
    }
}

/// The comparison's opening: heading and introduction.
const COMPARE_HEAD: &str = concat!(
    r#"<section class="watermarks-compare" aria-label="Event time against processing time"><h3 class="watermarks-h">Event time against processing time</h3>"#,
    "<p>Same stream, same windows: event-time windows group events by when they happened and wait for the watermark; processing-time windows group them by when they arrived and fire on the clock, so late and out-of-order events land in the wrong window.</p>",
);

/// The comparison table's opening and header row.
const COMPARE_TABLE: &str = concat!(
    r#"<div class="table-scroll"><table class="watermarks-table"><caption>Latest windows in view (newest first)</caption><thead><tr>"#,
    r#"<th scope="col">Window</th><th scope="col">Event time</th><th scope="col">Processing time</th><th scope="col">Same?</th>"#,
    "</tr></thead><tbody>",
);

/// Event-time against processing-time windows on the same stream.
pub fn comparison(props: &WmProps) -> Html {
    let Some(s) = props.state() else {
        return html! {};
    };
    let spec = s.world.window;
    let mut m = Markup::default();
    put!(m, "{COMPARE_HEAD}");
    if spec.kind == WindowKind::Session {
        put!(
            m,
            "<p>Sessions are cut by gaps, which differ between the two time domains, so their windows do not pair up: {} event-time sessions against {} processing-time sessions so far. Choose tumbling or sliding windows to compare counts window by window.</p></section>",
            s.event_windows().len(),
            s.processing_windows().len()
        );
        return m.finish();
    }
    let frame = props.prep.follow.frame(s.clock_ms);
    let rows = s.comparison_in(frame.y0 - spec.size_ms, frame.y1);
    let (differ, both) = props.prep.differ_at(s.at.micro);
    put!(
        m,
        r#"<p class="watermarks-summary"><strong>{} of {} windows fired in both give different counts</strong> (all keys together).</p>"#,
        group(differ.into()),
        group(both.into())
    );
    if rows.is_empty() {
        put!(
            m,
            r#"<p class="hint">No window has fired in either domain yet.</p>"#
        );
    } else {
        put!(m, "{COMPARE_TABLE}");
        for r in rows.iter().rev().take(COMPARE_ROWS) {
            compare_row(&mut m, r);
        }
        put!(m, "</tbody></table></div>");
    }
    put!(m, "</section>");
    m.finish()
}

/// One window in both time domains.
fn compare_row(m: &mut Markup, r: &ComparisonRow) {
    let v = |x: Option<u32>| x.map_or("—".to_string(), |n| n.to_string());
    let same = match (r.event_time, r.processing_time) {
        (Some(a), Some(b)) if a == b => "same".to_string(),
        (Some(a), Some(b)) => format!("≠ differ by {}", a.abs_diff(b)),
        _ => "not fired in both yet".to_string(),
    };
    put!(
        m,
        r#"<tr class="{}"><th scope="row">[{}, {})</th><td>{}</td><td>{}</td><td>{same}</td></tr>"#,
        if r.differs() { "differs" } else { "" },
        format_time(r.start),
        format_time(r.end),
        v(r.event_time),
        v(r.processing_time)
    );
}
