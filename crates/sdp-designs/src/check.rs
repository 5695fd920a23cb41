//! Consistency checks of design data, run by the data test on every file and available to
//! authors: every problem names the design and the field.

use crate::catalogue::{lab, lab_for, mechanism_name};
use crate::estimate::{Evaluation, Plan};
use crate::model::{Design, Estimation, Figure, Framework, GRID_COLS, GRID_ROWS, Status, kebab};
use crate::units::Unit;
use std::collections::BTreeMap;
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

struct Sink<'a> {
    design: &'a str,
    errors: Vec<DataError>,
}

impl Sink<'_> {
    fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(DataError {
            design: self.design.to_string(),
            field: field.into(),
            message: message.into(),
        });
    }

    fn nonempty(&mut self, field: &str, text: &str) {
        if text.trim().is_empty() {
            self.push(field, "must not be empty");
        }
    }
}

fn is_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn is_slug(s: &str) -> bool {
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
    if d.id != kebab(&d.title) {
        s.push(
            "id",
            format!("must be the kebab form of the title: “{}”", kebab(&d.title)),
        );
    }
    s.nonempty("summary", &d.summary);
    check_source(&mut s, &d.source);
    check_requirements(&mut s, &d.requirements, "requirements");
    let eval = check_estimation(&mut s, d);
    if let Some(eval) = eval {
        check_figures(&mut s, d, &eval);
    }
    check_diagram(&mut s, d);
    check_flows(&mut s, d);
    check_step4(&mut s, d);
    check_mechanisms(&mut s, d);
    check_line_refs(&mut s, d);
    s.errors
}

/// Every line number written as `l.N` (also `l.N–M`, `l.N-M`) in `text`.
fn line_refs(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("l.") {
        let prev = text.get(..i).and_then(|t| t.chars().last());
        if prev.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        let rest = text.get(i + 2..).unwrap_or("");
        let mut nums = rest.split(|c: char| !c.is_ascii_digit());
        if let Some(n) = nums.next().and_then(|n| n.parse().ok()) {
            out.push(n);
            let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            if let Some(range) = after.strip_prefix('–').or_else(|| after.strip_prefix('-')) {
                let m: String = range.chars().take_while(char::is_ascii_digit).collect();
                if let Ok(m) = m.parse() {
                    out.push(m);
                }
            }
        }
    }
    out
}

/// Line references must point into the design's own section.
fn check_line_refs(s: &mut Sink, d: &Design) {
    let [first, last] = d.source.lines;
    let mut refs: Vec<(String, &str)> =
        vec![("requirements.source".into(), &d.requirements.source)];
    refs.extend(
        d.inputs
            .iter()
            .map(|i| (format!("input[{}].source", i.id), i.source.as_str())),
    );
    refs.extend(
        d.figures
            .iter()
            .map(|f| (format!("figure[{}].source", f.id), f.source.as_str())),
    );
    refs.extend(
        d.flows
            .iter()
            .map(|f| (format!("flow[{}].source", f.id), f.source.as_str())),
    );
    refs.extend(
        d.notes
            .iter()
            .enumerate()
            .map(|(k, n)| (format!("note[{k}].document_says"), n.document_says.as_str())),
    );
    for (field, text) in refs {
        for n in line_refs(text) {
            if n < first || n > last {
                s.push(
                    &field,
                    format!("l.{n} is outside the section (l.{first}–{last})"),
                );
            }
        }
    }
}

fn check_source(s: &mut Sink, src: &crate::model::Source) {
    if src.document != "F0" {
        s.push(
            "source.document",
            "this crate holds F0 designs: must be “F0”",
        );
    }
    s.nonempty("source.heading", &src.heading);
    s.nonempty("source.catalogue", &src.catalogue);
    let [a, b] = src.lines;
    if a == 0 || a > b || b > F0_LINES {
        s.push(
            "source.lines",
            format!("must be 1 ≤ first ≤ last ≤ {F0_LINES}"),
        );
    }
}

fn check_requirements(s: &mut Sink, r: &crate::model::Requirements, field: &str) {
    if r.functional.is_empty() {
        s.push(
            format!("{field}.functional"),
            "must list at least one requirement",
        );
    }
    if r.non_functional.is_empty() {
        s.push(
            format!("{field}.non_functional"),
            "must list at least one requirement",
        );
    }
    for item in r.functional.iter().chain(&r.non_functional).chain(&r.scale) {
        s.nonempty(field, item);
    }
    s.nonempty(&format!("{field}.source"), &r.source);
}

/// Checks inputs, units and formulas; returns the evaluation at document values if it planned.
fn check_estimation<E: Estimation + ?Sized>(s: &mut Sink, est: &E) -> Option<Evaluation> {
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
                id.to_string(),
                "inputs and figures need ids of the form [a-z][a-z0-9_]*",
            );
        }
        if crate::expr::FUNCTIONS.iter().any(|(n, ..)| n == id) {
            s.push(id.to_string(), "must not be a function name");
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
    Some(plan.evaluate(est, &BTreeMap::new()))
}

fn check_figures(s: &mut Sink, d: &Design, eval: &Evaluation) {
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

fn check_diagram(s: &mut Sink, d: &Design) {
    let mut seen: Vec<&str> = Vec::new();
    let mut cells: Vec<[u8; 2]> = Vec::new();
    for c in &d.components {
        let f = format!("component[{}]", c.id);
        if !is_slug(&c.id) {
            s.push(&f, "component ids are [a-z][a-z0-9-]*");
        }
        if seen.contains(&c.id.as_str()) {
            s.push(&f, "duplicate component id");
        }
        seen.push(&c.id);
        s.nonempty(&format!("{f}.label"), &c.label);
        let [col, row] = c.pos;
        if col >= GRID_COLS || row >= GRID_ROWS {
            s.push(
                format!("{f}.pos"),
                format!("must be within {GRID_COLS} × {GRID_ROWS}"),
            );
        }
        if cells.contains(&c.pos) {
            s.push(format!("{f}.pos"), "two components share this grid cell");
        }
        cells.push(c.pos);
    }
    if d.components.len() < 3 {
        s.push("component", "a diagram needs at least three components");
    }
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for (k, e) in d.edges.iter().enumerate() {
        for end in [&e.from, &e.to] {
            if d.component(end).is_none() {
                s.push(format!("edge[{k}]"), format!("no component “{end}”"));
            }
        }
        if e.from == e.to {
            s.push(
                format!("edge[{k}]"),
                "an edge joins two different components",
            );
        }
        let key = if e.from < e.to {
            (e.from.as_str(), e.to.as_str())
        } else {
            (e.to.as_str(), e.from.as_str())
        };
        if pairs.contains(&key) {
            s.push(format!("edge[{k}]"), "duplicate edge");
        }
        pairs.push(key);
    }
    for (k, e) in d.edges.iter().enumerate() {
        let (Some(a), Some(b)) = (d.component(&e.from), d.component(&e.to)) else {
            continue;
        };
        for c in &d.components {
            if c.id != a.id && c.id != b.id && on_segment(a.pos, b.pos, c.pos) {
                s.push(
                    format!("edge[{k}]"),
                    format!(
                        "the line {} – {} runs through “{}”; move a box",
                        a.id, b.id, c.id
                    ),
                );
            }
        }
    }
    for c in &d.components {
        if !d.edges.iter().any(|e| e.from == c.id || e.to == c.id) {
            s.push(
                format!("component[{}]", c.id),
                "is not connected by any edge",
            );
        }
    }
}

/// True when grid cell `c` lies on the segment from `a` to `b` (endpoints excluded).
fn on_segment(a: [u8; 2], b: [u8; 2], c: [u8; 2]) -> bool {
    let [ax, ay] = a.map(i32::from);
    let [bx, by] = b.map(i32::from);
    let [cx, cy] = c.map(i32::from);
    let cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    let dot = (cx - ax) * (bx - ax) + (cy - ay) * (by - ay);
    let len2 = (bx - ax).pow(2) + (by - ay).pow(2);
    cross == 0 && dot > 0 && dot < len2
}

fn check_flows(s: &mut Sink, d: &Design) {
    if d.flows.len() < 2 {
        s.push("flow", "a walkthrough needs at least two flows");
    }
    let mut ids: Vec<&str> = Vec::new();
    for fl in &d.flows {
        let f = format!("flow[{}]", fl.id);
        if !is_slug(&fl.id) {
            s.push(&f, "flow ids are [a-z][a-z0-9-]*");
        }
        if ids.contains(&fl.id.as_str()) {
            s.push(&f, "duplicate flow id");
        }
        ids.push(&fl.id);
        s.nonempty(&format!("{f}.title"), &fl.title);
        s.nonempty(&format!("{f}.summary"), &fl.summary);
        if fl.steps.len() < 2 {
            s.push(&f, "a flow needs at least two steps");
        }
        for (k, st) in fl.steps.iter().enumerate() {
            let sf = format!("{f}.step[{k}]");
            for end in [&st.from, &st.to] {
                if d.component(end).is_none() {
                    s.push(&sf, format!("no component “{end}”"));
                }
            }
            if st.from == st.to {
                s.push(&sf, "a message goes between two different components");
            }
            let joined = d.edges.iter().any(|e| {
                (e.from == st.from && e.to == st.to) || (e.from == st.to && e.to == st.from)
            });
            if !joined && st.from != st.to {
                s.push(&sf, format!("no edge joins “{}” and “{}”", st.from, st.to));
            }
            s.nonempty(&format!("{sf}.message"), &st.message);
            let n = st.narration.trim();
            if n.is_empty() || !(n.ends_with('.') || n.ends_with('!') || n.ends_with('?')) {
                s.push(&sf, "narration is one sentence ending with a full stop");
            }
        }
    }
}

fn check_step4(s: &mut Sink, d: &Design) {
    if d.deep_dive.is_empty() {
        s.push("deep_dive", "needs at least one deep-dive point");
    }
    for (k, p) in d.deep_dive.iter().enumerate() {
        s.nonempty(&format!("deep_dive[{k}].title"), &p.title);
        s.nonempty(&format!("deep_dive[{k}].text"), &p.text);
        for m in &p.mechanisms {
            if mechanism_name(m).is_none() {
                s.push(
                    format!("deep_dive[{k}].mechanisms"),
                    format!("unknown mechanism “{m}”"),
                );
            }
        }
    }
    if d.tradeoffs.is_empty() {
        s.push("tradeoff", "needs at least one trade-off");
    }
    for (k, t) in d.tradeoffs.iter().enumerate() {
        s.nonempty(&format!("tradeoff[{k}].decision"), &t.decision);
        s.nonempty(&format!("tradeoff[{k}].text"), &t.text);
        if t.options.len() < 2 {
            s.push(
                format!("tradeoff[{k}].options"),
                "needs at least two options",
            );
        }
    }
    for (k, n) in d.notes.iter().enumerate() {
        for (name, text) in [
            ("title", &n.title),
            ("document_says", &n.document_says),
            ("correct", &n.correct),
            ("why", &n.why),
        ] {
            s.nonempty(&format!("note[{k}].{name}"), text);
        }
    }
    for (k, m) in d.data_model.iter().enumerate() {
        s.nonempty(&format!("data_model[{k}].name"), &m.name);
        s.nonempty(&format!("data_model[{k}].fields"), &m.fields);
    }
}

fn check_mechanisms(s: &mut Sink, d: &Design) {
    for m in &d.mechanisms {
        if mechanism_name(m).is_none() {
            s.push("mechanisms", format!("unknown mechanism “{m}”"));
        }
    }
    for (k, l) in d.labs.iter().enumerate() {
        let f = format!("lab[{k}]");
        let Some(entry) = lab(&l.lab) else {
            s.push(&f, format!("unknown lab “{}”", l.lab));
            continue;
        };
        s.nonempty(&format!("{f}.label"), &l.label);
        if l.covers.is_empty() {
            s.push(&f, "covers at least one mechanism");
        }
        for m in &l.covers {
            if !d.mechanisms.contains(m) {
                s.push(
                    &f,
                    format!("covers {m}, which is not in the design's mechanisms"),
                );
            }
            if !entry.covers.contains(&m.as_str()) {
                s.push(&f, format!("lab {} does not show {m}", l.lab));
            }
        }
        if l.query.starts_with('?') || l.query.contains('#') {
            s.push(format!("{f}.query"), "a query string without “?” or “#”");
        }
    }
    for m in &d.mechanisms {
        if let Some(entry) = lab_for(m) {
            let linked = d
                .labs
                .iter()
                .any(|l| l.lab == entry.id && l.covers.contains(m));
            if !linked {
                s.push(
                    "lab",
                    format!("{m} has a lab ({}) but no link covers it", entry.id),
                );
            }
        }
    }
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
    check_requirements(&mut s, &fw.checklist, "checklist");
    if let Some(eval) = check_estimation(&mut s, fw) {
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
