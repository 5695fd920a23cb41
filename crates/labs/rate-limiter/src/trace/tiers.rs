//! `tiers`: the tier limit, then user, API key, IP and global, checked in order (F4) beside
//! check-all-then-commit; one step per request.

use super::secs;
use crate::text::proc_ids;
use crate::tiers::{
    Commit, Dim, Example, Limits, Request, Send, Tier, TierDecision, example_sends, requests, run,
};
use crate::{Action, Params, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of a `tiers` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TierWorld {
    /// The clients' bursts.
    pub sends: Vec<Send>,
    /// Every request, in time order.
    pub requests: Vec<Request>,
    /// The limits.
    pub limits: Limits,
    /// Decisions per strategy, in [`Commit::ALL`] order.
    pub runs: [Vec<TierDecision>; 2],
    /// The strategy narrated.
    pub narrate: Commit,
}

/// A step of `tiers`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TierState {
    /// Shared by every step.
    pub world: Arc<TierWorld>,
    /// The request this step decides (`None` before the first).
    pub at: Option<usize>,
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.tiers;
    let example = match p.example {
        Example::Office => example_sends(),
        Example::None => Vec::new(),
    };
    let sends: Vec<Send> = example
        .into_iter()
        .chain(s.actions.iter().filter_map(|a| match a {
            Action::Send(send) => Some(send.clone()),
            Action::Requests { .. } => None,
        }))
        .collect();
    let requests = requests(&sends);
    let limits = Limits {
        tiers: [p.free, p.basic, p.premium],
        user: p.user,
        key: p.key,
        ip: p.ip,
        global: p.global,
    };
    let runs = Commit::ALL.map(|c| run(&sends, &requests, &limits, c));
    let world = Arc::new(TierWorld {
        sends,
        requests,
        limits,
        runs,
        narrate: p.narrate,
    });
    let mut steps = vec![Step {
        state: State::Tiers(TierState {
            world: Arc::clone(&world),
            at: None,
        }),
        narration: format!(
            "{} requests from {} bursts. Each passes its tier's limit per hour, then user {}, API key {}, \
             IP {} and global {} per minute. F4 checks them in order and increments as it goes; the \
             other strategy checks all first and increments only what it admits.",
            group(world.requests.len() as u64),
            world.sends.len(),
            group(u64::from(limits.user)),
            group(u64::from(limits.key)),
            group(u64::from(limits.ip)),
            group(u64::from(limits.global)),
        ),
        lines: LinesRun::new(proc_ids::TIERS, &[0, 1]),
        metrics: metrics(&world, None),
    }];
    for i in 0..world.requests.len() {
        steps.push(Step {
            state: State::Tiers(TierState {
                world: Arc::clone(&world),
                at: Some(i),
            }),
            narration: narrate(&world, i),
            lines: LinesRun::new(proc_ids::TIERS, &lines(&world, i)),
            metrics: metrics(&world, Some(i)),
        });
    }
    Trace { steps }
}

fn index(c: Commit) -> usize {
    Commit::ALL.iter().position(|&x| x == c).unwrap_or(0)
}

fn metrics(w: &TierWorld, at: Option<usize>) -> Vec<Metric> {
    let done = at.map_or(0, |i| i + 1);
    let mut out = vec![Metric::new(
        "requests so far",
        done as f64,
        group(done as u64),
    )];
    for c in Commit::ALL {
        let admitted = w.runs[index(c)][..done]
            .iter()
            .filter(|d| d.allowed)
            .count();
        out.push(Metric::new(
            &format!("admitted, {}", c.title()),
            admitted as f64,
            group(admitted as u64),
        ));
    }
    let wasted: u32 = w.runs[0][..done]
        .iter()
        .filter(|d| !d.allowed)
        .map(|d| u32::from(d.incremented.saturating_sub(1)))
        .sum();
    out.push(Metric::new(
        "counts spent on rejected requests (in order)",
        f64::from(wasted),
        group(u64::from(wasted)),
    ));
    out
}

fn narrate(w: &TierWorld, i: usize) -> String {
    let r = &w.requests[i];
    let Some(s) = w.sends.get(r.send) else {
        return String::new();
    };
    let tier = Tier::of(&s.tier);
    let describe = |c: Commit| {
        let d = &w.runs[index(c)][i];
        let checked: Vec<String> = Dim::ALL
            .iter()
            .enumerate()
            .take(if c == Commit::InOrder {
                usize::from(d.incremented)
            } else {
                5
            })
            .map(|(k, &dim)| {
                format!(
                    "{} {}/{}",
                    dim.name(),
                    group(u64::from(d.counts[k])),
                    group(u64::from(w.limits.of(dim, tier)))
                )
            })
            .collect();
        match d.failed {
            None => format!("{}: {} → allowed", c.title(), checked.join(", ")),
            Some(dim) => format!(
                "{}: {} → “Rate limit exceeded for {}”{}",
                c.title(),
                checked.join(", "),
                dim.name(),
                if c == Commit::InOrder && d.incremented > 1 {
                    " (the counters before it already counted this request)"
                } else {
                    " (nothing counted)"
                }
            ),
        }
    };
    format!(
        "Request {} at {} from {} ({}{}, key {}, IP {}). {}. {}.",
        group(i as u64 + 1),
        secs(r.at_ms),
        s.user,
        s.tier,
        if matches!(s.tier.as_str(), "free" | "basic" | "premium") {
            ""
        } else {
            ": unknown, so free"
        },
        s.key,
        s.ip,
        describe(w.narrate),
        describe(if w.narrate == Commit::InOrder {
            Commit::CheckAll
        } else {
            Commit::InOrder
        }),
    )
}

fn lines(w: &TierWorld, i: usize) -> Vec<usize> {
    let d = &w.runs[index(w.narrate)][i];
    match (w.narrate, d.failed) {
        (Commit::CheckAll, _) => vec![5],
        (Commit::InOrder, None) => vec![0, 1, 2, 4],
        (Commit::InOrder, Some(Dim::Tier)) => vec![0],
        (Commit::InOrder, Some(_)) => vec![0, 1, 2, 3],
    }
}
