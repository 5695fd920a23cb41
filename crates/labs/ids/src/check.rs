//! What an identifier scenario may hold: fields that fit the bit layout, work within the caps,
//! and clock jumps on nodes and times that exist.

use crate::{Action, MAX_CALLS, Mode, Params, Split};
use sdp_kit::lab::ParamError;

/// Largest clock jump, ms.
pub const MAX_BACK: u64 = 60_000;

/// Most range requests a `ranges` scenario may make.
pub const MAX_RANGE_REQUESTS: u64 = 100_000;
/// Most refill ticks of a `pregen` scenario.
pub const MAX_TICKS: u64 = 2_000;

/// Problems across fields.
pub(crate) fn check_params(p: &Params) -> Vec<ParamError> {
    match p.mode {
        Mode::Snowflake => check_snowflake(p),
        Mode::HashPrefix => {
            let half = crate::hashcode::space(p.hash.length) / 2.0;
            if f64::from(p.hash.urls) + 1.0 > half {
                vec![ParamError::new(
                    "urls",
                    format!(
                        "urls + 1 must be at most half the codes, 16^length / 2 = {half:.0} (got {})",
                        p.hash.urls + 1
                    ),
                )]
            } else {
                Vec::new()
            }
        }
        Mode::Ranges => {
            let r = &p.ranges;
            let ids: u64 = r.rates.iter().map(|&x| u64::from(x)).sum::<u64>() * u64::from(r.ticks);
            let requests = ids / r.size + r.rates.len() as u64;
            if requests > MAX_RANGE_REQUESTS {
                vec![ParamError::new(
                    "size",
                    format!(
                        "sum(rates) × ticks / size must stay under {MAX_RANGE_REQUESTS} range requests (got {requests})"
                    ),
                )]
            } else {
                Vec::new()
            }
        }
        Mode::Pregen => {
            let g = &p.pregen;
            let mut errors = Vec::new();
            if g.low > g.capacity {
                errors.push(ParamError::new(
                    "low",
                    format!("must be at most capacity {} (got {})", g.capacity, g.low),
                ));
            }
            if g.duration / g.interval > MAX_TICKS {
                errors.push(ParamError::new(
                    "duration",
                    format!(
                        "duration / interval must be at most {MAX_TICKS} refill ticks (got {})",
                        g.duration / g.interval
                    ),
                ));
            }
            errors
        }
        Mode::Base62 | Mode::Ulid | Mode::Compare | Mode::NodeIds => Vec::new(),
    }
}

fn check_snowflake(p: &Params) -> Vec<ParamError> {
    let mut errors = Vec::new();
    let s = &p.snow;
    if s.node_bits + s.seq_bits > 30 {
        errors.push(ParamError::new(
            "seq_bits",
            format!(
                "node_bits + seq_bits must be at most 30, leaving the timestamp 33 bits or more (got {})",
                s.node_bits + s.seq_bits
            ),
        ));
        return errors;
    }
    let l = s.layout();
    match s.split {
        Split::Node => {
            let last = s.node + u64::from(s.nodes) - 1;
            if last > l.max_node() {
                errors.push(ParamError::new(
                    "node",
                    format!(
                        "node + nodes − 1 must be at most {} (2^node_bits − 1; got {last})",
                        l.max_node()
                    ),
                ));
            }
        }
        Split::Datacenter => {
            if s.node_bits < 6 {
                errors.push(ParamError::new(
                    "node_bits",
                    format!(
                        "must be at least 6 with the datacenter split (5 datacenter bits + a machine; got {})",
                        s.node_bits
                    ),
                ));
                return errors;
            }
            let max_machine = (1u64 << l.machine_bits()) - 1;
            let last = s.machine + u64::from(s.nodes) - 1;
            if last > max_machine {
                errors.push(ParamError::new(
                    "machine",
                    format!(
                        "machine + nodes − 1 must be at most {max_machine} (2^(node_bits − 5) − 1; got {last})"
                    ),
                ));
            }
        }
    }
    if s.seq > l.max_seq() {
        errors.push(ParamError::range("seq", 0, l.max_seq(), &s.seq.to_string()));
    }
    let calls = u64::from(s.nodes) * u64::from(s.duration) * u64::from(s.per_ms);
    if calls > MAX_CALLS {
        errors.push(ParamError::new(
            "per_ms",
            format!("nodes × duration × per_ms must be at most {MAX_CALLS} (got {calls})"),
        ));
    }
    if s.start < s.epoch {
        errors.push(ParamError::new(
            "start",
            format!("must not be before the epoch {} (got {})", s.epoch, s.start),
        ));
    }
    errors
}

/// Checks actions in order: clock jumps in snowflake mode on a simulated node and time, crashes
/// in ranges mode on a server and tick.
pub struct Checker {
    mode: Mode,
    nodes: u32,
    duration: u32,
    servers: u32,
    ticks: u32,
}

impl Checker {
    /// A checker for a scenario with parameters `p`.
    pub fn new(p: &Params) -> Self {
        Checker {
            mode: p.mode,
            nodes: p.snow.nodes,
            duration: p.snow.duration,
            servers: match p.mode {
                Mode::NodeIds if p.nodes.strategy == crate::nodeids::Strategy::Static => {
                    p.nodes.config.len() as u32
                }
                Mode::NodeIds => p.nodes.nodes,
                _ => p.ranges.rates.len() as u32,
            },
            ticks: if p.mode == Mode::NodeIds {
                p.nodes.ticks
            } else {
                p.ranges.ticks
            },
        }
    }

    /// Checks the next action.
    pub fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        match *action {
            Action::Back { node, at, back } => self.back(field, node, at, back),
            Action::Crash { server, at } => self.crash(field, server, at),
        }
    }

    fn crash(&self, field: &str, server: u32, at: u32) -> Result<(), ParamError> {
        if !matches!(self.mode, Mode::Ranges | Mode::NodeIds) {
            return Err(ParamError::new(
                field,
                "crash: applies in mode=ranges or mode=node-ids only",
            ));
        }
        if !(1..=self.servers).contains(&server) {
            return Err(ParamError::new(
                field,
                format!("crash: server must be 1–{} (got {server})", self.servers),
            ));
        }
        if !(1..=self.ticks).contains(&at) {
            return Err(ParamError::new(
                field,
                format!("crash: tick must be 1–{} (got {at})", self.ticks),
            ));
        }
        Ok(())
    }

    fn back(&self, field: &str, node: u32, at: u64, back: u64) -> Result<(), ParamError> {
        if self.mode != Mode::Snowflake {
            return Err(ParamError::new(
                field,
                "back: applies in mode=snowflake only",
            ));
        }
        if node >= self.nodes {
            return Err(ParamError::new(
                field,
                format!(
                    "back: node must be 0–{} (nodes − 1; got {node})",
                    self.nodes - 1
                ),
            ));
        }
        if at >= u64::from(self.duration) {
            return Err(ParamError::new(
                field,
                format!(
                    "back: time must be 0–{} ms (duration − 1; got {at})",
                    self.duration - 1
                ),
            ));
        }
        if !(1..=MAX_BACK).contains(&back) {
            return Err(ParamError::new(
                field,
                format!("back: ms must be 1–{MAX_BACK} (got {back})"),
            ));
        }
        Ok(())
    }
}
