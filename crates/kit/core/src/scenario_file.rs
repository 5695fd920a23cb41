//! Scenario files: a lab's scenario (parameters, seed, actions) and the step on screen as a
//! small versioned JSON file a teacher can download, keep and open again (or hand out).
//!
//! The file holds the same keys and values as the lab's URL, so reading it back goes through the
//! lab's own URL reader ([`Contract::from_query`]) with its field checks. Opening is strict: a
//! file with any problem is refused with every message, and the scenario on screen stays.
//!
//! ```
//! use sdp_kit::scenario_file::{RawFile, ScenarioFile};
//! let file = ScenarioFile {
//!     lab: "hash-ring".into(),
//!     params: vec![("servers".into(), "4".into())],
//!     seed: 7,
//!     actions: vec!["add:cache5".into()],
//!     step: 3,
//! };
//! let json = file.to_json();
//! assert!(json.contains("\"format\": \"sdp-scenario\""));
//! // A JSON reader (the browser's, or serde_json in tests) fills a RawFile; check() validates it.
//! let raw = RawFile {
//!     format: Some("sdp-scenario".into()),
//!     version: Some(1.0),
//!     lab: Some("hash-ring".into()),
//!     params: vec![("servers".into(), "4".into())],
//!     seed: Some("7".into()),
//!     actions: vec!["add:cache5".into()],
//!     step: Some(3.0),
//!     problems: Vec::new(),
//! };
//! assert_eq!(raw.check("hash-ring"), Ok(file));
//! ```

use crate::lab::{Contract, Lab, ParamError, ScenarioOf};
use std::fmt::Write as _;

/// The `format` every scenario file carries.
pub const FORMAT: &str = "sdp-scenario";
/// The version this site writes and reads.
pub const VERSION: u32 = 1;
/// Largest file opened, in bytes (a scenario is a few hundred bytes; the biggest a few KB).
pub const MAX_BYTES: usize = 64 * 1024;
/// Most parameters in a file (no lab has more than a few dozen keys).
pub const MAX_PARAMS: usize = 200;

/// A scenario file's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioFile {
    /// The lab's id.
    pub lab: String,
    /// The URL's keys and values other than `seed` and `a` (the mode among them).
    pub params: Vec<(String, String)>,
    /// The seed.
    pub seed: u64,
    /// The actions, as the URL writes them.
    pub actions: Vec<String>,
    /// The step on screen, 1-based as the counter shows it.
    pub step: usize,
}

impl ScenarioFile {
    /// The file for `scenario` of lab `L` at zero-based step `cursor`.
    pub fn of<L: Lab>(scenario: &ScenarioOf<L>, cursor: usize) -> ScenarioFile {
        ScenarioFile::from_query(L::INFO.id, &L::to_query(scenario), scenario.seed, cursor)
    }

    /// The file for lab `lab`'s scenario as its URL writes it (`query`: [`Contract::to_query`]),
    /// with seed `seed`, at zero-based step `cursor`; for a page that has the query already.
    pub fn from_query(
        lab: &str,
        query: &[(String, String)],
        seed: u64,
        cursor: usize,
    ) -> ScenarioFile {
        let mut params = Vec::new();
        let mut actions = Vec::new();
        for (k, v) in query {
            match k.as_str() {
                "a" => actions.push(v.clone()),
                "seed" => {}
                _ => params.push((k.clone(), v.clone())),
            }
        }
        ScenarioFile {
            lab: lab.to_string(),
            params,
            seed,
            actions,
            step: cursor + 1,
        }
    }

    /// The file as JSON text (stable key order, one key per line).
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\n");
        let _ = writeln!(out, "  \"format\": {},", quoted(FORMAT));
        let _ = writeln!(out, "  \"version\": {VERSION},");
        let _ = writeln!(out, "  \"lab\": {},", quoted(&self.lab));
        out.push_str("  \"params\": {");
        for (i, (k, v)) in self.params.iter().enumerate() {
            let sep = if i == 0 { "" } else { "," };
            let _ = write!(out, "{sep}\n    {}: {}", quoted(k), quoted(v));
        }
        out.push_str(if self.params.is_empty() {
            "},\n"
        } else {
            "\n  },\n"
        });
        // Above 2^53 a JSON number loses digits in a browser: such a seed is written as text.
        if self.seed < 1 << 53 {
            let _ = writeln!(out, "  \"seed\": {},", self.seed);
        } else {
            let _ = writeln!(out, "  \"seed\": \"{}\",", self.seed);
        }
        out.push_str("  \"actions\": [");
        for (i, a) in self.actions.iter().enumerate() {
            let sep = if i == 0 { "" } else { "," };
            let _ = write!(out, "{sep}\n    {}", quoted(a));
        }
        out.push_str(if self.actions.is_empty() {
            "],\n"
        } else {
            "\n  ],\n"
        });
        let _ = writeln!(out, "  \"step\": {}", self.step);
        out.push_str("}\n");
        out
    }

    /// The URL query pairs the file stands for (without the step).
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = self.params.clone();
        pairs.push(("seed".into(), self.seed.to_string()));
        pairs.extend(self.actions.iter().map(|a| ("a".to_string(), a.clone())));
        pairs
    }

    /// The scenario of lab `L` the file holds, through the lab's URL reader; every problem
    /// (a bad value, an unknown key, an action that does not apply) refuses the file.
    pub fn scenario<L: Lab>(&self) -> Result<ScenarioOf<L>, Vec<String>> {
        let (scenario, errors) = L::from_query(&self.pairs());
        if errors.is_empty() {
            Ok(scenario)
        } else {
            Err(errors.iter().map(ParamError::to_string).collect())
        }
    }
}

/// What a JSON reader found in a file, before any check: the browser's `JSON.parse` on the page,
/// `serde_json` in tests. Values of the wrong JSON type are left out and reported in `problems`
/// by the reader ("seed: must be a number").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawFile {
    /// `format`.
    pub format: Option<String>,
    /// `version`.
    pub version: Option<f64>,
    /// `lab`.
    pub lab: Option<String>,
    /// `params`, values as text (a JSON number is read as its text).
    pub params: Vec<(String, String)>,
    /// `seed`, as text.
    pub seed: Option<String>,
    /// `actions`.
    pub actions: Vec<String>,
    /// `step`.
    pub step: Option<f64>,
    /// What the reader could not read.
    pub problems: Vec<String>,
}

impl RawFile {
    /// Checks the file's frame (format, version, lab, seed, step, sizes) for the page of lab
    /// `lab`; the lab's own reader then checks the parameters ([`ScenarioFile::scenario`]).
    #[allow(
        clippy::float_cmp,
        reason = "versions and steps are whole numbers: exact equality is meant"
    )]
    pub fn check(self, lab: &str) -> Result<ScenarioFile, Vec<String>> {
        let mut problems = self.problems;
        if self.format.as_deref() != Some(FORMAT) {
            problems.push(format!(
                "format: must be \"{FORMAT}\" (this is not a scenario file)"
            ));
        }
        match self.version {
            Some(v) if v == f64::from(VERSION) => {}
            Some(v) => problems.push(format!(
                "version: this site reads version {VERSION} (got {v}); download the scenario again"
            )),
            None => problems.push("version: missing".into()),
        }
        match self.lab.as_deref() {
            Some(l) if l == lab => {}
            Some(l) => problems.push(format!(
                "lab: this file is a scenario of the {} lab; open it on that lab's page",
                crate::query::shorten(l)
            )),
            None => problems.push("lab: missing".into()),
        }
        if self.params.len() > MAX_PARAMS {
            problems.push(format!("params: at most {MAX_PARAMS} keys"));
        }
        if self.params.iter().any(|(k, _)| k == "seed" || k == "a") {
            problems.push("params: seed and actions have keys of their own".into());
        }
        let seed = match self.seed.as_deref().map(str::parse::<u64>) {
            Some(Ok(s)) => s,
            Some(Err(_)) => {
                problems.push("seed: must be a whole number from 0".into());
                0
            }
            None => {
                problems.push("seed: missing".into());
                0
            }
        };
        let step = match self.step {
            None => 1,
            Some(s) if s >= 1.0 && s.fract() == 0.0 && s <= 1e9 => {
                usize::try_from(s as u64).unwrap_or(1)
            }
            Some(_) => {
                problems.push("step: must be a whole number from 1".into());
                1
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ScenarioFile {
            lab: lab.to_string(),
            params: self.params,
            seed,
            actions: self.actions,
            step,
        })
    }
}

/// `s` as a JSON string literal.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawFile {
        RawFile {
            format: Some(FORMAT.into()),
            version: Some(1.0),
            lab: Some("x".into()),
            seed: Some("3".into()),
            ..RawFile::default()
        }
    }

    #[test]
    fn json_escapes_and_empty_lists() {
        let f = ScenarioFile {
            lab: "x".into(),
            params: Vec::new(),
            seed: 0,
            actions: vec!["a\"b\\c\u{1}".into()],
            step: 1,
        };
        let json = f.to_json();
        assert!(json.contains("\"params\": {},"), "{json}");
        assert!(json.contains(r#""a\"b\\c\u0001""#), "{json}");
    }

    #[test]
    fn frames_are_checked() {
        assert!(raw().check("x").is_ok());
        let e = raw().check("y").unwrap_err();
        assert!(
            e[0].starts_with("lab: this file is a scenario of the x lab"),
            "{e:?}"
        );
        let mut r = raw();
        r.version = Some(2.0);
        r.format = None;
        r.seed = Some("-1".into());
        r.step = Some(1.5);
        r.params = vec![("a".into(), "add:x".into())];
        assert_eq!(r.check("x").unwrap_err().len(), 5);
    }
}
