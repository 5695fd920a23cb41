//! The quorum mode's predict-then-run questions: on the worked example (N = 3, W = 2, R = 2)
//! the write is acknowledged and the read is fresh, as R + W > N promises; with W = R = 1 the
//! same history has a stale read (catalogue M9.1's check value), and the read question is about
//! it and answers No.

use sdp_kit::lab::{Contract, Lab};
use sdp_lab_replication::{ReplicationLab, State};

fn quorum(w: u32, r: u32) -> (Vec<sdp_kit::quiz::Question>, usize) {
    let mut s = ReplicationLab::mode_scenario(0);
    s.params.quorum.w = w;
    s.params.quorum.r = r;
    let trace = ReplicationLab::run(&s).unwrap();
    let stale = match &trace.steps[0].state {
        State::Quorum(q) => q.world.run.stale_reads(),
        _ => panic!("mode 0 is quorum"),
    };
    (ReplicationLab::questions(&s, &trace), stale)
}

#[test]
fn the_worked_example_asks_about_a_write_and_a_read() {
    let (qs, stale) = quorum(2, 2);
    assert_eq!(stale, 0);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert_eq!(qs[0].choices[qs[0].answer], "Yes", "{qs:#?}");
    assert_eq!(qs[1].choices[qs[1].answer], "Yes");
    assert!(qs[1].explanation.contains("R + W = 4 > N = 3"));
}

#[test]
fn a_weak_quorum_asks_about_its_stale_read() {
    let (qs, stale) = quorum(1, 1);
    assert!(stale > 0, "W = R = 1 on the example history reads stale");
    let read = qs.iter().find(|q| q.prompt.contains("read")).unwrap();
    assert_eq!(read.choices[read.answer], "No", "{read:#?}");
    assert!(read.explanation.contains("R + W = 2 ≤ N = 3"));
    assert!(sdp_kit::quiz::problems(&qs, usize::MAX).is_empty());
}
