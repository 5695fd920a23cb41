//! Every lab link in every design opens a scenario that the lab itself accepts: its own
//! `from_query` reports nothing, and the scenario runs to a non-empty trace (through the one
//! list of labs, `sdp_registry::check_link`).

use sdp_designs::designs;

#[test]
fn every_lab_link_is_accepted_and_runs() {
    let mut checked = 0;
    for d in designs() {
        for link in &d.labs {
            match sdp_registry::check_link(&link.lab, &link.query) {
                Ok(steps) => assert!(steps > 0),
                Err(e) => panic!("{}: {} {}: {e}", d.id, link.lab, link.query),
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} lab links");
}

#[test]
fn a_bad_link_would_be_caught() {
    assert!(sdp_registry::check_link("hash-ring", "servers=0").is_err());
    assert!(sdp_registry::check_link("rate-limiter", "mode=compare&limit=0").is_err());
    assert!(sdp_registry::check_link("no-such-lab", "").is_err());
}
