//! The light index: what the design index (`#/designs`, drawn by `web/home.js` from `web/home-data.json`) shows,
//! without the catalogue. `build.rs` writes it as Rust constants (`$OUT_DIR/light.rs`) from the
//! same files as the catalogue, so using it decodes nothing and links none of the full data:
//! per design its id, title, subtitle, summary, theme, document, catalogue id, number of flows,
//! number of wrong figures, linked labs and the text the filter searches; the `[counterpart]`
//! pairs (both pages show them); and the framework's four steps.
//!
//! ```
//! let groups = sdp_designs::light::light_index_in("geohash", "F0");
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
    /// Document tag ("F0", "F4"; see [`crate::model::DOCUMENTS`]).
    pub document: &'static str,
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

/// A `[counterpart]` as written in its file (build-time data; read it with [`counterpart`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The design whose file has the `[counterpart]` section.
    pub design: &'static str,
    /// The other document's design.
    pub other: &'static str,
    /// (topic, what `design`'s document says, what `other`'s says, catalogue reference).
    pub rows: &'static [(&'static str, &'static str, &'static str, &'static str)],
}

/// The other document's version of a design, seen from one of the two pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CounterpartView {
    /// The other design's index entry.
    pub other: &'static IndexEntry,
    /// (topic, this document, the other document, catalogue reference).
    pub rows: Vec<(&'static str, &'static str, &'static str, &'static str)>,
}

/// The other document's version of design `id`, from either design's `[counterpart]` (the F0
/// page finds the F4 file's section by reverse lookup, with "here" and "there" swapped).
///
/// ```
/// if let Some(c) = sdp_designs::light::counterpart("rate-limiter") {
///     assert_eq!(c.other.id, "rate-limiter-f4");
///     let back = sdp_designs::light::counterpart("rate-limiter-f4").unwrap();
///     assert_eq!(back.rows[0].1, c.rows[0].2);
/// }
/// assert!(sdp_designs::light::counterpart("url-shortener").is_none());
/// ```
pub fn counterpart(id: &str) -> Option<CounterpartView> {
    generated::COUNTERPARTS.iter().find_map(|p| {
        if p.design == id {
            Some(CounterpartView {
                other: entry(p.other)?,
                rows: p.rows.to_vec(),
            })
        } else if p.other == id {
            Some(CounterpartView {
                other: entry(p.design)?,
                rows: p.rows.iter().map(|&(t, h, o, c)| (t, o, h, c)).collect(),
            })
        } else {
            None
        }
    })
}

/// Every `[counterpart]` section, in the catalogue's order.
pub fn pairs() -> &'static [Pair] {
    generated::COUNTERPARTS
}

mod generated {
    use super::{IndexEntry, Pair, StepRow, Theme};
    include!(concat!(env!("OUT_DIR"), "/light.rs"));
}

/// Id of the framework page: `#/design/framework`.
pub const FRAMEWORK_ID: &str = "framework";

/// Route of the design index.
pub const INDEX_ROUTE: &str = "#/designs";

/// Every design that parsed, in the documents' order (F0, then F4; each by first line).
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
    light_index_in(filter, "")
}

/// [`light_index`] restricted to document `doc` ("F0", "F4"; "" for both).
///
/// ```
/// let f0 = sdp_designs::light::light_index_in("", "F0");
/// assert!(f0.iter().all(|(_, ds)| ds.iter().all(|d| d.document == "F0")));
/// assert_eq!(f0.iter().map(|(_, ds)| ds.len()).sum::<usize>(), 21);
/// ```
pub fn light_index_in(filter: &str, doc: &str) -> Vec<(Theme, Vec<&'static IndexEntry>)> {
    Theme::ALL
        .iter()
        .map(|&t| {
            let ds: Vec<&'static IndexEntry> = entries()
                .iter()
                .filter(|e| {
                    e.theme == t && (doc.is_empty() || e.document == doc) && matches(e, filter)
                })
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

/// The index's hash for a filter and a document (`doc`, "" for both):
/// `#/designs?q=<filter>&doc=<doc>`, leaving out what is empty.
///
/// ```
/// use sdp_designs::light::{document_of, index_hash_in};
/// assert_eq!(index_hash_in("", "F4"), "#/designs?doc=F4");
/// assert_eq!(index_hash_in("cache", "F4"), "#/designs?q=cache&doc=F4");
/// assert_eq!(index_hash_in("cache", ""), "#/designs?q=cache");
/// assert_eq!(document_of("q=x&doc=F4"), "F4");
/// assert_eq!(document_of("doc=F9"), "");
/// ```
pub fn index_hash_in(filter: &str, doc: &str) -> String {
    let mut pairs = Vec::new();
    if !filter.is_empty() {
        pairs.push(("q".to_string(), filter.to_string()));
    }
    if !doc.is_empty() {
        pairs.push(("doc".to_string(), doc.to_string()));
    }
    if pairs.is_empty() {
        INDEX_ROUTE.to_string()
    } else {
        format!("{INDEX_ROUTE}?{}", sdp_kit::query::encode(&pairs))
    }
}

/// The document in the index's query (`doc`: a tag of [`crate::model::DOCUMENTS`]; "" if none
/// or unknown).
pub fn document_of(query: &str) -> String {
    sdp_kit::query::parse(query)
        .into_iter()
        .find(|(k, _)| k == "doc")
        .map(|(_, v)| v)
        .filter(|v| crate::model::document_title(v).is_some())
        .unwrap_or_default()
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

    /// The title of the design's document ("System Design Interview Guide").
    pub fn document_title(&self) -> &'static str {
        crate::model::document_title(self.document).unwrap_or(self.document)
    }

    /// The card's badges: document, catalogue id, flows, wrong figures corrected (if any), the
    /// other document's version (if any), one per lab.
    ///
    /// ```
    /// let e = sdp_designs::light::entry("proximity-service").unwrap();
    /// let texts: Vec<String> = e.badges().into_iter().map(|b| b.text).collect();
    /// assert_eq!(texts[..4], ["F0: System Design Interview Guide", "F0-Q15", "4 flows", "1 wrong figure corrected"]);
    /// assert!(texts.contains(&"lab: geohash".to_string()));
    /// ```
    pub fn badges(&self) -> Vec<Badge> {
        let plain = |text: String| Badge { text, warn: false };
        let mut out = vec![
            plain(format!("{}: {}", self.document, self.document_title())),
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
        if let Some(c) = counterpart(self.id) {
            out.push(plain(format!("also in {}", c.other.document)));
        }
        out.extend(self.labs.iter().map(|l| plain(format!("lab: {l}"))));
        out
    }
}
