//! `detectors`: one timeline of heartbeats (sent, arrived, lost), the heartbeat detector's
//! verdict band, and φ drawn over time against its threshold.

use crate::detect::{Kind, Verdict};
use crate::layout::{TL_LEFT, TL_W, phi_points, tx, verdict_segments};
use crate::trace::DetState;
use yew::prelude::*;

const BEATS_Y: f64 = 8.0;
const BAND_Y: f64 = 40.0;
const PHI_TOP: f64 = 70.0;
const PHI_H: f64 = 110.0;
const H: f64 = 200.0;

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Alive => "alive",
        Verdict::Suspect => "suspect",
        Verdict::Dead => "dead",
    }
}

fn f(v: f64) -> String {
    format!("{v:.1}")
}

fn timeline(s: &DetState) -> Html {
    let w = &*s.world;
    let c = &w.config;
    let end = c.horizon;
    let now = s.now();
    let beats = w.run.beats.iter().filter(|b| b.sent <= now).map(|b| {
        let x0 = tx(b.sent, end);
        match b.arrived {
            Some(a) if a <= now => html! {
                <line class="beat" x1={f(x0)} y1={f(BEATS_Y)} x2={f(tx(a, end))} y2={f(BEATS_Y + 20.0)} />
            },
            Some(_) => html! { <line class="beat flying" x1={f(x0)} y1={f(BEATS_Y)} x2={f(x0)} y2={f(BEATS_Y + 6.0)} /> },
            None => html! { <text class="lost" x={f(x0)} y={f(BEATS_Y + 14.0)}>{"×"}</text> },
        }
    });
    let band = verdict_segments(s.events(), now).into_iter().map(|(a, b, v)| {
        let (x0, x1) = (tx(a, end), tx(b, end));
        html! { <rect class={classes!("band", verdict_class(v))} x={f(x0)} y={f(BAND_Y)} width={f((x1 - x0).max(0.5))} height="16" /> }
    });
    let ymax = (c.threshold * 2.0).max(4.0);
    let pts = phi_points(&w.run.curve, w.run.res, now, end, ymax, PHI_TOP, PHI_H);
    let thr_y = PHI_TOP + PHI_H - c.threshold / ymax * PHI_H;
    let marks = s.events().iter().filter_map(|e| match e.kind {
        Kind::Phi(true) => Some(html! { <circle class={classes!("cross", e.up.then_some("false"))} cx={f(tx(e.t, end))} cy={f(thr_y)} r="3.5" /> }),
        _ => None,
    });
    let crash = (c.crash > 0 && c.crash <= now).then(|| {
        let x = f(tx(c.crash, end));
        html! { <line class="crash" x1={x.clone()} x2={x} y1="0" y2={f(H - 14.0)} /> }
    });
    let cur = f(tx(now, end));
    html! {
        <svg class="cs-timeline" viewBox={format!("0 0 {TL_W} {H}")} role="img"
            aria-label={format!("Heartbeats, verdicts and phi up to {now} ms")}>
            <text class="lab" x="0" y={f(BEATS_Y + 14.0)}>{"beats"}</text>
            { for beats }
            <text class="lab" x="0" y={f(BAND_Y + 12.0)}>{"verdict"}</text>
            { for band }
            <text class="lab" x="0" y={f(PHI_TOP + 10.0)}>{"φ"}</text>
            <line class="thr" x1={f(TL_LEFT)} x2={f(TL_W)} y1={f(thr_y)} y2={f(thr_y)} />
            <text class="lab" x="0" y={f(thr_y + 4.0)}>{ format!("{}", c.threshold) }</text>
            <polyline class="phi" points={pts} />
            { for marks }
            { crash }
            <line class="now" x1={cur.clone()} x2={cur} y1="0" y2={f(H - 14.0)} />
            <text class="lab" x={f(TL_LEFT)} y={f(H - 2.0)}>{"0 s"}</text>
            <text class="lab end" x={f(TL_W)} y={f(H - 2.0)}>{ crate::trace::secs_text(end) }</text>
        </svg>
    }
}

/// The step's picture.
pub(super) fn view(s: &DetState) -> Html {
    let last = s.events().last();
    let v = last.map_or(Verdict::Alive, |e| e.verdict);
    let phi = last.map_or(0.0, |e| e.phi);
    let t = s.world.tally;
    html! {
        <div class="cs-det">
            <figure class="cs-box wide">{ timeline(s) }
                <figcaption>{"Top: heartbeats from sending to arrival (× lost). Middle: the heartbeat detector (green ALIVE, orange SUSPECT, red DEAD). Bottom: φ since the last arrival, the dashed threshold; a dot where φ suspects (hollow: falsely). Red line: the crash."}</figcaption></figure>
            <p class="cs-badges">
                <span class={classes!("badge", verdict_class(v))}>{ format!("heartbeat: {v:?}").to_uppercase() }</span>
                <span class={classes!("badge", (phi >= s.world.config.threshold).then_some("dead"))}>{ format!("φ = {phi:.3}") }</span>
            </p>
            if s.summary {
                <p class="cs-summary">{ format!("False suspicions: {} by heartbeats, {} by φ.", t.false_suspect, t.false_phi) }</p>
            }
        </div>
    }
}
