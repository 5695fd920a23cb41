//! `negative`: the users inserted into the filter, then the requests through the four variants
//! (the first ones one step each with the key's k bit positions, the rest in batches); database
//! load per variant, the filter's false positives measured against `(1 − e^(−kn/m))^k`, and the
//! bit array drawn scaled down.

use super::pct;
use crate::negative::{self, NegParams, Outcome, Request, Served, Variant};
use crate::text::proc_ids;
use crate::{Action, Params, State};
use sdp_kit::bloom::{Bloom, false_positive};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Batches the requests after the detailed ones are shown in.
pub const NEG_BATCHES: usize = 30;
/// Stretches the bit array is drawn in.
pub const BIT_BINS: usize = 200;
/// Ids never inserted that measure the false-positive rate (`probe:1` …).
pub const PROBES: u32 = 20_000;

/// What one lane counted so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NegCounts {
    /// Lookups (`get_user`).
    pub reads: u32,
    /// Lookups of ids that did not exist.
    pub absent_reads: u32,
    /// Requests that reached the database (creates included).
    pub db: u32,
    /// Database lookups of ids that did not exist.
    pub db_absent: u32,
    /// Answered "definitely not" by the filter.
    pub filtered: u32,
    /// Missing ids the filter answered "maybe" for.
    pub false_positives: u32,
    /// Cached users returned.
    pub hits: u32,
    /// Cached "not found" returned.
    pub negative_hits: u32,
    /// `create_user` requests.
    pub creates: u32,
    /// Negative entries within their TTL.
    pub negatives: u32,
}

impl NegCounts {
    fn add(&mut self, s: Served) {
        self.negatives = s.negatives;
        if s.outcome == Outcome::Created {
            self.creates += 1;
            self.db += 1;
            return;
        }
        self.reads += 1;
        self.absent_reads += u32::from(s.absent);
        self.false_positives += u32::from(s.false_positive);
        match s.outcome {
            Outcome::Filtered => self.filtered += 1,
            Outcome::Hit => self.hits += 1,
            Outcome::NegativeHit => self.negative_hits += 1,
            Outcome::Found | Outcome::NotFound | Outcome::Created => {
                self.db += 1;
                self.db_absent += u32::from(s.absent);
            }
        }
    }

    /// False positives per lookup of a missing id that reached the filter.
    pub fn fp_rate(&self) -> f64 {
        f64::from(self.false_positives) / f64::from(self.absent_reads.max(1))
    }
}

/// A request shown alone: the request, its key's bit positions (position, set before it) and
/// each lane's outcome.
pub type Shown = (Request, Vec<(u64, bool)>, Vec<Served>);

/// What every step shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NegWorld {
    /// The parameters.
    pub params: NegParams,
    /// Requests in all.
    pub total: u32,
    /// Distinct ids the requests name.
    pub ids: u32,
    /// Share of [`PROBES`] never-inserted ids answered "maybe" after the users were inserted,
    /// and after the last request.
    pub probed: (f64, f64),
}

/// A step of `negative`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NegState {
    /// Shared by every step.
    pub world: Arc<NegWorld>,
    /// Requests done.
    pub done: u32,
    /// Ids in the filter.
    pub inserted: u64,
    /// Bits set.
    pub ones: u64,
    /// Set bits per stretch of the array, as a share ([`BIT_BINS`] stretches).
    pub bits: Arc<Vec<f64>>,
    /// The request this step shows alone: its key's positions (position, set before it) and
    /// each lane's outcome.
    pub request: Option<Shown>,
    /// Each lane's counts, in [`Variant::ALL`] order.
    pub counts: Vec<NegCounts>,
}

fn metrics(p: &NegParams, lanes: &[NegCounts], inserted: u64, ones: u64) -> Vec<Metric> {
    let c = &lanes[p.narrate.lane()];
    let looked = c.reads - c.filtered;
    let mut m = super::rate_metrics(u64::from(c.hits + c.negative_hits), u64::from(looked));
    for (lane, v) in lanes.iter().zip(Variant::ALL) {
        m.push(Metric::new(
            &format!("database requests, {}", v.name()),
            f64::from(lane.db),
            format!("{} ({} lookups of missing ids)", lane.db, lane.db_absent),
        ));
    }
    let formula = false_positive(u64::from(p.m), inserted, p.k);
    m.push(Metric::new(
        "false-positive rate, formula",
        formula,
        format!(
            "{} = (1 − e^(−{}·{inserted}/{}))^{}",
            pct2(formula),
            p.k,
            p.m,
            p.k
        ),
    ));
    let b = &lanes[Variant::Bloom.lane()];
    m.push(Metric::new(
        "false positives, measured",
        b.fp_rate(),
        format!(
            "{} of {} missing-id lookups ({})",
            b.false_positives,
            b.absent_reads,
            pct2(b.fp_rate())
        ),
    ));
    m.push(Metric::new(
        "bits set",
        ones as f64,
        format!(
            "{ones} of {} ({})",
            p.m,
            pct(ones as f64 / f64::from(p.m.max(1)))
        ),
    ));
    let n = &lanes[Variant::Negative.lane()];
    m.push(Metric::new(
        "negative entries held",
        f64::from(n.negatives),
        format!(
            "{} (negative cache) against the filter's {} KB",
            n.negatives,
            u64::from(p.m).div_ceil(8 * 1024)
        ),
    ));
    m
}

/// A share as a percentage with two decimals.
pub fn pct2(x: f64) -> String {
    format!("{:.2} %", x * 100.0)
}

fn outcome_text(o: Outcome) -> &'static str {
    match o {
        Outcome::Filtered => "the filter says definitely not: no cache, no database",
        Outcome::Hit => "a cache hit",
        Outcome::NegativeHit => "a cached “not found”",
        Outcome::Found => "a cache miss; the database finds it and it is cached",
        Outcome::NotFound => "a cache miss; the database does not find it",
        Outcome::Created => "created",
    }
}

fn lines_of(o: Outcome) -> &'static [usize] {
    match o {
        Outcome::Filtered => &[1],
        Outcome::Hit => &[2],
        Outcome::NegativeHit => &[3],
        Outcome::Found | Outcome::NotFound => &[4],
        Outcome::Created => &[5],
    }
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.neg;
    let c = p.config();
    let (reqs, ids) = negative::requests(&c, s.seed);
    let start = negative::filter(&c);
    let mut end = start.clone();
    let answers = negative::answers(&mut end, &reqs);
    let lanes: Vec<Vec<Served>> = Variant::ALL
        .iter()
        .map(|&v| negative::run(v, &c, &reqs, &answers, ids))
        .collect();
    let world = Arc::new(NegWorld {
        params: p.clone(),
        total: reqs.len() as u32,
        ids: ids as u32,
        probed: (
            negative::probe(&start, PROBES),
            negative::probe(&end, PROBES),
        ),
    });
    let mut counts = vec![NegCounts::default(); Variant::ALL.len()];
    let narrated = p.narrate.lane();
    let f4 = |n: u64| pct2(false_positive(1_000_000, n, 3));
    let empty = Arc::new(Bloom::new(u64::from(p.m), p.k).density(BIT_BINS));
    let state = |done: u32,
                 filter: &Bloom,
                 inserted: u64,
                 bits: &Arc<Vec<f64>>,
                 request: Option<Shown>,
                 counts: &[NegCounts]| {
        State::Negative(NegState {
            world: Arc::clone(&world),
            done,
            inserted,
            ones: filter.ones(),
            bits: Arc::clone(bits),
            request,
            counts: counts.to_vec(),
        })
    };
    let zero = Bloom::new(u64::from(p.m), p.k);
    let mut steps = vec![Step {
        metrics: metrics(p, &counts, 0, 0),
        state: state(0, &zero, 0, &empty, None, &counts),
        narration: format!(
            "An empty filter of {} bits and {} hashes. F4 §18's filter (1 000 000 bits, 3 hashes) gives false positives of (1 − e^(−kn/m))^k = {} at n = 50 000, {} at 100 000 and {} at 1 000 000.",
            p.m,
            p.k,
            f4(50_000),
            f4(100_000),
            f4(1_000_000)
        ),
        lines: LinesRun::new(proc_ids::NEG, &[0, 6]),
    }];
    let mut filter = start;
    let mut inserted = u64::from(p.users);
    let mut bits = Arc::new(filter.density(BIT_BINS));
    let formula = false_positive(u64::from(p.m), inserted, p.k);
    steps.push(Step {
        metrics: metrics(p, &counts, inserted, filter.ones()),
        state: state(0, &filter, inserted, &bits, None, &counts),
        narration: format!(
            "user:1 … user:{} inserted: {} bits set (expected m·(1 − e^(−kn/m)) = {:.0}). Of {} ids never inserted, {} answer “maybe”; the formula gives {}.",
            p.users,
            filter.ones(),
            f64::from(p.m) * (1.0 - sdp_kit::detmath::exp(-(f64::from(p.k) * inserted as f64 / f64::from(p.m.max(1))))),
            PROBES,
            pct2(world.probed.0),
            pct2(formula)
        ),
        lines: LinesRun::new(proc_ids::NEG, &[0, 5, 6]),
    });
    let detailed = (p.detailed as usize).min(reqs.len());
    let rest = reqs.len() - detailed;
    let batch = rest.div_ceil(NEG_BATCHES).max(1);
    let mut i = 0;
    while i < reqs.len() {
        let end_i = if i < detailed {
            i + 1
        } else {
            (i + batch).min(reqs.len())
        };
        let first = reqs[i];
        let positions: Vec<(u64, bool)> = if i < detailed {
            filter
                .positions(&negative::key_name(first.id))
                .into_iter()
                .map(|q| (q, filter.bit(q)))
                .collect()
        } else {
            Vec::new()
        };
        let before = filter.ones();
        for (r, lane) in reqs[i..end_i].iter().zip(i..end_i) {
            if r.create {
                filter.add(&negative::key_name(r.id));
                inserted += 1;
            }
            for (c, out) in counts.iter_mut().zip(&lanes) {
                c.add(out[lane]);
            }
        }
        if filter.ones() != before {
            bits = Arc::new(filter.density(BIT_BINS));
        }
        let request = (i < detailed).then(|| {
            (
                first,
                positions.clone(),
                lanes.iter().map(|l| l[i]).collect::<Vec<_>>(),
            )
        });
        let (narration, lines): (String, &[usize]) = match &request {
            Some((r, _, _)) if r.create => (
                format!(
                    "t = {:.1} s: create_user(user:{}): the database inserts it and bloom.add sets its {} bits; a negative entry for it is deleted.",
                    r.at as f64 / 1000.0,
                    r.id,
                    p.k
                ),
                &[5],
            ),
            Some((r, pos, out)) => {
                let set = pos.iter().filter(|x| x.1).count();
                let o = out[narrated];
                (
                    format!(
                        "t = {:.1} s: get_user(user:{}), {}: {} of its {} bits are set{}. {}: {}.",
                        r.at as f64 / 1000.0,
                        r.id,
                        if o.absent {
                            "an id that does not exist"
                        } else {
                            "an existing user"
                        },
                        set,
                        pos.len(),
                        if o.absent && set == pos.len() {
                            " (a false positive)"
                        } else {
                            ""
                        },
                        p.narrate.name(),
                        outcome_text(o.outcome)
                    ),
                    lines_of(o.outcome),
                )
            }
            None => {
                let cell = |v: Variant| counts[v.lane()].db_absent;
                (
                    format!(
                        "Requests {}–{}: database lookups of missing ids so far: no protection {}, negative cache {}, Bloom filter {}, both {}.",
                        i + 1,
                        end_i,
                        cell(Variant::None),
                        cell(Variant::Negative),
                        cell(Variant::Bloom),
                        cell(Variant::Both)
                    ),
                    &[1, 3, 4],
                )
            }
        };
        steps.push(Step {
            metrics: metrics(p, &counts, inserted, filter.ones()),
            state: state(end_i as u32, &filter, inserted, &bits, request, &counts),
            narration,
            lines: LinesRun::new(proc_ids::NEG, lines),
        });
        i = end_i;
    }
    Trace { steps }
}
