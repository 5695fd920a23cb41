//! `pregen`: the cache level as a gauge with the low-water line, and its history so far.

use crate::trace::PregenState;
use sdp_kit::fmt::group;
use yew::prelude::*;

const W: f64 = 480.0;
const H: f64 = 120.0;

fn history(s: &PregenState) -> Html {
    let w = &*s.world;
    let cap = w.params.capacity.max(1) as f64;
    let upto = (s.tick + 1).min(w.levels.len());
    let n = w.levels.len().max(2) as f64 - 1.0;
    let step = (upto / 400).max(1);
    let pts: Vec<String> = w.levels[..upto]
        .iter()
        .enumerate()
        .step_by(step)
        .chain(w.levels[..upto].iter().enumerate().next_back())
        .map(|(i, &l)| format!("{:.1},{:.1}", i as f64 / n * W, H - l as f64 / cap * H))
        .collect();
    let low_y = H - w.params.low as f64 / cap * H;
    html! {
        <svg class="ids-history" viewBox={format!("0 -4 {W} {}", H + 8.0)} role="img"
            aria-label={format!("Cache level over {} ticks; low-water mark {}", s.tick, w.params.low)}>
            <rect class="frame" x="0" y="0" width={W.to_string()} height={H.to_string()} />
            <line class="low" x1="0" x2={W.to_string()} y1={format!("{low_y:.1}")} y2={format!("{low_y:.1}")} />
            <polyline class="level" points={pts.join(" ")} />
        </svg>
    }
}

/// The step's picture.
pub(super) fn view(s: &PregenState) -> Html {
    let p = &s.world.params;
    let share = s.cache.level as f64 / p.capacity.max(1) as f64;
    let low = p.low as f64 / p.capacity.max(1) as f64;
    html! {
        <div class="ids-pregen">
            <div class="ids-gauge" role="img" aria-label={format!("cache {} of {}", s.cache.level, p.capacity)}>
                <span class={classes!("fill", (s.cache.level < p.low).then_some("below"))} style={format!("width:{:.1}%", share * 100.0)}></span>
                <span class="mark" style={format!("left:{:.1}%", low * 100.0)}></span>
            </div>
            <p class="ids-legend">{ format!("{} of {} IDs cached; the line is the low-water mark {}.", group(s.cache.level), group(p.capacity), group(p.low)) }
                if s.added > 0 { { format!(" Refill + {}.", group(s.added)) } }
                if s.fallback > 0 { <b class="ids-warn">{ format!(" {} generated on demand.", group(s.fallback)) }</b> }
            </p>
            <figure class="ids-graph-box">{ history(s) }
                <figcaption>{"The level over time; the dashed line is the low-water mark."}</figcaption></figure>
        </div>
    }
}
