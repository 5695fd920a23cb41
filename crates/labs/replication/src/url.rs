//! The replication scenario in the URL, e.g.
//! `mode=quorum&nodes=4&n=3&w=2&r=2&sloppy=on&jitter=10&history=wrwrwr&seed=42&a=drop:A@3`.

use crate::history::{self, Op, REGISTERS};
use crate::lag::{MAX_FOLLOWERS, MAX_NET_MS, MAX_RATE, MAX_SECONDS};
use crate::quorum::{Fault, FaultKind, MAX_OPS, node_name};
use crate::{Action, MAX_ACTIONS, MAX_TEXT, Mode, Params};
use sdp_kit::field::{Field, Kind, Modes};
use sdp_kit::lab::ActionSyntax;
use sdp_kit::query::{not_an, shorten};
use sdp_kit::{whole, word};

const QUORUM: Modes = Modes::Only(&["quorum"]);
const CLOCKS: Modes = Modes::Only(&["vector-clocks"]);
const CRDT: Modes = Modes::Only(&["crdt"]);
const MERKLE: Modes = Modes::Only(&["merkle"]);
const LAG: Modes = Modes::Only(&["lag"]);
const CONSISTENCY: Modes = Modes::Only(&["consistency"]);

/// An item name or register value: 1–12 letters, digits, `_` or `-`.
pub(crate) fn check_text(text: &str) -> Result<(), String> {
    let n = text.chars().count();
    let fine = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if n == 0 || n > MAX_TEXT || !fine {
        Err(format!(
            "must be 1–{MAX_TEXT} letters, digits, _ or - (got {})",
            shorten(text)
        ))
    } else {
        Ok(())
    }
}

fn read_history(p: &mut Params, text: &str) -> Result<(), String> {
    let t = text.trim().to_ascii_lowercase();
    let n = t.chars().count();
    if n == 0 || n > MAX_OPS || !t.chars().all(|c| c == 'w' || c == 'r') {
        return Err(format!(
            "must be 1–{MAX_OPS} letters w (write) or r (read) (got {})",
            shorten(text)
        ));
    }
    p.quorum.history = t;
    Ok(())
}

/// The URL fields, in URL order.
pub(crate) const FIELDS: &[Field<Params>] = &[
    whole!(
        "nodes",
        quorum.nodes,
        1,
        7,
        "nodes in the cluster: the first n are the key's home replicas, the rest spares for hints",
        QUORUM
    ),
    whole!("n", quorum.n, 1, 7, "replicas of the key (N)", QUORUM),
    whole!("w", quorum.w, 1, 7, "acks a write needs (W ≤ N)", QUORUM),
    whole!("r", quorum.r, 1, 7, "replies a read needs (R ≤ N)", QUORUM),
    word!(
        "sloppy",
        quorum.sloppy,
        "sloppy quorum: a write meant for a down replica goes to a spare as a hint",
        QUORUM
    ),
    whole!(
        "jitter",
        quorum.jitter,
        0,
        40,
        "most extra one-way latency per message, ms (seeded)",
        QUORUM
    ),
    Field::in_modes(
        "history",
        "the operations in order: w = write the next version, r = read",
        QUORUM,
        Kind {
            write: |p| p.quorum.history.clone(),
            read: read_history,
            allowed: |_| format!("1–{MAX_OPS} letters w or r"),
        },
    ),
    word!(
        "preset",
        quorum.preset,
        "the worked example's faults first: drop:A@3, crash:B@5, recover:B@6 (those that fit)",
        QUORUM
    ),
    whole!(
        "skew",
        clocks.skew,
        -10,
        10,
        "replica 2's wall clock against real time, seconds (LWW's timestamps)",
        CLOCKS
    ),
    word!(
        "preset",
        clocks.preset,
        "the worked example's cart history first (F4's carts {x: 2, y: 1} and {x: 1, z: 3})",
        CLOCKS
    ),
    word!("type", crdt.kind, "the CRDT", CRDT),
    word!(
        "preset",
        crdt.preset,
        "run the type's worked example before the typed actions",
        CRDT
    ),
    whole!("keys", merkle.keys, 2, 1024, "keys on each replica", MERKLE),
    whole!(
        "leaves",
        merkle.leaves,
        2,
        64,
        "leaves of each tree (a power of two, at most keys)",
        MERKLE
    ),
    whole!(
        "diffs",
        merkle.diffs,
        0,
        1024,
        "keys that differ between the replicas (seeded; at most keys)",
        MERKLE
    ),
    word!(
        "repl",
        lag.repl,
        "when a write is acknowledged: sync (every follower has it), semi (one has), async (the leader committed)",
        LAG
    ),
    whole!(
        "followers",
        lag.followers,
        1,
        MAX_FOLLOWERS as u32,
        "followers of the leader",
        LAG
    ),
    whole!(
        "load",
        lag.load,
        1,
        MAX_RATE,
        "writes per second the clients send to the leader",
        LAG
    ),
    whole!(
        "capacity",
        lag.capacity,
        1,
        MAX_RATE,
        "writes per second a follower replays (below load, lag grows)",
        LAG
    ),
    whole!(
        "net",
        lag.net,
        1,
        MAX_NET_MS,
        "one-way latency to follower 1, ms; follower k is k times as far (seeded jitter up to half)",
        LAG
    ),
    whole!(
        "seconds",
        lag.seconds,
        1,
        MAX_SECONDS,
        "seconds of write load",
        LAG
    ),
    whole!(
        "crash",
        lag.crash,
        0,
        2 * MAX_SECONDS,
        "second at which the leader fails and the longest follower log is promoted (0: never)",
        LAG
    ),
    whole!(
        "ryw",
        lag.ryw,
        0,
        MAX_SECONDS - 1,
        "second at which a client writes, then reads the farthest follower (0: no client; below seconds)",
        LAG
    ),
    word!(
        "example",
        consistency.example,
        "the history to start from (random: seeded), before the typed operations",
        CONSISTENCY
    ),
    whole!(
        "ops",
        consistency.ops,
        1,
        history::MAX_OPS as u32,
        "operations of a random history",
        CONSISTENCY
    ),
    whole!(
        "registers",
        consistency.registers,
        1,
        REGISTERS.len() as u32,
        "registers of a random history (x, y)",
        CONSISTENCY
    ),
];

/// The repeated `a=` actions.
pub(crate) const ACTIONS: ActionSyntax = ActionSyntax {
    max: MAX_ACTIONS,
    noun: "actions",
    expected: "an action (crash:B@3, recover:B@5, cut:B@3, heal:B@5, drop:B@3, delay:B+100@3, \
               set:1:x*2, rm:1:x, sync:1-2, inc:1, dec:1, add:1:x, put:1:A@100, merge:1>2, \
               w:1:x=1@0-3, r:2:x=0@4-5, del:3)",
    forms: &[
        (
            "crash:NODE@OP",
            "quorum: the node crashes before operation OP",
        ),
        (
            "recover:NODE@OP",
            "quorum: the node recovers (hints are handed off)",
        ),
        ("cut:NODE@OP", "quorum: the node is partitioned away"),
        ("heal:NODE@OP", "quorum: the partition heals"),
        (
            "drop:NODE@OP",
            "quorum: messages to and from the node in that operation are lost",
        ),
        (
            "delay:NODE+MS@OP",
            "quorum: those messages take MS longer (1–1000)",
        ),
        (
            "set:R:ITEM*Q",
            "vector-clocks: a client at replica R sets the item's quantity",
        ),
        (
            "rm:R:ITEM",
            "vector-clocks, crdt (orset): remove the item at replica R",
        ),
        (
            "sync:R-S",
            "vector-clocks: replicas R and S exchange versions",
        ),
        ("inc:R", "crdt (counters): increment at replica R"),
        ("dec:R", "crdt (pncounter): decrement at replica R"),
        ("add:R:ITEM", "crdt (orset): add at replica R"),
        (
            "put:R:VALUE@TS",
            "crdt (lww): write VALUE with timestamp TS",
        ),
        ("merge:R>S", "crdt: replica S merges replica R's state"),
        (
            "w:P:REG=V@A-B",
            "consistency: client P writes V (1–9) to x or y, invoked at A, returning at B (0–99)",
        ),
        (
            "r:P:REG=V@A-B",
            "consistency: client P reads x or y and gets V (0–9), from A to B",
        ),
        ("del:K", "consistency: remove the history's K-th operation"),
    ],
};

fn fault_word(k: FaultKind) -> &'static str {
    match k {
        FaultKind::Crash => "crash",
        FaultKind::Recover => "recover",
        FaultKind::Cut => "cut",
        FaultKind::Heal => "heal",
        FaultKind::Drop => "drop",
        FaultKind::Delay => "delay",
    }
}

/// An action's text.
pub(crate) fn action_text(a: &Action) -> String {
    match a {
        Action::Fault(f) => {
            let node = node_name(f.node);
            let op = f.op + 1;
            if f.kind == FaultKind::Delay {
                format!("delay:{node}+{}@{op}", f.ms)
            } else {
                format!("{}:{node}@{op}", fault_word(f.kind))
            }
        }
        Action::Set(r, item, q) => format!("set:{}:{item}*{q}", r + 1),
        Action::Rm(r, item) => format!("rm:{}:{item}", r + 1),
        Action::Sync(a, b) => format!("sync:{}-{}", a + 1, b + 1),
        Action::Inc(r) => format!("inc:{}", r + 1),
        Action::Dec(r) => format!("dec:{}", r + 1),
        Action::Add(r, x) => format!("add:{}:{x}", r + 1),
        Action::Put(r, v, ts) => format!("put:{}:{v}@{ts}", r + 1),
        Action::Merge(a, b) => format!("merge:{}>{}", a + 1, b + 1),
        Action::Op(o) => format!(
            "{}:{}:{}={}@{}-{}",
            if o.write { 'w' } else { 'r' },
            o.proc,
            REGISTERS.get(o.reg).copied().unwrap_or('?'),
            o.value,
            o.invoke,
            o.response
        ),
        Action::Del(k) => format!("del:{}", k + 1),
    }
}

fn replica(t: &str) -> Option<usize> {
    t.trim().parse::<usize>().ok()?.checked_sub(1)
}

fn node(t: &str) -> Option<usize> {
    let mut c = t.trim().chars();
    let ch = c.next()?.to_ascii_uppercase();
    if c.next().is_some() || !ch.is_ascii_uppercase() {
        return None;
    }
    Some(usize::from(u8::try_from(ch).ok()? - b'A'))
}

fn fault(kind: FaultKind, arg: &str) -> Option<Action> {
    let (who, op) = arg.split_once('@')?;
    let (who, ms) = if kind == FaultKind::Delay {
        let (w, ms) = who.split_once('+')?;
        (w, ms.trim().parse().ok()?)
    } else {
        (who, 0)
    };
    Some(Action::Fault(Fault {
        kind,
        node: node(who)?,
        op: op.trim().parse::<usize>().ok()?.checked_sub(1)?,
        ms,
    }))
}

fn pair(arg: &str, sep: char) -> Option<(usize, usize)> {
    let (a, b) = arg.split_once(sep)?;
    Some((replica(a)?, replica(b)?))
}

fn named(arg: &str) -> Option<(usize, String)> {
    let (r, x) = arg.split_once(':')?;
    Some((replica(r)?, x.to_string()))
}

fn history_op(write: bool, arg: &str) -> Option<Action> {
    let (p, rest) = arg.split_once(':')?;
    let (reg, rest) = rest.split_once('=')?;
    let (value, times) = rest.split_once('@')?;
    let (a, b) = times.split_once('-')?;
    let reg = reg.trim().to_ascii_lowercase();
    let mut chars = reg.chars();
    let letter = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    Some(Action::Op(Op {
        proc: p.trim().parse().ok()?,
        write,
        reg: REGISTERS.iter().position(|&r| r == letter)?,
        value: value.trim().parse().ok()?,
        invoke: a.trim().parse().ok()?,
        response: b.trim().parse().ok()?,
    }))
}

/// Reads an action (see [`ACTIONS`]).
pub(crate) fn parse_action(text: &str) -> Result<Action, String> {
    let parsed = text.split_once(':').and_then(|(verb, arg)| match verb {
        "crash" => fault(FaultKind::Crash, arg),
        "recover" => fault(FaultKind::Recover, arg),
        "cut" => fault(FaultKind::Cut, arg),
        "heal" => fault(FaultKind::Heal, arg),
        "drop" => fault(FaultKind::Drop, arg),
        "delay" => fault(FaultKind::Delay, arg),
        "set" => {
            let (r, rest) = named(arg)?;
            let (item, q) = rest.rsplit_once('*')?;
            Some(Action::Set(r, item.to_string(), q.trim().parse().ok()?))
        }
        "rm" => named(arg).map(|(r, x)| Action::Rm(r, x)),
        "sync" => pair(arg, '-').map(|(a, b)| Action::Sync(a, b)),
        "inc" => replica(arg).map(Action::Inc),
        "dec" => replica(arg).map(Action::Dec),
        "add" => named(arg).map(|(r, x)| Action::Add(r, x)),
        "put" => {
            let (r, rest) = named(arg)?;
            let (v, ts) = rest.rsplit_once('@')?;
            Some(Action::Put(r, v.to_string(), ts.trim().parse().ok()?))
        }
        "merge" => pair(arg, '>').map(|(a, b)| Action::Merge(a, b)),
        "w" | "r" => history_op(verb == "w", arg),
        "del" => replica(arg).map(Action::Del),
        _ => None,
    });
    parsed.ok_or_else(|| not_an(text, ACTIONS.expected))
}

/// The worked example each mode runs before the typed actions when `preset=on`.
pub(crate) fn preset_actions(mode: Mode) -> Vec<Action> {
    let texts: &[&str] = match mode {
        // Write v2 misses A; B crashes before write v3 and recovers before the last read.
        Mode::Quorum => &["drop:A@3", "crash:B@5", "recover:B@6"],
        // F4's carts {x: 2, y: 1} and {x: 1, z: 3}, written concurrently on replicas 1 and 2.
        Mode::Clocks => &[
            "set:1:x*1",
            "set:1:y*1",
            "sync:1-2",
            "set:1:x*2",
            "rm:2:y",
            "set:2:z*3",
            "sync:1-2",
        ],
        Mode::Crdt | Mode::Merkle | Mode::Lag | Mode::Consistency => &[],
    };
    texts.iter().filter_map(|t| parse_action(t).ok()).collect()
}
