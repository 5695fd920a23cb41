//! The Z-order lab's controls: the parameters of the current mode, and in `skip` mode the query
//! action (one range per column). The mode itself is switched by the links above the drawing.

use super::set_page;
use crate::labs::Change;
use crate::labs::quadtree::controls::KeptInput;
use crate::widgets::NumberField;
use sdp_core::lab::{Lab, Scenario};
use sdp_spatial::zorder::skipping::{COLUMN_NAMES, DataShape, Predicate, QueryKind};
use sdp_spatial::zorder::{
    Action, BITS_RANGE, BitsParams, CurvesParams, GridBox, MAX_BATCH, MAX_FILES, MAX_ROWS,
    ORDER_RANGE, Params, SkipParams, VALUE_BITS_RANGE, ZOrderLab,
};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The scenario on screen.
    pub scenario: Scenario<Params, Action>,
    /// Where changes go.
    pub change: Callback<Change<ZOrderLab>>,
}

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

/// Parses the column values `5,3` or `5,3,6`.
pub fn parse_values(text: &str) -> Option<Vec<u64>> {
    let v: Option<Vec<u64>> = text.split(',').map(|s| s.trim().parse().ok()).collect();
    v.filter(|v| (2..=3).contains(&v.len()))
}

/// Parses a box `x0,y0,x1,y1` (or `none`).
pub fn parse_box(text: &str) -> Result<Option<GridBox>, String> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let v: Option<Vec<u32>> = t.split(',').map(|s| s.trim().parse().ok()).collect();
    match v.as_deref() {
        Some(&[x0, y0, x1, y1]) => Ok(Some(GridBox { x0, y0, x1, y1 })),
        _ => Err(format!(
            "Box: type x0,y0,x1,y1 (four whole numbers) or none (got “{}”)",
            sdp_core::query::shorten(text)
        )),
    }
}

/// Parses one column's range: `lo-hi`, a single value, or `*` / empty for no constraint.
pub fn parse_range(text: &str) -> Result<Option<(u32, u32)>, String> {
    let t = text.trim();
    if t.is_empty() || t == "*" {
        return Ok(None);
    }
    let bad = || {
        format!(
            "type lo-hi, a single value or * (got “{}”)",
            sdp_core::query::shorten(text)
        )
    };
    match t.split_once('-') {
        Some((lo, hi)) => Ok(Some((
            lo.trim().parse().map_err(|_| bad())?,
            hi.trim().parse().map_err(|_| bad())?,
        ))),
        None => {
            let v = t.parse().map_err(|_| bad())?;
            Ok(Some((v, v)))
        }
    }
}

fn box_text(b: &Option<GridBox>) -> String {
    match b {
        None => "none".to_string(),
        Some(b) => format!("{},{},{},{}", b.x0, b.y0, b.x1, b.y1),
    }
}

/// The controls.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    {
        let page = (props.change.clone(), props.scenario.clone());
        use_effect_with(page, |page| {
            set_page(Some(page.clone()));
            || set_page(None)
        });
    }
    let error = use_state(|| None::<String>);
    let text_a = use_node_ref();
    let ranges = [use_node_ref(), use_node_ref(), use_node_ref()];
    let s = &props.scenario;
    let seed = s.seed;
    let change = props.change.clone();
    let emit_params = {
        let change = change.clone();
        move |p: Params, seed: u64| change.emit(Change::Params(p, seed))
    };
    let body = match &s.params {
        Params::Bits(b) => {
            let b = b.clone();
            let on_bits = {
                let (emit_params, b) = (emit_params.clone(), b.clone());
                Callback::from(move |v: u64| {
                    let mut next = b.clone();
                    next.bits = v as u8;
                    let max = (1u64 << next.bits) - 1;
                    // Keep the values inside the new width (the page would reset them).
                    for x in next.values.iter_mut() {
                        *x = (*x).min(max);
                    }
                    emit_params(Params::Bits(next), seed);
                })
            };
            let on_values = {
                let (emit_params, b, error, node) = (
                    emit_params.clone(),
                    b.clone(),
                    error.clone(),
                    text_a.clone(),
                );
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let text = input_value(&node);
                    let Some(values) = parse_values(&text) else {
                        error.set(Some(format!(
                            "Values: type 2 or 3 whole numbers separated by commas (got “{}”)",
                            sdp_core::query::shorten(&text)
                        )));
                        return;
                    };
                    let next = Params::Bits(BitsParams {
                        values,
                        bits: b.bits,
                    });
                    let errors = ZOrderLab::validate(&Scenario {
                        params: next.clone(),
                        seed,
                        actions: Vec::new(),
                    });
                    if errors.is_empty() {
                        error.set(None);
                        emit_params(next, seed);
                    } else {
                        error.set(Some(
                            errors
                                .iter()
                                .map(|e| format!("Values: {}", e.message))
                                .collect::<Vec<_>>()
                                .join("; "),
                        ));
                    }
                })
            };
            let preset = |values: Vec<u64>, bits: u8| {
                let emit_params = emit_params.clone();
                Callback::from(move |_: MouseEvent| {
                    emit_params(
                        Params::Bits(BitsParams {
                            values: values.clone(),
                            bits,
                        }),
                        seed,
                    )
                })
            };
            let text: Vec<String> = b.values.iter().map(u64::to_string).collect();
            html! {
                <fieldset>
                    <legend>{"Bits: parameters"}</legend>
                    <form class="action" onsubmit={on_values}>
                        <label for="zorder-values">{"Column values"}</label>
                        <KeptInput id="zorder-values" node={text_a.clone()} initial={text.join(",")} describedby="zorder-values-hint" />
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
        Params::Curves(c) => {
            let c = c.clone();
            let on_order = {
                let (emit_params, c) = (emit_params.clone(), c.clone());
                Callback::from(move |v: u64| {
                    let order = v as u8;
                    let last = (1u32 << order) - 1;
                    // Shrink the box to fit the new grid.
                    let query = c.query.map(|b| GridBox {
                        x0: b.x0.min(last),
                        y0: b.y0.min(last),
                        x1: b.x1.min(last),
                        y1: b.y1.min(last),
                    });
                    emit_params(Params::Curves(CurvesParams { order, query }), seed);
                })
            };
            let on_box = {
                let (emit_params, c, error, node) = (
                    emit_params.clone(),
                    c.clone(),
                    error.clone(),
                    text_a.clone(),
                );
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    match parse_box(&input_value(&node)) {
                        Ok(query) => {
                            let next = Params::Curves(CurvesParams {
                                order: c.order,
                                query,
                            });
                            let errors = ZOrderLab::validate(&Scenario {
                                params: next.clone(),
                                seed,
                                actions: Vec::new(),
                            });
                            if errors.is_empty() {
                                error.set(None);
                                emit_params(next, seed);
                            } else {
                                error.set(Some(
                                    errors
                                        .iter()
                                        .map(|e| format!("Box: {}", e.message))
                                        .collect::<Vec<_>>()
                                        .join("; "),
                                ));
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
                        <KeptInput id="zorder-box" node={text_a.clone()} initial={box_text(&c.query)} describedby="zorder-box-hint" />
                        <button type="submit">{"Set box"}</button>
                        <span id="zorder-box-hint" class="hint">{ format!("x0,y0,x1,y1 with cells 0–{last}, or none; or drag on a grid") }</span>
                    </form>
                </fieldset>
            }
        }
        Params::Skip(p) => skip_controls(p, seed, &emit_params, &change, &error, &ranges),
    };
    let mode_defaults = {
        let emit_params = emit_params.clone();
        let params = match &s.params {
            Params::Bits(_) => Params::Bits(BitsParams::default()),
            Params::Curves(_) => Params::Curves(CurvesParams::default()),
            Params::Skip(_) => Params::Skip(SkipParams::default()),
        };
        Callback::from(move |_: MouseEvent| emit_params(params.clone(), 42))
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

fn skip_controls(
    p: &SkipParams,
    seed: u64,
    emit_params: &(impl Fn(Params, u64) + Clone + 'static),
    change: &Callback<Change<ZOrderLab>>,
    error: &UseStateHandle<Option<String>>,
    ranges: &[NodeRef; 3],
) -> Html {
    let columns = usize::from(p.columns);
    let names = &COLUMN_NAMES[..columns];
    let max = (1u32 << p.value_bits) - 1;
    let param = |f: fn(&mut SkipParams, u64)| {
        let (emit_params, p) = (emit_params.clone(), p.clone());
        Callback::from(move |v: u64| {
            let mut next = p.clone();
            f(&mut next, v);
            // Keep rows per file legal for the new row count (at most MAX_FILES files).
            next.rows_per_file = next.rows_per_file.max(next.rows.div_ceil(MAX_FILES).max(1));
            emit_params(Params::Skip(next), seed);
        })
    };
    let select = |f: fn(&mut SkipParams, &str)| {
        let (emit_params, p) = (emit_params.clone(), p.clone());
        Callback::from(move |e: Event| {
            if let Some(v) = select_value(&e) {
                let mut next = p.clone();
                f(&mut next, &v);
                emit_params(Params::Skip(next), seed);
            }
        })
    };
    let on_seed = {
        let (emit_params, p) = (emit_params.clone(), p.clone());
        Callback::from(move |v: u64| emit_params(Params::Skip(p.clone()), v))
    };
    let on_query = {
        let (change, error, ranges) = (change.clone(), error.clone(), ranges.clone());
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
            change.emit(Change::Action(Action::Query(Predicate { ranges: parsed })));
        })
    };
    let preset = |r: Vec<Option<(u32, u32)>>| {
        let change = change.clone();
        Callback::from(move |_: MouseEvent| {
            change.emit(Change::Action(Action::Query(Predicate {
                ranges: r.clone(),
            })))
        })
    };
    let tenth = (max / 10).max(1);
    let mut box_q = vec![Some((2 * tenth, 4 * tenth)), Some((5 * tenth, 7 * tenth))];
    box_q.resize(columns, None);
    let mut y_only = vec![None, Some((3 * tenth, 4 * tenth))];
    y_only.resize(columns, None);
    let mut x_only = vec![Some((6 * tenth, 7 * tenth)), None];
    x_only.resize(columns, None);
    let kind = match p.kind {
        QueryKind::Mixed => "mixed".to_string(),
        QueryKind::Box => "box".to_string(),
        QueryKind::Column(c) => COLUMN_NAMES
            .get(usize::from(c))
            .copied()
            .unwrap_or("x")
            .to_string(),
    };
    let placeholder = ["40-79", "100-139", "*"];
    html! {
        <>
        <fieldset>
            <legend>{"Skip: the table and its files"}</legend>
            <NumberField label="Rows" value={u64::from(p.rows)} min=1 max={u64::from(MAX_ROWS)} on_commit={param(|p, v| p.rows = v as u32)} />
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
            <NumberField label="Bits per value" value={u64::from(p.value_bits)} min={u64::from(VALUE_BITS_RANGE.0)} max={u64::from(VALUE_BITS_RANGE.1)} on_commit={param(|p, v| p.value_bits = v as u8)} />
            <NumberField label="Rows per file" value={u64::from(p.rows_per_file)} min={u64::from(p.rows.div_ceil(MAX_FILES).max(1))} max={u64::from(MAX_ROWS)} on_commit={param(|p, v| p.rows_per_file = v as u32)} />
            <div class="field">
                <label for="zorder-sort">{"One-column sort by"}</label>
                <select id="zorder-sort" onchange={select(|p, v| p.sort_column = COLUMN_NAMES.iter().position(|n| *n == v).unwrap_or(0) as u8)}>
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
            <NumberField label="Random queries" value={u64::from(p.batch)} min=0 max={u64::from(MAX_BATCH)} on_commit={param(|p, v| p.batch = v as u32)} />
            <NumberField label="Range width %" value={u64::from(p.width_pct)} min=1 max=100 on_commit={param(|p, v| p.width_pct = v as u8)} />
            <div class="field">
                <label for="zorder-kind">{"Query shape"}</label>
                <select id="zorder-kind" onchange={select(|p, v| p.kind = match v {
                    "box" => QueryKind::Box,
                    "mixed" => QueryKind::Mixed,
                    other => COLUMN_NAMES.iter().position(|n| *n == other).map_or(QueryKind::Mixed, |c| QueryKind::Column(c as u8)),
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
                            initial={if c == 0 { "40-79" } else if c == 1 { "100-139" } else { "*" }} describedby="zorder-range-hint" />
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
