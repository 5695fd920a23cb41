//! Step 2: the estimation as a live calculator. Inputs are editable numbers with units; every
//! figure recomputes on each keystroke with its formula and the values substituted; the
//! document's stated figure is shown with a badge (matches / wrong, with the correction and the
//! arithmetic / not in the document). A rejected edit shows a message on that field and every
//! figure keeps its last valid value. The state and the texts are
//! [`crate::layout::calc`]'s.

use super::sections::src_note;
use crate::estimate::{Evaluation, Plan};
use crate::layout::calc::{
    CalcState, changed_text, document_text, field_id, figure_dom_id, input_deps, range_text,
    stale_labels, stale_text, stated_text,
};
use crate::model::{Design, Estimation, Figure, Framework, Input, Status};
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
            Sheet::Design(d) => std::ptr::from_ref(d) as usize,
            Sheet::Framework(f) => std::ptr::from_ref(f) as usize,
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
    let stale = stale_labels(est, &deps, state);
    let figures: Html = est
        .figures()
        .iter()
        .enumerate()
        .map(|(k, fig)| {
            let labels = stale.get(k).map_or(&[][..], |v| &v[..]);
            figure_card(sheet, fig, &eval, k, labels)
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
                    <p class="designs-banner">{ changed_text(edited) }</p>
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
                { document_text(input, sheet.is_framework()) }
                if !input.stated.is_empty() { { format!(" — “{}”", input.stated) } }
                { src_note(&input.source) }
                { range_text(input) }
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
                            { src_note(&fig.source) }</dd>
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
                    { src_note(&fig.source) }</p>
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
                <p class="designs-stale">{ stale_text(stale) }</p>
            }
            { status }
        </li>
    }
}
