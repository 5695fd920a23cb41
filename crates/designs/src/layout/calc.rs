//! The live calculator's state and what its cards show, computed natively: the text of every
//! field as typed, the last valid values and errors, which inputs each figure depends on (so a
//! figure can say it keeps its last valid value while one of them has an error), and the
//! document's numbers as they are displayed.

use crate::estimate::Inputs;
use crate::expr::Formula;
use crate::model::{Estimation, Figure, Input};
use crate::units::{Unit, plain};
use std::collections::{BTreeMap, BTreeSet};

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
    (0..figures.len())
        .map(|k| visit(k, figures, &direct, &inputs, &mut memo, 0))
        .collect()
}

/// A document value for display: whole numbers grouped ("1,000,000"), others as written.
pub fn grouped(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        let g = sdp_kit::fmt::group(v.abs() as u64);
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

/// For each figure (declaration order), the labels of the inputs it depends on that have an
/// error now: the figure keeps its last valid value because of them.
pub fn stale_labels<'a>(
    est: &'a dyn Estimation,
    deps: &[BTreeSet<String>],
    state: &CalcState,
) -> Vec<Vec<&'a str>> {
    let errors: BTreeMap<&str, &str> = est
        .inputs()
        .iter()
        .filter(|i| state.inputs.errors.contains_key(&i.id))
        .map(|i| (i.id.as_str(), i.label.as_str()))
        .collect();
    (0..est.figures().len())
        .map(|k| {
            deps.get(k)
                .map(|d| {
                    d.iter()
                        .filter_map(|id| errors.get(id.as_str()).copied())
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect()
}

/// "Document: 100 M/day" (or "Example: …" for a framework template the document gives no
/// number for).
pub fn document_text(input: &Input, framework: bool) -> String {
    let document = format!("{} {}", grouped(input.value), input.unit);
    if framework && input.stated.is_empty() {
        format!("Example: {document}")
    } else {
        format!("Document: {document}")
    }
}

/// " · allowed 1–1,000,000, whole numbers".
pub fn range_text(input: &Input) -> String {
    format!(
        " · allowed {}–{}{}",
        grouped(input.min),
        grouped(input.max),
        if input.integer { ", whole numbers" } else { "" }
    )
}

/// "You changed 2 inputs: …" (the banner over the figures when they are not the document's).
pub fn changed_text(edited: usize) -> String {
    format!(
        "You changed {edited} input{}: the figures show your values. The document's statements next to them are for its own values.",
        if edited == 1 { "" } else { "s" }
    )
}

/// "Keeps its last valid value: A has an error." for the labels of [`stale_labels`].
pub fn stale_text(labels: &[&str]) -> String {
    format!(
        "Keeps its last valid value: {} {} an error.",
        labels.join(", "),
        if labels.len() == 1 { "has" } else { "have" }
    )
}
