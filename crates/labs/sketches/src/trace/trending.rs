//! `trending`: minute by minute, the open window's counts (a count-min sketch and the exact
//! count), and at each window's close the published top-K that readers see until the next.

use crate::cms::{CountMin, Update};
use crate::hash::{Family, Hashes};
use crate::text::proc_ids;
use crate::topk::Entry;
use crate::trending::{WINDOW_MINUTES, events};
use crate::{Action, Params, State, TrendParams};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of a `trending` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendWorld {
    /// The parameters.
    pub params: TrendParams,
    /// Hashtag names.
    pub names: Vec<String>,
    /// The ranking published at the end of each window (by sketch estimate).
    pub published: Vec<Vec<Entry>>,
}

/// A step of `trending`: after minute `minute` (1-based).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendState {
    /// Shared by every step.
    pub world: Arc<TrendWorld>,
    /// Minutes elapsed.
    pub minute: u32,
    /// The open window's top items so far: (item, exact count, sketch estimate).
    pub open: Vec<(u32, u64, u64)>,
    /// The index of the ranking readers see (`None` before the first close).
    pub visible: Option<usize>,
    /// True when this minute closed a window.
    pub closed: bool,
}

/// The top `k` of the open window by sketch estimate (ties: lower item first); `cells` holds
/// every item's cells, `depth` per item.
fn ranking(exact: &[u64], cms: &CountMin, cells: &[usize], k: usize) -> Vec<Entry> {
    let depth = cms.depth();
    let mut seen: Vec<(u64, u32)> = (0..exact.len())
        .filter(|&i| exact[i] > 0)
        .map(|i| {
            (
                cms.estimate_at(&cells[i * depth..(i + 1) * depth]),
                i as u32,
            )
        })
        .collect();
    seen.sort_by_key(|&(est, i)| (std::cmp::Reverse(est), i));
    seen.into_iter()
        .take(k)
        .map(|(count, item)| Entry {
            item,
            count,
            error: 0,
        })
        .collect()
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.trend;
    let minutes = p.windows * WINDOW_MINUTES;
    let (names, per_minute) = events(minutes, p.per_minute, p.distinct, p.skew, s.seed);
    let hashes = Hashes::new(Family::Murmur3, p.depth as usize, p.width as usize, s.seed);
    let k = p.k as usize;
    let mut published: Vec<Vec<Entry>> = Vec::new();
    let mut snaps = Vec::new();
    let mut cms = CountMin::new(hashes.clone(), Update::Standard);
    let depth = cms.depth();
    // Every hashtag's cells, hashed once (every window's sketch uses the same hashes).
    let cells: Vec<usize> = names.iter().flat_map(|n| cms.cells(n)).collect();
    let mut exact = vec![0u64; names.len()];
    for (m, minute) in per_minute.iter().enumerate() {
        for &i in minute {
            let i = i as usize;
            cms.add_at(&cells[i * depth..(i + 1) * depth], 1);
            exact[i] += 1;
        }
        let open: Vec<(u32, u64, u64)> = ranking(&exact, &cms, &cells, k)
            .into_iter()
            .map(|e| (e.item, exact[e.item as usize], e.count))
            .collect();
        let closed = (m as u32 + 1) % WINDOW_MINUTES == 0;
        if closed {
            published.push(ranking(&exact, &cms, &cells, k));
            cms = CountMin::new(hashes.clone(), Update::Standard);
            exact.fill(0);
        }
        snaps.push((m as u32 + 1, open, closed, published.len()));
    }
    let world = Arc::new(TrendWorld {
        params: p.clone(),
        names: names.clone(),
        published,
    });
    let mut steps = vec![Step {
        state: State::Trending(TrendState {
            world: Arc::clone(&world),
            minute: 0,
            open: Vec::new(),
            visible: None,
            closed: false,
        }),
        narration: format!(
            "{} events a minute over {} hashtags, counted in {}-minute tumbling windows ({} × {} sketch per window). #launch starts in the second window and doubles every window.",
            group(u64::from(p.per_minute)),
            p.distinct,
            WINDOW_MINUTES,
            p.depth,
            p.width
        ),
        lines: LinesRun::new(proc_ids::TREND, &[0]),
        metrics: Vec::new(),
    }];
    for (minute, open, closed, count) in snaps {
        let visible = count.checked_sub(1);
        let narration = if closed {
            format!(
                "Minute {minute}: the window closes; its top {k} is published: {}.",
                world.published[count - 1]
                    .iter()
                    .map(|e| names[e.item as usize].as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            format!(
                "Minute {minute}: the open window's leaders are {}; readers still see {}.",
                open.iter()
                    .map(|(i, _, _)| names[*i as usize].as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                if visible.is_some() {
                    "the last published ranking"
                } else {
                    "nothing yet"
                }
            )
        };
        let launch = (names.len() - 1) as u32;
        let staleness = if closed { 0 } else { minute % WINDOW_MINUTES };
        steps.push(Step {
            state: State::Trending(TrendState {
                world: Arc::clone(&world),
                minute,
                open: open.clone(),
                visible,
                closed,
            }),
            narration,
            lines: LinesRun::new(proc_ids::TREND, if closed { &[2, 3] } else { &[1] }),
            metrics: vec![
                Metric::new("minute", f64::from(minute), minute.to_string()),
                Metric::new(
                    "ranking age",
                    f64::from(staleness),
                    format!("{staleness} min"),
                ),
                Metric::new(
                    "#launch in the open window",
                    open.iter()
                        .find(|o| o.0 == launch)
                        .map_or(0.0, |o| o.1 as f64),
                    open.iter()
                        .find(|o| o.0 == launch)
                        .map_or("not in the top".to_string(), |o| group(o.1)),
                ),
            ],
        });
    }
    Trace { steps }
}
