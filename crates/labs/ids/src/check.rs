//! What an identifier scenario may hold: fields that fit the bit layout, work within the caps,
//! and clock jumps on nodes and times that exist.

use crate::{Action, MAX_CALLS, Mode, Params, Split};
use sdp_kit::lab::ParamError;

/// Largest clock jump, ms.
pub const MAX_BACK: u64 = 60_000;

/// Problems across fields.
pub(crate) fn check_params(p: &Params) -> Vec<ParamError> {
    let mut errors = Vec::new();
    if p.mode != Mode::Snowflake {
        return errors;
    }
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

/// Checks actions in order: only in snowflake mode, on a simulated node and time.
pub struct Checker {
    mode: Mode,
    nodes: u32,
    duration: u32,
}

impl Checker {
    /// A checker for a scenario with parameters `p`.
    pub fn new(p: &Params) -> Self {
        Checker {
            mode: p.mode,
            nodes: p.snow.nodes,
            duration: p.snow.duration,
        }
    }

    /// Checks the next action.
    pub fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        let Action::Back { node, at, back } = *action;
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
