//! The Z-order lab's controls: the parameters of the current mode, and in `skip` mode the query
//! action (one range per column). The mode itself is switched by the links above the drawing.
//! The scenario and the change callback come from the page ([`use_lab`]).

use crate::layout::input::{example_queries, parse_box, parse_range, shrink_box, values_message};
use crate::skipping::{COLUMN_NAMES, DataShape, Predicate, QueryKind};
use crate::url::{box_text, kind_text, parse_values};
use crate::{
    Action, BITS_RANGE, BitsParams, CurvesParams, MAX_BATCH, MAX_FILES, MAX_ROWS, ORDER_RANGE,
    Params, SkipParams, VALUE_BITS_RANGE, ZOrderLab,
};
use sdp_kit::lab::{Contract, Scenario};
use sdp_kit_web::widgets::{KeptInput, NumberField};
use sdp_kit_web::{Change, LabCtx, use_lab};
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn input_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

fn select_value(e: &Event) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
}

/// A small number from a field whose range the widget already checked.
fn narrow<T: TryFrom<u64> + Copy>(v: u64, fallback: T) -> T {
    T::try_from(v).unwrap_or(fallback)
}

/// The errors of `params` (no actions), each prefixed with `what`; empty when valid.
fn refusal(params: &Params, seed: u64, what: &str) -> Option<String> {
    let errors = ZOrderLab::validate(&Scenario {
        params: params.clone(),
        seed,
        actions: Vec::new(),
    });
    (!errors.is_empty()).then(|| {
        errors
            .iter()
            .map(|e| format!("{what}: {}", e.message))
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// The controls.
#[component]
pub fn Controls() -> Html {
    let lab = use_lab::<ZOrderLab>();
    let error = use_state(|| None::<String>);
    let text_a = use_node_ref();
    let ranges = [use_node_ref(), use_node_ref(), use_node_ref()];
    let s = &lab.scenario;
    let seed = s.seed;
    let params = &s.params;
    let body = match params.mode {
        crate::Mode::Bits => bits_controls(&lab, &params.bits, seed, &error, &text_a),
        crate::Mode::Curves => curves_controls(&lab, &params.curves, seed, &error, &text_a),
        crate::Mode::Skip => skip_controls(&lab, &params.skip, seed, &error, &ranges),
    };
    let mode_defaults = {
        let (lab, mode) = (lab.clone(), params.mode);
        Callback::from(move |_: MouseEvent| lab.send(Change::Params(Params::for_mode(mode), 42)))
    };
    html! {
        <div class="controls zorder-controls">
            { body }
            if let Some(m) = &*error { <p class="field-error" role="alert">{ m }</p> }
            <p><button type="button" onclick={mode_defaults}>{"Restore this mode's defaults"}</button>
                <span class="hint">{" Switch modes with the links above the drawing."}</span></p>
        </div>
    }
}

fn bits_controls(
    lab: &LabCtx<ZOrderLab>,
    b: &BitsParams,
    seed: u64,
    error: &UseStateHandle<Option<String>>,
    node: &NodeRef,
) -> Html {
    let on_bits = {
        let (lab, b) = (lab.clone(), b.clone());
        Callback::from(move |v: u64| {
            let mut next = b.clone();
            next.bits = narrow(v, next.bits);
            let max = (1u64 << next.bits) - 1;
            // Keep the values inside the new width (the page would reset them).
            for x in &mut next.values {
                *x = (*x).min(max);
            }
            lab.send(Change::Params(Params::with_bits(next), seed));
        })
    };
    let on_values = {
        let (lab, b, error, node) = (lab.clone(), b.clone(), error.clone(), node.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = input_value(&node);
            let Some(values) = parse_values(&text) else {
                error.set(Some(values_message(&text)));
                return;
            };
            let next = Params::with_bits(BitsParams {
                values,
                bits: b.bits,
            });
            match refusal(&next, seed, "Values") {
                None => {
                    error.set(None);
                    lab.send(Change::Params(next, seed));
                }
                Some(m) => error.set(Some(m)),
            }
        })
    };
    let preset = |values: Vec<u64>, bits: u8| {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| {
            lab.send(Change::Params(
                Params::with_bits(BitsParams {
                    values: values.clone(),
                    bits,
                }),
                seed,
            ));
        })
    };
    let text: Vec<String> = b.values.iter().map(u64::to_string).collect();
    html! {
        <fieldset>
            <legend>{"Bits: parameters"}</legend>
            <form class="action" onsubmit={on_values}>
                <label for="zorder-values">{"Column values"}</label>
                <KeptInput id="zorder-values" node={node.clone()} initial={text.join(",")} describedby="zorder-values-hint" />
                <button type="submit">{"Interleave"}</button>
                <span id="zorder-values-hint" class="hint">{ format!("x,y or x,y,z; each 0–{}", (1u64 << b.bits) - 1) }</span>
            </form>
            <NumberField label="Bits per column" value={u64::from(b.bits)} min={u64::from(BITS_RANGE.0)} max={u64::from(BITS_RANGE.1)} on_commit={on_bits} />
            <p class="presets">{"Examples: "}
                <button type="button" onclick={preset(vec![5, 3], 4)}>{"the document's (5, 3)"}</button>
                <button type="button" onclick={preset(vec![5, 3, 6], 4)}>{"three columns (5, 3, 6)"}</button>
                <button type="button" onclick={preset(vec![200, 77], 8)}>{"8 bits (200, 77)"}</button>
            </p>
        </fieldset>
    }
}

fn curves_controls(
    lab: &LabCtx<ZOrderLab>,
    c: &CurvesParams,
    seed: u64,
    error: &UseStateHandle<Option<String>>,
    node: &NodeRef,
) -> Html {
    let on_order = {
        let (lab, c) = (lab.clone(), c.clone());
        Callback::from(move |v: u64| {
            let order = narrow(v, c.order);
            // Shrink the box to fit the new grid.
            let query = shrink_box(c.query, order);
            lab.send(Change::Params(
                Params::with_curves(CurvesParams { order, query }),
                seed,
            ));
        })
    };
    let on_box = {
        let (lab, c, error, node) = (lab.clone(), c.clone(), error.clone(), node.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match parse_box(&input_value(&node)) {
                Ok(query) => {
                    let next = Params::with_curves(CurvesParams {
                        order: c.order,
                        query,
                    });
                    match refusal(&next, seed, "Box") {
                        None => {
                            error.set(None);
                            lab.send(Change::Params(next, seed));
                        }
                        Some(m) => error.set(Some(m)),
                    }
                }
                Err(m) => error.set(Some(m)),
            }
        })
    };
    let last = (1u32 << c.order) - 1;
    html! {
        <fieldset>
            <legend>{"Curves: parameters"}</legend>
            <NumberField label="Grid order k" value={u64::from(c.order)} min={u64::from(ORDER_RANGE.0)} max={u64::from(ORDER_RANGE.1)} on_commit={on_order} />
            <form class="action" onsubmit={on_box}>
                <label for="zorder-box">{"Query box"}</label>
                <KeptInput id="zorder-box" node={node.clone()} initial={box_text(c.query.as_ref())} describedby="zorder-box-hint" />
                <button type="submit">{"Set box"}</button>
                <span id="zorder-box-hint" class="hint">{ format!("x0,y0,x1,y1 with cells 0–{last}, or none; or drag on a grid") }</span>
            </form>
        </fieldset>
    }
}

fn skip_controls(
    lab: &LabCtx<ZOrderLab>,
    p: &SkipParams,
    seed: u64,
    error: &UseStateHandle<Option<String>>,
    ranges: &[NodeRef; 3],
) -> Html {
    let columns = usize::from(p.columns);
    let names = &COLUMN_NAMES[..columns.min(COLUMN_NAMES.len())];
    let max = (1u32 << p.value_bits) - 1;
    let param = |f: fn(&mut SkipParams, u64)| {
        let (lab, p) = (lab.clone(), p.clone());
        Callback::from(move |v: u64| {
            let mut next = p.clone();
            f(&mut next, v);
            // Keep rows per file legal for the new row count (at most MAX_FILES files).
            next.rows_per_file = next.rows_per_file.max(next.rows.div_ceil(MAX_FILES).max(1));
            lab.send(Change::Params(Params::with_skip(next), seed));
        })
    };
    let select = |f: fn(&mut SkipParams, &str)| {
        let (lab, p) = (lab.clone(), p.clone());
        Callback::from(move |e: Event| {
            if let Some(v) = select_value(&e) {
                let mut next = p.clone();
                f(&mut next, &v);
                lab.send(Change::Params(Params::with_skip(next), seed));
            }
        })
    };
    let on_seed = {
        let (lab, p) = (lab.clone(), p.clone());
        Callback::from(move |v: u64| lab.send(Change::Params(Params::with_skip(p.clone()), v)))
    };
    let on_query = {
        let (lab, error, ranges) = (lab.clone(), error.clone(), ranges.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut parsed = Vec::new();
            for (c, node) in ranges.iter().take(columns).enumerate() {
                match parse_range(&input_value(node)) {
                    Ok(r) => parsed.push(r),
                    Err(m) => {
                        error.set(Some(format!("{}: {m}", COLUMN_NAMES[c])));
                        return;
                    }
                }
            }
            error.set(None);
            lab.act(Action::Query(Predicate { ranges: parsed }));
        })
    };
    let preset = |r: Vec<Option<(u32, u32)>>| {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| {
            lab.act(Action::Query(Predicate { ranges: r.clone() }));
        })
    };
    let [box_q, x_only, y_only] = example_queries(columns, max);
    let kind = kind_text(p.kind);
    let placeholder = ["40-79", "100-139", "*"];
    html! {
        <>
        <fieldset>
            <legend>{"Skip: the table and its files"}</legend>
            <NumberField label="Rows" value={u64::from(p.rows)} min=1 max={u64::from(MAX_ROWS)} on_commit={param(|p, v| p.rows = narrow(v, p.rows))} />
            <div class="field">
                <label for="zorder-columns">{"Columns"}</label>
                <select id="zorder-columns" onchange={select(|p, v| {
                    p.columns = if v == "3" { 3 } else { 2 };
                    if p.sort_column >= p.columns { p.sort_column = 0; }
                    if matches!(p.kind, QueryKind::Column(c) if c >= p.columns) { p.kind = QueryKind::Mixed; }
                })}>
                    <option value="2" selected={p.columns == 2}>{"2: x, y"}</option>
                    <option value="3" selected={p.columns == 3}>{"3: x, y, z"}</option>
                </select>
            </div>
            <NumberField label="Bits per value" value={u64::from(p.value_bits)} min={u64::from(VALUE_BITS_RANGE.0)} max={u64::from(VALUE_BITS_RANGE.1)} on_commit={param(|p, v| p.value_bits = narrow(v, p.value_bits))} />
            <NumberField label="Rows per file" value={u64::from(p.rows_per_file)} min={u64::from(p.rows.div_ceil(MAX_FILES).max(1))} max={u64::from(MAX_ROWS)} on_commit={param(|p, v| p.rows_per_file = narrow(v, p.rows_per_file))} />
            <div class="field">
                <label for="zorder-sort">{"One-column sort by"}</label>
                <select id="zorder-sort" onchange={select(|p, v| p.sort_column = COLUMN_NAMES.iter().position(|n| *n == v).map_or(0, |c| narrow(c as u64, 0)))}>
                    { for names.iter().enumerate().map(|(c, n)| html! { <option value={*n} selected={usize::from(p.sort_column) == c}>{ *n }</option> }) }
                </select>
            </div>
            <div class="field">
                <label for="zorder-data">{"Values"}</label>
                <select id="zorder-data" onchange={select(|p, v| p.data = if v == "clustered" { DataShape::Clustered } else { DataShape::Uniform })}>
                    <option value="uniform" selected={p.data == DataShape::Uniform}>{"uniform"}</option>
                    <option value="clustered" selected={p.data == DataShape::Clustered}>{"clustered"}</option>
                </select>
            </div>
            <NumberField label="Seed" value={seed} min=0 max={u64::MAX} on_commit={on_seed} />
        </fieldset>
        <fieldset>
            <legend>{"Skip: the batch of random queries"}</legend>
            <NumberField label="Random queries" value={u64::from(p.batch)} min=0 max={u64::from(MAX_BATCH)} on_commit={param(|p, v| p.batch = narrow(v, p.batch))} />
            <NumberField label="Range width %" value={u64::from(p.width_pct)} min=1 max=100 on_commit={param(|p, v| p.width_pct = narrow(v, p.width_pct))} />
            <div class="field">
                <label for="zorder-kind">{"Query shape"}</label>
                <select id="zorder-kind" onchange={select(|p, v| p.kind = match v {
                    "box" => QueryKind::Box,
                    "mixed" => QueryKind::Mixed,
                    other => COLUMN_NAMES.iter().position(|n| *n == other).map_or(QueryKind::Mixed, |c| QueryKind::Column(narrow(c as u64, 0))),
                })}>
                    <option value="mixed" selected={kind == "mixed"}>{"mixed: box, then each column"}</option>
                    <option value="box" selected={kind == "box"}>{"box on x and y"}</option>
                    { for names.iter().map(|n| html! { <option value={*n} selected={kind == *n}>{ format!("{n} only") }</option> }) }
                </select>
            </div>
        </fieldset>
        <fieldset>
            <legend>{"Skip: run a query (adds steps at the end)"}</legend>
            <form class="action zorder-query" onsubmit={on_query}>
                { for names.iter().enumerate().map(|(c, n)| html! {
                    <>
                        <label for={format!("zorder-range-{n}")}>{ format!("{n} range") }</label>
                        <KeptInput id={format!("zorder-range-{n}")} node={ranges[c].clone()} placeholder={placeholder[c]}
                            initial={placeholder[c]} describedby="zorder-range-hint" />
                    </>
                }) }
                <button type="submit">{"Run query"}</button>
                <span id="zorder-range-hint" class="hint">{ format!("lo-hi, a value, or * for any; values 0–{max}. Or drag on a panel.") }</span>
            </form>
            <p class="presets">{"Queries: "}
                <button type="button" onclick={preset(box_q)}>{"a box on x and y"}</button>
                <button type="button" onclick={preset(x_only)}>{"x only"}</button>
                <button type="button" onclick={preset(y_only)}>{"y only"}</button>
            </p>
        </fieldset>
        </>
    }
}
