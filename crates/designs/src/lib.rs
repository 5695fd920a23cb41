//! Design walkthroughs: the 21 designs of F0 ("System Design Interview Guide", Q1–Q16 and
//! DP11–DP15) and the 23 sections of F4 ("Complete System Design Interview Solutions", §1–§23)
//! as data, with a live estimator and request flows for the player. Designs are ordered by
//! document, then by first line ([`model::Design::order_key`]).
//!
//! Each design is a TOML file in `designs/<id>.toml`, embedded at build time (`build.rs` lists
//! the directory, so adding a design is adding a file; FORMAT.md documents the format). The
//! framework section of F0 (S1, the four-step frame every walkthrough follows) is
//! `framework.toml`. `build.rs` parses the files into the compact form of [`codec`].
//!
//! Where the data lives:
//! * Native builds (tests, checks, tools, native benches) embed the whole catalogue
//!   (`$OUT_DIR/catalog.bin`), decoded once on first use: [`designs`], [`design`], [`catalog`].
//!   On wasm32 these exist only with feature `embed` (browser tests and benchmarks).
//! * The web page (`designs` bundle) embeds none of it: when a `#/design/<id>` route opens it
//!   fetches that design's file, `static/data/designs/<id>.bin` (the framework page
//!   `framework.bin`), one value in the compact form ([`codec::encode_design`]), with
//!   [`light::data_url`]. The files are generated and committed; the `data_files` test fails
//!   when they differ from the TOML (`SDP_WRITE_DOCS=1 cargo test -p sdp-designs` rewrites
//!   them). Everything a page needs about other designs (titles, neighbours, suggestions, the
//!   index) comes from the light index, built in.
//!
//! * [`designs`], [`design`], [`lookup`], [`index`]: the walkthroughs and the index by theme.
//! * [`light`], [`light_index`]: the index without the catalogue (also written into the home page's data, `web/home-data.json`).
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
//! assert!(sdp_designs::designs().len() >= 21);
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
#[cfg(any(not(target_arch = "wasm32"), feature = "embed"))]
mod embedded_catalog;
pub mod estimate;
pub mod expr;
pub mod files;
pub mod flow;
#[cfg(feature = "index")]
pub mod index_view;
pub mod layout;
pub mod light;
pub mod model;
pub mod toc;
pub mod units;
pub mod url;
#[cfg(feature = "view")]
pub mod view;

#[cfg(any(not(target_arch = "wasm32"), feature = "embed"))]
pub use embedded_catalog::{blob, catalog, design, designs, framework, index, lookup, neighbours};
pub use light::light_index;
pub use model::{Design, Framework, Theme};

/// The styles of the design index (`#/designs`, drawn by `web/home.js`, which gets them through
/// `web/home-data.json`; and the index on the `designs` bundle's pages): `index.css`.
pub const INDEX_STYLE: &str = include_str!("../index.css");

use check::DataError;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/designs.rs"));
}

/// The framework file's text.
const FRAMEWORK: &str = include_str!("../framework.toml");

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
    /// Designs that parsed, in the documents' order (F0 then F4, each by first source line).
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
    designs.sort_by_key(Design::order_key);
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
    designs.sort_by_key(Design::order_key);
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

/// A design id that does not exist, with the closest ids for a friendly page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotFound {
    /// The id asked for.
    pub id: String,
    /// Up to three existing ids that look like it, best first.
    pub suggestions: Vec<&'static str>,
}

/// True when every word of `filter` (ASCII case-insensitive) occurs in the design's title,
/// subtitle, id, summary, theme or mechanism names. An empty filter matches everything.
pub fn matches(design: &Design, filter: &str) -> bool {
    light::haystack::matches_words(&light::haystack::haystack(design), filter)
}
