//! What a consensus scenario may hold: ranges that make sense together, and Raft actions on
//! servers that exist within the horizon.

use crate::raft::{Fault, Target};
use crate::{Action, MAX_BEATS, Mode, Params};
use sdp_kit::lab::ParamError;

/// Problems across fields.
pub(crate) fn check_params(p: &Params) -> Vec<ParamError> {
    let mut out = Vec::new();
    match p.mode {
        Mode::Raft => {
            let r = &p.raft;
            if r.elect_min > r.elect_max {
                out.push(ParamError::new(
                    "elect_min",
                    format!(
                        "elect_min must be at most elect_max {} (got {})",
                        r.elect_max, r.elect_min
                    ),
                ));
            }
            if r.latency_min > r.latency_max {
                out.push(ParamError::new(
                    "latency_min",
                    format!(
                        "latency_min must be at most latency_max {} (got {})",
                        r.latency_max, r.latency_min
                    ),
                ));
            }
        }
        Mode::TwoPhase => {
            let t = &p.two;
            if t.no > t.participants {
                out.push(ParamError::new(
                    "no",
                    format!(
                        "no must be 0 (none) or a participant 1–{} (got {})",
                        t.participants, t.no
                    ),
                ));
            }
        }
        Mode::Detectors => {
            let d = &p.det;
            let beats = d.horizon / d.interval.max(1);
            if beats > MAX_BEATS {
                out.push(ParamError::new(
                    "interval",
                    format!(
                        "horizon / interval must be at most {MAX_BEATS} heartbeats (got {beats})"
                    ),
                ));
            }
            if d.check > 0 && d.horizon / d.check > MAX_BEATS {
                out.push(ParamError::new(
                    "check",
                    format!(
                        "horizon / check must be at most {MAX_BEATS} checker runs (got {})",
                        d.horizon / d.check
                    ),
                ));
            }
            if d.crash > d.horizon {
                out.push(ParamError::new(
                    "crash",
                    format!(
                        "crash must be 0 (never) or at most horizon {} (got {})",
                        d.horizon, d.crash
                    ),
                ));
            }
        }
    }
    out
}

/// Checks actions in order: Raft mode only, within the horizon, on servers that exist.
pub struct Checker {
    mode: Mode,
    servers: usize,
    horizon: u64,
}

impl Checker {
    /// A checker for a scenario with parameters `p`.
    pub fn new(p: &Params) -> Self {
        Checker {
            mode: p.mode,
            servers: p.raft.servers as usize,
            horizon: p.raft.horizon,
        }
    }

    fn server(&self, field: &str, t: Target) -> Result<(), ParamError> {
        match t {
            Target::Server(i) if i >= self.servers => Err(ParamError::new(
                field,
                format!("server must be S1–S{} or L (got S{})", self.servers, i + 1),
            )),
            _ => Ok(()),
        }
    }

    /// Checks the next action.
    pub fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        if self.mode != Mode::Raft {
            return Err(ParamError::new(
                field,
                "faults and requests apply in mode=raft only",
            ));
        }
        if action.at > self.horizon {
            return Err(ParamError::new(
                field,
                format!(
                    "time must be 0–{} ms (the horizon; got {})",
                    self.horizon, action.at
                ),
            ));
        }
        match &action.fault {
            Fault::Crash(t) => self.server(field, *t),
            Fault::Restart(Some(i)) => self.server(field, Target::Server(*i)),
            Fault::Partition(ts) => {
                if ts.is_empty() || ts.len() >= self.servers {
                    return Err(ParamError::new(
                        field,
                        format!("part: name 1–{} servers", self.servers - 1),
                    ));
                }
                ts.iter().try_for_each(|t| self.server(field, *t))
            }
            Fault::Request(_) | Fault::Heal | Fault::Restart(None) => Ok(()),
        }
    }
}
