//! The catalogue's worked examples and CVs (M9.1, M9.10–M9.13), and what the default scenarios
//! show at their steps.
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::{Contract, Scenario};
use sdp_lab_replication::cart::{Cart, f4_merge};
use sdp_lab_replication::crdt::{GCounter, LwwRegister};
use sdp_lab_replication::quorum::{self, Config, Happening, MsgKind, OpKind, Outcome};
use sdp_lab_replication::trace::{ClockStep, CrdtValue, config};
use sdp_lab_replication::vclock::{Clock, Order};
use sdp_lab_replication::{Action, CrdtKind, Params, ReplicationLab, State};

fn cart(items: &[(&str, u32)]) -> Cart {
    items.iter().map(|(k, v)| ((*k).to_string(), *v)).collect()
}

fn scenario(mode: usize) -> Scenario<Params, Action> {
    ReplicationLab::mode_scenario(mode)
}

#[test]
fn m9_10_vector_clock_examples() {
    let a = Clock(vec![5, 3, 7]);
    let b = Clock(vec![5, 4, 7]);
    let c = Clock(vec![6, 3, 7]);
    assert_eq!(a.compare(&b), Order::Before);
    assert_eq!(c.compare(&b), Order::Concurrent);
    assert_eq!(b.merge(&c), Clock(vec![6, 4, 7]));
}

#[test]
fn m9_11_lww_examples() {
    let mut local = LwwRegister::default();
    local.put(0, "A", 100);
    let mut remote = LwwRegister::default();
    remote.put(1, "B", 101);
    assert_eq!(local.merge_f4(&remote).value, "B");
    // Both at 100: F4's rule keeps each side's own value, a divergence.
    remote.put(1, "B", 100);
    assert_eq!(local.merge_f4(&remote).value, "A");
    assert_eq!(remote.merge_f4(&local).value, "B");
    // The tie-broken register picks the same on both sides.
    assert_eq!(local.merge(&remote), remote.merge(&local));
}

#[test]
fn m9_12_g_counter_example() {
    let mut r1 = GCounter::default();
    let mut r2 = GCounter::default();
    for _ in 0..3 {
        r1.increment(0);
    }
    for _ in 0..2 {
        r2.increment(1);
    }
    let m = r1.merge(&r2);
    assert_eq!(m.counts, vec![3, 2]);
    assert_eq!(m.value(), 5);
    assert_eq!(m.merge(&r2), m, "merging again changes nothing");
    assert_eq!(r2.merge(&r1), m, "order does not matter");
}

#[test]
fn m9_13_cart_example() {
    let m = f4_merge(&cart(&[("x", 2), ("y", 1)]), &cart(&[("x", 1), ("z", 3)]));
    assert_eq!(m, cart(&[("x", 2), ("y", 1), ("z", 3)]));
}

fn plain(n: usize, w: usize, r: usize) -> Config {
    Config {
        nodes: n,
        n,
        w,
        r,
        sloppy: false,
        jitter: 0,
        seed: 1,
        history: vec![OpKind::Write, OpKind::Read],
        faults: Vec::new(),
    }
}

#[test]
fn m9_1_latency_is_the_w_th_fastest_round_trip() {
    // One-way latencies 10, 25, 40 ms: round trips 20, 50, 80. W = 2 waits for the 2nd: 50 ms,
    // the median of all three (F4: "median of RTT to 2 closest replicas").
    let run = quorum::run(&plain(3, 2, 2));
    let write = run.ops[0];
    assert_eq!(write.end - write.start, 50);
    let run = quorum::run(&plain(3, 1, 3));
    assert_eq!(run.ops[0].end - run.ops[0].start, 20);
    assert_eq!(run.ops[1].end - run.ops[1].start, 80);
}

#[test]
fn m9_1_cv_w1_r1_reads_stale_on_the_default_history_and_n3_w2_r2_does_not() {
    let s = scenario(0);
    let cfg = config(&s.params.quorum, s.seed, &s.actions);
    let grid = quorum::grid(&cfg);
    assert!(grid[0][0].0 > 0, "W = 1, R = 1 reads stale: {grid:?}");
    assert_eq!(grid[1][1], (0, 0), "N = 3, W = 2, R = 2: {grid:?}");
    for (w, row) in grid.iter().enumerate() {
        for (r, cell) in row.iter().enumerate() {
            if w + r + 2 > 3 {
                assert_eq!(cell.0, 0, "W = {}, R = {}", w + 1, r + 1);
            }
        }
    }
}

#[test]
fn m9_1_cv_n5_w3_r3_overlaps() {
    let mut cfg = plain(5, 3, 3);
    cfg.history = "wrwrrwwr"
        .chars()
        .map(|c| {
            if c == 'w' {
                OpKind::Write
            } else {
                OpKind::Read
            }
        })
        .collect();
    cfg.jitter = 40;
    for seed in 0..50 {
        cfg.seed = seed;
        assert_eq!(quorum::run(&cfg).stale_reads(), 0);
    }
}

#[test]
fn the_default_quorum_trace_repairs_a_and_hands_off_to_b() {
    let s = scenario(0);
    let t = ReplicationLab::run(&s).unwrap();
    let State::Quorum(q) = &t.steps[0].state else {
        panic!("quorum state");
    };
    let run = &q.world.run;
    let repaired = run.moments.iter().any(|m| {
        matches!(m.what, Happening::Arrived(id) if run.msgs[id].kind == MsgKind::Repair(2) && run.msgs[id].to == 1)
    });
    assert!(repaired, "read repair brings A to v2");
    let handed = run.moments.iter().any(|m| {
        matches!(m.what, Happening::Arrived(id) if run.msgs[id].kind == MsgKind::Handoff(3) && run.msgs[id].to == 2 && run.msgs[id].from == 4)
    });
    assert!(handed, "D hands v3 to B");
    let last = run.moments.last().unwrap();
    assert!(last.nodes.iter().take(3).all(|n| n.version == 3));
    assert!(
        last.nodes[3].hints.is_empty(),
        "the hint is gone once delivered"
    );
    assert!(
        run.ops
            .iter()
            .all(|o| !matches!(o.outcome, Outcome::WriteFailed | Outcome::ReadFailed))
    );
    assert!(t.steps.last().unwrap().narration.contains("W = 1, R = 1"));
}

#[test]
fn the_default_cart_history_brings_y_back_and_lww_loses_a_write() {
    let t = ReplicationLab::run(&scenario(1)).unwrap();
    let State::Clocks(end) = &t.steps.last().unwrap().state else {
        panic!("clocks state");
    };
    assert_eq!(end.step, ClockStep::End);
    let r1 = &end.replicas[0];
    assert_eq!(r1.siblings.len(), 2, "two concurrent siblings");
    let merged = sdp_lab_replication::cart::client_merge(&r1.siblings);
    assert_eq!(
        merged,
        cart(&[("x", 2), ("y", 1), ("z", 3)]),
        "y comes back"
    );
    assert_eq!(r1.lww.cart, cart(&[("x", 2), ("y", 1)]));
    assert_eq!(end.lost.len(), 1, "LWW drops replica 2's later write");
    assert_eq!(
        r1.or.cart(),
        cart(&[("x", 2), ("z", 3)]),
        "the OR-cart keeps y removed"
    );
    // Without skew, replica 2's write is the later one and LWW keeps it instead.
    let mut s = scenario(1);
    s.params.clocks.skew = 0;
    let t = ReplicationLab::run(&s).unwrap();
    let State::Clocks(end) = &t.steps.last().unwrap().state else {
        panic!("clocks state");
    };
    assert_eq!(end.replicas[0].lww.cart, cart(&[("x", 1), ("z", 3)]));
}

#[test]
fn the_lww_register_preset_diverges_under_f4_and_agrees_with_the_tie_break() {
    let mut s = scenario(2);
    s.params.crdt.kind = CrdtKind::Lww;
    let t = ReplicationLab::run(&s).unwrap();
    let State::Crdt(end) = &t.steps.last().unwrap().state else {
        panic!("crdt state");
    };
    let (CrdtValue::Lww(f1, c1), CrdtValue::Lww(f2, c2)) = (&end.replicas[0], &end.replicas[1])
    else {
        panic!("lww");
    };
    assert_eq!(
        (f1.value.as_str(), f2.value.as_str()),
        ("C", "D"),
        "F4's rule diverges"
    );
    assert_eq!((c1.value.as_str(), c2.value.as_str()), ("D", "D"));
    // The first merge is M9.11's CV: ("A", 100) vs ("B", 101) → B.
    assert!(
        t.steps[3].narration.contains("\"B\""),
        "{}",
        t.steps[3].narration
    );
}

#[test]
fn every_crdt_preset_ends_agreeing_in_any_merge_order() {
    for kind in [
        CrdtKind::GCounter,
        CrdtKind::PnCounter,
        CrdtKind::OrSet,
        CrdtKind::Lww,
    ] {
        let mut s = scenario(2);
        s.params.crdt.kind = kind;
        let t = ReplicationLab::run(&s).unwrap();
        let State::Crdt(end) = &t.steps.last().unwrap().state else {
            panic!("crdt state");
        };
        assert!(end.check.as_ref().unwrap().same, "{kind:?}");
    }
}

#[test]
fn bad_input_names_the_field() {
    let (_, problems) = ReplicationLab::from_query(&sdp_kit::query::parse(
        "mode=quorum&n=3&w=5&history=wxr&a=crash:Z@1",
    ));
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert!(fields.contains(&"w"), "{problems:?}");
    assert!(fields.contains(&"history"), "{problems:?}");
    assert!(fields.iter().any(|f| f.starts_with('a')), "{problems:?}");
    let mut s = scenario(0);
    s.params.quorum.w = 3;
    s.params.quorum.n = 2;
    let errors = ReplicationLab::validate(&s);
    assert!(
        errors
            .iter()
            .any(|e| e.field == "w" && e.message.contains("n = 2")),
        "{errors:?}"
    );
}

#[test]
fn the_default_merkle_walk_skips_equal_branches() {
    let mut s = scenario(3);
    s.seed = 42;
    let t = ReplicationLab::run(&s).unwrap();
    let State::Merkle(end) = &t.steps.last().unwrap().state else {
        panic!("merkle state");
    };
    let w = &end.world;
    assert_eq!(w.a.iter().zip(&w.b).filter(|(x, y)| x != y).count(), 3);
    assert!(
        w.visits.len() < 15,
        "fewer comparisons than the 15 nodes: {}",
        w.visits.len()
    );
    assert_eq!(w.synced, w.synced_b);
    assert!(t.steps.last().unwrap().narration.contains("identical:"));
    assert!(w.sent < 32);
}
