//! Against brute-force models on thousands of seeded inputs: vector clocks against explicit
//! causal histories (sets of events); counters and the OR-set against counting and observing
//! events; the quorum simulator's outcomes recomputed from its own message log.
#![cfg(not(target_arch = "wasm32"))]

use rand::RngExt;
use sdp_lab_replication::crdt::{GCounter, OrSet, PnCounter};
use sdp_lab_replication::quorum::{
    self, COORD, Config, Fault, FaultKind, MsgKind, OpKind, Outcome,
};
use sdp_lab_replication::vclock::{Clock, Order};
use std::collections::BTreeSet;

#[test]
fn vector_clocks_agree_with_causal_histories() {
    let mut rng = sdp_kit::rng::seeded(11);
    for _ in 0..2_000 {
        // Three replicas; each event is local or a receive of another's whole state.
        let mut clocks = vec![Clock::zero(3); 3];
        let mut seen: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); 3];
        let mut events: Vec<(Clock, BTreeSet<usize>)> = Vec::new();
        for id in 0..rng.random_range(1..15) {
            let r = rng.random_range(0..3);
            if rng.random_bool(0.4) {
                let from = rng.random_range(0..3);
                clocks[r] = clocks[r].merge(&clocks[from]);
                let other = seen[from].clone();
                seen[r].extend(other);
            }
            clocks[r].tick(r);
            seen[r].insert(id);
            events.push((clocks[r].clone(), seen[r].clone()));
        }
        for (ca, ha) in &events {
            for (cb, hb) in &events {
                let want = match (ha.is_subset(hb), hb.is_subset(ha)) {
                    (true, true) => Order::Equal,
                    (true, false) => Order::Before,
                    (false, true) => Order::After,
                    (false, false) => Order::Concurrent,
                };
                assert_eq!(ca.compare(cb), want);
            }
        }
    }
}

#[test]
fn counters_and_or_sets_agree_with_brute_force() {
    let mut rng = sdp_kit::rng::seeded(12);
    for _ in 0..2_000 {
        let mut g = vec![GCounter::default(); 3];
        let mut pn = vec![PnCounter::default(); 3];
        let mut or = vec![OrSet::default(); 3];
        // Brute force: which add events each replica has seen, and what each remove observed.
        let mut adds: Vec<(usize, String)> = Vec::new();
        let mut observed: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); 3];
        let mut removed: BTreeSet<usize> = BTreeSet::new();
        let (mut incs, mut decs) = (0i64, 0i64);
        for _ in 0..rng.random_range(1..30) {
            let r = rng.random_range(0..3);
            let x = format!("e{}", rng.random_range(0..3));
            match rng.random_range(0..5) {
                0 => {
                    g[r].increment(r);
                    pn[r].p.increment(r);
                    incs += 1;
                }
                1 => {
                    pn[r].n.increment(r);
                    decs += 1;
                }
                2 => {
                    or[r].add(r, &x);
                    adds.push((r, x));
                    observed[r].insert(adds.len() - 1);
                }
                3 => {
                    or[r].remove(&x);
                    removed.extend(observed[r].iter().copied().filter(|&a| adds[a].1 == x));
                }
                _ => {
                    let to = rng.random_range(0..3);
                    g[to] = g[to].merge(&g[r]);
                    pn[to] = pn[to].merge(&pn[r]);
                    or[to] = or[to].merge(&or[r]);
                    let o = observed[r].clone();
                    observed[to].extend(o);
                }
            }
        }
        let all_g = g.iter().fold(GCounter::default(), |a, b| a.merge(b));
        assert_eq!(all_g.value() as i64, incs);
        let all_pn = pn.iter().fold(PnCounter::default(), |a, b| a.merge(b));
        assert_eq!(all_pn.value(), incs - decs);
        let all_or = or.iter().fold(OrSet::default(), |a, b| a.merge(b));
        let want: BTreeSet<String> = (0..adds.len())
            .filter(|a| !removed.contains(a))
            .map(|a| adds[a].1.clone())
            .collect();
        assert_eq!(all_or.elements(), want);
    }
}

fn random_config(rng: &mut sdp_kit::rng::LabRng) -> Config {
    let nodes = rng.random_range(1..=7);
    let n = rng.random_range(1..=nodes);
    let ops = rng.random_range(1..=12);
    let kinds = [
        FaultKind::Crash,
        FaultKind::Recover,
        FaultKind::Cut,
        FaultKind::Heal,
        FaultKind::Drop,
        FaultKind::Delay,
    ];
    Config {
        nodes,
        n,
        w: rng.random_range(1..=n),
        r: rng.random_range(1..=n),
        sloppy: rng.random_bool(0.5),
        jitter: rng.random_range(0..=40),
        seed: rng.random(),
        history: (0..ops)
            .map(|_| {
                if rng.random_bool(0.5) {
                    OpKind::Write
                } else {
                    OpKind::Read
                }
            })
            .collect(),
        faults: (0..rng.random_range(0..8))
            .map(|_| Fault {
                kind: kinds[rng.random_range(0..6)],
                node: rng.random_range(0..nodes),
                op: rng.random_range(0..ops),
                ms: rng.random_range(1..500),
            })
            .collect(),
    }
}

#[test]
fn quorum_outcomes_follow_from_the_message_log() {
    let mut rng = sdp_kit::rng::seeded(13);
    for _ in 0..2_000 {
        let cfg = random_config(&mut rng);
        let run = quorum::run(&cfg);
        assert_eq!(run.ops.len(), cfg.history.len());
        for (i, op) in run.ops.iter().enumerate() {
            let mut replies: Vec<(u32, u32)> = run
                .msgs
                .iter()
                .filter(|m| {
                    m.op == i
                        && m.to == COORD
                        && !m.lost
                        && m.arrive <= op.start + quorum::TIMEOUT_MS
                })
                .filter_map(|m| match m.kind {
                    MsgKind::Reply(v) => Some((m.arrive, v)),
                    _ => None,
                })
                .collect();
            replies.sort_by_key(|r| r.0);
            let acks = run
                .msgs
                .iter()
                .filter(|m| {
                    m.op == i
                        && m.to == COORD
                        && !m.lost
                        && m.kind == MsgKind::Ack
                        && m.arrive <= op.start + quorum::TIMEOUT_MS
                })
                .count();
            match op.outcome {
                Outcome::Acked => assert!(acks >= cfg.w),
                Outcome::WriteFailed => assert!(acks < cfg.w),
                Outcome::Read { version, .. } => {
                    let first: u32 = replies.iter().take(cfg.r).map(|r| r.1).max().unwrap();
                    assert!(replies.len() >= cfg.r);
                    assert_eq!(version, first);
                }
                Outcome::ReadFailed => assert!(replies.len() < cfg.r),
                Outcome::Pending => panic!("every operation ends"),
            }
        }
        // Every home replica ends with the highest version delivered to it.
        let last = run.moments.last().unwrap();
        for (node, snap) in last.nodes.iter().enumerate() {
            let delivered = run
                .msgs
                .iter()
                .filter(|m| m.to == node + 1 && !m.lost)
                .filter_map(|m| match m.kind {
                    MsgKind::Write(v) | MsgKind::Repair(v) | MsgKind::Handoff(v) => Some(v),
                    _ => None,
                })
                .max()
                .unwrap_or(0);
            assert_eq!(snap.version, delivered);
        }
    }
}

#[test]
fn the_merkle_walk_finds_exactly_the_leaves_a_full_scan_finds() {
    use sdp_lab_replication::merkle::{Tree, leaf_range, replicas, walk};
    let mut rng = sdp_kit::rng::seeded(14);
    for _ in 0..2_000 {
        let leaves = 1usize << rng.random_range(1..=6);
        let keys = rng.random_range(leaves..=1024);
        let diffs = rng.random_range(0..=keys.min(40));
        let (a, b) = replicas(keys, diffs, rng.random());
        let (visits, mut found) = walk(&Tree::build(&a, leaves), &Tree::build(&b, leaves));
        found.sort_unstable();
        let want: Vec<usize> = (0..leaves)
            .filter(|&l| leaf_range(l, leaves, keys).any(|k| a[k] != b[k]))
            .collect();
        assert_eq!(found, want);
        // The walk looks at the root, and two children under every differing inner node.
        let inner_differing = visits
            .iter()
            .filter(|v| !v.equal && v.node < leaves)
            .count();
        assert_eq!(visits.len(), 1 + 2 * inner_differing);
        assert_eq!(a.iter().zip(&b).filter(|(x, y)| x != y).count(), diffs);
    }
}
