//! `strategies`: the four strategies on the same operations, one step per operation (and per
//! crash), the narrated strategy's messages drawn, every strategy's cache, database and queue
//! at the step's time, and what each cost so far.

use super::{pct, quantile, rate_metrics};
use crate::strategy::{self, Net, Op, Place, Run, Strategy};
use crate::text::proc_ids;
use crate::{Action, Params, State, StrategyParams};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategyWorld {
    /// The parameters.
    pub params: StrategyParams,
    /// The operations, in start order.
    pub ops: Vec<Op>,
    /// Keys.
    pub keys: u32,
    /// Each strategy's run, in [`Strategy::ALL`] order.
    pub runs: Vec<Run>,
}

/// One strategy at a step's time.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Cached version of each key (`None`: absent).
    pub cache: Vec<Option<u32>>,
    /// Database version of each key.
    pub db: Vec<u32>,
    /// Write-back's queued writes.
    pub queue: u32,
    /// What it cost so far.
    pub summary: Summary,
}

/// Costs up to a time.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Reads finished, and of those hits and stale.
    pub reads: u32,
    /// Reads that found the key in the cache.
    pub hits: u32,
    /// Reads older than a write acknowledged before they began.
    pub stale: u32,
    /// Writes finished.
    pub writes: u32,
    /// Write latencies, µs, sorted.
    pub write_us: Vec<u64>,
    /// Read latencies, µs, sorted.
    pub read_us: Vec<u64>,
    /// Requests that reached the database.
    pub db_requests: u32,
    /// Acknowledged writes lost in crashes.
    pub lost: u32,
    /// µs during which some cached key differed from the database.
    pub disagree_us: u64,
}

/// A step of `strategies`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategyState {
    /// Shared by every step.
    pub world: Arc<StrategyWorld>,
    /// The operation this step starts (`None`: the opening, a crash or the summary).
    pub op: Option<usize>,
    /// The step's time, µs: messages sent by then are drawn.
    pub now: u64,
    /// Every strategy at `now`, in [`Strategy::ALL`] order.
    pub snaps: Vec<Snapshot>,
    /// The crash this step shows, µs.
    pub crash: Option<u64>,
}

/// The strategy's state and costs at time `now`.
fn snapshot(run: &Run, ops: &[Op], keys: usize, now: u64) -> Snapshot {
    let mut cache = vec![None; keys];
    let mut db = vec![0; keys];
    let mut disagree = 0u64;
    let mut last = 0u64;
    let differ =
        |c: &[Option<u32>], d: &[u32]| c.iter().zip(d).any(|(c, d)| c.is_some_and(|c| c != *d));
    for &(t, place, k, v) in run.changes.iter().filter(|c| c.0 <= now) {
        if differ(&cache, &db) {
            disagree += t - last;
        }
        last = t;
        match place {
            Place::Cache => cache[k as usize] = v,
            Place::Db => db[k as usize] = v.unwrap_or(0),
        }
    }
    if differ(&cache, &db) {
        disagree += now.saturating_sub(last);
    }
    let queue = run
        .queue
        .iter()
        .take_while(|q| q.0 <= now)
        .last()
        .map_or(0, |q| q.1);
    let mut s = Summary {
        db_requests: run
            .messages
            .iter()
            .filter(|m| m.to == strategy::Node::Db && m.sent <= now)
            .count() as u32,
        lost: run.crashes.iter().filter(|c| c.0 <= now).map(|c| c.1).sum(),
        disagree_us: disagree,
        ..Summary::default()
    };
    for (o, out) in ops.iter().zip(&run.outcomes) {
        if out.end > now {
            continue;
        }
        let took = out.end - o.at;
        if o.write.is_some() {
            s.writes += 1;
            s.write_us.push(took);
        } else {
            s.reads += 1;
            s.hits += u32::from(out.hit);
            s.stale += u32::from(out.stale);
            s.read_us.push(took);
        }
    }
    s.write_us.sort_unstable();
    s.read_us.sort_unstable();
    Snapshot {
        cache,
        db,
        queue,
        summary: s,
    }
}

fn ms(us: u64) -> String {
    let v = us as f64 / 1000.0;
    if v.fract() == 0.0 {
        format!("{v:.0} ms")
    } else {
        format!("{v:.1} ms")
    }
}

fn metrics(snap: &Snapshot, keys: u32) -> Vec<Metric> {
    let s = &snap.summary;
    let mut m = rate_metrics(u64::from(s.hits), u64::from(s.reads));
    let mean = |v: &[u64]| {
        if v.is_empty() {
            0
        } else {
            v.iter().sum::<u64>() / v.len() as u64
        }
    };
    m.push(Metric::new(
        "write latency mean / p99",
        mean(&s.write_us) as f64 / 1000.0,
        format!(
            "{} / {}",
            ms(mean(&s.write_us)),
            ms(quantile(&s.write_us, 0.99))
        ),
    ));
    m.push(Metric::new(
        "read latency p50 / p99",
        quantile(&s.read_us, 0.99) as f64 / 1000.0,
        format!(
            "{} / {}",
            ms(quantile(&s.read_us, 0.5)),
            ms(quantile(&s.read_us, 0.99))
        ),
    ));
    m.push(Metric::new(
        "database requests",
        f64::from(s.db_requests),
        s.db_requests.to_string(),
    ));
    m.push(Metric::new(
        "stale reads",
        f64::from(s.stale),
        format!("{} of {} reads", s.stale, s.reads),
    ));
    m.push(Metric::new(
        "cache ≠ database",
        s.disagree_us as f64 / 1000.0,
        ms(s.disagree_us),
    ));
    m.push(Metric::new(
        "writes lost",
        f64::from(s.lost),
        s.lost.to_string(),
    ));
    let held = snap.cache.iter().filter(|c| c.is_some()).count();
    m.push(Metric::new(
        "memory",
        held as f64,
        format!(
            "{held} of {keys} keys cached ({})",
            pct(held as f64 / f64::from(keys.max(1)))
        ),
    ));
    m
}

fn client(c: u8) -> char {
    char::from(b'A' + c % 26)
}

fn narrate_op(w: &StrategyWorld, i: usize, narrated: usize) -> String {
    let o = &w.ops[i];
    let out = &w.runs[narrated].outcomes[i];
    let s = Strategy::ALL[narrated];
    let name = format!("k{}", o.key + 1);
    let took = if out.end == u64::MAX {
        "never finished".to_string()
    } else {
        ms(out.end - o.at)
    };
    match o.write {
        Some(v) => format!(
            "{} writes {name} = v{v} at {}; {} answers in {took}.",
            client(o.client),
            ms(o.at),
            s.name()
        ),
        None => format!(
            "{} reads {name} at {}; {}: {} v{} in {took}{}.",
            client(o.client),
            ms(o.at),
            s.name(),
            if out.hit { "hit," } else { "miss," },
            out.value,
            if out.stale {
                ", a stale value (a newer write was acknowledged before this read began)"
            } else {
                ""
            }
        ),
    }
}

fn lines_of(s: Strategy, write: bool, hit: bool) -> (usize, Vec<usize>) {
    match (s, write) {
        (Strategy::CacheAside, false) => (proc_ids::ASIDE, if hit { vec![0] } else { vec![0, 1] }),
        (Strategy::CacheAside, true) => (proc_ids::ASIDE, vec![2, 3]),
        (Strategy::ReadThrough, false) => (
            proc_ids::READ_THROUGH,
            if hit { vec![0] } else { vec![0, 1] },
        ),
        (Strategy::ReadThrough, true) => (proc_ids::READ_THROUGH, vec![2]),
        (Strategy::WriteThrough, false) => (proc_ids::WRITE_THROUGH, vec![2]),
        (Strategy::WriteThrough, true) => (proc_ids::WRITE_THROUGH, vec![0, 1]),
        (Strategy::WriteBack, false) => (proc_ids::WRITE_BACK, vec![2]),
        (Strategy::WriteBack, true) => (proc_ids::WRITE_BACK, vec![0]),
    }
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.strat;
    let mut ops = strategy::ops(p.workload, p.ops, p.writes, p.keys, p.gap_ms, s.seed);
    ops.sort_by_key(|o| o.at);
    let keys = ops.iter().map(|o| o.key + 1).max().unwrap_or(1).max(
        if p.workload == strategy::Workload::Mixed {
            p.keys
        } else {
            1
        },
    );
    let jitter = if p.workload == strategy::Workload::Race {
        0.0
    } else {
        p.jitter
    };
    let net = Net {
        cache: u64::from(p.cache_rtt) * 500,
        db: u64::from(p.db_rtt) * 500,
        jitter,
        flush: u64::from(p.flush_ms) * 1000,
        order: p.order,
    };
    let mut crashes: Vec<u64> = s
        .actions
        .iter()
        .filter_map(|a| match a {
            Action::Crash(ms) => Some(u64::from(*ms) * 1000),
            Action::Get(_) => None,
        })
        .collect();
    crashes.sort_unstable();
    crashes.dedup();
    let runs: Vec<Run> = Strategy::ALL
        .iter()
        .map(|&st| strategy::run(st, &ops, keys as usize, &net, &crashes, s.seed ^ 0x51e7))
        .collect();
    let world = Arc::new(StrategyWorld {
        params: p.clone(),
        ops: ops.clone(),
        keys,
        runs,
    });
    let narrated = Strategy::ALL
        .iter()
        .position(|&x| x == p.narrate)
        .unwrap_or(0);
    let end = world
        .runs
        .iter()
        .flat_map(|r| r.messages.iter().map(|m| m.arrived))
        .max()
        .unwrap_or(0)
        .max(crashes.last().copied().unwrap_or(0));
    // Steps: (time, op or None, crash?) in time order.
    let mut events: Vec<(u64, Option<usize>)> =
        (0..ops.len()).map(|i| (ops[i].at, Some(i))).collect();
    events.extend(crashes.iter().map(|&c| (c, None)));
    events.sort_by_key(|e| (e.0, e.1.is_none()));
    let mut steps = Vec::new();
    let step = |op: Option<usize>,
                crash: Option<u64>,
                now: u64,
                narration: String,
                lines: (usize, Vec<usize>)| {
        let snaps: Vec<Snapshot> = world
            .runs
            .iter()
            .map(|r| snapshot(r, &world.ops, keys as usize, now))
            .collect();
        Step {
            metrics: metrics(&snaps[narrated], keys),
            state: State::Strategies(StrategyState {
                world: Arc::clone(&world),
                op,
                now,
                snaps,
                crash,
            }),
            narration,
            lines: LinesRun::new(lines.0, &lines.1),
        }
    };
    let first_proc = lines_of(p.narrate, false, false).0;
    steps.push(step(
        None, None,
        0,
        format!(
            "{} operations on {keys} key(s); the database holds v0 for every key and the caches are empty. Round trips: cache {} ms, database {} ms.",
            ops.len(), p.cache_rtt, p.db_rtt
        ),
        (first_proc, vec![0]),
    ));
    let mut now = 0u64;
    for (t, op) in events {
        if let Some(i) = op {
            let out = &world.runs[narrated].outcomes[i];
            let done = if out.end == u64::MAX {
                t + 1_000_000
            } else {
                out.end
            };
            now = now.max(done);
            let lines = lines_of(p.narrate, ops[i].write.is_some(), out.hit);
            steps.push(step(
                Some(i),
                None,
                now,
                narrate_op(&world, i, narrated),
                lines,
            ));
        } else {
            now = now.max(t);
            let lost = world.runs[3]
                .crashes
                .iter()
                .find(|c| c.0 == t)
                .map_or(0, |c| c.1);
            steps.push(step(
                None, Some(t),
                now,
                format!(
                    "The cache crashes at {}: every strategy loses its cached keys; write-back also loses {lost} queued write(s) it had already acknowledged.",
                    ms(t)
                ),
                (proc_ids::WRITE_BACK, vec![3]),
            ));
        }
    }
    now = now.max(end);
    let sums: Vec<String> = world
        .runs
        .iter()
        .zip(Strategy::ALL)
        .map(|(r, st)| {
            let sn = snapshot(r, &world.ops, keys as usize, now);
            format!(
                "{} {} stale, {} DB requests, {} lost",
                st.name(),
                sn.summary.stale,
                sn.summary.db_requests,
                sn.summary.lost
            )
        })
        .collect();
    steps.push(step(
        None,
        None,
        now,
        format!("All done at {}: {}.", ms(now), sums.join("; ")),
        (first_proc, vec![]),
    ));
    Trace { steps }
}
