//! `ranges`: the coordinator handing out ranges, each server issuing at its own rate one tick
//! per step, crashes losing the rest of a range, and the gaps in the global sequence.

use crate::ranges::{Coordinator, Gap, Rule, Server};
use crate::text::proc_ids;
use crate::{Action, Params, RangeParams, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Most gaps a step lists.
pub const MAX_GAPS_SHOWN: usize = 40;

/// A step of `ranges`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RangeState {
    /// The parameters (shared).
    pub params: Arc<RangeParams>,
    /// Ticks done (0: before the first).
    pub tick: u32,
    /// The servers after this tick.
    pub servers: Vec<Server>,
    /// The coordinator after this tick.
    pub coord: Coordinator,
    /// The latest gaps (at most [`MAX_GAPS_SHOWN`]).
    pub gaps: Vec<Gap>,
    /// IDs lost to the off-by-one so far.
    pub lost_off: u64,
    /// IDs lost to crashes so far.
    pub lost_crash: u64,
    /// Servers that asked for a range this tick, and servers that crashed.
    pub requested: Vec<usize>,
    /// Servers that crashed this tick.
    pub crashed: Vec<usize>,
}

impl RangeState {
    /// IDs issued by all servers.
    pub fn issued(&self) -> u64 {
        self.servers.iter().map(|s| s.issued).sum()
    }
    /// IDs in live ranges not issued yet.
    pub fn reserved(&self, rule: Rule) -> u64 {
        self.servers
            .iter()
            .filter_map(|s| {
                let (_, end) = s.range?;
                let last = if rule == Rule::Doc { end - 1 } else { end };
                Some((last + 1).saturating_sub(s.current))
            })
            .sum()
    }
}

fn metrics(s: &RangeState, rule: Rule) -> Vec<Metric> {
    vec![
        Metric::new("IDs issued", s.issued() as f64, group(s.issued())),
        Metric::new(
            "ranges handed out",
            s.coord.handed as f64,
            group(s.coord.handed),
        ),
        Metric::new("lost to ≥ range_end", s.lost_off as f64, group(s.lost_off)),
        Metric::new("lost to crashes", s.lost_crash as f64, group(s.lost_crash)),
        Metric::new(
            "reserved, not yet issued",
            s.reserved(rule) as f64,
            group(s.reserved(rule)),
        ),
    ]
}

fn names(list: &[usize]) -> String {
    list.iter()
        .map(|i| format!("server {}", i + 1))
        .collect::<Vec<_>>()
        .join(", ")
}

fn tick_text(s: &RangeState) -> String {
    let mut parts = vec![format!(
        "Tick {}: the servers issue {} IDs in all",
        s.tick,
        group(s.issued())
    )];
    if !s.crashed.is_empty() {
        parts.push(format!(
            "{} crashed, losing the rest of its range",
            names(&s.crashed)
        ));
    }
    if !s.requested.is_empty() {
        parts.push(format!(
            "{} asked the coordinator for a range (next starts at {})",
            names(&s.requested),
            group(s.coord.next)
        ));
    }
    format!("{}.", parts.join("; "))
}

pub(super) fn build(sc: &Scenario<Params, Action>) -> Trace<State> {
    let p = Arc::new(sc.params.ranges.clone());
    let rule = p.rule;
    let mut st = RangeState {
        params: Arc::clone(&p),
        tick: 0,
        servers: vec![Server::default(); p.rates.len()],
        coord: Coordinator::new(p.size),
        gaps: Vec::new(),
        lost_off: 0,
        lost_crash: 0,
        requested: Vec::new(),
        crashed: Vec::new(),
    };
    let mut steps = vec![Step {
        state: State::Ranges(st.clone()),
        narration: format!(
            "A coordinator hands out ranges of {} IDs: server 1 will get [1–{}], server 2 [{}–{}], …; the test for a new range is {}.",
            group(p.size),
            group(p.size),
            group(p.size + 1),
            group(2 * p.size),
            if rule == Rule::Doc {
                "the document's current_id ≥ range_end"
            } else {
                "current_id > range_end (fixed)"
            }
        ),
        lines: LinesRun::new(proc_ids::RANGES, &[0]),
        metrics: metrics(&st, rule),
    }];
    for tick in 1..=p.ticks {
        st.tick = tick;
        st.requested.clear();
        st.crashed.clear();
        for a in &sc.actions {
            if let Action::Crash { server, at } = *a {
                if at == tick {
                    if let Some(g) = st
                        .servers
                        .get_mut(server as usize - 1)
                        .and_then(Server::crash)
                    {
                        st.lost_crash += g.to - g.from + 1;
                        st.gaps.push(g);
                    }
                    st.crashed.push(server as usize - 1);
                }
            }
        }
        for (i, &rate) in p.rates.iter().enumerate() {
            let (req, gaps) = st.servers[i].issue(u64::from(rate), rule, &mut st.coord);
            if !req.is_empty() {
                st.requested.push(i);
            }
            st.lost_off += gaps.len() as u64;
            st.gaps.extend(gaps);
        }
        if st.gaps.len() > MAX_GAPS_SHOWN {
            let cut = st.gaps.len() - MAX_GAPS_SHOWN;
            st.gaps.drain(..cut);
        }
        let lines: &[usize] = match (st.crashed.is_empty(), st.requested.is_empty()) {
            (false, _) => &[4],
            (true, false) => &[1, 2],
            (true, true) => &[1, 3],
        };
        steps.push(Step {
            narration: tick_text(&st),
            lines: LinesRun::new(proc_ids::RANGES, lines),
            metrics: metrics(&st, rule),
            state: State::Ranges(st.clone()),
        });
    }
    let per_range = if rule == Rule::Doc {
        p.size - 1
    } else {
        p.size
    };
    steps.push(Step {
        narration: format!(
            "After {} ticks: {} IDs issued from {} ranges; each full range gives {} IDs{}; {} lost to crashes. The global sequence has gaps, so IDs are unique but not dense.",
            p.ticks,
            group(st.issued()),
            group(st.coord.handed),
            group(per_range),
            if rule == Rule::Doc { " (the document's ≥ skips every range's last ID)" } else { "" },
            group(st.lost_crash)
        ),
        lines: LinesRun::new(proc_ids::RANGES, &[5]),
        metrics: metrics(&st, rule),
        state: State::Ranges(st),
    });
    Trace { steps }
}
