//! Checkpoint (M5.5) and backpressure (M5.7) modes: exactly-once recovery, consistent
//! snapshots, duplicates under at-least-once, credit invariants and the upstream stall.

use proptest::prelude::*;
use sdp_kit::lab::{Contract, Scenario};
use sdp_lab_watermarks::backpressure::{BackpressureParams, states};
use sdp_lab_watermarks::checkpoint::{
    Alignment, CheckpointParams, CkFocus, Item, KEYS, SinkMode, build_steps, simulate,
};
use sdp_lab_watermarks::{Params, State, WatermarksLab};

fn params(alignment: Alignment, sink: SinkMode, fail_at: u32) -> CheckpointParams {
    CheckpointParams {
        ticks: 160,
        records: 30,
        every: 8,
        alignment,
        skew: 3,
        rate: 2,
        fail_at,
        sink,
    }
}

fn expected_counts(keys: &[Vec<u8>; 2]) -> [u64; KEYS] {
    let mut c = [0; KEYS];
    for k in keys.iter().flatten() {
        c[usize::from(*k)] += 1;
    }
    c
}

#[test]
fn recovery_gives_exactly_once_state() {
    for alignment in [Alignment::Aligned, Alignment::Unaligned] {
        let (clean, world, _) = simulate(&params(alignment, SinkMode::ExactlyOnce, 0), 11);
        let want = expected_counts(&world.keys);
        assert_eq!(clean.counts, want, "{alignment:?} without failure");
        for fail_at in [1, 5, 17, 29, 30, 41, 60] {
            for sink in [SinkMode::ExactlyOnce, SinkMode::AtLeastOnce] {
                let (op, _, _) = simulate(&params(alignment, sink, fail_at), 11);
                assert_eq!(op.counts, want, "{alignment:?} fail at {fail_at}");
            }
        }
    }
}

#[test]
fn completed_snapshots_are_consistent_cuts() {
    for alignment in [Alignment::Aligned, Alignment::Unaligned] {
        for skew in 1..=4 {
            let p = CheckpointParams {
                skew,
                ..params(alignment, SinkMode::ExactlyOnce, 45)
            };
            let (_, world, _) = simulate(&p, skew.into());
            let completed: Vec<_> = world
                .checkpoints
                .iter()
                .filter(|c| c.completed.is_some())
                .collect();
            assert!(!completed.is_empty());
            for cp in completed {
                // State + in-flight records = exactly the records before the recorded offsets.
                let mut before = [0u64; KEYS];
                for s in 0..2 {
                    for k in &world.keys[s][..cp.offsets[s] as usize] {
                        before[usize::from(*k)] += 1;
                    }
                }
                let mut got = cp.state;
                for item in &cp.in_flight {
                    if let Item::Record { key, .. } = item {
                        got[usize::from(*key)] += 1;
                    }
                }
                assert_eq!(
                    got, before,
                    "{alignment:?} skew {skew} checkpoint {}",
                    cp.id
                );
                if alignment == Alignment::Aligned {
                    assert!(cp.in_flight.is_empty());
                }
            }
        }
    }
}

#[test]
fn exactly_once_sink_has_no_duplicates_and_at_least_once_does() {
    for alignment in [Alignment::Aligned, Alignment::Unaligned] {
        let (_, world, dup) = simulate(&params(alignment, SinkMode::ExactlyOnce, 29), 11);
        assert_eq!(dup, 0);
        let mut seen = std::collections::BTreeSet::new();
        for o in world.outputs.iter().filter(|o| o.visible.is_some()) {
            assert!(o.aborted.is_none());
            assert!(seen.insert((o.source, o.offset)), "duplicate {o:?}");
        }
        // By the end every record is visible exactly once (the last checkpoint completed
        // after the pipeline drained).
        assert_eq!(seen.len(), 60);
        let (_, world, dup) = simulate(&params(alignment, SinkMode::AtLeastOnce, 29), 11);
        assert!(
            dup > 0,
            "{alignment:?}: a replay after a failure duplicates outputs"
        );
        assert_eq!(
            world.outputs.iter().filter(|o| o.duplicate).count() as u32,
            dup
        );
    }
}

#[test]
fn aligned_barriers_block_and_unaligned_store_in_flight_records() {
    let steps = build_steps(&params(Alignment::Aligned, SinkMode::ExactlyOnce, 0), 3);
    assert!(
        steps
            .iter()
            .any(|s| s.state.operator.blocked[0] && !s.state.channels[0].inbox.is_empty()),
        "the fast input waits in the alignment buffer"
    );
    let (_, world, _) = simulate(&params(Alignment::Unaligned, SinkMode::ExactlyOnce, 0), 3);
    assert!(world.checkpoints.iter().any(|c| !c.in_flight.is_empty()));
    assert!(
        world
            .checkpoints
            .iter()
            .all(|c| c.size() == KEYS + c.in_flight.len())
    );
}

#[test]
fn failure_step_restores_and_replays() {
    let steps = build_steps(&params(Alignment::Aligned, SinkMode::ExactlyOnce, 29), 11);
    assert_eq!(steps.len(), 161);
    let fail = &steps[29].state;
    let CkFocus::Failure { restored } = fail.focus else {
        panic!("tick 29 is the failure")
    };
    let id = restored.expect("a checkpoint completed before tick 29");
    let cp = &fail.world.checkpoints[id as usize - 1];
    assert_eq!(fail.operator.counts, cp.state);
    assert_eq!([fail.sources[0].offset, fail.sources[1].offset], cp.offsets);
    assert!(fail.replayed > 0);
    assert!(fail.channels.iter().all(|c| c.transit.is_empty()));
    // Pending checkpoints were aborted.
    assert!(
        fail.world
            .checkpoints
            .iter()
            .filter(|c| c.started < 29 && c.completed.is_none())
            .all(|c| c.aborted == Some(29))
    );
}

#[test]
fn checkpoint_mode_through_the_lab() {
    let s = Scenario {
        params: Params::checkpoint(CheckpointParams::default()),
        seed: 2,
        actions: vec![],
    };
    let t = WatermarksLab::run(&s).unwrap();
    assert_eq!(t.len(), CheckpointParams::default().ticks as usize + 1);
    assert!(matches!(t.steps[0].state, State::Checkpoint(_)));
}

fn check_invariants(p: &BackpressureParams) {
    for s in states(p) {
        assert!(s.map.buffer <= p.buffers && s.sink.buffer <= p.buffers);
        assert_eq!(s.map.buffer + s.credits_map, p.buffers, "tick {}", s.tick);
        assert_eq!(s.sink.buffer + s.credits_sink, p.buffers, "tick {}", s.tick);
        assert_eq!(
            s.produced,
            s.lag + u64::from(s.map.buffer) + u64::from(s.sink.buffer) + s.sink.total
        );
        assert!(s.sink.consumed <= p.sink_rate_at(s.tick));
        assert!(s.map.consumed <= p.map_rate);
    }
}

#[test]
fn a_slow_sink_stalls_the_chain_upstream_to_the_source() {
    let p = BackpressureParams::default();
    check_invariants(&p);
    let st = states(&p);
    let first_map = st.iter().position(|s| s.map.blocked).expect("map blocks");
    let first_source = st
        .iter()
        .position(|s| s.source_blocked)
        .expect("source blocks");
    assert!(first_map >= p.slow_from as usize);
    assert!(first_map <= first_source, "the stall travels upstream");
    let lag_at_end_of_slow = st[p.slow_to as usize - 1].lag;
    assert!(lag_at_end_of_slow > st[p.slow_from as usize].lag);
    // The sink is faster than the producers again: the lag drains.
    assert!(st.last().unwrap().lag < lag_at_end_of_slow);
    // Without a slow phase and with enough capacity nothing ever blocks.
    let fast = BackpressureParams {
        slow_from: 0,
        slow_to: 0,
        ..p
    };
    check_invariants(&fast);
    assert!(
        states(&fast)
            .iter()
            .all(|s| !s.source_blocked && !s.map.blocked && s.lag <= u64::from(p.produce))
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn credit_invariants_hold(
        ticks in 10u32..120, produce in 1u32..=8, map in 1u32..=8, sink in 1u32..=8,
        from in 0u32..60, len in 0u32..60, slow in 0u32..=8, buffers in 1u32..=32,
    ) {
        let slow_from = from.min(ticks);
        let p = BackpressureParams {
            ticks, produce, map_rate: map, sink_rate: sink, slow_from,
            slow_to: (slow_from + len).min(ticks), slow_rate: slow, buffers,
        };
        prop_assert!(p.validate().is_empty());
        check_invariants(&p);
    }

    #[test]
    fn exactly_once_for_any_failure_tick(
        fail in 0u32..120, every in 2u32..20, skew in 1u32..=8, rate in 1u32..=4,
        unaligned in any::<bool>(), seed in any::<u64>(),
    ) {
        let p = CheckpointParams {
            ticks: 300, records: 25, every, skew, rate, fail_at: fail,
            alignment: if unaligned { Alignment::Unaligned } else { Alignment::Aligned },
            sink: SinkMode::ExactlyOnce,
        };
        prop_assert!(p.validate().is_empty());
        let (op, world, dup) = simulate(&p, seed);
        prop_assert_eq!(op.counts, expected_counts(&world.keys));
        prop_assert_eq!(dup, 0);
    }
}
