//! The largest scenario of each mode: the size caps the benchmarks and the trace-time budget
//! are measured at.

use crate::{Action, LocksLab, MAX_ACTIONS, MAX_CLIENTS, MAX_HORIZON, Mode, Release};
use sdp_kit::lab::{Contract, Scenario};

/// The largest scenario of each mode (for the benchmarks and the trace-time budget).
pub fn largest() -> Vec<(Mode, Scenario<crate::Params, Action>)> {
    Mode::ALL
        .iter()
        .enumerate()
        .map(|(i, &mode)| {
            let mut s = LocksLab::mode_scenario(i);
            let p = &mut s.params;
            match mode {
                Mode::Fencing | Mode::Redis => {
                    p.race.clients = MAX_CLIENTS as u32;
                    p.race.writes = 20;
                    p.race.ttl = 300;
                    p.race.horizon = MAX_HORIZON;
                    p.race.jitter = 60;
                    if mode == Mode::Redis {
                        p.race.release = Release::Unsafe;
                    }
                    s.actions = (0..MAX_ACTIONS as u64)
                        .map(|k| Action::Pause {
                            client: (k % MAX_CLIENTS as u64) as u32,
                            at: k * 60,
                            len: 400,
                        })
                        .collect();
                }
                Mode::Optimistic => {
                    p.opt.clients = 8;
                    p.opt.seats = 1_000;
                    p.opt.retries = 10;
                    p.opt.order = crate::optimistic::Order::Shuffled;
                }
            }
            (mode, s)
        })
        .collect()
}
