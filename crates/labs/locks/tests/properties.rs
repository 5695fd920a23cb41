//! The invariants on seeded schedules: with fencing the storage never accepts a token
//! older than one it accepted (so a stale write after the newer holder's write is always
//! rejected); with an owner check no client releases a lock it does not hold.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_lab_locks::optimistic::{self, Order};
use sdp_lab_locks::sim::{self, Backend, Kind, Pause, Setup};

fn setup(
    backend: Backend,
    starts: Vec<u64>,
    pauses: Vec<(usize, u64, u64)>,
    ttl: u64,
    writes: u32,
    retry: u64,
) -> Setup {
    let n = starts.len();
    Setup {
        starts,
        writes,
        ttl,
        retry,
        counter: 0,
        backend,
        pauses: pauses
            .into_iter()
            .map(|(c, at, len)| Pause {
                client: c % n,
                at,
                len,
            })
            .collect(),
        horizon: 400,
    }
}

/// Starts, pauses, ttl, writes, retry.
type Schedule = (Vec<u64>, Vec<(usize, u64, u64)>, u64, u32, u64);

fn schedule() -> impl Strategy<Value = Schedule> {
    (
        prop::collection::vec(0u64..40, 1..6),
        prop::collection::vec((0usize..6, 0u64..80, 1u64..60), 0..5),
        1u64..40,
        1u32..8,
        1u64..5,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn fencing_never_accepts_an_older_token((starts, pauses, ttl, writes, retry) in schedule()) {
        let run = sim::run(&setup(Backend::Manager, starts, pauses, ttl, writes, retry));
        let mut newest = 0;
        for e in &run.events {
            if let Kind::Write { token, fenced, .. } = e.kind {
                prop_assert_eq!(fenced, token >= newest, "t={} token {} newest {}", e.t, token, newest);
                if fenced { newest = token; }
            }
        }
        let t = sim::tally(&run.events);
        prop_assert!(t.rejected <= t.stale, "only stale writes are rejected");
    }

    #[test]
    fn an_owner_check_never_frees_anothers_lock((starts, pauses, ttl, writes, retry) in schedule()) {
        for backend in [Backend::Manager, Backend::RedisChecked] {
            let run = sim::run(&setup(backend, starts.clone(), pauses.clone(), ttl, writes, retry));
            prop_assert_eq!(sim::tally(&run.events).foreign_releases, 0);
        }
    }

    #[test]
    fn without_pauses_no_write_is_stale((starts, _p, ttl, writes, retry) in schedule()) {
        // Each client writes once a second and the lease lasts `ttl`: with writes ≤ ttl − 1 the
        // holder releases before its lease ends.
        let writes = writes.min(u32::try_from(ttl).unwrap_or(1).saturating_sub(1)).max(1);
        prop_assume!(u64::from(writes) < ttl);
        for backend in [Backend::Manager, Backend::RedisChecked, Backend::RedisUnsafe] {
            let run = sim::run(&setup(backend, starts.clone(), vec![], ttl, writes, retry));
            let t = sim::tally(&run.events);
            prop_assert_eq!(t.stale, 0);
            prop_assert_eq!(t.foreign_releases, 0);
        }
    }

    #[test]
    fn the_version_check_loses_no_update(clients in 1usize..8, seats in 0u64..12, retries in 0u32..5, seed in any::<u64>()) {
        let s = optimistic::Setup { clients, seats, version: 1, retries, check: true, order: Order::Shuffled };
        let e = optimistic::run(&s, &mut sdp_kit::rng::seeded(seed));
        let (told, taken) = optimistic::sold(&s, &e);
        prop_assert_eq!(told, taken);
        prop_assert!(taken <= seats);
    }
}
