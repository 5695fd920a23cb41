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
                Mode::Redlock => {
                    let r = &mut p.redlock;
                    r.masters = crate::MAX_MASTERS as u32;
                    r.quorum = 5;
                    r.clients = crate::MAX_REDLOCK_CLIENTS as u32;
                    r.stagger = 0;
                    r.ttl = 120_000;
                    r.retries = 12;
                    r.work = 120_000;
                    s.actions = (0..MAX_ACTIONS as u64)
                        .map(|k| match k % 4 {
                            0 => Action::Pause {
                                client: (k % 4) as u32,
                                at: k * 1_000,
                                len: 200_000,
                            },
                            1 => Action::Delay {
                                master: k as u32,
                                at: 0,
                                ms: 500,
                            },
                            2 => Action::Crash {
                                master: k as u32,
                                at: k * 5_000,
                                len: 60_000,
                            },
                            _ => Action::Jump {
                                master: k as u32,
                                at: k * 3_000,
                                ms: 90_000,
                            },
                        })
                        .collect();
                }
                Mode::Renewal => {
                    let r = &mut p.renewal;
                    r.work = crate::MAX_RENEW_HORIZON;
                    r.every = 1;
                    r.renew = 1;
                    r.contenders = 3;
                    r.policy = crate::Policy::Fixed;
                    r.delay = 1;
                    r.retries = 10;
                    r.again = 1;
                    r.onlost = crate::OnLost::Ignore;
                    s.actions = (0..MAX_ACTIONS as u64)
                        .map(|k| {
                            if k % 2 == 0 {
                                Action::Pause {
                                    client: (k % 4) as u32,
                                    at: k * 60,
                                    len: 100,
                                }
                            } else {
                                Action::Cut {
                                    client: (k % 4) as u32,
                                    at: k * 60,
                                    len: 100,
                                }
                            }
                        })
                        .collect();
                }
                Mode::Claims => {
                    let c = &mut p.claims;
                    c.workers = 8;
                    c.jobs = 20;
                    c.per = 20;
                    c.method = crate::claims::Method::Naive;
                    c.order = crate::optimistic::Order::Shuffled;
                }
                Mode::Bookings => {
                    let b = &mut p.bookings;
                    b.bookers = 4;
                    b.jitter = 1_000;
                    b.lock = crate::OnOff::Off;
                    b.serializable = crate::OnOff::Off;
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
