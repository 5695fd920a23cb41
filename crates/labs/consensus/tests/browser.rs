//! The consensus view in headless Chromium (`--features testing`): every mode draws its
//! parts, the Raft buttons add a fault at the step shown, the generated form refuses
//! out-of-range values, a preset replaces the detector timings, and embed mode invites no edit.
#![cfg(all(target_arch = "wasm32", feature = "testing"))]

use sdp_kit::lab::Contract;
use sdp_kit_web::dom::location_hash;
use sdp_kit_web::testing::{click, mount_lab, settle, step_of, type_into, wait_until};
use sdp_lab_consensus::ConsensusLab;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn steps(query: &str) -> usize {
    let (s, problems) = ConsensusLab::from_query(&sdp_kit::query::parse(query));
    assert!(problems.is_empty(), "{problems:?}");
    ConsensusLab::run(&s).unwrap().len()
}

#[wasm_bindgen_test]
async fn every_mode_draws_its_picture_at_the_last_step() {
    for (query, selector) in [
        ("mode=raft", ".cs-logs"),
        ("mode=detectors", ".cs-timeline"),
        ("mode=two-phase", ".cs-2pc"),
    ] {
        let n = steps(query);
        let page = mount_lab::<ConsensusLab>(&format!("#/lab/consensus?{query}&step={n}")).await;
        assert_eq!(page.count(selector), 1, "{query}: {selector}");
        assert_eq!(page.count(".cs-summary"), 1, "{query}");
        assert_eq!(step_of(&page.host), (n, n), "{query}");
        page.unmount();
    }
}

#[wasm_bindgen_test]
async fn the_ring_draws_every_server_and_the_messages_in_flight() {
    let page =
        mount_lab::<ConsensusLab>("#/lab/consensus?mode=raft&servers=7&a=heal@100&step=3").await;
    assert_eq!(page.count(".cs-ring .cs-node"), 7);
    assert!(page.count(".cs-ring .cs-msg") > 0, "votes are on the wire");
    page.unmount();
}

#[wasm_bindgen_test]
async fn the_detectors_timeline_marks_suspect_and_dead() {
    let n = steps("mode=detectors");
    let page = mount_lab::<ConsensusLab>(&format!("#/lab/consensus?mode=detectors&step={n}")).await;
    assert_eq!(page.count(".cs-timeline .band.suspect"), 1);
    assert_eq!(page.count(".cs-timeline .band.dead"), 1);
    assert_eq!(page.count(".cs-timeline .cross"), 1);
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_crash_button_adds_the_fault_and_a_bad_server_is_refused() {
    let page = mount_lab::<ConsensusLab>("#/lab/consensus?mode=raft&servers=3&step=5").await;
    let before = location_hash();
    type_into(&page.host, "#cs-act-server", "S9");
    click(&page.host, "button.cs-crash");
    settle().await;
    assert!(page.text(".cs-action .field-error").contains("S1–S3"));
    assert_eq!(location_hash(), before);
    type_into(&page.host, "#cs-act-server", "L");
    click(&page.host, "button.cs-crash");
    wait_until(&page.host, |_| location_hash().contains("a=crash%3AL%40")).await;
    page.unmount();
}

#[wasm_bindgen_test]
async fn the_form_refuses_out_of_range_and_a_preset_sets_the_f4_timings() {
    let page = mount_lab::<ConsensusLab>("#/lab/consensus?mode=detectors").await;
    let before = location_hash();
    type_into(&page.host, "#cs-threshold", "17");
    settle().await;
    let error = page.text(".fields-form .field-error");
    assert!(
        error.contains("threshold:") && error.contains("16"),
        "{error}"
    );
    assert_eq!(location_hash(), before, "a refused value changes nothing");
    click(&page.host, "button.cs-f4");
    wait_until(&page.host, |_| location_hash().contains("interval=5000")).await;
    assert!(location_hash().contains("check=10000"));
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_blocked_two_phase_commit_shows_prepared_participants_holding_locks() {
    let q = "mode=two-phase&participants=4&crash=after-prepare&recover=no";
    let n = steps(q);
    let page = mount_lab::<ConsensusLab>(&format!("#/lab/consensus?{q}&step={n}")).await;
    assert_eq!(page.count(".cs-2pc .cs-part.prepared"), 4);
    assert_eq!(page.count(".cs-2pc .lk"), 4);
    assert_eq!(page.count(".cs-coord.down"), 1);
    page.unmount();
}

#[wasm_bindgen_test]
async fn embed_mode_invites_no_edit() {
    let page = mount_lab::<ConsensusLab>("#/lab/consensus?mode=raft&embed=1&step=2").await;
    assert_eq!(page.count(".fields-form"), 0);
    assert_eq!(page.count(".cs-action"), 0);
    assert_eq!(page.count(".cs-ring"), 1);
    page.unmount();
}
