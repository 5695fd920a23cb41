//! `hot-keys`: one bar chart of load per shard for each mitigation, the hot key's shard (and
//! its copies' shards when split) marked.

use crate::hotkeys::Mitigation;
use crate::layout::{Frame, bars};
use crate::trace::HotState;
use sdp_kit::stats::LoadStats;
use yew::prelude::*;

const W: f64 = 640.0;
const H: f64 = 110.0;

fn chart(s: &HotState, lane: usize, max: u64) -> Html {
    let loads = &s.loads[lane];
    let f = Frame {
        x0: 10.0,
        y0: 6.0,
        w: W - 20.0,
        h: H - 24.0,
    };
    let values: Vec<u32> = loads.iter().map(|&v| v as u32).collect();
    let mit = Mitigation::ALL[lane];
    let marked = |i: usize| match mit {
        Mitigation::Split => s.world.copies.contains(&(i as u32)),
        _ => i as u32 == s.world.home,
    };
    let st = LoadStats::of(loads);
    html! {
        <figure class="ca-shards">
            <figcaption>{ format!("{}: busiest shard {} requests, {:.2} × the mean", mit.name(), st.max, st.peak_to_mean()) }</figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={format!("{}: requests per shard, {}", mit.name(),
                loads.iter().map(u64::to_string).collect::<Vec<_>>().join(", "))}>
                { for bars(&f, &values, max as u32).into_iter().enumerate().map(|(i, (x, y, w, h))| html! {
                    <g key={i}>
                        <rect class={classes!("ca-bar", marked(i).then_some("hot"))} x={format!("{x:.1}")} y={format!("{y:.1}")}
                            width={format!("{w:.1}")} height={format!("{h:.1}")} />
                        if values.len() <= 32 {
                            <text class="axis" x={format!("{:.1}", x + w / 2.0)} y={(H - 4.0).to_string()} text-anchor="middle">{ i + 1 }</text>
                        }
                    </g>
                }) }
            </svg>
        </figure>
    }
}

/// The step's picture.
pub(super) fn view(s: &HotState) -> Html {
    let max = s
        .loads
        .iter()
        .flat_map(|l| l.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    html! {
        <div class="ca-hot">
            <p class="ca-head">{ format!("{} of {} requests · detected hot: {}", s.done, s.world.total,
                s.world.detected.iter().map(|(k, n)| format!("{k} ({n})")).collect::<Vec<_>>().join(", ")) }</p>
            { for (0..3).map(|lane| chart(s, lane, max)) }
            <p class="ca-legend">{ format!("Marked: the hot key's shard; when split, the shards of hot#0 … hot#{}. Shard = FNV-1a(key) mod {} (not in source).",
                s.world.params.split.saturating_sub(1), s.world.params.shards) }</p>
        </div>
    }
}
