//! The predict-then-run questions against the run itself, counted independently: the Raft
//! election's winner is the leader of the next step and had granted votes from a majority in
//! its term; the two-phase decision is commit exactly when no participant votes no.

use sdp_kit::lab::{Contract, Lab};
use sdp_lab_consensus::raft::{Event, Role, name};
use sdp_lab_consensus::{ConsensusLab, State};

#[test]
fn the_raft_question_names_the_server_a_majority_voted_for() {
    let s = ConsensusLab::mode_scenario(0);
    let trace = ConsensusLab::run(&s).unwrap();
    let qs = ConsensusLab::questions(&s, &trace);
    let q = qs.iter().find(|q| q.prompt.contains("leader")).unwrap();
    let State::Raft(at) = &trace.steps[q.step].state else {
        panic!()
    };
    let servers = &at.cluster().servers;
    let leader = (0..servers.len())
        .find(|&i| servers[i].role == Role::Leader)
        .unwrap();
    assert_eq!(q.choices[q.answer], name(leader));
    let term = servers[leader].term;
    // Votes granted to it in its term, from the start up to this step (its own included).
    let mut voters = std::collections::BTreeSet::from([leader]);
    for step in &trace.steps[..=q.step] {
        if let State::Raft(r) = &step.state {
            if r.cluster().servers.iter().all(|sv| sv.term <= term) {
                for e in &r.cluster().events {
                    if let Event::Voted(voter, cand, true) = *e {
                        if cand == leader {
                            voters.insert(voter);
                        }
                    }
                }
            }
        }
    }
    assert!(voters.len() > servers.len() / 2, "{voters:?}");
}

#[test]
fn the_two_phase_question_commits_only_without_a_no() {
    for no in [0, 2] {
        let mut s = ConsensusLab::mode_scenario(2);
        s.params.two.no = no;
        let Ok(trace) = ConsensusLab::run(&s) else {
            continue;
        };
        let qs = ConsensusLab::questions(&s, &trace);
        let q = &qs[0];
        assert_eq!(
            q.choices[q.answer],
            if no == 0 { "Yes" } else { "No" },
            "no={no}: {q:#?}"
        );
    }
}
