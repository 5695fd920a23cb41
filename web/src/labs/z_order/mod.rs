//! View of the Z-order / Hilbert lab, in three modes (switched by links, so each mode has its own
//! URL): `bits` weaves the bits of 2–3 columns into a Z-value beside the document's wrong 29;
//! `curves` walks the Z and Hilbert curves side by side over a 2^k × 2^k grid; `skip` lays one
//! table out four ways and lights the files a predicate scans or skips.

pub mod bits;
pub mod controls;
pub mod curves;
pub mod skip;

use super::{Change, LabView};
use crate::by_id::ById;
use crate::dom::now_ms;
use sdp_core::lab::{Lab, Scenario, Trace};
use sdp_core::query;
use sdp_spatial::curves::{hilbert_xy2d, z_encode2, z_encode3};
use sdp_spatial::zorder::skipping::{DataShape, QueryKind};
use sdp_spatial::zorder::{
    Action, BitsParams, CurvesParams, MAX_BATCH, MAX_ROWS, Params, SkipParams, State, ZOrderLab,
    default_skip_scenario,
};
use std::cell::RefCell;
use std::hint::black_box;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// The page's change callback and scenario, registered by the controls, so drags on a drawing
/// can act on the current scenario.
type Page = (Callback<Change<ZOrderLab>>, Scenario<Params, Action>);

thread_local! {
    static PAGE: RefCell<Option<Page>> = const { RefCell::new(None) };
}

fn set_page(page: Option<Page>) {
    PAGE.with(|cell| *cell.borrow_mut() = page);
}

/// Sends the change `make` builds from the current scenario; false when no page takes changes
/// (embed mode).
fn emit(make: impl FnOnce(&Scenario<Params, Action>) -> Change<ZOrderLab>) -> bool {
    let page = PAGE.with(|cell| cell.borrow().clone());
    match page {
        Some((cb, scenario)) => {
            cb.emit(make(&scenario));
            true
        }
        None => false,
    }
}

/// True when a page takes changes right now (checked when an event arrives).
fn interactive() -> bool {
    PAGE.with(|cell| cell.borrow().is_some())
}

/// True when the drawing should invite clicks and drags: everywhere but embed mode (decided at
/// render time, before the controls have registered).
fn live_view() -> bool {
    !crate::dom::location_hash().contains("embed=1")
}

impl LabView for ZOrderLab {
    fn view_step(trace: &Rc<Trace<State>>, cursor: usize) -> Html {
        html! { <ZOrderView trace={trace.clone()} {cursor} /> }
    }

    fn controls(scenario: &Scenario<Params, Action>, change: Callback<Change<Self>>) -> Html {
        html! { <controls::Controls scenario={scenario.clone()} {change} /> }
    }
}

/// The three modes: URL value, tab label, the scenario a tab opens.
pub fn modes() -> [(&'static str, &'static str, Scenario<Params, Action>); 3] {
    let plain = |params| Scenario {
        params,
        seed: 42,
        actions: Vec::new(),
    };
    [
        (
            "bits",
            "Bit interleaving",
            plain(Params::Bits(BitsParams::default())),
        ),
        (
            "curves",
            "Z and Hilbert curves",
            plain(Params::Curves(CurvesParams::default())),
        ),
        ("skip", "Data skipping", default_skip_scenario()),
    ]
}

/// The hash that opens `scenario` (keeping embed mode when the page is embedded).
pub fn mode_href(scenario: &Scenario<Params, Action>, embed: bool) -> String {
    let mut pairs = ZOrderLab::to_query(scenario);
    if embed {
        pairs.push(("embed".into(), "1".into()));
    }
    format!("#/lab/z-order?{}", query::encode(&pairs))
}

/// Properties: the trace and cursor (compared by identity).
#[derive(Properties, PartialEq)]
pub struct StepProps {
    /// The trace.
    pub trace: ById<Trace<State>>,
    /// The step shown.
    pub cursor: usize,
}

#[component]
fn ZOrderView(props: &StepProps) -> Html {
    let Some(step) = props.trace.get(props.cursor) else {
        return html! {};
    };
    let current = match &step.state {
        State::Bits(_) => "bits",
        State::Curves(_) => "curves",
        State::Skip(_) => "skip",
    };
    let embed = crate::dom::location_hash().contains("embed=1");
    let body = match &step.state {
        State::Bits(_) => {
            html! { <bits::BitsView trace={props.trace.clone()} cursor={props.cursor} /> }
        }
        State::Curves(_) => {
            html! { <curves::CurvesView trace={props.trace.clone()} cursor={props.cursor} /> }
        }
        State::Skip(_) => {
            html! { <skip::SkipView trace={props.trace.clone()} cursor={props.cursor} /> }
        }
    };
    html! {
        <div class="zorder-view">
            <nav class="zorder-modes" aria-label="Mode">
                { for modes().iter().map(|(id, label, scenario)| {
                    let on = *id == current;
                    html! {
                        <a href={mode_href(scenario, embed)} class={classes!("zorder-mode", on.then_some("current"))}
                            aria-current={on.then_some("page")}>{ *label }</a>
                    }
                }) }
            </nav>
            { body }
        </div>
    }
}

/// The largest scenarios of each mode.
pub fn largest_scenarios() -> [Scenario<Params, Action>; 2] {
    let mut skip = default_skip_scenario();
    skip.params = Params::Skip(SkipParams {
        rows: MAX_ROWS,
        columns: 3,
        value_bits: 16,
        rows_per_file: MAX_ROWS / 1000,
        sort_column: 0,
        data: DataShape::Clustered,
        batch: MAX_BATCH,
        width_pct: 10,
        kind: QueryKind::Mixed,
    });
    skip.actions = (0..16)
        .map(|i| {
            let lo = i * 3000;
            Action::Query(sdp_spatial::zorder::skipping::Predicate {
                ranges: vec![Some((lo, lo + 8000)), Some((lo, lo + 12_000)), None],
            })
        })
        .collect();
    let curves = Scenario {
        params: Params::Curves(CurvesParams {
            order: 8,
            query: Some(sdp_spatial::zorder::GridBox {
                x0: 37,
                y0: 90,
                x1: 200,
                y1: 170,
            }),
        }),
        seed: 42,
        actions: Vec::new(),
    };
    [skip, curves]
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Z-order figures in WebAssembly: Z and Hilbert encode throughput, and trace builds at the
/// largest scenarios.
#[wasm_bindgen]
pub fn bench_z_order() -> String {
    const N: u32 = 1 << 20;
    let coords: Vec<(u32, u32)> = (0..N)
        .map(|i| {
            let h = i.wrapping_mul(2_654_435_761);
            (h & 0xFFFF, (h >> 16) ^ (i & 0xFFFF))
        })
        .collect();
    let t = now_ms();
    let mut acc = 0u64;
    for &(x, y) in &coords {
        acc ^= z_encode2(x, y);
    }
    black_box(acc);
    let z2 = now_ms() - t;
    let t = now_ms();
    for &(x, y) in &coords {
        acc ^= z_encode3(x, y, x ^ y);
    }
    black_box(acc);
    let z3 = now_ms() - t;
    let t = now_ms();
    for &(x, y) in &coords {
        acc ^= hilbert_xy2d(16, x & 0xFFFF, y & 0xFFFF);
    }
    black_box(acc);
    let h2 = now_ms() - t;
    let rate = |ms: f64| f64::from(N) / (ms.max(0.001) / 1000.0) / 1e6;
    let mut lines = vec![
        format!(
            "wasm: Z-order encode (2 columns): {:.1} M values/s",
            rate(z2)
        ),
        format!(
            "wasm: Z-order encode (3 columns): {:.1} M values/s",
            rate(z3)
        ),
        format!(
            "wasm: Hilbert encode (2 columns, 16 bits): {:.1} M values/s",
            rate(h2)
        ),
    ];
    for (name, scenario) in [
        "skip (100,000 rows x 3 columns, 1,000 files, 1,000-query batch, 16 queries)",
        "curves (order 8: 256 x 256 cells, with a box)",
    ]
    .iter()
    .zip(largest_scenarios())
    {
        let mut builds = Vec::new();
        let mut steps = 0;
        for _ in 0..3 {
            let t = now_ms();
            steps = ZOrderLab::run(&scenario).map(|t| t.len()).unwrap_or(0);
            builds.push(now_ms() - t);
        }
        lines.push(format!(
            "wasm: z-order trace, {name}: median {:.1} ms, {steps} steps",
            median(builds)
        ));
    }
    lines.push(draw_figures());
    lines.join("\n")
}

/// Time to draw one step of the largest scenarios on real (detached) canvases, flushed.
fn draw_figures() -> String {
    use crate::labs::quadtree::canvas::{flush, offscreen, spread};
    let ink = crate::palette::ink(false);
    let [skip, curves] = largest_scenarios();
    let mut out = Vec::new();
    if let Ok(trace) = ZOrderLab::run(&skip) {
        let pixels = match trace.steps.first().map(|st| &st.state) {
            Some(State::Skip(s)) => skip::row_pixels(&s.world.table, skip::SCATTER_PX),
            _ => Vec::new(),
        };
        let canvases: Vec<_> = (0..4)
            .map(|_| {
                (
                    offscreen(skip::SCATTER_PX, skip::SCATTER_PX).map(|c| c.0),
                    offscreen(skip::SCATTER_PX, skip::STRIP_H).map(|c| c.0),
                )
            })
            .collect();
        let mut times = Vec::new();
        for st in trace.steps.iter().step_by(3) {
            if let State::Skip(s) = &st.state {
                let t = now_ms();
                skip::draw_step(s, &pixels, &canvases, &ink);
                for (a, b) in &canvases {
                    for c in [a, b].into_iter().flatten() {
                        if let Some(ctx) = crate::labs::quadtree::canvas::context(c) {
                            flush(&ctx);
                        }
                    }
                }
                times.push(now_ms() - t);
            }
        }
        out.push(format!(
            "wasm+canvas: one skip step, 4 panels x 100,000 rows + files + strips: {} ({} steps)",
            spread(times.clone()),
            times.len()
        ));
    }
    if let (Ok(trace), Some((_, ctx))) = (
        ZOrderLab::run(&curves),
        offscreen(curves::GRID_PX as u32, curves::GRID_PX as u32),
    ) {
        let mut times = Vec::new();
        for st in trace.steps.iter().step_by(4) {
            if let State::Curves(s) = &st.state {
                let t = now_ms();
                for c in [curves::Curve::Z, curves::Curve::Hilbert] {
                    curves::draw_curve(&ctx, s, c, &ink);
                }
                flush(&ctx);
                times.push(now_ms() - t);
            }
        }
        out.push(format!(
            "wasm+canvas: one curves step, both 256 x 256 grids: {} ({} steps)",
            spread(times.clone()),
            times.len()
        ));
    }
    out.join("\n")
}
