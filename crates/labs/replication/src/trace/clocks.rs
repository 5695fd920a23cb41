//! `vector-clocks`: F4's clock comparisons, then one cart history three ways at once: siblings
//! under vector clocks (merged by F4's cart merge), last-write-wins on skewed clocks, and an
//! observed-remove cart.

use crate::cart::{
    Cart, Edit, OrCart, REPLICAS, Siblings, Stamped, cart_text, client_merge, lww_merge, lww_write,
    vc_sync, vc_write,
};
use crate::text::proc_ids;
use crate::vclock::{Clock, Order};
use crate::{Action, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};

/// One replica under the three schemes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReplicaView {
    /// Vector clocks: the versions kept (several = siblings).
    pub siblings: Siblings,
    /// Last-write-wins: the one version kept.
    pub lww: Stamped,
    /// Observed-remove cart.
    pub or: OrCart,
}

/// What a step shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ClockStep {
    /// F4's clocks compared: `(name, clock)` twice, the verdict, and the merge if shown.
    Compare {
        /// First clock.
        a: (String, Clock),
        /// Second clock.
        b: (String, Clock),
        /// `a` against `b`.
        order: Order,
        /// `merge(a, b)`, when the step shows it.
        merged: Option<Clock>,
    },
    /// Cart event `i` (0-based) of the history.
    Event(usize),
    /// What a client reading each replica sees.
    End,
}

/// A step of `vector-clocks`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockState {
    /// What the step shows.
    pub step: ClockStep,
    /// The replicas after it.
    pub replicas: Vec<ReplicaView>,
    /// Replica 2's clock skew (s).
    pub skew: i32,
    /// Writes LWW has silently dropped so far.
    pub lost: Vec<String>,
    /// The replicas the step touched.
    pub touched: Vec<usize>,
}

/// F4's example clocks and the catalogue's two comparisons.
pub fn examples() -> [(String, Clock); 3] {
    [
        ("A".into(), Clock(vec![5, 3, 7])),
        ("B".into(), Clock(vec![5, 4, 7])),
        ("C".into(), Clock(vec![6, 3, 7])),
    ]
}

/// Real time of cart event `i` (s).
pub fn real_time(i: usize) -> i64 {
    100 + i64::try_from(i).unwrap_or(0)
}

/// Replica `r`'s wall clock at real time `t` (replica 2 is skewed).
pub fn wall(r: usize, t: i64, skew: i32) -> i64 {
    if r == 1 { t + i64::from(skew) } else { t }
}

fn edit_of(a: &Action) -> Option<(usize, Edit)> {
    match a {
        Action::Set(r, k, q) => Some((*r, Edit::Set(k.clone(), *q))),
        Action::Rm(r, k) => Some((*r, Edit::Remove(k.clone()))),
        _ => None,
    }
}

fn siblings_text(s: &Siblings) -> String {
    s.iter()
        .map(|x| format!("{} {}", cart_text(&x.cart), x.clock.text()))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn metrics(st: &ClockState) -> Vec<Metric> {
    let siblings = st
        .replicas
        .iter()
        .map(|r| r.siblings.len())
        .max()
        .unwrap_or(0);
    vec![
        Metric::new(
            "most siblings on a replica",
            siblings as f64,
            siblings.to_string(),
        ),
        Metric::new(
            "writes lost by LWW",
            st.lost.len() as f64,
            st.lost.len().to_string(),
        ),
        Metric::new(
            "replica 2's clock skew",
            f64::from(st.skew),
            format!("{} s", st.skew),
        ),
    ]
}

fn compare_steps(skew: i32) -> Vec<(ClockState, String)> {
    let [a, b, c] = examples();
    let state = |a: &(String, Clock), b: &(String, Clock), merged: Option<Clock>| ClockState {
        step: ClockStep::Compare {
            a: a.clone(),
            b: b.clone(),
            order: a.1.compare(&b.1),
            merged,
        },
        replicas: vec![ReplicaView::default(); REPLICAS],
        skew,
        lost: Vec::new(),
        touched: Vec::new(),
    };
    vec![
        (
            state(&a, &b, None),
            format!(
                "F4's clock {} (5 writes on replica 1, 3 on replica 2, 7 on replica 3) against {}: every entry ≤, so A < B — B saw everything A did.",
                a.1.text(),
                b.1.text()
            ),
        ),
        (
            state(&c, &b, None),
            format!(
                "C {} against B {}: C is ahead on replica 1, B on replica 2 — neither ≤ the other, so they are concurrent: a conflict.",
                c.1.text(),
                b.1.text()
            ),
        ),
        (
            state(&b, &c, Some(b.1.merge(&c.1))),
            format!(
                "Merging B and C takes the element-wise max: {}, a clock after both.",
                b.1.merge(&c.1).text()
            ),
        ),
    ]
}

fn apply(st: &mut ClockState, i: usize, a: &Action) -> String {
    let t = real_time(i);
    if let Some((r, e)) = edit_of(a) {
        let what = match &e {
            Edit::Set(k, q) => format!("sets {k} to {q}"),
            Edit::Remove(k) => format!("removes {k}"),
        };
        let rep = &mut st.replicas[r];
        let read = rep.siblings.len();
        vc_write(&mut rep.siblings, r, &e);
        let ts = wall(r, t, st.skew);
        lww_write(&mut rep.lww, r, ts, &e);
        rep.or.edit(r, &e);
        st.touched = vec![r];
        let merged = if read > 1 {
            format!(" (the client first merged {read} siblings)")
        } else {
            String::new()
        };
        return format!(
            "At real time {t} s a client on replica {} {what}{merged}: vector clock {}; LWW stamps it {ts} s by replica {}'s clock.",
            r + 1,
            rep.siblings
                .first()
                .map_or_else(String::new, |s| s.clock.text()),
            r + 1
        );
    }
    let Action::Sync(x, y) = a else {
        return String::new();
    };
    let (x, y) = (*x, *y);
    let (px, py) = (st.replicas[x].clone(), st.replicas[y].clone());
    let siblings = vc_sync(&px.siblings, &py.siblings);
    let lx = lww_merge(&px.lww, &py.lww);
    let ly = lww_merge(&py.lww, &px.lww);
    let mut lost_now = Vec::new();
    for (kept, other) in [(&lx, &py.lww), (&ly, &px.lww)] {
        let dropped = lx == ly && !other.clock.leq(&kept.clock) && kept != other;
        let text = format!("{} (ts {})", cart_text(&other.cart), other.ts);
        if dropped && !st.lost.contains(&text) && !lost_now.contains(&text) {
            lost_now.push(text);
        }
    }
    st.replicas[x].siblings.clone_from(&siblings);
    st.replicas[y].siblings.clone_from(&siblings);
    st.replicas[x].lww = lx.clone();
    st.replicas[y].lww = ly.clone();
    let or = px.or.merge(&py.or);
    st.replicas[x].or = OrCart {
        counter: px.or.counter,
        ..or.clone()
    };
    st.replicas[y].or = OrCart {
        counter: py.or.counter,
        ..or
    };
    st.touched = vec![x, y];
    let vc = if siblings.len() > 1 {
        format!(
            "the vector clocks are concurrent, so both versions stay as siblings: {}",
            siblings_text(&siblings)
        )
    } else {
        format!("one version dominates: {}", siblings_text(&siblings))
    };
    let lww = if lx == ly {
        if lost_now.is_empty() {
            format!("LWW keeps {}", cart_text(&lx.cart))
        } else {
            format!(
                "LWW keeps {} (ts {}) and silently drops {}",
                cart_text(&lx.cart),
                lx.ts,
                lost_now.join(", ")
            )
        }
    } else {
        format!(
            "LWW's timestamps tie, so each keeps its own: {} and {} diverge",
            cart_text(&lx.cart),
            cart_text(&ly.cart)
        )
    };
    st.lost.extend(lost_now);
    format!("Replicas {} and {} sync: {vc}; {lww}.", x + 1, y + 1)
}

fn end_text(st: &ClockState) -> String {
    let shown: Vec<String> = st
        .replicas
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.siblings.is_empty())
        .map(|(i, r)| {
            let merged: Cart = client_merge(&r.siblings);
            format!(
                "replica {}: F4's merge {}, LWW {}, OR-cart {}",
                i + 1,
                cart_text(&merged),
                cart_text(&r.lww.cart),
                cart_text(&r.or.cart())
            )
        })
        .collect();
    format!(
        "A client reads every replica and merges the siblings with F4's cart merge — {}. The union brings back what was removed; LWW lost {} write(s); the observed-remove cart keeps both edits.",
        shown.join("; "),
        st.lost.len()
    )
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let skew = s.params.clocks.skew;
    let mut steps: Vec<Step<State>> = Vec::new();
    let push =
        |steps: &mut Vec<Step<State>>, st: ClockState, narration: String, lines: LinesRun| {
            let metrics = metrics(&st);
            steps.push(Step {
                state: State::Clocks(st),
                narration,
                lines,
                metrics,
            });
        };
    for (i, (st, text)) in compare_steps(skew).into_iter().enumerate() {
        let lines = if i == 2 { vec![3] } else { vec![0, 2] };
        push(
            &mut steps,
            st,
            text,
            LinesRun::new(proc_ids::VCLOCK, &lines),
        );
    }
    let mut st = ClockState {
        step: ClockStep::End,
        replicas: vec![ReplicaView::default(); REPLICAS],
        skew,
        lost: Vec::new(),
        touched: Vec::new(),
    };
    let mut actions = if s.params.clocks.preset == crate::Toggle::On {
        crate::url::preset_actions(crate::Mode::Clocks)
    } else {
        Vec::new()
    };
    actions.extend(s.actions.iter().cloned());
    for (i, a) in actions.iter().enumerate() {
        let text = apply(&mut st, i, a);
        let lines = if matches!(a, Action::Sync(..)) {
            LinesRun::new(proc_ids::LWW, &[1, 2])
        } else {
            LinesRun::new(proc_ids::VCLOCK, &[1])
        };
        push(
            &mut steps,
            ClockState {
                step: ClockStep::Event(i),
                ..st.clone()
            },
            text,
            lines,
        );
    }
    st.touched = (0..REPLICAS).collect();
    let text = end_text(&st);
    push(
        &mut steps,
        st,
        text,
        LinesRun::new(proc_ids::CART, &[0, 1, 2, 3]),
    );
    Trace { steps }
}
