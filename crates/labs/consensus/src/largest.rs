//! The largest scenario of each mode: the size caps the benchmarks and the trace-time budget
//! are measured at.

use crate::raft::{Fault, Target};
use crate::{
    Action, ConsensusLab, MAX_ACTIONS, MAX_BEATS, MAX_DET_HORIZON, MAX_RAFT_HORIZON, MAX_SERVERS,
    Mode,
};
use sdp_kit::lab::{Contract, Scenario};

/// The largest scenario of each mode (for the benchmarks and the trace-time budget).
pub fn largest() -> Vec<(Mode, Scenario<crate::Params, Action>)> {
    Mode::ALL
        .iter()
        .enumerate()
        .map(|(i, &mode)| {
            let mut s = ConsensusLab::mode_scenario(i);
            let p = &mut s.params;
            match mode {
                Mode::Raft => {
                    let r = &mut p.raft;
                    r.servers = MAX_SERVERS as u32;
                    r.heartbeat = 20;
                    r.elect_min = 50;
                    r.elect_max = 120;
                    r.latency_min = 1;
                    r.latency_max = 40;
                    r.horizon = MAX_RAFT_HORIZON;
                    s.actions = (0..MAX_ACTIONS as u64)
                        .map(|k| Action {
                            at: 300 + k * 400,
                            fault: match k % 6 {
                                0 | 3 => Fault::Request((k % 3) as u8),
                                1 => Fault::Partition(vec![Target::Leader]),
                                2 => Fault::Heal,
                                4 => Fault::Crash(Target::Leader),
                                _ => Fault::Restart(None),
                            },
                        })
                        .collect();
                }
                Mode::TwoPhase => {
                    let t = &mut p.two;
                    t.participants = crate::MAX_PARTICIPANTS as u32;
                    t.protocol = crate::twopc::Protocol::ThreePc;
                    t.crash = crate::twopc::Crash::MidCommit;
                    t.cut = crate::YesNo::Yes;
                }
                Mode::Detectors => {
                    let d = &mut p.det;
                    d.horizon = MAX_DET_HORIZON;
                    d.interval = MAX_DET_HORIZON / MAX_BEATS;
                    d.check = MAX_DET_HORIZON / MAX_BEATS;
                    d.missed = 3;
                    d.dead = 2_000;
                    d.jitter = 600;
                    d.loss = 20;
                    d.window = 1_000;
                    d.crash = MAX_DET_HORIZON - 10_000;
                }
            }
            (mode, s)
        })
        .collect()
}
