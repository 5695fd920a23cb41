//! What a replication scenario may hold: quorums that fit the cluster, and actions that fit
//! the mode.

use crate::cart::REPLICAS;
use crate::history::{MAX_OPS, MAX_PROCS, MAX_TIME, MAX_VALUE};
use crate::quorum::node_name;
use crate::url::check_text;
use crate::{Action, CrdtKind, Example, Mode, Params};
use sdp_kit::lab::ParamError;

/// Largest delay one action adds (ms).
pub const MAX_DELAY_MS: u32 = 1_000;

/// Problems across fields.
pub(crate) fn check_params(p: &Params) -> Vec<ParamError> {
    let mut errors = Vec::new();
    if p.mode == Mode::Quorum {
        let q = &p.quorum;
        if q.n > q.nodes {
            errors.push(ParamError::new(
                "n",
                format!("must be at most nodes = {} (got {})", q.nodes, q.n),
            ));
        }
        if q.w > q.n {
            errors.push(ParamError::new(
                "w",
                format!("must be at most n = {} (got {})", q.n, q.w),
            ));
        }
        if q.r > q.n {
            errors.push(ParamError::new(
                "r",
                format!("must be at most n = {} (got {})", q.n, q.r),
            ));
        }
    }
    if p.mode == Mode::Merkle {
        let m = &p.merkle;
        if !m.leaves.is_power_of_two() || m.leaves > m.keys {
            errors.push(ParamError::new(
                "leaves",
                format!(
                    "must be a power of two between 2 and keys = {} (got {})",
                    m.keys, m.leaves
                ),
            ));
        }
        if m.diffs > m.keys {
            errors.push(ParamError::new(
                "diffs",
                format!("must be at most keys = {} (got {})", m.keys, m.diffs),
            ));
        }
    }
    if p.mode == Mode::Lag {
        let l = &p.lag;
        if l.ryw > 0 && l.ryw >= l.seconds {
            errors.push(ParamError::new(
                "ryw",
                format!(
                    "must be 0 or less than seconds = {} (got {})",
                    l.seconds, l.ryw
                ),
            ));
        }
    }
    errors
}

/// Operations in the history `p` starts from (before the typed ones).
fn base_ops(p: &Params) -> usize {
    match p.consistency.example {
        Example::Random => p.consistency.ops as usize,
        e => crate::trace::example_ops(e).len(),
    }
}

/// Checks actions in order: the mode (and CRDT type) takes them, nodes, replicas and
/// operations exist, names are readable.
pub struct Checker {
    mode: Mode,
    kind: CrdtKind,
    nodes: usize,
    ops: usize,
    history: usize,
}

impl Checker {
    /// A checker for a scenario with parameters `p`.
    pub fn new(p: &Params) -> Self {
        Checker {
            mode: p.mode,
            kind: p.crdt.kind,
            nodes: p.quorum.nodes as usize,
            ops: p.quorum.history.len(),
            history: base_ops(p),
        }
    }

    fn replica(field: &str, r: usize) -> Result<(), ParamError> {
        if r < REPLICAS {
            Ok(())
        } else {
            Err(ParamError::new(
                field,
                format!("replica must be 1–{REPLICAS} (got {})", r + 1),
            ))
        }
    }

    /// Checks the next action.
    pub fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        let text = |t: &str| check_text(t).map_err(|m| ParamError::new(field, m));
        let rep = |r: usize| Self::replica(field, r);
        let wrong = |verb: &str, place: &str| {
            Err(ParamError::new(
                field,
                format!("{verb}: applies in {place} only"),
            ))
        };
        let kind = self.kind;
        match (action, self.mode) {
            (Action::Fault(f), Mode::Quorum) => {
                if f.node >= self.nodes {
                    let last = node_name(self.nodes.saturating_sub(1));
                    return Err(ParamError::new(
                        field,
                        format!("node must be A–{last} (got {})", node_name(f.node)),
                    ));
                }
                if f.op >= self.ops {
                    return Err(ParamError::range(
                        field,
                        1,
                        self.ops,
                        &(f.op + 1).to_string(),
                    ));
                }
                if f.ms > MAX_DELAY_MS || (f.kind == crate::quorum::FaultKind::Delay && f.ms == 0) {
                    return Err(ParamError::range(field, 1, MAX_DELAY_MS, &f.ms.to_string()));
                }
                Ok(())
            }
            (Action::Fault(_), _) => wrong("faults", "mode=quorum"),
            (_, Mode::Merkle) => Err(ParamError::new(field, "mode=merkle takes no actions")),
            (_, Mode::Lag) => Err(ParamError::new(field, "mode=lag takes no actions")),
            (Action::Op(o), Mode::Consistency) => {
                if !(1..=MAX_PROCS).contains(&o.proc) {
                    return Err(ParamError::new(
                        field,
                        format!("client must be 1–{MAX_PROCS} (got {})", o.proc),
                    ));
                }
                let lo = u32::from(o.write);
                if o.value < lo || o.value > MAX_VALUE {
                    return Err(ParamError::new(
                        field,
                        format!("value must be {lo}–{MAX_VALUE} (got {})", o.value),
                    ));
                }
                if o.response > MAX_TIME || o.invoke >= o.response {
                    return Err(ParamError::new(
                        field,
                        format!(
                            "times must be A-B with 0 ≤ A < B ≤ {MAX_TIME} (got {}-{})",
                            o.invoke, o.response
                        ),
                    ));
                }
                if self.history >= MAX_OPS {
                    return Err(ParamError::new(
                        field,
                        format!("a history holds at most {MAX_OPS} operations"),
                    ));
                }
                self.history += 1;
                Ok(())
            }
            (Action::Del(k), Mode::Consistency) => {
                if *k >= self.history {
                    return Err(ParamError::range(
                        field,
                        1,
                        self.history,
                        &(k + 1).to_string(),
                    ));
                }
                self.history -= 1;
                Ok(())
            }
            (Action::Op(_) | Action::Del(_), _) => wrong("operations", "mode=consistency"),
            (Action::Set(r, item, q), Mode::Clocks) => {
                rep(*r)?;
                text(item)?;
                if !(1..=99).contains(q) {
                    return Err(ParamError::range(field, 1, 99, &q.to_string()));
                }
                Ok(())
            }
            (Action::Sync(a, b), Mode::Clocks) | (Action::Merge(a, b), Mode::Crdt) => {
                rep(*a)?;
                rep(*b)?;
                if a == b {
                    return Err(ParamError::new(field, "the two replicas must differ"));
                }
                Ok(())
            }
            (Action::Rm(r, item), Mode::Clocks) => {
                rep(*r)?;
                text(item)
            }
            (Action::Rm(r, item) | Action::Add(r, item), Mode::Crdt) if kind == CrdtKind::OrSet => {
                rep(*r)?;
                text(item)
            }
            (Action::Inc(r), Mode::Crdt) if kind != CrdtKind::OrSet && kind != CrdtKind::Lww => {
                rep(*r)
            }
            (Action::Dec(r), Mode::Crdt) if kind == CrdtKind::PnCounter => rep(*r),
            (Action::Put(r, v, ts), Mode::Crdt) if kind == CrdtKind::Lww => {
                rep(*r)?;
                text(v)?;
                if *ts > 1_000_000_000 {
                    return Err(ParamError::range(field, 0, 1_000_000_000, &ts.to_string()));
                }
                Ok(())
            }
            (Action::Set(..), _) => wrong("set", "mode=vector-clocks"),
            (Action::Sync(..), _) => wrong("sync", "mode=vector-clocks"),
            (Action::Rm(..), _) => wrong("rm", "mode=vector-clocks and type=orset"),
            (Action::Add(..), _) => wrong("add", "mode=crdt, type=orset"),
            (Action::Inc(_), _) => wrong("inc", "mode=crdt, type=gcounter or pncounter"),
            (Action::Dec(_), _) => wrong("dec", "mode=crdt, type=pncounter"),
            (Action::Put(..), _) => wrong("put", "mode=crdt, type=lww"),
            (Action::Merge(..), _) => wrong("merge", "mode=crdt"),
        }
    }
}
