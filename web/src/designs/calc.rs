//! Step 2: the estimation as a live calculator. Inputs are editable numbers with units; every
//! figure recomputes on each keystroke with its formula and the values substituted; the
//! document's stated figure is shown with a badge (matches / wrong, with the correction and the
//! arithmetic / not in the document). A rejected edit shows a message on that field and every
//! figure keeps its last valid value.

use sdp_designs::estimate::{Evaluation, Inputs, Plan};
use sdp_designs::expr::Formula;
use sdp_designs::model::{Design, Estimation, Figure, Framework, Input, Status};
use sdp_designs::units::{Unit, plain};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The estimation a calculator works on: a design's, or the framework's templates.
#[derive(Clone, Copy, Debug)]
pub enum Sheet {
    /// A design walkthrough.
    Design(&'static Design),
    /// The framework section (F0 S1): generic templates with example values.
    Framework(&'static Framework),
}

impl Sheet {
    /// The inputs and figures.
    pub fn est(self) -> &'static dyn Estimation {
        match self {
            Sheet::Design(d) => d,
            Sheet::Framework(f) => f,
        }
    }

    fn addr(self) -> usize {
        match self {
            Sheet::Design(d) => d as *const Design as usize,
            Sheet::Framework(f) => f as *const Framework as usize,
        }
    }

    /// True for the framework's templates (their figures are formulas, not the document's
    /// statements, so no "not in the document" badge).
    pub fn is_framework(self) -> bool {
        matches!(self, Sheet::Framework(_))
    }
}

impl PartialEq for Sheet {
    fn eq(&self, other: &Self) -> bool {
        self.addr() == other.addr()
    }
}

/// What the learner typed: the valid values and errors ([`Inputs`]) plus the raw text of each
/// edited field (kept as typed, so nothing is lost while a value is invalid).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalcState {
    /// Last valid values and per-field errors.
    pub inputs: Inputs,
    /// Text of each field the learner has typed into.
    pub texts: BTreeMap<String, String>,
}

impl CalcState {
    /// A calculator with these overrides (from the URL), in each input's unit.
    pub fn with_values(values: BTreeMap<String, f64>) -> CalcState {
        CalcState {
            inputs: Inputs {
                values,
                errors: BTreeMap::new(),
            },
            texts: BTreeMap::new(),
        }
    }

    /// Applies one keystroke's text to field `id`.
    pub fn edit(&mut self, est: &dyn Estimation, id: &str, text: &str) {
        if est.inputs().iter().any(|i| i.id == id) {
            self.texts.insert(id.to_string(), text.to_string());
            let _ = self.inputs.edit(est, id, text);
        }
    }

    /// Puts field `id` back to the document's value, or every field if `None`.
    pub fn reset(&mut self, id: Option<&str>) {
        match id {
            Some(id) => {
                self.inputs.reset(id);
                self.texts.remove(id);
            }
            None => *self = CalcState::default(),
        }
    }

    /// The text the field for `input` shows.
    pub fn text(&self, input: &Input) -> String {
        self.texts.get(&input.id).cloned().unwrap_or_else(|| {
            plain(
                self.inputs
                    .values
                    .get(&input.id)
                    .copied()
                    .unwrap_or(input.value),
            )
        })
    }
}

/// For each figure (in declaration order), the inputs it depends on, directly or through other
/// figures. Unparseable formulas depend on nothing.
pub fn input_deps(est: &dyn Estimation) -> Vec<BTreeSet<String>> {
    let figures = est.figures();
    let direct: Vec<Vec<String>> = figures
        .iter()
        .map(|f| {
            Formula::parse(&f.formula)
                .map(|p| p.names().into_iter().map(str::to_string).collect())
                .unwrap_or_default()
        })
        .collect();
    let inputs: BTreeSet<&str> = est.inputs().iter().map(|i| i.id.as_str()).collect();
    let mut memo: Vec<Option<BTreeSet<String>>> = vec![None; figures.len()];
    fn visit(
        k: usize,
        figures: &[Figure],
        direct: &[Vec<String>],
        inputs: &BTreeSet<&str>,
        memo: &mut Vec<Option<BTreeSet<String>>>,
        depth: usize,
    ) -> BTreeSet<String> {
        if let Some(Some(done)) = memo.get(k) {
            return done.clone();
        }
        let mut out = BTreeSet::new();
        if depth > figures.len() {
            return out; // a cycle: the estimator reports it; stop here
        }
        for name in direct.get(k).map_or(&[][..], |v| &v[..]) {
            if inputs.contains(name.as_str()) {
                out.insert(name.clone());
            } else if let Some(j) = figures.iter().position(|g| &g.id == name) {
                out.extend(visit(j, figures, direct, inputs, memo, depth + 1));
            }
        }
        if let Some(slot) = memo.get_mut(k) {
            *slot = Some(out.clone());
        }
        out
    }
    (0..figures.len())
        .map(|k| visit(k, figures, &direct, &inputs, &mut memo, 0))
        .collect()
}

/// A document value for display: whole numbers grouped ("1,000,000"), others as written.
pub fn grouped(v: f64) -> String {
    if v.is_finite() && v == v.trunc() && v.abs() < 1e15 {
        let g = sdp_core::fmt::group(v.abs() as u64);
        if v < 0.0 { format!("-{g}") } else { g }
    } else {
        plain(v)
    }
}

/// The document's stated number of `figure`, in its unit ("2.4 km").
pub fn stated_text(figure: &Figure) -> Option<String> {
    let stated = figure.stated.as_ref()?;
    Some(match Unit::parse(&figure.unit) {
        Ok(u) => u.format(u.to_base(stated.value)),
        Err(_) => plain(stated.value),
    })
}

/// DOM id of an input field.
pub fn field_id(input_id: &str) -> String {
    format!("designs-in-{input_id}")
}

/// DOM id of a figure's card.
pub fn figure_dom_id(figure_id: &str) -> String {
    format!("designs-fig-{figure_id}")
}

/// Properties of [`Calculator`].
#[derive(Properties, PartialEq)]
pub struct CalcProps {
    /// What to compute.
    pub sheet: Sheet,
    /// Values, errors and texts.
    pub state: Rc<CalcState>,
    /// A keystroke in a field: (input id, text).
    pub on_edit: Callback<(String, String)>,
    /// Reset one field (`Some(id)`) or all (`None`).
    pub on_reset: Callback<Option<String>>,
}

/// The live calculator.
#[component]
pub fn Calculator(props: &CalcProps) -> Html {
    let sheet = props.sheet;
    let est = sheet.est();
    let plan = use_memo(sheet, |s| Plan::new(s.est()));
    let deps = use_memo(sheet, |s| input_deps(s.est()));
    let values = props.state.inputs.values.clone();
    let eval = use_memo((sheet, values), {
        let plan = plan.clone();
        move |(s, values)| plan.evaluate(s.est(), values)
    });
    let state = &props.state;
    let edited = state.inputs.values.len();
    let fields: Html = est
        .inputs()
        .iter()
        .map(|input| input_field(sheet, input, state, &props.on_edit, &props.on_reset))
        .collect();
    let errors: BTreeMap<&str, &str> = state
        .inputs
        .errors
        .keys()
        .filter_map(|id| {
            est.inputs()
                .iter()
                .find(|i| &i.id == id)
                .map(|i| (i.id.as_str(), i.label.as_str()))
        })
        .collect();
    let figures: Html = est
        .figures()
        .iter()
        .enumerate()
        .map(|(k, fig)| {
            let stale: Vec<&str> = deps
                .get(k)
                .map(|d| {
                    d.iter()
                        .filter_map(|id| errors.get(id.as_str()).copied())
                        .collect()
                })
                .unwrap_or_default();
            figure_card(sheet, fig, &eval, k, &stale)
        })
        .collect();
    let reset_all = props.on_reset.reform(|_: MouseEvent| None);
    let any_error = !state.inputs.errors.is_empty();
    html! {
        <div class="designs-calc">
            <section class="designs-inputs" aria-labelledby="designs-inputs-h">
                <h3 id="designs-inputs-h">{"Inputs"}</h3>
                <p class="hint">{"Type a number: every figure recomputes as you type. Values are in the unit shown next to each field."}</p>
                { fields }
                if edited > 0 || any_error {
                    <button type="button" class="designs-reset-all" onclick={reset_all}>{"Reset all inputs to the document's values"}</button>
                }
            </section>
            <section class="designs-figures" aria-labelledby="designs-figures-h">
                <h3 id="designs-figures-h">{"Derived figures"}</h3>
                if !eval.at_document_values {
                    <p class="designs-banner">{ format!("You changed {edited} input{}: the figures show your values. The document's statements next to them are for its own values.", if edited == 1 { "" } else { "s" }) }</p>
                }
                <ol class="designs-figure-list">{ figures }</ol>
            </section>
        </div>
    }
}

fn input_field(
    sheet: Sheet,
    input: &Input,
    state: &CalcState,
    on_edit: &Callback<(String, String)>,
    on_reset: &Callback<Option<String>>,
) -> Html {
    let id = field_id(&input.id);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let error = state.inputs.errors.get(&input.id);
    let edited = state.inputs.values.contains_key(&input.id) || error.is_some();
    let oninput = {
        let (on_edit, key) = (on_edit.clone(), input.id.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                on_edit.emit((key.clone(), el.value()));
            }
        })
    };
    let reset = {
        let key = input.id.clone();
        on_reset.reform(move |_: MouseEvent| Some(key.clone()))
    };
    let describedby = if error.is_some() {
        format!("{hint_id} {err_id}")
    } else {
        hint_id.clone()
    };
    let document = format!("{} {}", grouped(input.value), input.unit);
    let range = format!(
        "allowed {}–{}{}",
        grouped(input.min),
        grouped(input.max),
        if input.integer { ", whole numbers" } else { "" }
    );
    let not_in_doc = !sheet.is_framework() && input.stated.trim().is_empty();
    html! {
        <div class={classes!("designs-input", error.map(|_| "invalid"), edited.then_some("edited"))} key={input.id.clone()}>
            <label for={id.clone()}>{ &input.label }</label>
            <div class="designs-input-row">
                <input id={id.clone()} type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
                    value={state.text(input)} {oninput}
                    aria-invalid={error.is_some().to_string()} aria-describedby={describedby} />
                <span class="designs-unit">{ &input.unit }</span>
                if edited {
                    <button type="button" class="designs-reset" onclick={reset}
                        aria-label={format!("Reset {} to the document's value", input.label)}>{"↺ document value"}</button>
                }
            </div>
            <p class="designs-hint" id={hint_id}>
                if not_in_doc {
                    <span class="designs-badge designs-nis">{"not in the document"}</span>{" "}
                }
                { if sheet.is_framework() && input.stated.is_empty() { format!("Example: {document}") } else { format!("Document: {document}") } }
                if !input.stated.is_empty() { { format!(" — “{}”", input.stated) } }
                if !input.source.is_empty() { <span class="designs-src">{ format!(" ({})", input.source) }</span> }
                { format!(" · {range}") }
                if !input.note.is_empty() { <span class="designs-note">{ format!(" {}", input.note) }</span> }
            </p>
            if let Some(e) = error {
                <p class="field-error" id={err_id} role="alert">{ format!("{}: {}", input.label, e.message) }</p>
            }
        </div>
    }
}

fn figure_card(sheet: Sheet, fig: &Figure, eval: &Evaluation, k: usize, stale: &[&str]) -> Html {
    let Some(v) = eval.figures.get(k) else {
        return html! {};
    };
    let wrong = matches!(&fig.stated, Some(s) if s.status == Status::Wrong);
    let status = match &fig.stated {
        Some(s) if s.status == Status::Wrong => {
            let doc = stated_text(fig).unwrap_or_default();
            html! {
                <div class="designs-wrong-box">
                    <p><span class="designs-badge designs-bad">{"⚠ the document is wrong"}</span>
                        if !s.catalogue.is_empty() { <span class="designs-src">{ format!(" catalogue {}", s.catalogue) }</span> }</p>
                    <dl>
                        <dt>{"Document says"}</dt><dd><strong class="designs-doc-value">{ doc }</strong>{ format!(" — “{}”", s.text) }
                            if !fig.source.is_empty() { <span class="designs-src">{ format!(" ({})", fig.source) }</span> }</dd>
                        <dt>{"Correct"}</dt><dd><strong class="designs-correct-value">{ &s.correct_text }</strong></dd>
                        <dt>{"Arithmetic"}</dt><dd>{ &s.explanation }</dd>
                    </dl>
                </div>
            }
        }
        Some(s) => html! {
            <div class="designs-ok-box">
                <p><span class="designs-badge designs-ok">{"✓ matches the document"}</span>{" "}
                    <span class="designs-doc">{ format!("“{}”", s.text) }</span>
                    if !fig.source.is_empty() { <span class="designs-src">{ format!(" ({})", fig.source) }</span> }</p>
                <p class="designs-why">{ &s.explanation }</p>
            </div>
        },
        None if sheet.is_framework() => html! {
            <p class="designs-why">
                if !fig.source.is_empty() { <span class="designs-src">{ format!("{} ", fig.source) }</span> }
                { &fig.note }
            </p>
        },
        None => html! {
            <p class="designs-why"><span class="designs-badge designs-nis">{"not in the document"}</span>{" "}
                { fig.note.trim_start_matches("Not in the document:").trim() }</p>
        },
    };
    html! {
        <li class={classes!("designs-figure", wrong.then_some("wrong"), (!stale.is_empty()).then_some("stale"), v.error.as_ref().map(|_| "failed"))}
            id={figure_dom_id(&fig.id)} key={fig.id.clone()}>
            <div class="designs-figure-head">
                <span class="designs-figure-label">{ &fig.label }</span>
                <output class="designs-value">{ &v.text }</output>
            </div>
            <p class="designs-formula">
                <code>{ &v.formula }</code>
                if v.substituted != v.formula {
                    <br /><code class="designs-subst">{ format!("= {}", v.substituted) }</code>
                }
            </p>
            if let Some(e) = &v.error {
                <p class="designs-fig-error" role="status">{ format!("No value: {e}.") }</p>
            }
            if !stale.is_empty() {
                <p class="designs-stale">{ format!("Keeps its last valid value: {} {} an error.", stale.join(", "), if stale.len() == 1 { "has" } else { "have" }) }</p>
            }
            { status }
        </li>
    }
}
