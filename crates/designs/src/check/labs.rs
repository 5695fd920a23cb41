//! Checks of the mechanisms and lab links: every mechanism is in the catalogue, every lab link
//! names a lab (from [`sdp_registry::LABS`]) that shows what the link says, and every
//! mechanism a registered lab shows is linked.

use super::Sink;
use crate::catalogue::{lab, lab_for, mechanism_name, shows};
use crate::model::Design;

pub(super) fn check_mechanisms(s: &mut Sink, d: &Design) {
    for m in &d.mechanisms {
        if mechanism_name(m).is_none() {
            s.push("mechanisms", format!("unknown mechanism “{m}”"));
        }
    }
    for (k, l) in d.labs.iter().enumerate() {
        let f = format!("lab[{k}]");
        let Some(entry) = lab(&l.lab) else {
            s.push(&f, format!("unknown lab “{}”", l.lab));
            continue;
        };
        s.nonempty(&format!("{f}.label"), &l.label);
        if l.covers.is_empty() {
            s.push(&f, "covers at least one mechanism");
        }
        for m in &l.covers {
            if !d.mechanisms.contains(m) {
                s.push(
                    &f,
                    format!("covers {m}, which is not in the design's mechanisms"),
                );
            }
            if !shows(entry, m) {
                s.push(&f, format!("lab {} does not show {m}", l.lab));
            }
        }
        if l.query.starts_with('?') || l.query.contains('#') {
            s.push(format!("{f}.query"), "a query string without “?” or “#”");
        }
    }
    for m in &d.mechanisms {
        if let Some(entry) = lab_for(m) {
            let linked = d
                .labs
                .iter()
                .any(|l| l.lab == entry.id && l.covers.contains(m));
            if !linked {
                s.push(
                    "lab",
                    format!("{m} has a lab ({}) but no link covers it", entry.id),
                );
            }
        }
    }
}
