//! The web page's data files: one per design and one for the framework, in the compact form of
//! [`crate::codec`], committed under `static/data/designs/` (Trunk copies `static/data` into
//! the site). The `data_files` test regenerates them from the TOML files and fails when the
//! committed ones differ; `SDP_WRITE_DOCS=1 cargo test -p sdp-designs --test data_files`
//! rewrites them.

use crate::Catalog;
use crate::codec::{encode_design, encode_framework};
use crate::light::FRAMEWORK_ID;

/// The folder of the data files, relative to the repository root.
pub const REPO_DIR: &str = "static/data/designs";

/// Every data file of `catalog`: (file name, bytes), sorted by name: `<id>.bin` per design
/// ([`encode_design`]) and `framework.bin` ([`encode_framework`]) if the framework parsed.
///
/// ```
/// let files = sdp_designs::files::data_files(sdp_designs::catalog());
/// // 44 designs of both documents and the framework.
/// assert_eq!(files.len(), 45);
/// assert!(files.iter().any(|(name, _)| name == "url-shortener.bin"));
/// ```
pub fn data_files(catalog: &Catalog) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = catalog
        .designs
        .iter()
        .map(|d| (format!("{}.bin", d.id), encode_design(d)))
        .collect();
    if let Some(fw) = &catalog.framework {
        out.push((format!("{FRAMEWORK_ID}.bin"), encode_framework(fw)));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}
