//! `curves` mode: a cursor walks the Z curve and the Hilbert curve over the same grid.

use crate::curves::{hilbert_d2xy, manhattan, z_decode2};
use crate::text::proc_ids;
use crate::{CurveGrid, CurvePhase, CurveState, CurvesParams, GridBox, MAX_WALK_STEPS, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Step, Trace};
use std::sync::Arc;

/// Indexes `d` where cell `d + 1` is not a neighbour of cell `d`.
pub(super) fn jumps(path: &[(u16, u16)]) -> Vec<u32> {
    path.windows(2)
        .enumerate()
        .filter(|(_, w)| manhattan(w[0], w[1]) > 1)
        .map(|(d, _)| d as u32)
        .collect()
}

/// Maximal runs of consecutive indexes whose cells lie in `b`.
pub(super) fn ranges(path: &[(u16, u16)], b: &GridBox) -> Vec<(u32, u32)> {
    let inside = |&(x, y): &(u16, u16)| {
        let (x, y) = (u32::from(x), u32::from(y));
        b.x0 <= x && x <= b.x1 && b.y0 <= y && y <= b.y1
    };
    let mut out: Vec<(u32, u32)> = Vec::new();
    for (d, cell) in path.iter().enumerate() {
        if !inside(cell) {
            continue;
        }
        let d = d as u32;
        match out.last_mut() {
            Some(last) if last.1 + 1 == d => last.1 = d,
            _ => out.push((d, d)),
        }
    }
    out
}

/// The grid data for order `k` (1–8) and an optional box.
pub(super) fn grid(order: u8, query: Option<GridBox>) -> CurveGrid {
    let order = order.clamp(1, 8);
    let side = 1u32 << order;
    let cells = u64::from(side * side);
    let z: Vec<(u16, u16)> = (0..cells)
        .map(|d| {
            let (x, y) = z_decode2(d);
            (x as u16, y as u16)
        })
        .collect();
    let hilbert: Vec<(u16, u16)> = (0..cells)
        .map(|d| {
            let (x, y) = hilbert_d2xy(u32::from(order), d);
            (x as u16, y as u16)
        })
        .collect();
    let (z_ranges, hilbert_ranges) = match &query {
        Some(b) => (ranges(&z, b), ranges(&hilbert, b)),
        None => (Vec::new(), Vec::new()),
    };
    CurveGrid {
        order,
        side,
        z_jumps: jumps(&z),
        hilbert_jumps: jumps(&hilbert),
        z,
        hilbert,
        query,
        z_ranges,
        hilbert_ranges,
    }
}

/// Running totals of the walk up to the cursor.
#[derive(Default)]
struct Walked {
    z_jumps: u32,
    z_length: u64,
    z_longest: u32,
    h_jumps: u32,
    h_length: u64,
}

impl Walked {
    fn metrics(&self, cursor: u32, cells: u32) -> Vec<Metric> {
        vec![
            Metric::new(
                "cursor d",
                f64::from(cursor),
                format!(
                    "{} of {}",
                    group(u64::from(cursor)),
                    group(u64::from(cells - 1))
                ),
            ),
            Metric::new(
                "Z jumps",
                f64::from(self.z_jumps),
                format!(
                    "{} (longest {} cells)",
                    group(u64::from(self.z_jumps)),
                    self.z_longest
                ),
            ),
            Metric::new(
                "Hilbert jumps",
                f64::from(self.h_jumps),
                group(u64::from(self.h_jumps)),
            ),
            Metric::new(
                "Z path length",
                self.z_length as f64,
                format!("{} cells", group(self.z_length)),
            ),
            Metric::new(
                "Hilbert path length",
                self.h_length as f64,
                format!("{} cells", group(self.h_length)),
            ),
        ]
    }

    fn advance(&mut self, g: &CurveGrid, d: usize) {
        let z = manhattan(g.z[d - 1], g.z[d]);
        let h = manhattan(g.hilbert[d - 1], g.hilbert[d]);
        self.z_length += u64::from(z);
        self.h_length += u64::from(h);
        if z > 1 {
            self.z_jumps += 1;
            self.z_longest = self.z_longest.max(z);
        }
        if h > 1 {
            self.h_jumps += 1;
        }
    }
}

pub(super) fn build(p: &CurvesParams) -> Trace<State> {
    let g = Arc::new(grid(p.order, p.query));
    let cells = g.side * g.side;
    let mut steps = Vec::new();
    let mut walked = Walked::default();
    let state = |from, cursor, phase| {
        State::Curves(CurveState {
            grid: g.clone(),
            from,
            cursor,
            phase,
        })
    };
    steps.push(Step {
        state: state(0, 0, CurvePhase::Start),
        narration: format!(
            "A grid of {s} × {s} cells (order {k}). Both curves visit every cell once: the Z curve in the order of the interleaved bits of (x, y), the Hilbert curve by rotating and flipping each quadrant. Both start at (0, 0).",
            s = g.side,
            k = g.order
        ),
        lines: LinesRun::new(proc_ids::ZVALUE, &[0, 1, 2]),
        metrics: walked.metrics(0, cells),
    });
    let chunk = cells.div_ceil(MAX_WALK_STEPS).max(1);
    let mut from = 1u32;
    while from < cells {
        let to = (from + chunk - 1).min(cells - 1);
        let jumps_before = walked.z_jumps;
        for d in from..=to {
            walked.advance(&g, d as usize);
        }
        let narration = if from == to {
            cell_sentence(&g, to as usize)
        } else {
            format!(
                "d = {}…{}: the Z curve makes {} jumps in this stretch; every Hilbert step goes to a neighbouring cell.",
                group(u64::from(from)),
                group(u64::from(to)),
                walked.z_jumps - jumps_before
            )
        };
        steps.push(Step {
            state: state(from, to, CurvePhase::Walk),
            narration,
            lines: LinesRun::new(proc_ids::ZVALUE, &[1, 2]),
            metrics: walked.metrics(to, cells),
        });
        from = to + 1;
    }
    steps.push(Step {
        state: state(0, cells - 1, CurvePhase::Summary),
        narration: format!(
            "Done: the Z curve jumps {} times (longest {} cells) and its path is {} cells long; the Hilbert path is {} cells long with no jump, which is why S2 orders its cells along a Hilbert curve.",
            group(u64::from(walked.z_jumps)),
            walked.z_longest,
            group(walked.z_length),
            group(walked.h_length)
        ),
        lines: LinesRun::new(proc_ids::HILBERT, &[0, 1, 2, 3]),
        metrics: walked.metrics(cells - 1, cells),
    });
    if let Some(b) = g.query {
        let area = (b.x1 - b.x0 + 1) * (b.y1 - b.y0 + 1);
        let mut metrics = walked.metrics(cells - 1, cells);
        metrics.push(Metric::new(
            "ranges: Z-order",
            g.z_ranges.len() as f64,
            g.z_ranges.len().to_string(),
        ));
        metrics.push(Metric::new(
            "ranges: Hilbert",
            g.hilbert_ranges.len() as f64,
            g.hilbert_ranges.len().to_string(),
        ));
        steps.push(Step {
            state: state(0, cells - 1, CurvePhase::Ranges),
            narration: format!(
                "The box x {}…{} × y {}…{} holds {area} cells. Covering it takes {} runs of consecutive Z indexes but {} runs of Hilbert indexes; each run is one range scan (BETWEEN min AND max).",
                b.x0,
                b.x1,
                b.y0,
                b.y1,
                g.z_ranges.len(),
                g.hilbert_ranges.len()
            ),
            lines: LinesRun::new(proc_ids::ZVALUE, &[1]),
            metrics,
        });
    }
    Trace { steps }
}

fn cell_sentence(g: &CurveGrid, d: usize) -> String {
    let (z, zp) = (g.z[d], g.z[d - 1]);
    let (h, hp) = (g.hilbert[d], g.hilbert[d - 1]);
    let jump = manhattan(zp, z);
    let z_part = if jump > 1 {
        format!(
            "the Z curve jumps {jump} cells from ({}, {}) to ({}, {})",
            zp.0, zp.1, z.0, z.1
        )
    } else {
        format!("the Z curve steps to ({}, {})", z.0, z.1)
    };
    let h_part = if manhattan(hp, h) > 1 {
        format!("the Hilbert curve jumps to ({}, {})", h.0, h.1)
    } else {
        format!("the Hilbert curve steps to ({}, {})", h.0, h.1)
    };
    format!("d = {d}: {z_part}; {h_part}.")
}
