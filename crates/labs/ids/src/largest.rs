//! The largest scenario of each mode: the size caps the benchmarks and the trace-time budget
//! are measured at.

use crate::{Action, IdsLab, MAX_ACTIONS, MAX_ULIDS, MAX_URLS, Mode, hashcode, nodeids};
use sdp_kit::lab::{Contract, Scenario};

/// The largest scenario of each mode (for the benchmarks and the trace-time budget).
pub fn largest() -> Vec<(Mode, Scenario<crate::Params, Action>)> {
    Mode::ALL
        .iter()
        .enumerate()
        .map(|(i, &mode)| {
            let mut s = IdsLab::mode_scenario(i);
            let p = &mut s.params;
            match mode {
                Mode::Base62 => {
                    p.base62.n = u64::MAX;
                    p.base62.pad = 11;
                }
                Mode::Snowflake => {
                    p.snow.nodes = 16;
                    p.snow.duration = 1_000;
                    p.snow.per_ms = 6;
                    p.snow.seq_bits = 2;
                    p.snow.seq = 3;
                    p.snow.drift = 1_000;
                    p.snow.detailed = 200;
                    s.actions = (0..MAX_ACTIONS as u32)
                        .map(|k| Action::Back {
                            node: k,
                            at: u64::from(k) * 60,
                            back: 3_000,
                        })
                        .collect();
                }
                Mode::Ulid => {
                    p.ulid.count = MAX_ULIDS;
                    p.ulid.per_ms = 7;
                    p.ulid.near_max = true;
                }
                Mode::HashPrefix => {
                    p.hash.algo = hashcode::Algo::Sha256;
                    p.hash.length = 16;
                    p.hash.urls = MAX_URLS;
                    p.hash.detailed = 50;
                }
                Mode::Ranges => {
                    p.ranges.rates = vec![100_000; 8];
                    p.ranges.size = 1_000;
                    p.ranges.ticks = 120;
                    s.actions = (1..=MAX_ACTIONS as u32)
                        .map(|k| Action::Crash {
                            server: (k % 8) + 1,
                            at: k * 7,
                        })
                        .collect();
                }
                Mode::Pregen => {
                    p.pregen.duration = 100_000;
                    p.pregen.interval = 50;
                }
                Mode::NodeIds => {
                    p.nodes.strategy = nodeids::Strategy::Lease;
                    p.nodes.nodes = 12;
                    p.nodes.ticks = 200;
                    p.nodes.slots = 1_024;
                    s.actions = (1..=MAX_ACTIONS as u32)
                        .map(|k| Action::Crash {
                            server: (k % 12) + 1,
                            at: k * 11,
                        })
                        .collect();
                }
                Mode::Compare => {}
            }
            (mode, s)
        })
        .collect()
}
