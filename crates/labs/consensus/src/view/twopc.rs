//! `two-phase`: the coordinator above its participants with their states and locks, the
//! message of the step drawn between them, and the message sequence so far.

use crate::trace::TwoState;
use crate::twopc::{CState, PState, pname};
use yew::prelude::*;

const W: f64 = 360.0;
const H: f64 = 150.0;

fn x_of(i: usize, n: usize) -> f64 {
    if i == 0 {
        W / 2.0
    } else {
        W * (i as f64 - 0.5) / n.max(1) as f64
    }
}

fn y_of(i: usize) -> f64 {
    if i == 0 { 24.0 } else { H - 30.0 }
}

fn pclass(p: PState) -> &'static str {
    match p {
        PState::Working => "working",
        PState::Prepared => "prepared",
        PState::PreCommitted => "precommitted",
        PState::Committed => "committed",
        PState::Aborted => "aborted",
    }
}

fn pword(p: PState) -> &'static str {
    match p {
        PState::Working => "working",
        PState::Prepared => "PREPARED",
        PState::PreCommitted => "PRE-COMMIT",
        PState::Committed => "COMMITTED",
        PState::Aborted => "ABORTED",
    }
}

fn cword(c: CState) -> &'static str {
    match c {
        CState::Preparing => "preparing",
        CState::Decided(true) => "log: COMMIT",
        CState::Decided(false) => "log: ABORT",
        CState::Crashed => "CRASHED",
        CState::Done => "done",
    }
}

fn picture(s: &TwoState) -> Html {
    let Some(b) = s.beat() else { return html! {} };
    let n = b.parts.len();
    let f = |v: f64| format!("{v:.1}");
    let parts = b.parts.iter().enumerate().map(|(k, &p)| {
        let i = k + 1;
        let (x, y) = (x_of(i, n), y_of(i));
        html! {
            <g class={classes!("cs-part", pclass(p))}>
                <rect x={f(x - 20.0)} y={f(y - 14.0)} width="40" height="28" rx="4" />
                <text x={f(x)} y={f(y - 1.0)}>{ pname(i) }</text>
                <text class="st" x={f(x)} y={f(y + 10.0)}>{ pword(p) }</text>
                if p.holds_locks() { <text class="lk" x={f(x)} y={f(y + 26.0)}>{"🔒︎ locks"}</text> }
            </g>
        }
    });
    let msg = b.msg.as_ref().map(|(a, c, label)| {
        let (x1, y1, x2, y2) = (x_of(*a, n), y_of(*a), x_of(*c, n), y_of(*c));
        let (mx, my) = (f64::midpoint(x1, x2), f64::midpoint(y1, y2));
        html! {
            <g class="cs-2msg">
                <line x1={f(x1)} y1={f(y1 + if *a == 0 { 14.0 } else { -14.0 })} x2={f(x2)} y2={f(y2 + if *c == 0 { 14.0 } else { -14.0 })} />
                <text x={f(mx)} y={f(my)}>{ label.clone() }</text>
            </g>
        }
    });
    let crashed = matches!(b.coord, CState::Crashed);
    html! {
        <svg class="cs-2pc" viewBox={format!("0 0 {W} {H}")} role="img"
            aria-label={format!("Coordinator {} and {n} participants", cword(b.coord))}>
            <g class={classes!("cs-coord", crashed.then_some("down"))}>
                <rect x={f(W / 2.0 - 50.0)} y="10" width="100" height="28" rx="4" />
                <text x={f(W / 2.0)} y="22">{"coordinator"}</text>
                <text class="st" x={f(W / 2.0)} y="33">{ cword(b.coord) }</text>
            </g>
            { for parts }
            { msg }
        </svg>
    }
}

fn sequence(s: &TwoState) -> Html {
    let beats = &s.world.run.beats[..=s.k.min(s.world.run.beats.len().saturating_sub(1))];
    let rows = beats
        .iter()
        .filter_map(|b| b.msg.as_ref())
        .map(|(a, c, l)| {
            html! { <li>{ format!("{} → {}: {l}", pname(*a), pname(*c)) }</li> }
        });
    html! {
        <div class="cs-seq"><h3>{"Messages so far"}</h3><ol>{ for rows }</ol></div>
    }
}

/// The step's picture.
pub(super) fn view(s: &TwoState) -> Html {
    let ok = s.beat().is_none_or(|b| crate::twopc::consistent(&b.parts));
    html! {
        <div class="cs-two">
            <div class="cs-cols">
                <figure class="cs-box">{ picture(s) }
                    <figcaption>{"A participant holds its locks until it commits or aborts; PREPARED means in doubt."}</figcaption></figure>
                { sequence(s) }
            </div>
            if s.summary {
                <p class={classes!("cs-summary", if ok { "ok" } else { "bad" })}>
                    { if ok { "Atomic: no participant committed while another aborted." } else { "Not atomic: committed at P1, aborted elsewhere." } }
                </p>
            }
        </div>
    }
}
