//! `multi-level`: the requests through L1 → L2 → database under both invalidations, the first
//! requests one step each with their path, the rest in batches; hit ratio per level, stale
//! reads, entries held (and how many are out of date) and the expected latency with both of
//! F4's L1 figures, for TTL-only, pub/sub and versioned-key invalidation.

use super::pct;
use crate::multilevel::{
    self, Config, Held, Invalidation, L1Latency, Level, Request, Served, expected_latency,
};
use crate::text::proc_ids;
use crate::{Action, MultiParams, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Batches the requests after the detailed ones are shown in.
pub const BATCHES: usize = 30;
/// L2 and database latency, ms (F4 §16's flow).
pub const L2_MS: f64 = 2.0;
/// Database latency, ms.
pub const DB_MS: f64 = 50.0;

/// What one lane counted so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Reads.
    pub reads: u32,
    /// Answered by L1.
    pub l1: u32,
    /// Answered by L2.
    pub l2: u32,
    /// Answered by the database.
    pub db: u32,
    /// Stale reads.
    pub stale: u32,
    /// Writes.
    pub writes: u32,
    /// Reads that fetched the key's version from L2 first (versioned keys).
    pub lookups: u32,
    /// Entries held after the last request counted.
    pub held: Held,
}

impl Counts {
    fn add(&mut self, s: Served) {
        self.held = s.held;
        self.lookups += u32::from(s.lookup);
        match s.level {
            None => self.writes += 1,
            Some(l) => {
                self.reads += 1;
                match l {
                    Level::L1 => self.l1 += 1,
                    Level::L2 => self.l2 += 1,
                    Level::Db => self.db += 1,
                }
                self.stale += u32::from(s.stale);
            }
        }
    }

    /// Shares of reads answered by L1, L2 and the database.
    pub fn shares(&self) -> (f64, f64, f64) {
        let n = f64::from(self.reads.max(1));
        (
            f64::from(self.l1) / n,
            f64::from(self.l2) / n,
            f64::from(self.db) / n,
        )
    }

    /// Expected latency, ms, with an L1 hit of `l1_ms`, plus one L2 round trip for each
    /// version lookup.
    pub fn latency(&self, l1_ms: f64) -> f64 {
        let lookups = f64::from(self.lookups) / f64::from(self.reads.max(1));
        expected_latency(self.shares(), (l1_ms, L2_MS, DB_MS)) + lookups * L2_MS
    }
}

/// What every step shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MultiWorld {
    /// The parameters.
    pub params: MultiParams,
    /// Requests in all.
    pub total: u32,
}

/// A step of `multi-level`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MultiState {
    /// Shared by every step.
    pub world: Arc<MultiWorld>,
    /// Requests done.
    pub done: u32,
    /// The request this step shows alone, with each lane's outcome.
    pub request: Option<(Request, Vec<Served>)>,
    /// Each lane's counts, in [`Invalidation::ALL`] order.
    pub counts: Vec<Counts>,
}

fn metrics(lanes: &[Counts], l1_ms: f64) -> Vec<Metric> {
    let c = &lanes[1];
    let (a, b, d) = c.shares();
    let mut m = super::rate_metrics(u64::from(c.l1 + c.l2), u64::from(c.reads));
    m.push(Metric::new("L1 hit ratio", a, pct(a)));
    m.push(Metric::new("L2 hit ratio", b, pct(b)));
    m.push(Metric::new(
        "database reads",
        d,
        format!("{} ({})", c.db, pct(d)),
    ));
    m.push(Metric::new(
        "expected latency",
        c.latency(l1_ms),
        format!(
            "{:.3} ms ({:.4} ms with the table's L1)",
            c.latency(L1Latency::Flow.ms()),
            c.latency(L1Latency::Table.ms())
        ),
    ));
    for (lane, inv) in lanes.iter().zip(Invalidation::ALL) {
        m.push(Metric::new(
            &format!("stale reads, {}", inv.name()),
            f64::from(lane.stale),
            format!("{} of {} reads", lane.stale, lane.reads),
        ));
    }
    for (lane, inv) in lanes.iter().zip(Invalidation::ALL) {
        let h = lane.held;
        m.push(Metric::new(
            &format!("entries held, {}", inv.name()),
            f64::from(h.l1 + h.l2),
            format!(
                "L1 {} ({} out of date), L2 {} ({} out of date)",
                h.l1, h.l1_old, h.l2, h.l2_old
            ),
        ));
    }
    let v = &lanes[2];
    m.push(Metric::new(
        "expected latency, versioned keys",
        v.latency(l1_ms),
        format!(
            "{:.3} ms (each read first fetches the version from L2: +{L2_MS} ms)",
            v.latency(l1_ms)
        ),
    ));
    m
}

/// The key's version after the writes among `reqs`.
fn version_after(reqs: &[Request], key: u32) -> usize {
    reqs.iter().filter(|r| r.write && r.key == key).count()
}

fn level_name(l: Option<Level>) -> &'static str {
    match l {
        None => "write",
        Some(Level::L1) => "L1 hit",
        Some(Level::L2) => "L2 hit, copied into L1",
        Some(Level::Db) => "miss, from the database into L2 and L1",
    }
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.multi;
    let c = Config {
        servers: p.servers,
        l1_cap: p.l1_cap,
        l1_ttl: u64::from(p.l1_ttl) * 1000,
        l2_ttl: u64::from(p.l2_ttl) * 1000,
        keys: p.keys,
        skew: p.skew,
        requests: p.requests,
        duration: u64::from(p.duration) * 1000,
        writes: p.writes,
        delay: u64::from(p.delay_ms),
    };
    let reqs = multilevel::requests(&c, s.seed);
    let lanes: Vec<Vec<Served>> = Invalidation::ALL
        .iter()
        .map(|&i| multilevel::run(i, &c, &reqs))
        .collect();
    let world = Arc::new(MultiWorld {
        params: p.clone(),
        total: reqs.len() as u32,
    });
    let l1_ms = p.l1_latency.ms();
    let mut counts = vec![Counts::default(); Invalidation::ALL.len()];
    let cv = (0.6, 0.3, 0.1);
    let mut steps = vec![Step {
        metrics: metrics(&counts, l1_ms),
        state: State::MultiLevel(MultiState {
            world: Arc::clone(&world),
            done: 0,
            request: None,
            counts: counts.clone(),
        }),
        narration: format!(
            "{} app servers with an L1 LRU of {} keys, one shared L2 (TTL {} s), the database. Catalogue CV: hit shares 0.6 / 0.3 / 0.1 give {:.2} ms with F4's flow (L1 0.1 ms) and {:.5} ms with its table (L1 0.0001 ms).",
            p.servers,
            p.l1_cap,
            p.l2_ttl,
            expected_latency(cv, (0.1, L2_MS, DB_MS)),
            expected_latency(cv, (0.0001, L2_MS, DB_MS))
        ),
        lines: LinesRun::new(proc_ids::MULTI, &[0, 1, 2]),
    }];
    let detailed = (p.detailed as usize).min(reqs.len());
    let rest = reqs.len() - detailed;
    let batch = rest.div_ceil(BATCHES).max(1);
    let mut i = 0;
    while i < reqs.len() {
        let end = if i < detailed {
            i + 1
        } else {
            (i + batch).min(reqs.len())
        };
        for (c, lane) in counts.iter_mut().zip(&lanes) {
            for &served in &lane[i..end] {
                c.add(served);
            }
        }
        let request =
            (i < detailed).then(|| (reqs[i], lanes.iter().map(|l| l[i]).collect::<Vec<_>>()));
        let (narration, lines): (String, &[usize]) = match &request {
            Some((r, _)) if r.write => (
                format!(
                    "t = {:.1} s: server {} writes k{}: the database is updated, L2 and its own L1 drop the key; pub/sub tells the other {} servers within {} ms; with versioned keys nothing is deleted: the version goes to v{} and readers ask for k{}:v{} from now on.",
                    r.at as f64 / 1000.0,
                    r.server + 1,
                    r.key + 1,
                    p.servers.saturating_sub(1),
                    p.delay_ms,
                    version_after(&reqs[..=i], r.key),
                    r.key + 1,
                    version_after(&reqs[..=i], r.key),
                ),
                &[3, 4, 5, 6],
            ),
            Some((r, out)) => (
                format!(
                    "t = {:.1} s: server {} reads k{}: {}{}.",
                    r.at as f64 / 1000.0,
                    r.server + 1,
                    r.key + 1,
                    level_name(out[1].level),
                    if out[0].stale {
                        "; with TTL-only invalidation this L1 copy is stale"
                    } else {
                        ""
                    }
                ),
                match out[1].level {
                    Some(Level::L1) => &[0],
                    Some(Level::L2) => &[1],
                    _ => &[2],
                },
            ),
            None => (
                format!(
                    "Requests {}–{}: stale reads so far TTL only {}, pub/sub {}, versioned {}; L1 answers {} of reads; out-of-date entries held TTL only {}, pub/sub {}, versioned {}.",
                    i + 1,
                    end,
                    counts[0].stale,
                    counts[1].stale,
                    counts[2].stale,
                    pct(counts[1].shares().0),
                    counts[0].held.l1_old + counts[0].held.l2_old,
                    counts[1].held.l1_old + counts[1].held.l2_old,
                    counts[2].held.l1_old + counts[2].held.l2_old,
                ),
                &[4, 5, 6],
            ),
        };
        steps.push(Step {
            metrics: metrics(&counts, l1_ms),
            state: State::MultiLevel(MultiState {
                world: Arc::clone(&world),
                done: end as u32,
                request,
                counts: counts.clone(),
            }),
            narration,
            lines: LinesRun::new(proc_ids::MULTI, lines),
        });
        i = end;
    }
    Trace { steps }
}
