//! `cms`: the table filling, point queries with the minimum circled, and the observed
//! over-estimate against the bound ε·N.

use super::{BINS, sci};
use crate::cms::{CountMin, delta, epsilon};
use crate::hash::Hashes;
use crate::stream::{Stream, zipf};
use crate::text::proc_ids;
use crate::{Action, CmsParams, Params, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of a `cms` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CmsWorld {
    /// The parameters.
    pub params: CmsParams,
    /// The stream.
    pub names: Vec<String>,
    /// Exact counts per item.
    pub exact: Vec<u64>,
    /// Estimates per item, from the full table.
    pub estimates: Vec<u64>,
    /// `ε = e / width`.
    pub epsilon: f64,
    /// `δ = e^(−depth)`.
    pub delta: f64,
    /// Stream length N.
    pub n: u64,
}

/// What a step shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CmsStep {
    /// Before any add.
    Empty,
    /// One add: the item and its cell in every row, with the cells' values after.
    Add {
        /// Item index.
        item: u32,
        /// Position in the stream.
        at: u64,
        /// `(row, column, value after)`.
        cells: Vec<(usize, usize, u64)>,
    },
    /// The rest of the stream added at once.
    Bulk {
        /// Items added in this step.
        added: u64,
    },
    /// A point query: the cells, the minimum, the truth.
    Query {
        /// Item index.
        item: u32,
        /// `(row, column, value)`.
        cells: Vec<(usize, usize, u64)>,
    },
    /// Every item's error against the bound.
    Summary,
}

/// A step of `cms`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CmsState {
    /// Shared by every step.
    pub world: Arc<CmsWorld>,
    /// The table binned into [`BINS`] columns per row (sums), after this step.
    pub binned: Arc<Vec<u64>>,
    /// Items added so far.
    pub added: u64,
    /// What this step shows.
    pub step: CmsStep,
}

fn binned(cms: &CountMin) -> Vec<u64> {
    let (w, d) = (cms.width(), cms.depth());
    let bins = BINS.min(w);
    let mut out = vec![0u64; d * bins];
    for r in 0..d {
        for c in 0..w {
            out[r * bins + c * bins / w] += cms.table[r * w + c];
        }
    }
    out
}

/// Adds the change of `cells` (their values `before` an add against now) to the binned table.
fn rebin(cms: &CountMin, binned: &mut [u64], cells: &[usize], before: &[u64]) {
    let (w, bins) = (cms.width(), BINS.min(cms.width()));
    for (&c, &old) in cells.iter().zip(before) {
        binned[c / w * bins + c % w * bins / w] += cms.table[c] - old;
    }
}

fn cells(cms: &CountMin, item: &str) -> Vec<(usize, usize, u64)> {
    cms.cells(item)
        .into_iter()
        .map(|c| (c / cms.width(), c % cms.width(), cms.table[c]))
        .collect()
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.cms;
    let stream: Stream = zipf(p.distinct, p.length, p.skew, s.seed);
    let hashes = Hashes::new(p.hash, p.depth as usize, p.width as usize, s.seed);
    let mut cms = CountMin::new(hashes, p.update);
    let exact = stream.counts();
    // Every item's cells, hashed once: row after row for item 0, then item 1, …
    let depth = cms.depth();
    let flat: Vec<usize> = stream.names.iter().flat_map(|n| cms.cells(n)).collect();
    let cells_of = |i: usize| &flat[i * depth..(i + 1) * depth];
    let mut full = cms.clone();
    for &i in &stream.items {
        full.add_at(cells_of(i as usize), 1);
    }
    let estimates: Vec<u64> = (0..stream.names.len())
        .map(|i| full.estimate_at(cells_of(i)))
        .collect();
    let max_over = estimates
        .iter()
        .zip(&exact)
        .map(|(e, t)| e - t)
        .max()
        .unwrap_or(0);
    let world = Arc::new(CmsWorld {
        params: p.clone(),
        names: stream.names.clone(),
        exact,
        estimates,
        epsilon: epsilon(p.width as usize),
        delta: delta(p.depth as usize),
        n: stream.items.len() as u64,
    });
    let w = &world;
    let step =
        |binned: &Arc<Vec<u64>>, added: u64, step: CmsStep, narration: String, lines: &[usize]| {
            Step {
                state: State::Cms(CmsState {
                    world: Arc::clone(w),
                    binned: Arc::clone(binned),
                    added,
                    step,
                }),
                narration,
                lines: LinesRun::new(proc_ids::CMS, lines),
                metrics: metrics(w, added, max_over),
            }
        };
    let mut table = Arc::new(binned(&cms));
    let mut steps = vec![step(
        &table,
        0,
        CmsStep::Empty,
        format!(
            "A {} × {} table of zeros: {} rows, one hash each, onto {} columns. The stream has {} \
             items over {} distinct. ε = e / width = {}, δ = e^(−depth) = {}: an estimate \
             over-counts by at most ε·N = {} with probability {}.",
            p.depth,
            group(u64::from(p.width)),
            p.depth,
            group(u64::from(p.width)),
            group(w.n),
            group(u64::from(p.distinct)),
            sci(w.epsilon),
            sci(w.delta),
            sci(w.epsilon * w.n as f64),
            sci(1.0 - w.delta)
        ),
        &[0, 1, 4],
    )];
    let detailed = u64::from(p.detailed).min(w.n);
    for (at, &item) in stream.items.iter().enumerate().take(detailed as usize) {
        let name = stream.name(item);
        let at_cells = cells_of(item as usize);
        let before: Vec<u64> = at_cells.iter().map(|&c| cms.table[c]).collect();
        cms.add_at(at_cells, 1);
        let mut next = (*table).clone();
        rebin(&cms, &mut next, at_cells, &before);
        table = Arc::new(next);
        let c = cells(&cms, name);
        let narration = format!(
            "Add {name} (item {} of {}): one cell per row, {}.",
            at + 1,
            group(w.n),
            c.iter()
                .map(|(r, col, v)| format!("row {r} column {col} → {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        steps.push(step(
            &table,
            at as u64 + 1,
            CmsStep::Add {
                item,
                at: at as u64,
                cells: c,
            },
            narration,
            &[1, 2],
        ));
    }
    if detailed < w.n {
        cms = full.clone();
        table = Arc::new(binned(&cms));
        steps.push(step(
            &table,
            w.n,
            CmsStep::Bulk {
                added: w.n - detailed,
            },
            format!(
                "The other {} items are added the same way.",
                group(w.n - detailed)
            ),
            &[2],
        ));
    } else {
        cms = full.clone();
    }
    let mut order: Vec<u32> = (0..w.names.len() as u32).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(w.exact[i as usize]));
    for &item in order.iter().take(p.queries as usize) {
        let name = &w.names[item as usize];
        let c = cells(&cms, name);
        let (est, truth) = (w.estimates[item as usize], w.exact[item as usize]);
        steps.push(step(
            &table,
            w.n,
            CmsStep::Query {
                item,
                cells: c.clone(),
            },
            format!(
                "Estimate {name}: the minimum of its {} cells ({}) is {}; it was seen {} times, so \
                 the sketch over-counts by {} (bound ε·N = {}).",
                c.len(),
                c.iter()
                    .map(|x| x.2.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                group(est),
                group(truth),
                group(est - truth),
                sci(w.epsilon * w.n as f64)
            ),
            &[3],
        ));
    }
    let within = w
        .estimates
        .iter()
        .zip(&w.exact)
        .filter(|(e, t)| (**e - **t) as f64 <= w.epsilon * w.n as f64)
        .count();
    steps.push(step(
        &table,
        w.n,
        CmsStep::Summary,
        format!(
            "Over all {} items, {} ({}) are within ε·N = {} of the truth, against a promised {} or \
             more; no estimate is below its count.",
            group(w.names.len() as u64),
            group(within as u64),
            super::pct(within as f64 / w.names.len().max(1) as f64),
            sci(w.epsilon * w.n as f64),
            super::pct(1.0 - w.delta)
        ),
        &[3, 4],
    ));
    Trace { steps }
}

/// The step's metrics; `max` is the largest over-estimate of the full stream.
fn metrics(w: &CmsWorld, added: u64, max: u64) -> Vec<Metric> {
    let done = added == w.n;
    let mut m = vec![
        Metric::new(
            "items added",
            added as f64,
            format!("{} of {}", group(added), group(w.n)),
        ),
        Metric::new(
            "ε·N (error bound)",
            w.epsilon * w.n as f64,
            sci(w.epsilon * w.n as f64),
        ),
        Metric::new(
            "memory",
            f64::from(w.params.width) * f64::from(w.params.depth) * 8.0,
            format!(
                "{} bytes (8 per counter)",
                group(u64::from(w.params.width) * u64::from(w.params.depth) * 8)
            ),
        ),
        Metric::new(
            "exact counter memory",
            w.names.len() as f64 * 16.0,
            format!("{} bytes (16 per item)", group(w.names.len() as u64 * 16)),
        ),
    ];
    if done {
        m.push(Metric::new("largest over-estimate", max as f64, group(max)));
    }
    m
}
