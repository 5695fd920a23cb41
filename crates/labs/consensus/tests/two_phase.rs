//! Two-phase commit: the document's path (all PREPARED → COMMITTED; a no → ABORTED), the
//! coordinator crash that blocks prepared participants holding their locks, recovery, 3PC's
//! pre-commit, and the invariant over every combination: 2PC (and 3PC without a partition)
//! never commits at one participant and aborts at another; 3PC with P1 cut off does.
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::Contract;
use sdp_kit::query::parse;
use sdp_lab_consensus::ConsensusLab;
use sdp_lab_consensus::twopc::{self, Crash, PState, Protocol, Setup};

fn last(s: &Setup) -> Vec<PState> {
    twopc::run(s).beats.last().unwrap().parts.clone()
}

fn setup(n: usize, protocol: Protocol, no: usize, crash: Crash, recover: bool, cut: bool) -> Setup {
    Setup {
        participants: n,
        protocol,
        no,
        crash,
        recover,
        cut,
    }
}

#[test]
fn all_prepared_commits_and_one_no_aborts_everywhere() {
    assert_eq!(
        last(&setup(3, Protocol::TwoPc, 0, Crash::None, true, false)),
        vec![PState::Committed; 3]
    );
    assert_eq!(
        last(&setup(3, Protocol::TwoPc, 2, Crash::None, true, false)),
        vec![PState::Aborted; 3]
    );
    assert_eq!(
        last(&setup(4, Protocol::ThreePc, 0, Crash::None, true, false)),
        vec![PState::Committed; 4]
    );
}

#[test]
fn a_crash_after_prepare_blocks_the_prepared_participants_holding_locks() {
    let parts = last(&setup(
        3,
        Protocol::TwoPc,
        0,
        Crash::AfterPrepare,
        false,
        false,
    ));
    assert_eq!(parts, vec![PState::Prepared; 3]);
    assert!(parts.iter().all(|p| p.holds_locks()));
    // Recovery: no decision in the log → abort.
    assert_eq!(
        last(&setup(
            3,
            Protocol::TwoPc,
            0,
            Crash::AfterPrepare,
            true,
            false
        )),
        vec![PState::Aborted; 3]
    );
    // 3PC: prepared participants time out and abort, without the coordinator.
    assert_eq!(
        last(&setup(
            3,
            Protocol::ThreePc,
            0,
            Crash::AfterPrepare,
            false,
            false
        )),
        vec![PState::Aborted; 3]
    );
}

#[test]
fn a_crash_mid_commit_leaves_p1_committed_and_the_rest_in_doubt_until_recovery() {
    let parts = last(&setup(
        3,
        Protocol::TwoPc,
        0,
        Crash::MidCommit,
        false,
        false,
    ));
    assert_eq!(
        parts,
        vec![PState::Committed, PState::Prepared, PState::Prepared]
    );
    assert_eq!(
        last(&setup(3, Protocol::TwoPc, 0, Crash::MidCommit, true, false)),
        vec![PState::Committed; 3]
    );
}

#[test]
fn atomicity_holds_for_every_2pc_and_unpartitioned_3pc_run_at_every_step() {
    let mut runs = 0;
    for n in 2..=8 {
        for no in 0..=n {
            for crash in [Crash::None, Crash::AfterPrepare, Crash::MidCommit] {
                for recover in [false, true] {
                    for (protocol, cut) in [
                        (Protocol::TwoPc, false),
                        (Protocol::TwoPc, true),
                        (Protocol::ThreePc, false),
                    ] {
                        let s = setup(n, protocol, no, crash, recover, cut);
                        for b in twopc::run(&s).beats {
                            assert!(twopc::consistent(&b.parts), "{s:?}: {}", b.text);
                        }
                        runs += 1;
                    }
                }
            }
        }
    }
    assert!(runs > 500);
}

#[test]
fn three_pc_with_p1_cut_off_commits_on_one_side_and_aborts_on_the_other() {
    let parts = last(&setup(
        3,
        Protocol::ThreePc,
        0,
        Crash::MidCommit,
        false,
        true,
    ));
    assert!(!twopc::consistent(&parts), "{parts:?}");
    assert_eq!(parts[0], PState::Committed);
    assert_eq!(parts[1], PState::Aborted);
}

#[test]
fn the_mode_opens_on_the_documents_path_and_blocks_in_the_crash_scenario() {
    let t = ConsensusLab::run(&ConsensusLab::mode_scenario(2)).unwrap();
    assert!(t.steps[0].narration.contains("logs BEGIN"));
    assert!(
        t.steps
            .last()
            .unwrap()
            .narration
            .contains("No participant committed while another aborted")
    );
    let (s, p) = ConsensusLab::from_query(&parse("mode=two-phase&crash=after-prepare&recover=no"));
    assert!(p.is_empty(), "{p:?}");
    let t = ConsensusLab::run(&s).unwrap();
    assert!(
        t.steps
            .last()
            .unwrap()
            .narration
            .contains("still hold(s) the locks"),
        "{}",
        t.steps.last().unwrap().narration
    );
    let (s, p) = ConsensusLab::from_query(&parse("mode=two-phase&participants=3&no=4"));
    let _ = s;
    assert!(
        p.iter()
            .any(|e| e.field == "no" && e.message.contains("1–3")),
        "{p:?}"
    );
}
