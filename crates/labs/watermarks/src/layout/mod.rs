//! What the watermarks view draws, computed natively: scales, ticks, the plot's layout and
//! picking ([`geom`]), and what is computed once per simulated world (time windows, window
//! indexes, idle spans, the overview histogram, differ counts: [`prep`]).

pub mod bands;
pub mod geom;
pub mod prep;

use crate::stream::Injected;
use crate::wm_lab::{WmFocus, WmState};
use crate::{Action, State};
use sdp_kit::lab::Trace;

/// The watermarks state of step `cursor` (`None` in the other modes).
pub fn wm_state(trace: &Trace<State>, cursor: usize) -> Option<&WmState> {
    match trace.get(cursor).map(|s| &s.state) {
        Some(State::Watermarks(s)) => Some(s),
        _ => None,
    }
}

/// The step at which the injected event `inj` arrives (the first step showing it).
pub fn injected_step(trace: &Trace<State>, inj: &Injected) -> Option<usize> {
    let s = wm_state(trace, 0)?;
    let idx = u32::try_from(s.world.events.iter().rposition(|e| {
        e.injected
            && e.event_ms == inj.event_ms
            && e.arrival_ms == inj.arrival_ms
            && e.partition == inj.partition
            && e.key == inj.key
            && e.value == inj.value
    })?)
    .ok()?;
    trace.steps.iter().position(|st| match &st.state {
        State::Watermarks(w) => match w.focus {
            WmFocus::Arrival { event } => event == idx,
            _ => w.before.arrived <= idx && idx < w.at.arrived,
        },
        _ => false,
    })
}

/// Where the player goes once a scenario's last action is in the trace: the step where the
/// injected event arrives, if it can be found.
pub fn landing_step(trace: &Trace<State>, actions: &[Action]) -> Option<usize> {
    let Action::Inject(inj) = actions.last()?;
    injected_step(trace, inj)
}

/// Text made safe for markup (element content or a quoted attribute): the view writes its SVG
/// figures as text.
///
/// ```
/// use sdp_lab_watermarks::layout::esc;
/// assert_eq!(esc("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
/// assert_eq!(esc("plain"), "plain");
/// ```
pub fn esc(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['<', '>', '&', '"']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}
