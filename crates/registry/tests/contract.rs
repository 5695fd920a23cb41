//! The one contract test, run for every registered lab (see `sdp_kit::conformance`): defaults
//! valid in every mode, same scenario → same trace byte for byte, URL round trip, and 10 000 junk
//! URLs that never panic and whose every message names a field.

use sdp_kit::conformance::{Effort, check};
use sdp_kit::lab::Lab;
use sdp_registry::{LABS, Visitor, visit};

struct Conformance(Vec<&'static str>);

impl Visitor for Conformance {
    fn visit<L: Lab>(&mut self) {
        check::<L>(Effort::default());
        self.0.push(L::INFO.id);
    }
}

#[test]
fn every_lab_keeps_the_lab_contract() {
    let mut checked = Conformance(Vec::new());
    visit(&mut checked);
    let ids: Vec<&str> = LABS.iter().map(|lab| lab.id).collect();
    assert_eq!(checked.0, ids, "visit and LABS list the same labs");
}

#[test]
fn ids_are_unique_and_lab_links_are_checked_by_the_lab() {
    let mut ids: Vec<&str> = LABS.iter().map(|lab| lab.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), LABS.len());
    assert!(sdp_registry::check_link("hash-ring", "servers=3").is_ok());
    assert!(sdp_registry::check_link("hash-ring", "servers=0").is_err());
    assert!(sdp_registry::check_link("no-such-lab", "").is_err());
}
