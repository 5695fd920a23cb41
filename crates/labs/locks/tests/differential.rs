//! Differential tests against brute-force models, on thousands of seeded inputs: the lock
//! manager against a lock rebuilt from its call history; the fenced storage against the maximum
//! of the tokens it accepted; the optimistic run against a serial replay of its committed writes.
#![cfg(not(target_arch = "wasm32"))]

use rand::RngExt;
use sdp_lab_locks::lock::{Acquired, Fenced, Manager, RedisKey, Released};
use sdp_lab_locks::optimistic::{self, Op, Order, Outcome};

/// The brute-force lock: the latest successful acquire not yet released, expired or replaced.
#[derive(Default)]
struct History {
    calls: Vec<(u64, String, u64, u64)>, // (now, owner, token, ttl) of successful acquires
    released_at: Option<usize>,
}

impl History {
    fn live(&self, now: u64) -> Option<&(u64, String, u64, u64)> {
        let last = self.calls.len().checked_sub(1)?;
        if self.released_at == Some(last) {
            return None;
        }
        self.calls.last().filter(|(at, _, _, ttl)| now <= at + ttl)
    }
}

#[test]
fn the_manager_matches_a_lock_rebuilt_from_history() {
    let mut rng = sdp_kit::rng::seeded(7);
    for _case in 0..2_000 {
        let mut m = Manager::new(rng.random_range(0..100));
        let mut h = History::default();
        let mut counter = m.counter;
        let mut now = 0;
        for _ in 0..40 {
            now += rng.random_range(0..20_000);
            let who = ["A", "B", "C"][rng.random_range(0..3)].to_string();
            let ttl = rng.random_range(1..40_000);
            if rng.random_bool(0.6) {
                let got = m.acquire("r", &who, ttl, now);
                let expect = match h.live(now).cloned() {
                    Some((_, owner, token, _)) if owner == who => {
                        let last = h.calls.len() - 1;
                        h.calls[last] = (now, owner, token, ttl);
                        Acquired::Reentrant(token)
                    }
                    Some((at, owner, _, ttl0)) => Acquired::Busy {
                        owner,
                        remaining: at + ttl0 - now,
                    },
                    None => {
                        counter += 1;
                        h.calls.push((now, who.clone(), counter, ttl));
                        h.released_at = None;
                        Acquired::New(counter)
                    }
                };
                assert_eq!(got, expect);
            } else {
                let token = if rng.random_bool(0.5) {
                    counter
                } else {
                    counter.saturating_sub(1)
                };
                let got = m.release(&who, token);
                let present = h
                    .calls
                    .last()
                    .filter(|_| h.released_at != Some(h.calls.len() - 1))
                    .cloned();
                let expect = match present {
                    None => Released::NoLock,
                    Some((_, owner, _, _)) if owner != who => Released::NotOwner,
                    Some((_, _, tok, _)) if tok != token => Released::Stale,
                    Some(_) => {
                        h.released_at = Some(h.calls.len() - 1);
                        Released::Deleted
                    }
                };
                assert_eq!(got, expect);
            }
        }
    }
}

#[test]
fn the_fenced_storage_matches_the_max_of_accepted_tokens() {
    let mut rng = sdp_kit::rng::seeded(11);
    for _ in 0..5_000 {
        let mut f = Fenced::default();
        let mut accepted: Vec<u64> = Vec::new();
        for _ in 0..30 {
            let token = rng.random_range(0..20);
            let ok = f.write(token);
            let expect = accepted.iter().all(|&a| token >= a);
            assert_eq!(ok, expect);
            if ok {
                accepted.push(token);
            }
            assert_eq!(f.last_seen, accepted.iter().copied().max().unwrap_or(0));
        }
    }
}

#[test]
fn the_redis_key_matches_a_timestamp_model() {
    let mut rng = sdp_kit::rng::seeded(13);
    for _ in 0..3_000 {
        let mut k = RedisKey::default();
        let mut model: Option<(String, u64)> = None;
        let mut now = 0;
        for _ in 0..30 {
            now += rng.random_range(0..5_000);
            let who = ["A", "B"][rng.random_range(0..2)];
            let alive = model.clone().filter(|(_, at)| now <= *at);
            match rng.random_range(0..3) {
                0 => {
                    let ok = k.set_nx_ex(who, 6_000, now);
                    assert_eq!(ok, alive.is_none());
                    if ok {
                        model = Some((who.to_string(), now + 6_000));
                    }
                }
                1 => {
                    let ok = k.del_if_owner(who, now);
                    let mine = alive.as_ref().is_some_and(|(v, _)| v == who);
                    assert_eq!(ok, mine);
                    if mine {
                        model = None;
                    }
                }
                _ => {
                    assert_eq!(k.del(now), alive.map(|(v, _)| v));
                    model = None;
                }
            }
        }
    }
}

#[test]
fn optimistic_runs_match_a_serial_replay_of_their_commits() {
    let mut rng = sdp_kit::rng::seeded(17);
    for seed in 0..3_000u64 {
        let s = optimistic::Setup {
            clients: rng.random_range(1..8),
            seats: rng.random_range(0..10),
            version: rng.random_range(0..5),
            retries: rng.random_range(0..4),
            check: rng.random_bool(0.5),
            order: if seed % 3 == 0 {
                Order::Phased
            } else {
                Order::Shuffled
            },
        };
        let e = optimistic::run(&s, &mut sdp_kit::rng::seeded(seed));
        // Replay: the row is whatever the last committing write set from its own read.
        let (mut available, mut version) = (s.seats, s.version);
        let mut reads = vec![(s.seats, s.version); s.clients];
        for x in &e {
            match x.op {
                Op::Read(r) => {
                    assert_eq!((r.available, r.version), (available, version));
                    reads[x.client] = (r.available, r.version);
                }
                Op::Write(v, Outcome::Updated | Outcome::Overwrote) => {
                    assert_eq!(v, reads[x.client].1);
                    available = reads[x.client].0 - 1;
                    version = reads[x.client].1 + 1;
                }
                Op::Write(..) => {}
            }
            assert_eq!((x.row.available, x.row.version), (available, version));
        }
        let (told, taken) = optimistic::sold(&s, &e);
        if s.check {
            assert_eq!(told, taken);
        } else {
            assert!(told >= taken);
        }
    }
}
