//! The detail lines under the bands: a picked window or this step's windows, in words.

use super::{Pick, status_words};
use crate::engine::Event;
use crate::layout::prep::{self, Shown};
use crate::operator::{EmitCause, WindowStatus};
use crate::stream::key_name;
use crate::time::{format_duration, format_time, format_watermark};
use crate::wm_lab::{ComparisonRow, WmFocus, WmState};

/// The event of this step, if the step is one arrival.
pub(super) fn focus_event(s: &WmState) -> Option<(u32, &Event)> {
    match s.focus {
        WmFocus::Arrival { event } => s.world.events.get(event as usize).map(|e| (event, e)),
        _ => None,
    }
}

/// The shown windows event `i` was copied into.
pub(super) fn windows_of(s: &WmState, shown: &[Shown], i: u32) -> Vec<u32> {
    let micro = s.at.micro;
    shown
        .iter()
        .filter(|w| {
            s.world
                .event_time
                .windows
                .get(w.id as usize)
                .is_some_and(|r| r.members_at(micro).iter().any(|m| m.event == i))
        })
        .map(|w| w.id)
        .collect()
}

/// The detail lines under the bands: the picked window, or this step's windows.
pub(super) fn details(s: &WmState, shown: &[Shown], hovered: Option<Pick>) -> Vec<String> {
    match hovered {
        Some(Pick::Window(id)) => return vec![window_detail(s, id)],
        Some(Pick::Grid(start)) => {
            let rows = s.comparison_in(start, start + 1);
            if let Some(r) = rows.first() {
                return vec![grid_detail(r)];
            }
        }
        None => {}
    }
    if let Some((i, e)) = focus_event(s) {
        let ids = windows_of(s, shown, i);
        if ids.is_empty() {
            return vec![format!(
                "Event #{} (event time {}) is in no kept window: every window it belongs to was purged{}.",
                i + 1,
                format_time(e.event_ms),
                if e.is_late() {
                    ", so it is too late"
                } else {
                    ""
                }
            )];
        }
        let mut out = vec![format!(
            "Event #{} (event time {}) was copied into {} window{}:",
            i + 1,
            format_time(e.event_ms),
            ids.len(),
            if ids.len() == 1 { "" } else { "s" }
        )];
        out.extend(ids.iter().take(4).map(|&id| window_detail(s, id)));
        return out;
    }
    let new = s.new_emits();
    if !new.is_empty() {
        let mut ids: Vec<u32> = new.iter().map(|e| e.window).collect();
        ids.dedup();
        let mut out: Vec<String> = ids.iter().take(4).map(|&id| window_detail(s, id)).collect();
        if ids.len() > 4 {
            out.push(format!(
                "… and {} more windows emitted at this step.",
                ids.len() - 4
            ));
        }
        return out;
    }
    vec!["Point at (or tap) a window for its contents and results.".to_string()]
}

/// One window in words: bounds, status, contents, results.
pub(super) fn window_detail(s: &WmState, id: u32) -> String {
    let Some(w) = s.world.event_time.windows.get(id as usize) else {
        return String::new();
    };
    let micro = s.at.micro;
    let (start, end) = w.bounds_at(micro);
    let lateness = i64::from(s.world.params.lateness_ms);
    let status = match w.status_at(micro) {
        Some(WindowStatus::Open) | None => {
            format!(
                "open, fires when the global watermark reaches {}",
                format_time(end)
            )
        }
        Some(WindowStatus::Fired) => format!(
            "fired; kept until the watermark reaches {} (end + allowed lateness {}), so late events still update it",
            format_time(end.saturating_add(lateness)),
            format_duration(lateness)
        ),
        Some(st) => format!(
            "{}: the watermark passed {} (end + allowed lateness); later events for it are too late",
            status_words(st),
            format_time(end.saturating_add(lateness))
        ),
    };
    let members = prep::members(&s.world.event_time, w, &s.world.events, micro, 12);
    let times: Vec<String> = members
        .iter()
        .filter_map(|&m| s.world.events.get(m as usize))
        .map(|e| format_time(e.event_ms))
        .collect();
    let total = w.members_at(micro).len();
    let emits = s.event_emits();
    let from = emits.partition_point(|e| e.at < w.created);
    let results: Vec<String> = emits
        .get(from..)
        .unwrap_or(&[])
        .iter()
        .take(50_000)
        .filter(|e| e.window == id)
        .map(|e| match e.cause {
            EmitCause::Watermark => format!(
                "count {} at watermark {}",
                e.count,
                format_watermark(Some(e.watermark))
            ),
            EmitCause::LateUpdate => format!("re-emit count {} (late event)", e.count),
        })
        .collect();
    format!(
        "[{}, {}) of key {}: {status}. {} event{}{}{}. Results: {}.",
        format_time(start),
        format_time(end),
        key_name(w.key),
        total,
        if total == 1 { "" } else { "s" },
        if times.is_empty() {
            String::new()
        } else {
            format!(" at {}", times.join(", "))
        },
        if total > times.len() { " …" } else { "" },
        if results.is_empty() {
            "none yet".to_string()
        } else {
            results.join("; ")
        }
    )
}

/// A grid window in both time domains.
pub(super) fn grid_detail(r: &ComparisonRow) -> String {
    let v = |x: Option<u32>| x.map_or("not fired yet".to_string(), |n| n.to_string());
    format!(
        "[{}, {}) over all keys: event time {}, processing time {}{}.",
        format_time(r.start),
        format_time(r.end),
        v(r.event_time),
        v(r.processing_time),
        if r.differs() {
            " — they differ: processing time counts what arrived during the window, event time what happened in it"
        } else {
            ""
        }
    )
}
