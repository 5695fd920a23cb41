//! Consistency models on client histories (M9.17): operations on one or two registers, each
//! with an invoke and a response time, judged linearizable (one order that respects real time),
//! sequential (one order that respects each client's program order) and eventual (no read
//! returns a value nobody wrote). The checker searches orders depth first, memoising the
//! states it has ruled out, and names the first operation (by response time) after which no
//! order can work.

use rand::RngExt;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Most operations in a history.
pub const MAX_OPS: usize = 10;
/// Most clients.
pub const MAX_PROCS: u8 = 4;
/// Latest time on the timeline.
pub const MAX_TIME: u32 = 99;
/// Largest value written.
pub const MAX_VALUE: u32 = 9;
/// Registers' names; every register starts at 0.
pub const REGISTERS: [char; 2] = ['x', 'y'];

/// One operation of a history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Op {
    /// The client, 1-based.
    pub proc: u8,
    /// A write (else a read).
    pub write: bool,
    /// The register (index into [`REGISTERS`]).
    pub reg: usize,
    /// The value written or returned.
    pub value: u32,
    /// Invoke time.
    pub invoke: u32,
    /// Response time (after invoke).
    pub response: u32,
}

impl Op {
    /// `P1 W(x)=1`, `P2 R(y)=0`.
    pub fn text(&self) -> String {
        let reg = REGISTERS.get(self.reg).copied().unwrap_or('?');
        let kind = if self.write { 'W' } else { 'R' };
        format!("P{} {kind}({reg})={}", self.proc, self.value)
    }
}

/// A consistency model the checker judges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Model {
    /// One total order, legal for the registers, respecting real time.
    Linearizable,
    /// One total order, legal, respecting each client's program order.
    Sequential,
}

/// Whether `a` must come before `b` in any order of `model`.
pub fn precedes(ops: &[Op], model: Model, a: usize, b: usize) -> bool {
    let (Some(x), Some(y)) = (ops.get(a), ops.get(b)) else {
        return false;
    };
    match model {
        Model::Linearizable => x.response < y.invoke,
        Model::Sequential => x.proc == y.proc && x.invoke < y.invoke,
    }
}

/// Whether every client's operations are sequential (each ends before its next starts) and every
/// operation ends after it starts: the histories the checker takes.
pub fn well_formed(ops: &[Op]) -> Result<(), String> {
    for (i, a) in ops.iter().enumerate() {
        if a.response <= a.invoke {
            return Err(format!("operation {} ends before it starts", i + 1));
        }
        for (j, b) in ops.iter().enumerate().skip(i + 1) {
            if a.proc == b.proc && a.invoke <= b.response && b.invoke <= a.response {
                return Err(format!(
                    "operations {} and {} of client P{} overlap (one must end before the next starts)",
                    i + 1,
                    j + 1,
                    a.proc
                ));
            }
        }
    }
    Ok(())
}

struct Search<'a> {
    ops: &'a [Op],
    model: Model,
    mandatory: u32,
    seen: HashSet<(u32, [u32; 2])>,
    order: Vec<usize>,
}

impl Search<'_> {
    /// Depth first from `done` (a bit per operation placed or dropped) with register values
    /// `regs`; on success `order` holds the placed operations.
    fn go(&mut self, done: u32, regs: [u32; 2]) -> bool {
        let n = self.ops.len();
        if self.mandatory & !done == 0 {
            return true;
        }
        if !self.seen.insert((done, regs)) {
            return false;
        }
        for i in 0..n {
            if done & (1 << i) != 0 {
                continue;
            }
            let optional = self.mandatory & (1 << i) == 0;
            // An optional write (a pending one) may be left out at any point.
            if optional && self.go(done | (1 << i), regs) {
                return true;
            }
            let free = (0..n)
                .all(|j| j == i || done & (1 << j) != 0 || !precedes(self.ops, self.model, j, i));
            if !free {
                continue;
            }
            let Some(op) = self.ops.get(i) else { continue };
            let mut next = regs;
            if op.write {
                if let Some(r) = next.get_mut(op.reg) {
                    *r = op.value;
                }
            } else if regs.get(op.reg) != Some(&op.value) {
                continue;
            }
            self.order.push(i);
            if self.go(done | (1 << i), next) {
                return true;
            }
            self.order.pop();
        }
        false
    }
}

/// An order of `model` that places every operation in `mandatory` (a bit per operation) and
/// any of the others (pending operations, placed or left out), or `None`.
pub fn find_order(ops: &[Op], model: Model, mandatory: u32) -> Option<Vec<usize>> {
    let mut s = Search {
        ops,
        model,
        mandatory,
        seen: HashSet::new(),
        order: Vec::new(),
    };
    s.go(0, [0; 2]).then_some(s.order)
}

fn all(n: usize) -> u32 {
    if n >= 32 { u32::MAX } else { (1u32 << n) - 1 }
}

/// The operations by response time (ties by position).
pub fn by_response(ops: &[Op]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..ops.len()).collect();
    idx.sort_by_key(|&i| (ops.get(i).map_or(0, |o| o.response), i));
    idx
}

/// The verdict of one model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Holds; the order found (linearizable, sequential) or empty (eventual).
    Holds(Vec<usize>),
    /// Broken; the first operation (by response time) after which it cannot hold.
    Broken(usize),
}

impl Verdict {
    /// Whether the model holds.
    pub fn holds(&self) -> bool {
        matches!(self, Verdict::Holds(_))
    }
}

/// Judges `ops` under `model`: the order, or the first operation `o` (by response time) such
/// that the operations responding no later than `o`, with every other write as pending, have
/// no order (a prefix of a history that has an order has one, so this is well defined).
pub fn judge(ops: &[Op], model: Model) -> Verdict {
    if let Some(order) = find_order(ops, model, all(ops.len())) {
        return Verdict::Holds(order);
    }
    let mut mandatory = 0u32;
    for i in by_response(ops) {
        mandatory |= 1 << i;
        if find_order(ops, model, mandatory).is_none() {
            return Verdict::Broken(i);
        }
    }
    Verdict::Broken(by_response(ops).last().copied().unwrap_or(0))
}

/// The values written to register `reg`, with the initial 0.
pub fn written(ops: &[Op], reg: usize) -> Vec<u32> {
    let mut v = vec![0];
    v.extend(
        ops.iter()
            .filter(|o| o.write && o.reg == reg)
            .map(|o| o.value),
    );
    v
}

/// Eventual consistency's safety half: every read returns the initial value or a value some
/// write wrote; else the first read (by response time) that does not.
pub fn judge_eventual(ops: &[Op]) -> Verdict {
    by_response(ops)
        .into_iter()
        .find(|&i| {
            ops.get(i)
                .is_some_and(|o| !o.write && !written(ops, o.reg).contains(&o.value))
        })
        .map_or(Verdict::Holds(Vec::new()), Verdict::Broken)
}

/// Whether each client's last read of a register, when it starts after the register's last
/// write has ended, agrees with the others' (informational: convergence is a promise about the
/// future that no finite history decides). `None`: no such reads.
pub fn final_reads_agree(ops: &[Op]) -> Option<bool> {
    let mut any = false;
    for reg in 0..REGISTERS.len() {
        let last = ops
            .iter()
            .filter(|o| o.write && o.reg == reg)
            .map(|o| o.response)
            .max()
            .unwrap_or(0);
        let mut finals: Vec<u32> = Vec::new();
        for p in 1..=MAX_PROCS {
            let read = ops
                .iter()
                .filter(|o| !o.write && o.reg == reg && o.proc == p)
                .max_by_key(|o| o.invoke);
            if let Some(o) = read.filter(|o| o.invoke > last) {
                finals.push(o.value);
            }
        }
        if let Some(&first) = finals.first() {
            any = true;
            if finals.iter().any(|&v| v != first) {
                return Some(false);
            }
        }
    }
    any.then_some(true)
}

/// A seeded random history of `n` operations by up to three clients on `registers`
/// registers: each client's operations in sequence with gaps; a read returns 0 or a value
/// written to its register so far (by invoke time), now and then one nobody wrote.
pub fn random(n: usize, registers: usize, seed: u64) -> Vec<Op> {
    let mut rng = sdp_kit::rng::seeded(seed);
    let mut clock = [0u32; 3];
    let mut ops: Vec<Op> = Vec::new();
    let mut next_value = 1;
    for _ in 0..n.min(MAX_OPS) {
        let p = rng.random_range(0..3usize);
        let Some(start) = clock.get(p).copied() else {
            break;
        };
        let invoke = (start + rng.random_range(0..4u32)).min(MAX_TIME - 1);
        let response = (invoke + rng.random_range(1..6u32)).min(MAX_TIME);
        if let Some(c) = clock.get_mut(p) {
            *c = response + 1;
        }
        if invoke >= response {
            continue;
        }
        let reg = rng.random_range(0..registers.clamp(1, REGISTERS.len()));
        let write = rng.random_bool(0.45);
        let value = if write {
            let v = next_value;
            next_value = next_value % MAX_VALUE + 1;
            v
        } else if rng.random_bool(0.05) {
            MAX_VALUE
        } else {
            let seen: Vec<u32> = std::iter::once(0)
                .chain(
                    ops.iter()
                        .filter(|o| o.write && o.reg == reg && o.invoke < response)
                        .map(|o| o.value),
                )
                .collect();
            seen.get(rng.random_range(0..seen.len()))
                .copied()
                .unwrap_or(0)
        };
        ops.push(Op {
            proc: p as u8 + 1,
            write,
            reg,
            value,
            invoke,
            response,
        });
    }
    ops
}
