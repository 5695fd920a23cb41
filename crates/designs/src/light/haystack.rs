//! The text the design index's filter searches. Shared by the full catalogue's filter
//! ([`crate::matches`]) and `build.rs`, which stores it in the light index.

use crate::catalogue::mechanism_name;
use crate::model::{Design, document_title};

/// The design's title, subtitle, id, summary, theme, document (tag and title) and mechanism
/// names, lower-cased.
pub fn haystack(design: &Design) -> String {
    let mut hay = format!(
        "{} {} {} {} {} {} {}",
        design.title,
        design.subtitle,
        design.id,
        design.summary,
        design.theme.label(),
        design.source.document,
        document_title(&design.source.document).unwrap_or("")
    );
    for m in &design.mechanisms {
        if let Some(name) = mechanism_name(m) {
            hay.push(' ');
            hay.push_str(name);
        }
    }
    hay.to_lowercase()
}

/// True when every word of `filter` occurs in `haystack` (lower-cased), ignoring the case of
/// ASCII letters. An empty filter matches everything.
///
/// The filter is lower-cased ASCII-only on purpose: Unicode lower-casing links an 11 KB table
/// into the web bundles, and the designs' words that matter are ASCII (a non-ASCII word still
/// matches when typed in lower case).
///
/// ```
/// use sdp_designs::light::haystack::matches_words;
/// assert!(matches_words("url shortener base62", "URL base62"));
/// assert!(matches_words("ciclo de vida", ""));
/// assert!(!matches_words("url shortener", "geo"));
/// ```
pub fn matches_words(haystack: &str, filter: &str) -> bool {
    filter
        .split_whitespace()
        .all(|w| haystack.contains(&w.to_ascii_lowercase()))
}
