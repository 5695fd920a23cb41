//! Checks of the text: source references, requirements, the deep dive and trade-offs.

use super::Sink;
use crate::catalogue::mechanism_name;
use crate::model::{DOCUMENTS, Design, document_lines};

/// Every line number written as `l.N` (also `l.N–M`, `l.N-M`) in `text`.
fn line_refs(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("l.") {
        let prev = text.get(..i).and_then(|t| t.chars().last());
        if prev.is_some_and(char::is_alphanumeric) {
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
pub(super) fn check_line_refs(s: &mut Sink, d: &Design) {
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

pub(super) fn check_source(s: &mut Sink, src: &crate::model::Source) {
    let Some(lines) = document_lines(&src.document) else {
        let tags: Vec<&str> = DOCUMENTS.iter().map(|(t, _, _)| *t).collect();
        s.push(
            "source.document",
            format!("must be one of {}", tags.join(", ")),
        );
        return;
    };
    s.nonempty("source.heading", &src.heading);
    s.nonempty("source.catalogue", &src.catalogue);
    if !src.catalogue.starts_with(&format!("{}-", src.document)) {
        s.push(
            "source.catalogue",
            format!("must start with “{}-”", src.document),
        );
    }
    let [a, b] = src.lines;
    if a == 0 || a > b || b > lines {
        s.push(
            "source.lines",
            format!(
                "must be 1 ≤ first ≤ last ≤ {lines} (the length of {})",
                src.document
            ),
        );
    }
}

pub(super) fn check_requirements(s: &mut Sink, r: &crate::model::Requirements, field: &str) {
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

pub(super) fn check_step4(s: &mut Sink, d: &Design) {
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

/// The counterpart's own fields (whether the other design exists is [`super::check_catalog`]).
pub(super) fn check_counterpart(s: &mut Sink, d: &Design) {
    let Some(c) = &d.counterpart else {
        return;
    };
    if c.design == d.id {
        s.push("counterpart.design", "must name another design");
    }
    if c.differences.is_empty() {
        s.push("counterpart.difference", "needs at least one difference");
    }
    for (k, row) in c.differences.iter().enumerate() {
        for (name, text) in [
            ("topic", &row.topic),
            ("here", &row.here),
            ("there", &row.there),
        ] {
            s.nonempty(&format!("counterpart.difference[{k}].{name}"), text);
        }
    }
}
