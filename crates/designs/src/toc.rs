//! The second document's table-of-contents entries that have no body (§24–§45; catalogue A.3):
//! named, never written. The designs index lists them honestly as "named in the document, no
//! content", each with the designs and labs that cover its topic where one does
//! (`toc-only.toml`, checked by `tests/toc_only.rs`).
//!
//! ```
//! let toc = sdp_designs::toc::toc_only().unwrap();
//! assert_eq!((toc[0].section, toc[0].title.as_str()), (24, "Reconciliation System"));
//! ```

use serde::Deserialize;

/// One entry with no body.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TocEntry {
    /// Section number in the document's table of contents.
    pub section: u32,
    /// The title as the table of contents writes it.
    pub title: String,
    /// What covers the topic (may be empty).
    pub see: Vec<See>,
}

/// A design (`design`) or a lab scenario (`lab` and `query`) that covers a topic.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct See {
    /// A design id.
    pub design: Option<String>,
    /// A lab id.
    pub lab: Option<String>,
    /// The lab's query, without `?`.
    pub query: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TocFile {
    entry: Vec<TocEntry>,
}

/// The entries, in section order; the parse error if the file is broken.
pub fn toc_only() -> Result<Vec<TocEntry>, String> {
    toml::from_str::<TocFile>(include_str!("../toc-only.toml"))
        .map(|f| f.entry)
        .map_err(|e| e.to_string())
}
