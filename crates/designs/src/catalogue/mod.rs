//! The catalogue's mechanisms and the labs that show them. Which labs exist, their titles and the
//! mechanisms each shows come from the one list of labs, [`sdp_registry::LABS`]; this module
//! only reads it.

mod mechanisms;

pub use mechanisms::{MECHANISMS, mechanism_name};

use crate::model::Design;
use sdp_kit::lab::LabInfo;

/// The registered lab with route id `id`.
pub fn lab(id: &str) -> Option<&'static LabInfo> {
    sdp_registry::info(id)
}

/// True when `id` is a registered lab.
pub fn is_known_lab(id: &str) -> bool {
    lab(id).is_some()
}

/// The entries of a lab's `LabInfo::catalogue` ("M1.1, M1.2", "M4.1–M4.9"): single ids and
/// ranges, as written.
pub fn covers(lab: &LabInfo) -> impl Iterator<Item = &'static str> {
    lab.catalogue
        .split(',')
        .map(str::trim)
        .filter(|m| !m.is_empty())
}

/// True when lab `lab` shows mechanism `mechanism`: its catalogue names it, or names a range
/// of the same part that holds it ("M4.1–M4.9" holds "M4.3").
///
/// ```
/// use sdp_designs::catalogue::in_entry;
/// assert!(in_entry("M4.1–M4.9", "M4.3"));
/// assert!(in_entry("M8.15", "M8.15"));
/// assert!(!in_entry("M4.1–M4.9", "M4.10"));
/// assert!(!in_entry("M4.1–M4.9", "M5.3"));
/// ```
pub fn shows(lab: &LabInfo, mechanism: &str) -> bool {
    covers(lab).any(|entry| in_entry(entry, mechanism))
}

/// True when catalogue entry `entry` (an id or a range `A–B` within one part) holds `mechanism`.
pub fn in_entry(entry: &str, mechanism: &str) -> bool {
    fn split(id: &str) -> Option<(&str, u32)> {
        let (part, n) = id.trim().rsplit_once('.')?;
        Some((part, n.parse().ok()?))
    }
    match entry.split_once('–') {
        None => entry == mechanism,
        Some((from, to)) => match (split(from), split(to), split(mechanism)) {
            (Some((p1, lo)), Some((p2, hi)), Some((p, n))) => {
                p1 == p2 && p == p1 && (lo..=hi).contains(&n)
            }
            _ => false,
        },
    }
}

/// The registered lab that shows mechanism `mechanism`, if there is one.
///
/// ```
/// assert_eq!(sdp_designs::catalogue::lab_for("M1.1").map(|l| l.id), Some("hash-ring"));
/// assert_eq!(sdp_designs::catalogue::lab_for("M12.1"), None);
/// ```
pub fn lab_for(mechanism: &str) -> Option<&'static LabInfo> {
    sdp_registry::LABS.iter().find(|l| shows(l, mechanism))
}

/// The title of lab `id` (the registry's), or the id while the lab is not registered.
pub fn lab_title(id: &str) -> &str {
    lab(id).map_or(id, |l| l.title)
}

/// Route of a lab link, with its scenario (`#/lab/<id>?<query>`).
///
/// ```
/// use sdp_designs::catalogue::lab_href;
/// assert_eq!(lab_href("geohash", "radius=5"), "#/lab/geohash?radius=5");
/// assert_eq!(lab_href("geohash", ""), "#/lab/geohash");
/// ```
pub fn lab_href(lab_id: &str, query: &str) -> String {
    if query.is_empty() {
        format!("#/lab/{lab_id}")
    } else {
        format!("#/lab/{lab_id}?{query}")
    }
}

/// "M3.1 Base62 encode / decode" (the id alone if the catalogue does not name it).
pub fn mechanism_text(id: &str) -> String {
    match mechanism_name(id) {
        Some(name) => format!("{id} {name}"),
        None => id.to_string(),
    }
}

/// How a mechanism of a design is shown: through one of its lab links, or by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MechanismLink<'a> {
    /// A lab link of the design covers it: (lab id, link index in `design.labs`).
    Lab(&'a str, usize),
    /// A lab shows it, but the design has no link (the data test forbids this; shown as a plain
    /// link to the lab).
    LabOnly(&'static str),
    /// No lab yet.
    Name,
}

/// Where mechanism `m` of `design` links to.
pub fn mechanism_link<'a>(design: &'a Design, m: &str) -> MechanismLink<'a> {
    if let Some((k, link)) = design
        .labs
        .iter()
        .enumerate()
        .find(|(_, l)| l.covers.iter().any(|c| c == m))
    {
        if is_known_lab(&link.lab) {
            return MechanismLink::Lab(&link.lab, k);
        }
    }
    match lab_for(m) {
        Some(l) => MechanismLink::LabOnly(l.id),
        None => MechanismLink::Name,
    }
}
