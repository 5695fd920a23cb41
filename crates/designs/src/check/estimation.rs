//! Checks of step 2: inputs, units, formulas, and every stated figure against the computed one.

use super::{Sink, Verdict, is_name, verdict};
use crate::estimate::{Evaluation, Plan};
use crate::model::{Design, Estimation, Status};
use std::collections::BTreeMap;

/// Checks inputs, units and formulas; returns the evaluation at document values.
pub(super) fn check_estimation<E: Estimation + ?Sized>(s: &mut Sink, est: &E) -> Evaluation {
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for id in est
        .inputs()
        .iter()
        .map(|i| &i.id)
        .chain(est.figures().iter().map(|f| &f.id))
    {
        *ids.entry(id.as_str()).or_default() += 1;
        if !is_name(id) {
            s.push(
                id.clone(),
                "inputs and figures need ids of the form [a-z][a-z0-9_]*",
            );
        }
        if crate::expr::FUNCTIONS.iter().any(|(n, ..)| n == id) {
            s.push(id.clone(), "must not be a function name");
        }
    }
    for (id, n) in ids {
        if n > 1 {
            s.push(id, "id used more than once among inputs and figures");
        }
    }
    for i in est.inputs() {
        let f = format!("input[{}]", i.id);
        s.nonempty(&format!("{f}.label"), &i.label);
        if !(i.min.is_finite() && i.max.is_finite() && i.value.is_finite()) {
            s.push(&f, "value, min and max must be finite");
        }
        if i.min < 0.0 {
            s.push(
                format!("{f}.min"),
                "must be ≥ 0 (negative inputs are always rejected)",
            );
        }
        if !(i.min <= i.value && i.value <= i.max) {
            s.push(
                &f,
                format!("value {} is outside [{}, {}]", i.value, i.min, i.max),
            );
        }
        if i.integer && i.value.fract() != 0.0 {
            s.push(&f, "integer input with a fractional value");
        }
        if i.stated.trim().is_empty() && i.note.trim().is_empty() {
            s.push(
                &f,
                "needs `stated` (the document's words) or a `note` (a completion)",
            );
        }
    }
    let used: Vec<String> = est
        .figures()
        .iter()
        .filter_map(|f| crate::expr::Formula::parse(&f.formula).ok())
        .flat_map(|f| {
            f.names()
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    for i in est.inputs() {
        if !used.contains(&i.id) {
            s.push(format!("input[{}]", i.id), "no figure uses this input");
        }
    }
    let plan = Plan::new(est);
    for (field, msg) in plan.problems() {
        s.push(field.clone(), msg.clone());
    }
    plan.evaluate(est, &BTreeMap::new())
}

pub(super) fn check_figures(s: &mut Sink, d: &Design, eval: &Evaluation) {
    for (f, v) in d.figures.iter().zip(&eval.figures) {
        let field = format!("figure[{}]", f.id);
        s.nonempty(&format!("{field}.label"), &f.label);
        let Some(value) = v.value else {
            s.push(
                &field,
                format!("does not evaluate: {}", v.error.clone().unwrap_or_default()),
            );
            continue;
        };
        if f.stated.is_none() && f.note.trim().is_empty() {
            s.push(&field, "a completion (no `stated`) needs a `note`");
        }
        if let Some(st) = &f.stated {
            s.nonempty(&format!("{field}.stated.text"), &st.text);
            s.nonempty(&format!("{field}.stated.explanation"), &st.explanation);
            if st.status == Status::Wrong && st.correct_text.trim().is_empty() {
                s.push(
                    format!("{field}.stated"),
                    "a wrong figure needs correct_text",
                );
            }
            if st.status == Status::Ok
                && (st.correct_value.is_some() || !st.correct_text.is_empty())
            {
                s.push(format!("{field}.stated"), "an ok figure has no correction");
            }
        }
        if let Verdict::Inconsistent(msg) = verdict(f, value) {
            s.push(format!("{field}.stated"), msg);
        }
    }
}
