//! The catalogue's worked examples (B10) as golden tests.
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::{Contract, Lab};
use sdp_lab_locks::lock::{Acquired, Fenced, Lock, Manager, RedisKey, Released};
use sdp_lab_locks::optimistic::{self, Op, Order, Outcome, Row, Setup};
use sdp_lab_locks::sim::{self, Kind, tally};
use sdp_lab_locks::{LocksLab, State};

fn trace(query: &str) -> sdp_kit::lab::Trace<State> {
    let (s, problems) = LocksLab::from_query(&sdp_kit::query::parse(query));
    assert!(problems.is_empty(), "{problems:?}");
    LocksLab::run(&s).unwrap()
}

#[test]
fn m10_1_the_lock_record_expires_strictly() {
    let l = Lock {
        name: "resource-123".into(),
        owner: "client-abc".into(),
        token: 42,
        acquired_at: 1_704_067_200_000,
        ttl_ms: 30_000,
    };
    assert_eq!(l.remaining(1_704_067_215_000), 15_000);
    assert!(!l.is_expired(1_704_067_215_000));
    assert_eq!(l.remaining(1_704_067_230_000), 0);
    assert!(!l.is_expired(1_704_067_230_000), "the comparison is strict");
    assert!(l.is_expired(1_704_067_230_001));
}

#[test]
fn m10_2_counter_41_tokens_42_then_43() {
    let mut m = Manager::new(41);
    assert_eq!(m.acquire("r", "A", 30_000, 0), Acquired::New(42));
    assert_eq!(
        m.acquire("r", "B", 30_000, 5_000),
        Acquired::Busy {
            owner: "A".into(),
            remaining: 25_000
        }
    );
    assert_eq!(m.acquire("r", "A", 30_000, 10_000), Acquired::Reentrant(42));
    assert_eq!(m.lock.as_ref().map(|l| l.acquired_at), Some(10_000));
    assert_eq!(m.acquire("r", "B", 30_000, 40_001), Acquired::New(43));
    assert_eq!(m.release("A", 42), Released::NotOwner);
    assert_eq!(m.release("B", 42), Released::Stale);
    assert!(!m.extend("A", 42, 30_000, 41_000));
    assert!(m.extend("B", 43, 60_000, 41_000));
    assert_eq!(m.release("B", 43), Released::Deleted);
    assert_eq!(m.release("B", 43), Released::NoLock);
}

#[test]
fn m10_5_the_stale_token_42_is_rejected_after_43() {
    let mut f = Fenced::default();
    assert!(f.write(42));
    assert_eq!(f.last_seen, 42);
    assert!(f.write(43));
    assert!(!f.write(42), "A writes with 42 after B's 43: rejected");
    assert!(f.write(43), "an equal token is accepted");
    assert_eq!(f.last_seen, 43);
}

#[test]
fn m10_8_the_lua_release_checks_the_owner_and_del_does_not() {
    let mut k = RedisKey::default();
    assert!(k.set_nx_ex("A", 30_000, 0));
    assert!(
        !k.set_nx_ex("B", 30_000, 30_000),
        "still there at exactly 30 s"
    );
    assert!(k.set_nx_ex("B", 30_000, 30_001));
    assert!(!k.del_if_owner("A", 31_000), "A's Lua release returns 0");
    assert_eq!(k.get(31_000), Some("B"));
    assert!(!k.expire_if_owner("A", 30_000, 31_000));
    assert!(k.expire_if_owner("B", 30_000, 31_000));
    assert_eq!(
        k.del(32_000).as_deref(),
        Some("B"),
        "a bare DEL removes B's lock"
    );
}

#[test]
fn m10_9_both_read_v1_a_wins_b_retries_to_v3() {
    let s = Setup {
        clients: 2,
        seats: 10,
        version: 1,
        retries: 3,
        check: true,
        order: Order::Phased,
    };
    let e = optimistic::run(&s, &mut sdp_kit::rng::seeded(1));
    let ops: Vec<(usize, Op)> = e.iter().map(|e| (e.client, e.op)).collect();
    let r = |available, version| Row { available, version };
    assert_eq!(
        ops,
        [
            (0, Op::Read(r(10, 1))),
            (1, Op::Read(r(10, 1))),
            (0, Op::Write(1, Outcome::Updated)),
            (1, Op::Write(1, Outcome::Conflict)),
            (1, Op::Read(r(9, 2))),
            (1, Op::Write(2, Outcome::Updated)),
        ]
    );
    assert_eq!(e.last().map(|e| e.row), Some(r(8, 3)));
}

#[test]
fn fencing_opens_on_the_source_example() {
    let t = trace("mode=fencing&a=pause:A@2:33");
    let text: Vec<&str> = t.steps.iter().map(|s| s.narration.as_str()).collect();
    assert!(text[1].contains("token 42"), "{}", text[1]);
    assert!(text.iter().any(|n| n.contains("0 ms remaining")));
    assert!(text.iter().any(|n| n.contains("token 43")));
    assert!(
        text.iter()
            .any(|n| n.contains("rejects “stale token” (42 < 43)"))
    );
    let Some(State::Race(s)) = t.steps.last().map(|s| &s.state) else {
        panic!("a race")
    };
    assert_eq!(s.world.tally.rejected, 3);
    assert_eq!(s.world.tally.stale, 3);
}

#[test]
fn the_default_scenarios_are_the_mode_openings() {
    for m in 0..LocksLab::MODES.len() {
        let s = LocksLab::mode_scenario(m);
        assert_eq!(s.actions, LocksLab::default_actions(m));
    }
}

#[test]
fn redis_unsafe_del_frees_cs_lock_and_checked_does_not() {
    let f = |release| {
        let t = trace(&format!("mode=redis&release={release}&a=pause:A@2:33"));
        match t.steps.last().map(|s| &s.state) {
            Some(State::Race(s)) => (s.world.tally, s.world.run.events.clone()),
            _ => panic!("a race"),
        }
    };
    let (unsafe_t, events) = f("unsafe");
    assert_eq!(unsafe_t.foreign_releases, 2);
    assert!(
        events
            .iter()
            .any(|e| e.client == 0 && matches!(e.kind, Kind::Release(Released::Deleted, Some(2))))
    );
    let (checked, _) = f("checked");
    assert_eq!(checked.foreign_releases, 0);
    assert_eq!(checked.stale, 3, "A's three writes after its key expired");
}

#[test]
fn held_ends_at_release_or_ttl() {
    let s = sdp_lab_locks::trace::setup(&sdp_kit::lab::Scenario {
        params: LocksLab::defaults(0),
        seed: 42,
        actions: LocksLab::default_actions(0),
    });
    let run = sim::run(&s);
    let h = sim::held(&run.events, 30, run.end);
    assert_eq!(
        (h[0].client, h[0].from, h[0].to, h[0].token),
        (0, 0, 30, 42)
    );
    assert_eq!(
        (h[1].client, h[1].from, h[1].to, h[1].token),
        (1, 31, 36, 43)
    );
    assert_eq!(tally(&run.events).writes, 8);
}

#[test]
fn every_largest_scenario_is_valid_and_builds() {
    for (mode, s) in sdp_lab_locks::largest() {
        assert_eq!(LocksLab::validate(&s), vec![], "{mode:?}");
        assert!(LocksLab::run(&s).unwrap().len() > 2, "{mode:?}");
    }
}

#[test]
fn bad_pauses_name_the_field_and_range() {
    let (_, problems) = LocksLab::from_query(&sdp_kit::query::parse("mode=fencing&a=pause:F@2:33"));
    assert!(
        problems.iter().any(|p| p.message.contains("A–B")),
        "{problems:?}"
    );
    let (_, problems) =
        LocksLab::from_query(&sdp_kit::query::parse("mode=optimistic&a=pause:A@2:3"));
    assert!(
        problems.iter().any(|p| p.message.contains("mode=fencing")),
        "{problems:?}"
    );
    let (_, problems) = LocksLab::from_query(&sdp_kit::query::parse("mode=fencing&a=nap:A"));
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("pause:CLIENT@T:S")),
        "{problems:?}"
    );
}
