//! Differential tests against brute-force models on thousands of seeded inputs: the heartbeat
//! detector's event-driven verdicts against a millisecond-by-millisecond replay, φ crossings
//! against a scan, and the Raft lock table against a direct replay of the committed commands.
#![cfg(not(target_arch = "wasm32"))]

use rand::RngExt;
use sdp_lab_consensus::detect::{self, Kind, Model, Verdict};
use sdp_lab_consensus::raft;

fn random_cfg(seed: u64) -> detect::Config {
    let mut r = sdp_kit::rng::seeded(seed ^ 0x5eed);
    let interval = r.random_range(100..=1500);
    detect::Config {
        interval,
        missed: r.random_range(0..=5),
        dead: r.random_range(interval..=interval * 12),
        check: if r.random_range(0..3) == 0 {
            r.random_range(100..=3000)
        } else {
            0
        },
        delay: r.random_range(0..=200),
        jitter: r.random_range(0..=interval),
        loss: r.random_range(0..=30),
        crash: if r.random_range(0..4) == 0 {
            0
        } else {
            r.random_range(1..=30_000)
        },
        horizon: 30_000,
        window: r.random_range(1..=30),
        threshold: f64::from(r.random_range(1..=12)),
        min_sd: f64::from(r.random_range(1..=300)),
        model: if r.random_range(0..2) == 0 {
            Model::Normal
        } else {
            Model::Exp
        },
        seed,
    }
}

/// The verdict changes, found by replaying every millisecond.
fn brute_verdicts(cfg: &detect::Config) -> Vec<(u64, Verdict)> {
    let mut arrivals: Vec<u64> = detect::beats(cfg)
        .iter()
        .filter_map(|b| b.arrived)
        .filter(|&a| a <= cfg.horizon)
        .collect();
    arrivals.sort_unstable();
    let mut out = Vec::new();
    let (mut last, mut v, mut ai) = (0, Verdict::Alive, 0);
    for t in 0..=cfg.horizon {
        let mut arrived = false;
        while ai < arrivals.len() && arrivals[ai] == t {
            last = t;
            ai += 1;
            arrived = true;
        }
        let judge = cfg.check == 0 || (t % cfg.check == 0 && t > 0);
        let nv = if judge {
            detect::verdict(cfg, t - last)
        } else {
            v
        };
        let nv = if cfg.check == 0 && arrived {
            detect::verdict(cfg, 0)
        } else {
            nv
        };
        if nv != v {
            out.push((t, nv));
            v = nv;
        }
    }
    out
}

#[test]
fn heartbeat_verdicts_match_a_millisecond_replay_on_2000_seeds() {
    for seed in 0..2000 {
        let cfg = random_cfg(seed);
        let got: Vec<(u64, Verdict)> = detect::run(&cfg)
            .events
            .iter()
            .filter_map(|e| match e.kind {
                Kind::Verdict(v) => Some((e.t, v)),
                _ => None,
            })
            .collect();
        assert_eq!(got, brute_verdicts(&cfg), "seed {seed}: {cfg:?}");
    }
}

#[test]
fn phi_crossings_are_the_first_millisecond_at_the_threshold() {
    for seed in 0..300 {
        let cfg = random_cfg(seed);
        let run = detect::run(&cfg);
        for e in &run.events {
            if let Kind::Phi(true) = e.kind {
                assert!(e.phi >= cfg.threshold, "seed {seed}");
                let (m, sd) = e.stats;
                let before = match cfg.model {
                    Model::Normal => detect::phi_normal((e.t - 1 - e.last) as f64, m, sd),
                    Model::Exp => detect::phi_exp((e.t - 1 - e.last) as f64, m),
                };
                assert!(
                    before < cfg.threshold || e.t - 1 == e.last,
                    "seed {seed}: φ already {before} a ms before the crossing at {}",
                    e.t
                );
            }
        }
    }
}

#[test]
fn the_lock_table_matches_a_replay_of_the_commands() {
    for seed in 0..2000u64 {
        let mut r = sdp_kit::rng::seeded(seed);
        let log: Vec<raft::Entry> = (0..r.random_range(0..12))
            .map(|_| raft::Entry {
                term: 1,
                session: r.random_range(0..3),
            })
            .collect();
        // Brute force: the first session to ask holds it forever (no release in the log).
        let first = log.first().map(|e| e.session);
        let (held, answers) = raft::apply(&log);
        assert_eq!(held.map(|h| h.0), first);
        for (e, a) in log.iter().zip(&answers) {
            assert_eq!(a.is_ok(), Some(e.session) == first, "seed {seed}");
        }
    }
}
