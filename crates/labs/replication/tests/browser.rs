//! The replication view in headless Chromium (`--features testing`): every mode draws its parts,
//! the quorum's last step shows the W × R grid, the generated form refuses an out-of-range
//! value, a typed action appends steps, and embed mode invites no edit.
#![cfg(all(target_arch = "wasm32", feature = "testing"))]

use sdp_kit::lab::Contract;
use sdp_kit_web::dom::location_hash;
use sdp_kit_web::testing::{click, mount_lab, settle, step_of, type_into, wait_until};
use sdp_lab_replication::ReplicationLab;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn steps(query: &str) -> usize {
    let (s, problems) = ReplicationLab::from_query(&sdp_kit::query::parse(query));
    assert!(problems.is_empty(), "{problems:?}");
    ReplicationLab::run(&s).unwrap().len()
}

#[wasm_bindgen_test]
async fn the_quorum_ends_on_the_grid_with_a_stale_cell() {
    let n = steps("mode=quorum");
    let page =
        mount_lab::<ReplicationLab>(&format!("#/lab/replication?mode=quorum&step={n}")).await;
    assert_eq!(step_of(&page.host), (n, n));
    assert_eq!(page.count("svg.rp-timeline"), 1);
    assert!(page.count(".rp-timeline .msg") > 20);
    assert_eq!(page.count(".rp-grid td"), 9);
    assert!(page.count(".rp-grid td.stale") >= 1);
    assert_eq!(page.count(".rp-grid td.mine"), 1);
    page.unmount();
}

#[wasm_bindgen_test]
async fn every_mode_draws_its_picture() {
    for (mode, selector) in [
        ("quorum", ".rp-nodes li"),
        ("vector-clocks", ".rp-compare table"),
        ("crdt", ".rp-replicas tbody tr"),
        ("merkle", "svg.rp-tree"),
        ("lag", ".rp-lag-nodes li"),
        ("consistency", "svg.rp-history .op"),
    ] {
        let page = mount_lab::<ReplicationLab>(&format!("#/lab/replication?mode={mode}")).await;
        assert!(page.count(selector) >= 1, "{mode}: {selector}");
        page.unmount();
    }
    let n = steps("mode=vector-clocks");
    let page =
        mount_lab::<ReplicationLab>(&format!("#/lab/replication?mode=vector-clocks&step={n}"))
            .await;
    let carts = page.text(".rp-carts");
    assert!(carts.contains("{x: 2, y: 1, z: 3}"), "{carts}");
    assert_eq!(page.count(".rp-lost"), 1);
    page.unmount();
}

#[wasm_bindgen_test]
async fn the_form_refuses_out_of_range_and_accepts_a_good_value() {
    let page = mount_lab::<ReplicationLab>("#/lab/replication?mode=quorum").await;
    let before = location_hash();
    type_into(&page.host, "#rp-jitter", "99");
    settle().await;
    let error = page.text(".fields-form .field-error");
    assert!(error.contains("jitter") && error.contains("40"), "{error}");
    assert_eq!(location_hash(), before, "a refused value changes nothing");
    type_into(&page.host, "#rp-jitter", "20");
    wait_until(&page.host, |_| location_hash().contains("jitter=20")).await;
    page.unmount();
}

#[wasm_bindgen_test]
async fn a_typed_action_appends_steps_and_a_bad_one_says_why() {
    let page = mount_lab::<ReplicationLab>("#/lab/replication?mode=crdt").await;
    let (_, before) = step_of(&page.host);
    type_into(&page.host, "#rp-action-text", "dec:1");
    click(&page.host, "form.rp-action button[type=submit]");
    settle().await;
    assert!(
        page.text("form.rp-action .field-error")
            .contains("pncounter")
    );
    type_into(&page.host, "#rp-action-text", "inc:3");
    click(&page.host, "form.rp-action button[type=submit]");
    wait_until(&page.host, |h| step_of(h).1 != before).await;
    assert_eq!(step_of(&page.host).1, before + 1);
    assert!(location_hash().contains("a=inc%3A3"), "{}", location_hash());
    page.unmount();
}

#[wasm_bindgen_test]
async fn embed_mode_invites_no_edit() {
    let page = mount_lab::<ReplicationLab>("#/lab/replication?mode=quorum&embed=1").await;
    assert_eq!(page.count(".fields-form"), 0);
    assert_eq!(page.count("form.rp-action"), 0);
    assert_eq!(page.count("svg.rp-timeline"), 1);
    page.unmount();
}

#[wasm_bindgen_test]
async fn lag_shows_meters_the_violation_the_failover_and_the_mode_table() {
    let n = steps("mode=lag");
    let page = mount_lab::<ReplicationLab>(&format!("#/lab/replication?mode=lag&step={n}")).await;
    assert_eq!(page.count(".rp-lag-nodes .follower"), 2);
    assert_eq!(page.count(".rp-meter"), 2);
    assert_eq!(page.count("svg.rp-lag-chart polyline"), 2);
    assert!(page.text(".rp-ryw").contains("violated"));
    assert!(
        page.text(".rp-failover")
            .contains("120 of them acknowledged")
    );
    assert_eq!(page.count(".rp-modes tbody tr"), 3);
    assert_eq!(page.count(".rp-lag-nodes .promoted"), 1);
    assert_eq!(
        page.count("form.rp-action"),
        0,
        "lag takes no typed actions"
    );
    page.unmount();
}

#[wasm_bindgen_test]
async fn consistency_marks_the_violation_and_a_typed_op_appends_to_the_history() {
    let page = mount_lab::<ReplicationLab>("#/lab/replication?mode=consistency&step=2").await;
    assert_eq!(page.count("svg.rp-history .op"), 4);
    assert_eq!(page.count("svg.rp-history .op.violation"), 1);
    let (_, before) = step_of(&page.host);
    type_into(&page.host, "#rp-action-text", "r:3:x=1@20-22");
    click(&page.host, "form.rp-action button[type=submit]");
    wait_until(&page.host, |h| step_of(h).1 != before).await;
    assert!(
        location_hash().contains("a=r%3A3%3Ax%3D1%4020-22"),
        "{}",
        location_hash()
    );
    assert_eq!(page.count("svg.rp-history .op"), 5);
    type_into(&page.host, "#rp-action-text", "r:1:x=1@9-9");
    click(&page.host, "form.rp-action button[type=submit]");
    settle().await;
    assert!(page.text("form.rp-action .field-error").contains("times"));
    page.unmount();
}
