//! Design walkthroughs: the 21 designs of F0 ("System Design Interview Guide", Q1–Q16 and
//! DP11–DP15) as data, with a live estimator and request flows for the player.
//!
//! Each design is a TOML file in `designs/<id>.toml`, embedded at build time (`build.rs` lists
//! the directory, so adding a design is adding a file; FORMAT.md documents the format). The
//! framework section of F0 (S1, the four-step frame every walkthrough follows) is
//! `framework.toml`. `build.rs` parses the files into the compact form of [`codec`], decoded once,
//! on first use; nothing is fetched at run time.
//!
//! * [`designs`], [`design`], [`lookup`], [`index`]: the walkthroughs and the index by theme.
//! * [`light`], [`light_index`]: the index without the catalogue, for the `home` bundle.
//! * [`estimate`]: the live calculator (inputs → figures, with validation of typed values).
//! * [`flow`]: a request flow as a [`sdp_kit::lab::Trace`] of [`flow::FlowState`] steps.
//! * [`url`]: routes `#/designs`, `#/design/<id>` and the page's query (`flow`, `in.<input>`).
//! * [`catalogue`]: mechanism names and the labs that show them (from `sdp_registry`).
//! * [`layout`]: what the view draws, computed natively (diagram geometry, calculator state).
//! * [`check`]: the consistency checks the data test runs on every file.
//! * `view` (feature `view`): the walkthrough pages, the `designs` bundle's app.
//!
//! ```
//! let design = sdp_designs::design("url-shortener").unwrap();
//! assert_eq!(design.title, "URL Shortener");
//! assert_eq!(sdp_designs::designs().len(), 21);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![allow(
    clippy::float_cmp,
    reason = "an estimation input equal to the document's value, exactly, is the default and is \
              not written to the URL; inputs are parsed, never computed, so exact equality is meant"
)]

pub mod catalogue;
pub mod check;
pub mod codec;
pub mod estimate;
pub mod expr;
pub mod flow;
#[cfg(feature = "index")]
pub mod index_view;
pub mod layout;
pub mod light;
pub mod model;
pub mod units;
pub mod url;
#[cfg(feature = "view")]
pub mod view;

pub use light::light_index;
pub use model::{Design, Framework, Theme};

/// The styles of the design index (the `home` bundle's `#/designs`, and the index on the
/// `designs` bundle's pages): `index.css`.
pub const INDEX_STYLE: &str = include_str!("../index.css");

use check::DataError;
use std::sync::OnceLock;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/designs.rs"));
}

/// The framework file's text.
const FRAMEWORK: &str = include_str!("../framework.toml");

/// Every file in the compact form of [`codec`], written by `build.rs`.
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));

/// The embedded catalogue in the compact form of [`codec`] (what [`catalog`] reads).
pub fn blob() -> &'static [u8] {
    BLOB
}

/// Every embedded design file: (file stem, TOML text), sorted by file name.
pub fn sources() -> &'static [(&'static str, &'static str)] {
    embedded::SOURCES
}

/// The framework file's TOML text.
pub fn framework_source() -> &'static str {
    FRAMEWORK
}

/// Everything loaded from the embedded files.
#[derive(Debug)]
pub struct Catalog {
    /// Designs that parsed, in the document's order (by first source line).
    pub designs: Vec<Design>,
    /// The framework, if it parsed.
    pub framework: Option<Framework>,
    /// Files that did not parse (the data test requires none).
    pub errors: Vec<DataError>,
}

/// Parses one design file. The error names the file.
pub fn parse_design(stem: &str, text: &str) -> Result<Design, DataError> {
    toml::from_str(text).map_err(|e| DataError {
        design: stem.to_string(),
        field: "file".to_string(),
        message: e.to_string(),
    })
}

/// Parses the framework file.
pub fn parse_framework(text: &str) -> Result<Framework, DataError> {
    toml::from_str(text).map_err(|e| DataError {
        design: "framework".to_string(),
        field: "file".to_string(),
        message: e.to_string(),
    })
}

/// The catalogue, decoded on first use from the compact form `build.rs` wrote (the same data
/// as parsing every file with [`parse_design`] and [`parse_framework`]: the `codec` test checks
/// it). Reading it needs no TOML parser, which keeps the web build small.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| from_blob(BLOB))
}

/// A catalogue from the compact form; broken bytes give an empty catalogue with the error.
pub fn from_blob(bytes: &[u8]) -> Catalog {
    let blob = match codec::Blob::decode(bytes) {
        Ok(b) => b,
        Err(message) => {
            return Catalog {
                designs: Vec::new(),
                framework: None,
                errors: vec![DataError {
                    design: "catalogue".to_string(),
                    field: "embedded".to_string(),
                    message,
                }],
            };
        }
    };
    let mut designs: Vec<Design> = blob.designs.into_iter().map(|(_, d)| d).collect();
    let mut errors: Vec<DataError> = blob
        .errors
        .into_iter()
        .map(|(stem, message)| DataError {
            design: stem,
            field: "file".to_string(),
            message,
        })
        .collect();
    designs.sort_by_key(|d| (d.source.lines[0], d.id.clone()));
    let framework = match blob.framework {
        Ok(f) => Some(f),
        Err(message) => {
            errors.push(DataError {
                design: "framework".to_string(),
                field: "file".to_string(),
                message,
            });
            None
        }
    };
    Catalog {
        designs,
        framework,
        errors,
    }
}

/// The catalogue parsed from the TOML text of every file (what `build.rs` encodes); for tests
/// and tools, the web build does not call it.
pub fn parse_catalog() -> Catalog {
    let mut designs = Vec::new();
    let mut errors = Vec::new();
    for (stem, text) in sources() {
        match parse_design(stem, text) {
            Ok(d) => designs.push(d),
            Err(e) => errors.push(e),
        }
    }
    designs.sort_by_key(|d| (d.source.lines[0], d.id.clone()));
    let framework = match parse_framework(FRAMEWORK) {
        Ok(f) => Some(f),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    Catalog {
        designs,
        framework,
        errors,
    }
}

/// Every design, in the document's order.
pub fn designs() -> &'static [Design] {
    &catalog().designs
}

/// The design with this id.
pub fn design(id: &str) -> Option<&'static Design> {
    designs().iter().find(|d| d.id == id)
}

/// The designs before and after `design`, in the document's order.
pub fn neighbours(design: &Design) -> (Option<&'static Design>, Option<&'static Design>) {
    let all = designs();
    let Some(i) = all.iter().position(|d| d.id == design.id) else {
        return (None, None);
    };
    (i.checked_sub(1).and_then(|j| all.get(j)), all.get(i + 1))
}

/// The framework section (F0 S1).
pub fn framework() -> Option<&'static Framework> {
    catalog().framework.as_ref()
}

/// A design id that does not exist, with the closest ids for a friendly page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotFound {
    /// The id asked for.
    pub id: String,
    /// Up to three existing ids that look like it, best first.
    pub suggestions: Vec<&'static str>,
}

/// The design with this id, or the closest existing ids.
///
/// ```
/// let e = sdp_designs::lookup("url-shortner").unwrap_err();
/// assert_eq!(e.suggestions[0], "url-shortener");
/// ```
pub fn lookup(id: &str) -> Result<&'static Design, NotFound> {
    if let Some(d) = design(id) {
        return Ok(d);
    }
    let probe: String = id.chars().take(80).collect::<String>().to_lowercase();
    let mut scored: Vec<(usize, &'static str)> = designs()
        .iter()
        .map(|d| {
            let contains = !probe.is_empty() && (d.id.contains(&probe) || probe.contains(&d.id));
            let dist = if contains {
                0
            } else {
                edit_distance(&probe, &d.id)
            };
            (dist, d.id.as_str())
        })
        .filter(|(dist, id)| *dist <= id.len() / 2)
        .collect();
    scored.sort_unstable();
    Err(NotFound {
        id: id.to_string(),
        suggestions: scored.into_iter().take(3).map(|(_, id)| id).collect(),
    })
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let cur = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let v = (prev + usize::from(ca != *cb)).min(cur + 1).min(left + 1);
            if let Some(slot) = row.get_mut(j + 1) {
                *slot = v;
            }
            prev = cur;
        }
    }
    row.last().copied().unwrap_or(0)
}

/// True when every word of `filter` (case-insensitive) occurs in the design's title,
/// subtitle, id, summary, theme or mechanism names. An empty filter matches everything.
pub fn matches(design: &Design, filter: &str) -> bool {
    light::haystack::matches_words(&light::haystack::haystack(design), filter)
}

/// The index: themes in display order, each with its designs (document order) that match
/// `filter`; themes with no match are left out.
///
/// ```
/// let groups = sdp_designs::index("geohash");
/// let ids: Vec<&str> = groups.iter().flat_map(|(_, ds)| ds.iter().map(|d| d.id.as_str())).collect();
/// assert!(ids.contains(&"proximity-service"));
/// ```
pub fn index(filter: &str) -> Vec<(Theme, Vec<&'static Design>)> {
    Theme::ALL
        .iter()
        .map(|&t| {
            let ds: Vec<&'static Design> = designs()
                .iter()
                .filter(|d| d.theme == t && matches(d, filter))
                .collect();
            (t, ds)
        })
        .filter(|(_, ds)| !ds.is_empty())
        .collect()
}
