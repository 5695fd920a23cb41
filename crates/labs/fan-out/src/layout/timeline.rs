//! The comparison over the whole trace: the series each panel plots (extracted once per
//! trace), and the scales that put a step and a value on the canvas.

use crate::State;
use crate::chat::ChatStorage;
use crate::sim::{Strategy, StrategyStats};
use sdp_kit::lab::Trace;

/// Canvas width.
pub const CW: f64 = 640.0;
/// Height of one panel.
pub const PANEL_H: f64 = 64.0;
/// Space above the first panel.
pub const TOP: f64 = 6.0;

/// Palette index of a strategy's colour (Okabe–Ito: orange, sky blue, bluish green); always
/// paired with a name or a dash pattern.
pub fn strategy_colour(s: Strategy) -> usize {
    s.index()
}

/// Dash pattern of a strategy's line (push solid, pull dotted, hybrid dashed).
pub fn strategy_dash(s: Strategy) -> &'static [f64] {
    match s {
        Strategy::Push => &[],
        Strategy::Pull => &[2.0, 3.0],
        Strategy::Hybrid => &[7.0, 4.0],
    }
}

/// One line.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend name.
    pub name: &'static str,
    /// Palette index of its colour.
    pub colour: usize,
    /// Dash pattern.
    pub dash: &'static [f64],
    /// One value per step.
    pub values: Vec<f64>,
}

/// One small chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    /// Title.
    pub title: &'static str,
    /// Its lines.
    pub series: Vec<Series>,
    /// Top of the scale (at least 1).
    pub max: f64,
}

impl Panel {
    fn new(title: &'static str, series: Vec<Series>) -> Self {
        let max = series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .fold(1.0, f64::max);
        Panel { title, series, max }
    }
}

fn feed_series(
    trace: &Trace<State>,
    title: &'static str,
    strategies: &[Strategy],
    pick: fn(&StrategyStats) -> u64,
) -> Panel {
    Panel::new(
        title,
        strategies
            .iter()
            .map(|&s| Series {
                name: s.as_str(),
                colour: strategy_colour(s),
                dash: strategy_dash(s),
                values: trace
                    .steps
                    .iter()
                    .map(|st| match &st.state {
                        State::Feed(f) => pick(&f.stats[s.index()]) as f64,
                        State::Chat(_) => 0.0,
                    })
                    .collect(),
            })
            .collect(),
    )
}

fn chat_series(
    trace: &Trace<State>,
    name: &'static str,
    colour: usize,
    dash: &'static [f64],
    pick: fn(&ChatStorage) -> u64,
) -> Series {
    Series {
        name,
        colour,
        dash,
        values: trace
            .steps
            .iter()
            .map(|st| match &st.state {
                State::Chat(c) => pick(&c.storage) as f64,
                State::Feed(_) => 0.0,
            })
            .collect(),
    }
}

/// The panels of a trace: feed writes, sources merged and queue backlog per strategy in feed
/// mode; bytes stored and deliveries in chat mode.
pub fn panels(trace: &Trace<State>) -> Vec<Panel> {
    let chat = matches!(trace.get(0).map(|s| &s.state), Some(State::Chat(_)));
    if chat {
        return vec![
            Panel::new(
                "Bytes stored",
                vec![
                    chat_series(trace, "N copies", 5, &[], |s| s.copies_bytes),
                    chat_series(trace, "1 message + N references", 4, &[7.0, 4.0], |s| {
                        s.refs_bytes
                    }),
                ],
            ),
            Panel::new(
                "Deliveries",
                vec![
                    chat_series(trace, "delivered now (online)", 2, &[], |s| s.delivered_now),
                    chat_series(trace, "on reconnect", 6, &[7.0, 4.0], |s| {
                        s.delivered_on_reconnect
                    }),
                    chat_series(trace, "pending (offline)", 7, &[2.0, 3.0], |s| s.pending),
                ],
            ),
        ];
    }
    vec![
        feed_series(trace, "Feed writes (cumulative)", &Strategy::ALL, |s| {
            s.feed_writes
        }),
        feed_series(
            trace,
            "Sources merged by reads (cumulative)",
            &Strategy::ALL,
            |s| s.sources_merged,
        ),
        feed_series(
            trace,
            "Queue backlog (writes waiting)",
            &[Strategy::Push, Strategy::Hybrid],
            |s| s.backlog_writes,
        ),
    ]
}

/// Canvas height for `panels` panels.
pub fn height(panels: usize) -> f64 {
    panels as f64 * (PANEL_H + 16.0) + TOP
}

/// Short number for axis labels: 950, 12K, 3.4M.
///
/// ```
/// use sdp_lab_fan_out::layout::timeline::compact;
/// assert_eq!((compact(950.0), compact(12_400.0), compact(3_400_000.0)), ("950".into(), "12K".into(), "3.4M".into()));
/// ```
pub fn compact(v: f64) -> String {
    if v >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if v >= 1e4 {
        format!("{:.0}K", v / 1e3)
    } else {
        format!("{}", v.round() as u64)
    }
}

/// Top and bottom of panel `i`'s plot area.
pub fn plot_box(i: usize) -> (f64, f64) {
    let top = TOP + i as f64 * (PANEL_H + 16.0) + 14.0;
    (top, top + PANEL_H - 14.0)
}

/// Horizontal position of step `i` of `len`.
pub fn x_of(i: usize, len: usize) -> f64 {
    let (left, right) = (4.0, CW - 4.0);
    left + i as f64 / (len.max(2) - 1) as f64 * (right - left)
}

/// Vertical position of `v` on a scale topping at `max`, in the plot area `(top, bottom)`.
pub fn y_of(v: f64, max: f64, (top, bottom): (f64, f64)) -> f64 {
    bottom - v / max * (bottom - top - 4.0)
}

/// At most one point per horizontal pixel: the stride through `len` values.
pub fn stride(len: usize) -> usize {
    len.div_ceil(CW as usize).max(1)
}
