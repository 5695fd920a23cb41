//! The live estimator: evaluates a design's figures in dependency order from its inputs (with
//! the learner's overrides), and validates what the learner types into an input field.
//!
//! ```
//! use std::collections::BTreeMap;
//! use sdp_designs::estimate::{evaluate, Inputs};
//!
//! let design = sdp_designs::design("url-shortener").unwrap();
//! let mut inputs = Inputs::default();
//! inputs.edit(design, "urls_per_day", "200").unwrap(); // 200 M/day
//! assert!(inputs.edit(design, "urls_per_day", "-5").is_err()); // rejected: the 200 stays
//! let eval = evaluate(design, &inputs.values);
//! assert_eq!(eval.figure("write_qps").unwrap().text, "2.31 K/s");
//! ```

use crate::expr::{ExprError, Formula};
use crate::model::{Estimation, Input};
use crate::units::{Unit, plain};
use sdp_kit::lab::ParamError;
use sdp_kit::query::shorten;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most inputs plus figures in one design (keeps evaluation and recursion bounded).
pub const MAX_ENTRIES: usize = 200;

/// A figure ready to evaluate.
#[derive(Clone, Debug)]
struct Planned {
    unit: Result<Unit, String>,
    formula: Result<Formula, ExprError>,
    /// Indexes of the figures it refers to.
    deps: Vec<usize>,
    /// A problem that stops it from being evaluated (unknown name, cycle).
    blocked: Option<String>,
}

/// Parsed formulas and units plus the evaluation order of one estimation.
#[derive(Clone, Debug)]
pub struct Plan {
    input_units: Vec<Result<Unit, String>>,
    figures: Vec<Planned>,
    order: Vec<usize>,
    problems: Vec<(String, String)>,
}

impl Plan {
    /// Parses every unit and formula and orders the figures so that each comes after the
    /// figures it uses. Problems (syntax, unknown names, cycles) are recorded, not fatal: the
    /// affected figures evaluate to an error and the others still work.
    pub fn new<E: Estimation + ?Sized>(est: &E) -> Plan {
        let mut problems = Vec::new();
        let inputs = est.inputs();
        let figures = est.figures();
        if inputs.len() + figures.len() > MAX_ENTRIES {
            problems.push((
                "figures".to_string(),
                format!("more than {MAX_ENTRIES} inputs and figures; the rest are ignored"),
            ));
        }
        let figures = figures
            .get(..MAX_ENTRIES.saturating_sub(inputs.len()).min(figures.len()))
            .unwrap_or(&[]);
        let input_units: Vec<_> = inputs.iter().map(|i| Unit::parse(&i.unit)).collect();
        for (i, u) in inputs.iter().zip(&input_units) {
            if let Err(e) = u {
                problems.push((format!("input[{}].unit", i.id), e.clone()));
            }
        }
        let mut planned: Vec<Planned> = figures
            .iter()
            .map(|f| {
                let unit = Unit::parse(&f.unit);
                if let Err(e) = &unit {
                    problems.push((format!("figure[{}].unit", f.id), e.clone()));
                }
                let formula = Formula::parse(&f.formula);
                let mut deps = Vec::new();
                let mut blocked = None;
                match &formula {
                    Err(e) => {
                        problems.push((format!("figure[{}].formula", f.id), e.to_string()));
                        blocked = Some(format!("formula error: {e}"));
                    }
                    Ok(formula) => {
                        for name in formula.names() {
                            if let Some(j) = figures.iter().position(|g| g.id == name) {
                                deps.push(j);
                            } else if !inputs.iter().any(|i| i.id == name) {
                                let msg = format!("unknown name “{name}”");
                                problems.push((format!("figure[{}].formula", f.id), msg.clone()));
                                blocked = Some(msg);
                            }
                        }
                    }
                }
                Planned {
                    unit,
                    formula,
                    deps,
                    blocked,
                }
            })
            .collect();
        let order = order(figures, &mut planned, &mut problems);
        Plan {
            input_units,
            figures: planned,
            order,
            problems,
        }
    }

    /// Problems found while planning: (field, message). Empty for a sound estimation.
    pub fn problems(&self) -> &[(String, String)] {
        &self.problems
    }

    /// Evaluates every figure. `values` holds overrides of inputs, in each input's own unit;
    /// missing inputs take the document's value. Values are assumed valid (see [`Inputs`]).
    pub fn evaluate<E: Estimation + ?Sized>(
        &self,
        est: &E,
        values: &BTreeMap<String, f64>,
    ) -> Evaluation {
        let inputs: Vec<InputValue> = est
            .inputs()
            .iter()
            .zip(&self.input_units)
            .map(|(i, unit)| {
                let value = values.get(&i.id).copied().unwrap_or(i.value);
                let (base, text) = match unit {
                    Ok(u) => (u.to_base(value), u.format(u.to_base(value))),
                    Err(_) => (value, plain(value)),
                };
                InputValue {
                    id: i.id.clone(),
                    value,
                    base,
                    text,
                    is_default: value == i.value,
                }
            })
            .collect();
        let figures = est.figures();
        let mut results: Vec<Option<Result<f64, String>>> = vec![None; self.figures.len()];
        for &k in &self.order {
            let (Some(p), Some(f)) = (self.figures.get(k), figures.get(k)) else {
                continue;
            };
            results[k] = Some(Self::eval_one(p, f.id.as_str(), figures, &inputs, &results));
        }
        let lookup_text = |name: &str| -> Option<String> {
            if let Some(i) = inputs.iter().find(|i| i.id == name) {
                return Some(i.text.clone());
            }
            let j = figures.iter().position(|g| g.id == name)?;
            let unit = self.figures.get(j)?.unit.as_ref().ok()?;
            match results.get(j)? {
                Some(Ok(v)) => Some(unit.format(*v)),
                _ => None,
            }
        };
        let figure_values = figures
            .iter()
            .zip(&self.figures)
            .enumerate()
            .map(|(k, (f, p))| {
                let result = results.get(k).cloned().flatten().unwrap_or_else(|| {
                    Err(p
                        .blocked
                        .clone()
                        .unwrap_or_else(|| "not evaluated".to_string()))
                });
                let (value, error) = match result {
                    Ok(v) => (Some(v), None),
                    Err(e) => (None, Some(e)),
                };
                let text = match (&value, &p.unit) {
                    (Some(v), Ok(u)) => u.format(*v),
                    (Some(v), Err(_)) => plain(*v),
                    (None, _) => "—".to_string(),
                };
                let substituted = match &p.formula {
                    Ok(formula) => formula.substitute(&lookup_text),
                    Err(_) => f.formula.clone(),
                };
                FigureValue {
                    id: f.id.clone(),
                    value,
                    text,
                    error,
                    formula: f.formula.clone(),
                    substituted,
                }
            })
            .collect();
        Evaluation {
            at_document_values: inputs.iter().all(|i| i.is_default),
            inputs,
            figures: figure_values,
        }
    }

    fn eval_one(
        p: &Planned,
        id: &str,
        figures: &[crate::model::Figure],
        inputs: &[InputValue],
        results: &[Option<Result<f64, String>>],
    ) -> Result<f64, String> {
        if let Some(b) = &p.blocked {
            return Err(b.clone());
        }
        for &d in &p.deps {
            if !matches!(results.get(d), Some(Some(Ok(_)))) {
                let name = figures.get(d).map_or("?", |g| g.id.as_str());
                return Err(format!("needs “{name}”, which has no value"));
            }
        }
        let Ok(formula) = &p.formula else {
            return Err(format!("“{id}” has a formula error"));
        };
        let lookup = |name: &str| -> Option<f64> {
            if let Some(i) = inputs.iter().find(|i| i.id == name) {
                return Some(i.base);
            }
            let j = figures.iter().position(|g| g.id == name)?;
            match results.get(j)? {
                Some(Ok(v)) => Some(*v),
                _ => None,
            }
        };
        formula.eval(&lookup).map_err(|e| e.message)
    }
}

/// Depth-first topological order of the figures, in declaration order where free; figures on
/// a cycle are blocked and reported.
fn order(
    figures: &[crate::model::Figure],
    planned: &mut [Planned],
    problems: &mut Vec<(String, String)>,
) -> Vec<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    fn visit(
        k: usize,
        planned: &[Planned],
        marks: &mut [Mark],
        stack: &mut Vec<usize>,
        out: &mut Vec<usize>,
        cycles: &mut Vec<Vec<usize>>,
    ) {
        marks[k] = Mark::Active;
        stack.push(k);
        for &d in planned.get(k).map_or(&[][..], |p| &p.deps[..]) {
            match marks.get(d) {
                Some(Mark::New) => visit(d, planned, marks, stack, out, cycles),
                Some(Mark::Active) => {
                    let from = stack.iter().position(|&s| s == d).unwrap_or(0);
                    cycles.push(stack.get(from..).unwrap_or(&[]).to_vec());
                }
                _ => {}
            }
        }
        stack.pop();
        marks[k] = Mark::Done;
        out.push(k);
    }
    let mut marks = vec![Mark::New; planned.len()];
    let mut out = Vec::with_capacity(planned.len());
    let mut cycles = Vec::new();
    for k in 0..planned.len() {
        if marks[k] == Mark::New {
            visit(
                k,
                planned,
                &mut marks,
                &mut Vec::new(),
                &mut out,
                &mut cycles,
            );
        }
    }
    for cycle in cycles {
        let names: Vec<&str> = cycle
            .iter()
            .chain(cycle.first())
            .filter_map(|&k| figures.get(k).map(|f| f.id.as_str()))
            .collect();
        let msg = format!("cycle: {}", names.join(" → "));
        for &k in &cycle {
            if let (Some(p), Some(f)) = (planned.get_mut(k), figures.get(k)) {
                p.blocked = Some(msg.clone());
                problems.push((format!("figure[{}].formula", f.id), msg.clone()));
            }
        }
    }
    out
}

/// Evaluates every figure of `est` with input overrides `values` (each in its input's unit).
pub fn evaluate<E: Estimation + ?Sized>(est: &E, values: &BTreeMap<String, f64>) -> Evaluation {
    Plan::new(est).evaluate(est, values)
}

/// The result of one evaluation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Every input, in declaration order.
    pub inputs: Vec<InputValue>,
    /// Every figure, in declaration order (not evaluation order).
    pub figures: Vec<FigureValue>,
    /// True when every input has the document's value (only then do the document's stated
    /// figures apply).
    pub at_document_values: bool,
}

impl Evaluation {
    /// The figure with this id.
    pub fn figure(&self, id: &str) -> Option<&FigureValue> {
        self.figures.iter().find(|f| f.id == id)
    }

    /// The input with this id.
    pub fn input(&self, id: &str) -> Option<&InputValue> {
        self.inputs.iter().find(|i| i.id == id)
    }
}

/// An input's current value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputValue {
    /// Input id.
    pub id: String,
    /// Value in the input's unit (what the field shows).
    pub value: f64,
    /// Value in base units (what formulas see).
    pub base: f64,
    /// Display text with unit ("100 M/day").
    pub text: String,
    /// True when it is the document's value.
    pub is_default: bool,
}

/// A figure's current value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FigureValue {
    /// Figure id.
    pub id: String,
    /// Value in base units, if it could be computed.
    pub value: Option<f64>,
    /// Display text with unit ("1.16 K/s"), or "—".
    pub text: String,
    /// Why there is no value (division by zero, a dependency failed, …).
    pub error: Option<String>,
    /// The formula as written.
    pub formula: String,
    /// The formula with every name replaced by its current display value.
    pub substituted: String,
}

/// What the learner typed into the estimation fields: the last valid value of each edited
/// input and the current error of each field whose last edit was rejected. A rejected edit
/// keeps the previous valid value, so the other figures keep working.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    /// Last valid value per edited input id, in the input's unit. Inputs at the document's
    /// value are not listed.
    pub values: BTreeMap<String, f64>,
    /// The error shown on each field whose last edit was rejected.
    pub errors: BTreeMap<String, ParamError>,
}

impl Inputs {
    /// Applies one edit. A valid value replaces the field's value and clears its error; an
    /// invalid one is recorded as the field's error and the previous valid value stays.
    pub fn edit<E: Estimation + ?Sized>(
        &mut self,
        est: &E,
        id: &str,
        text: &str,
    ) -> Result<f64, ParamError> {
        let Some(input) = est.inputs().iter().find(|i| i.id == id) else {
            return Err(ParamError::new(shorten(id), "unknown input"));
        };
        match parse_input(input, text) {
            Ok(v) => {
                self.errors.remove(id);
                if v == input.value {
                    self.values.remove(id);
                } else {
                    self.values.insert(id.to_string(), v);
                }
                Ok(v)
            }
            Err(e) => {
                self.errors.insert(id.to_string(), e.clone());
                Err(e)
            }
        }
    }

    /// Puts one input back to the document's value.
    pub fn reset(&mut self, id: &str) {
        self.values.remove(id);
        self.errors.remove(id);
    }

    /// The current valid value of input `id` (the document's if not edited).
    pub fn value<E: Estimation + ?Sized>(&self, est: &E, id: &str) -> Option<f64> {
        let input = est.inputs().iter().find(|i| i.id == id)?;
        Some(self.values.get(id).copied().unwrap_or(input.value))
    }
}

/// Reads what the learner typed into an input field, in the input's unit. Accepts digits with
/// `,`, `_` or spaces as thousands separators, a decimal point and an exponent (`1.5e6`).
/// Rejects empty or non-numeric text, negatives, zero where `min > 0`, values outside
/// `[min, max]` and fractions for whole-number inputs, with a message naming the field.
///
/// ```
/// let design = sdp_designs::design("url-shortener").unwrap();
/// let input = design.input("urls_per_day").unwrap();
/// assert_eq!(sdp_designs::estimate::parse_input(input, "1,000").unwrap(), 1000.0);
/// let e = sdp_designs::estimate::parse_input(input, "abc").unwrap_err();
/// assert_eq!(e.field, "urls_per_day");
/// ```
pub fn parse_input(input: &Input, text: &str) -> Result<f64, ParamError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let field = input.id.as_str();
    let allowed = format!(
        "allowed {}–{} {}",
        plain(input.min),
        plain(input.max),
        input.unit
    );
    let allowed = allowed.trim_end();
    if cleaned.is_empty() {
        return Err(ParamError::new(field, format!("enter a number; {allowed}")));
    }
    let Some(v) = cleaned
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && cleaned.chars().any(|c| c.is_ascii_digit()))
    else {
        return Err(ParamError::new(
            field,
            format!(
                "must be a number; {allowed} (got “{}”)",
                shorten(text.trim())
            ),
        ));
    };
    let got = shorten(text.trim());
    let reason = if v < 0.0 {
        Some("must not be negative")
    } else if v == 0.0 && input.min > 0.0 {
        Some("must be more than zero")
    } else if v < input.min {
        Some("is too small")
    } else if v > input.max {
        Some("is too large")
    } else if input.integer && v.fract() != 0.0 {
        Some("must be a whole number")
    } else {
        None
    };
    match reason {
        Some(r) => Err(ParamError::new(
            field,
            format!("{r}; {allowed} (got {got})"),
        )),
        None => Ok(v),
    }
}
