//! The light index: what the design index (`#/designs`, drawn by `web/home.js` from `web/home-data.json`) shows,
//! without the catalogue. `build.rs` writes it as Rust constants (`$OUT_DIR/light.rs`) from the
//! same files as the catalogue, so using it decodes nothing and links none of the full data:
//! per design its id, title, subtitle, summary, theme, catalogue id, number of flows, number of
//! wrong figures, linked labs and the text the filter searches; and the framework's four steps.
//!
//! ```
//! let groups = sdp_designs::light_index("geohash");
//! let ids: Vec<&str> = groups.iter().flat_map(|(_, ds)| ds.iter().map(|d| d.id)).collect();
//! assert_eq!(ids, ["ride-sharing-service", "proximity-service"]);
//! assert_eq!(sdp_designs::light::framework_steps().len(), 4);
//! ```

pub mod haystack;

use crate::model::Theme;

/// One design as the index shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexEntry {
    /// Route id (`url-shortener`).
    pub id: &'static str,
    /// Title ("URL Shortener").
    pub title: &'static str,
    /// Example products ("`TinyURL`"); may be empty.
    pub subtitle: &'static str,
    /// One sentence.
    pub summary: &'static str,
    /// Index group.
    pub theme: Theme,
    /// Catalogue design id ("F0-Q1").
    pub catalogue: &'static str,
    /// Number of request flows.
    pub flows: usize,
    /// Number of figures the document states wrongly (corrected on the page).
    pub wrong: usize,
    /// Lab ids of the design's lab links, in order, consecutive repeats left out.
    pub labs: &'static [&'static str],
    /// What the filter searches ([`haystack::haystack`]: lower-cased).
    pub search: &'static str,
}

/// One of the framework's four steps, with its time in a 45- and a 60-minute interview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepRow {
    /// "Requirements & Scope".
    pub name: &'static str,
    /// "5 min".
    pub minutes_45: &'static str,
    /// "5-7 min".
    pub minutes_60: &'static str,
    /// What to cover.
    pub focus: &'static str,
}

mod generated {
    use super::{IndexEntry, StepRow, Theme};
    include!(concat!(env!("OUT_DIR"), "/light.rs"));
}

/// Id of the framework page: `#/design/framework`.
pub const FRAMEWORK_ID: &str = "framework";

/// Route of the design index.
pub const INDEX_ROUTE: &str = "#/designs";

/// Every design that parsed, in the document's order.
pub fn entries() -> &'static [IndexEntry] {
    generated::DESIGNS
}

/// The framework's steps (empty if `framework.toml` did not parse).
pub fn framework_steps() -> &'static [StepRow] {
    generated::STEPS
}

/// The index entry of design `id`.
pub fn entry(id: &str) -> Option<&'static IndexEntry> {
    entries().iter().find(|e| e.id == id)
}

/// Where the site serves the data files, relative to the page (`static/data/designs/` in the
/// repository; Trunk copies `static/data` into the site).
pub const DATA_DIR: &str = "data/designs";

/// The data file of design `id` (or of the framework, [`FRAMEWORK_ID`]), relative to the page,
/// with its content tag so a cached old file is never read by a newer bundle:
/// `data/designs/<id>.bin?v=<tag>`. `None` for an id that has no file.
///
/// ```
/// let url = sdp_designs::light::data_url("url-shortener").unwrap();
/// assert!(url.starts_with("data/designs/url-shortener.bin?v="));
/// assert!(sdp_designs::light::data_url("framework").is_some());
/// assert_eq!(sdp_designs::light::data_url("nope"), None);
/// ```
pub fn data_url(id: &str) -> Option<String> {
    data_tag(id).map(|tag| format!("{DATA_DIR}/{id}.bin?v={tag}"))
}

/// The content tag of design `id`'s data file (or the framework's), as this build wrote it.
pub fn data_tag(id: &str) -> Option<&'static str> {
    generated::DATA_TAGS
        .iter()
        .find(|(d, _)| *d == id)
        .map(|(_, tag)| *tag)
}

/// The designs before and after design `id`, in the document's order.
pub fn neighbours(id: &str) -> (Option<&'static IndexEntry>, Option<&'static IndexEntry>) {
    let all = entries();
    let Some(i) = all.iter().position(|e| e.id == id) else {
        return (None, None);
    };
    (i.checked_sub(1).and_then(|j| all.get(j)), all.get(i + 1))
}

/// Up to three existing design ids that look like `id`, best first (for a page about an id
/// that does not exist).
///
/// ```
/// assert_eq!(sdp_designs::light::suggest("url-shortner")[0], "url-shortener");
/// ```
pub fn suggest(id: &str) -> Vec<&'static str> {
    // Ids are ASCII: ASCII lower-casing (no Unicode table in the bundle) is enough.
    let probe: String = id.chars().take(80).collect::<String>().to_ascii_lowercase();
    let mut scored: Vec<(usize, &'static str)> = entries()
        .iter()
        .map(|e| {
            let contains = !probe.is_empty() && (e.id.contains(&probe) || probe.contains(e.id));
            let dist = if contains {
                0
            } else {
                edit_distance(&probe, e.id)
            };
            (dist, e.id)
        })
        .filter(|(dist, id)| *dist <= id.len() / 2)
        .collect();
    scored.sort_unstable();
    scored.into_iter().take(3).map(|(_, id)| id).collect()
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

/// True when every word of `filter` (ASCII case-insensitive) occurs in the design's title, subtitle,
/// id, summary, theme or mechanism names. An empty filter matches everything.
pub fn matches(entry: &IndexEntry, filter: &str) -> bool {
    haystack::matches_words(entry.search, filter)
}

/// The index: themes in display order, each with its designs (document order) that match
/// `filter`; themes with no match are left out.
pub fn light_index(filter: &str) -> Vec<(Theme, Vec<&'static IndexEntry>)> {
    Theme::ALL
        .iter()
        .map(|&t| {
            let ds: Vec<&'static IndexEntry> = entries()
                .iter()
                .filter(|e| e.theme == t && matches(e, filter))
                .collect();
            (t, ds)
        })
        .filter(|(_, ds)| !ds.is_empty())
        .collect()
}

/// "21 designs", "1 design", "3 designs match", "No design matches “x”.".
///
/// ```
/// use sdp_designs::light::count_text;
/// assert_eq!(count_text(21, ""), "21 designs");
/// assert_eq!(count_text(1, "geo"), "1 design matches");
/// assert_eq!(count_text(0, "zzz"), "No design matches “zzz”.");
/// ```
pub fn count_text(n: usize, filter: &str) -> String {
    match (n, filter.trim().is_empty()) {
        (0, _) => format!(
            "No design matches “{}”.",
            sdp_kit::query::shorten(filter.trim())
        ),
        (1, true) => "1 design".to_string(),
        (n, true) => format!("{n} designs"),
        (1, false) => "1 design matches".to_string(),
        (n, false) => format!("{n} designs match"),
    }
}

/// The link to a design (`#/design/<id>`).
pub fn design_link(id: &str) -> String {
    format!("#/design/{id}")
}

/// The index's hash for a filter: `#/designs`, or `#/designs?q=<filter>`.
///
/// ```
/// use sdp_designs::light::{filter_of, index_hash};
/// assert_eq!(index_hash(""), "#/designs");
/// assert_eq!(index_hash("geo hash"), "#/designs?q=geo%20hash");
/// assert_eq!(filter_of("q=geo%20hash"), "geo hash");
/// ```
pub fn index_hash(filter: &str) -> String {
    if filter.is_empty() {
        INDEX_ROUTE.to_string()
    } else {
        format!(
            "{INDEX_ROUTE}?{}",
            sdp_kit::query::encode(&[("q".to_string(), filter.to_string())])
        )
    }
}

/// The filter in the index's query (`q`; "" if none).
pub fn filter_of(query: &str) -> String {
    sdp_kit::query::parse(query)
        .into_iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v)
        .unwrap_or_default()
}

/// A badge on a design's card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Badge {
    /// The text.
    pub text: String,
    /// Drawn as a warning (the wrong figures).
    pub warn: bool,
}

impl IndexEntry {
    /// " (`TinyURL`)" after the title, or "" without a subtitle.
    pub fn subtitle_text(&self) -> String {
        if self.subtitle.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.subtitle)
        }
    }

    /// The card's badges: catalogue id, flows, wrong figures corrected (if any), one per lab.
    ///
    /// ```
    /// let e = sdp_designs::light::entry("proximity-service").unwrap();
    /// let texts: Vec<String> = e.badges().into_iter().map(|b| b.text).collect();
    /// assert_eq!(texts[..3], ["F0-Q15", "4 flows", "1 wrong figure corrected"]);
    /// assert!(texts.contains(&"lab: geohash".to_string()));
    /// ```
    pub fn badges(&self) -> Vec<Badge> {
        let plain = |text: String| Badge { text, warn: false };
        let mut out = vec![
            plain(self.catalogue.to_string()),
            plain(format!("{} flows", self.flows)),
        ];
        if self.wrong > 0 {
            out.push(Badge {
                text: format!(
                    "{} wrong figure{} corrected",
                    self.wrong,
                    if self.wrong == 1 { "" } else { "s" }
                ),
                warn: true,
            });
        }
        out.extend(self.labs.iter().map(|l| plain(format!("lab: {l}"))));
        out
    }
}
