//! The whole catalogue embedded in the build, for native code (tests, checks, tools, native
//! benches) and, with feature `embed`, for the wasm32 browser tests and benchmarks. The shipped
//! web bundle has none of it: its pages fetch one design's file each (`crate::view::data`).

use crate::{Catalog, Design, Framework, NotFound, Theme, from_blob, light, matches};
use std::sync::OnceLock;

/// Every file in the compact form of [`crate::codec`], written by `build.rs`.
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));

/// The embedded catalogue in the compact form of [`crate::codec`] (what [`catalog`] reads).
pub fn blob() -> &'static [u8] {
    BLOB
}

/// The catalogue, decoded on first use from the compact form `build.rs` wrote (the same data
/// as parsing every file with [`crate::parse_design`] and [`crate::parse_framework`]: the
/// `codec` test checks it).
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| from_blob(BLOB))
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

/// The design with this id, or the closest existing ids ([`light::suggest`]).
///
/// ```
/// let e = sdp_designs::lookup("url-shortner").unwrap_err();
/// assert_eq!(e.suggestions[0], "url-shortener");
/// ```
pub fn lookup(id: &str) -> Result<&'static Design, NotFound> {
    design(id).ok_or_else(|| NotFound {
        id: id.to_string(),
        suggestions: light::suggest(id),
    })
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
