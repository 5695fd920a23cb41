//! Consistency checks of design data, run by the data test on every file and available to
//! authors: every problem names the design and the field.

mod content;
mod diagram;
mod estimation;
mod labs;

use crate::model::{Design, Figure, Framework, Status, kebab};
use crate::units::Unit;
use std::fmt;

/// Default relative tolerance for "a stated figure matches the computed one within rounding":
/// 5 %. The documents round to one or two significant figures (1 157 → "1200" is 3.7 % off,
/// 7.3 TB → "7 TB" is 4.1 %); 5 % accepts that and still catches every wrong figure in Part D
/// (the smallest error there is a factor of 5.9).
pub const TOLERANCE: f64 = 0.05;
/// Relative tolerance for a correction of a wrong figure against the computed value: 1 %.
pub const CORRECTION_TOLERANCE: f64 = 0.01;
/// Lines in F0, for source references.
pub const F0_LINES: u32 = 3203;
/// Lines in F4, for source references.
pub const F4_LINES: u32 = 4999;
/// Suffix of an F4 design id whose title F0 already uses ("Rate Limiter" → `rate-limiter-f4`).
pub const F4_SUFFIX: &str = "-f4";

/// A problem in a data file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// Design id (or file stem, or "framework").
    pub design: String,
    /// The field (`figure[write_qps].stated`).
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.design, self.field, self.message)
    }
}

impl std::error::Error for DataError {}

/// How a figure's computed value (at the document's inputs) compares with the document.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Not in the document: a completion.
    NotInSource,
    /// Marked ok and within tolerance.
    Agrees {
        /// Relative difference |stated − computed| / |computed|.
        off_by: f64,
    },
    /// Marked wrong: the stated value is outside tolerance and the correction matches.
    Corrected,
    /// Marked ok but outside tolerance, or marked wrong but the stated value agrees or the
    /// correction does not match: the data is inconsistent.
    Inconsistent(String),
}

fn relative(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        if a == 0.0 { 0.0 } else { f64::INFINITY }
    } else {
        ((a - b) / b).abs()
    }
}

/// Compares a figure's computed base value with what the document states.
pub fn verdict(figure: &Figure, computed: f64) -> Verdict {
    let Some(stated) = &figure.stated else {
        return Verdict::NotInSource;
    };
    let Ok(unit) = Unit::parse(&figure.unit) else {
        return Verdict::Inconsistent(format!("unit “{}” does not parse", figure.unit));
    };
    let tol = figure.tolerance.unwrap_or(TOLERANCE);
    let off = relative(unit.to_base(stated.value), computed);
    match stated.status {
        Status::Ok if off <= tol => Verdict::Agrees { off_by: off },
        Status::Ok => Verdict::Inconsistent(format!(
            "stated {} is {:.1}% away from the computed {} (tolerance {:.0}%)",
            stated.value,
            off * 100.0,
            unit.format(computed),
            tol * 100.0
        )),
        Status::Wrong if off <= tol => Verdict::Inconsistent(format!(
            "marked wrong, but the stated {} is within {:.0}% of the computed {}",
            stated.value,
            tol * 100.0,
            unit.format(computed)
        )),
        Status::Wrong => match stated.correct_value {
            None => Verdict::Inconsistent("marked wrong without correct_value".to_string()),
            Some(c) if relative(unit.to_base(c), computed) <= CORRECTION_TOLERANCE => {
                Verdict::Corrected
            }
            Some(c) => Verdict::Inconsistent(format!(
                "correct_value {c} does not match the computed {} (within {:.0}%)",
                unit.format(computed),
                CORRECTION_TOLERANCE * 100.0
            )),
        },
    }
}

pub(crate) struct Sink<'a> {
    design: &'a str,
    errors: Vec<DataError>,
}

impl Sink<'_> {
    pub(crate) fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(DataError {
            design: self.design.to_string(),
            field: field.into(),
            message: message.into(),
        });
    }

    pub(crate) fn nonempty(&mut self, field: &str, text: &str) {
        if text.trim().is_empty() {
            self.push(field, "must not be empty");
        }
    }
}

pub(crate) fn is_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

pub(crate) fn is_slug(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.ends_with('-')
}

/// Every problem with one design file (`stem` = its file name without `.toml`).
pub fn check_design(d: &Design, stem: &str) -> Vec<DataError> {
    let mut s = Sink {
        design: if d.id.is_empty() { stem } else { &d.id },
        errors: Vec::new(),
    };
    if d.id != stem {
        s.push("id", format!("must equal the file name “{stem}”"));
    }
    let plain = kebab(&d.title);
    let f4_twin = d.source.document == "F4" && d.id == format!("{plain}{F4_SUFFIX}");
    if d.id != plain && !f4_twin {
        s.push(
            "id",
            format!("must be the kebab form of the title: “{plain}”"),
        );
    }
    s.nonempty("summary", &d.summary);
    content::check_source(&mut s, &d.source);
    content::check_requirements(&mut s, &d.requirements, "requirements");
    let eval = estimation::check_estimation(&mut s, d);
    estimation::check_figures(&mut s, d, &eval);
    diagram::check_diagram(&mut s, d);
    diagram::check_flows(&mut s, d);
    content::check_step4(&mut s, d);
    labs::check_mechanisms(&mut s, d);
    content::check_line_refs(&mut s, d);
    content::check_counterpart(&mut s, d);
    s.errors
}

/// Problems between designs: ids must be unique; an F4 id may end in
/// [`F4_SUFFIX`] only when an F0 design has the same title (the other F4 ids are the plain kebab
/// form); a counterpart must name an existing design of the other document, and no design may
/// be claimed as a counterpart twice.
pub fn check_catalog(designs: &[Design]) -> Vec<DataError> {
    let mut errors = Vec::new();
    let mut push = |design: &str, field: &str, message: String| {
        errors.push(DataError {
            design: design.to_string(),
            field: field.to_string(),
            message,
        });
    };
    let find = |id: &str| designs.iter().find(|d| d.id == id);
    for (i, d) in designs.iter().enumerate() {
        if designs[..i].iter().any(|e| e.id == d.id) {
            push(&d.id, "id", "is used by two designs".to_string());
        }
        let plain = kebab(&d.title);
        if d.id != plain && d.id.ends_with(F4_SUFFIX) {
            let f0_has = designs
                .iter()
                .any(|e| e.source.document == "F0" && kebab(&e.title) == plain);
            if !f0_has {
                push(
                    &d.id,
                    "id",
                    format!(
                        "no F0 design is titled “{}”: the id must be “{plain}”",
                        d.title
                    ),
                );
            }
        }
        let Some(c) = &d.counterpart else {
            continue;
        };
        match find(&c.design) {
            None => push(
                &d.id,
                "counterpart.design",
                format!("no design “{}” in the catalogue", c.design),
            ),
            Some(other) if other.source.document == d.source.document => push(
                &d.id,
                "counterpart.design",
                format!(
                    "“{}” is of the same document ({}): a counterpart is the other document's version",
                    c.design, d.source.document
                ),
            ),
            Some(other) if other.counterpart.is_some() => push(
                &d.id,
                "counterpart.design",
                format!(
                    "“{}” has a counterpart of its own: write the pair in one file only",
                    c.design
                ),
            ),
            Some(_) => {}
        }
        if designs[..i]
            .iter()
            .any(|e| e.counterpart.as_ref().is_some_and(|o| o.design == c.design))
        {
            push(
                &d.id,
                "counterpart.design",
                format!("“{}” is already another design's counterpart", c.design),
            );
        }
    }
    errors
}

/// Every problem with the framework file.
pub fn check_framework(fw: &Framework) -> Vec<DataError> {
    let mut s = Sink {
        design: "framework",
        errors: Vec::new(),
    };
    if fw.steps.len() != 4 {
        s.push("step", "the framework has four steps");
    }
    content::check_requirements(&mut s, &fw.checklist, "checklist");
    {
        let eval = estimation::check_estimation(&mut s, fw);
        for (f, v) in fw.figures.iter().zip(&eval.figures) {
            if v.value.is_none() {
                s.push(format!("figure[{}]", f.id), "does not evaluate");
            }
        }
    }
    if fw.building_blocks.is_empty() || fw.tradeoffs.is_empty() {
        s.push(
            "framework",
            "needs its building blocks and trade-offs tables",
        );
    }
    s.errors
}
