//! `hash-prefix`: the document's URL hashed and cut to a code, then a seeded set of URLs (the
//! first ones and every collision one step each), the same URL again, and the observed
//! collisions against the birthday bound.

use crate::hashcode::{Insert, Table, birthday, expected_collisions, space};
use crate::text::proc_ids;
use crate::{Action, HashParams, MAX_EVENT_STEPS, Params, State};
use rand::RngExt;
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Most hashes tried for one URL.
pub const MAX_TRIES: u32 = 64;

/// Totals over the whole URL set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HashStats {
    /// URLs stored.
    pub stored: u64,
    /// URLs whose first code was taken.
    pub collided: u64,
    /// Hashes that hit a taken code.
    pub collisions: u64,
    /// The most tries one URL needed.
    pub max_tries: u64,
    /// Codes of this length.
    pub space: f64,
    /// Expected first-try collisions (ideal hash).
    pub expected: f64,
    /// Probability of at least one collision (birthday bound).
    pub birthday: f64,
}

/// What every step of a `hash-prefix` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HashWorld {
    /// The parameters.
    pub params: HashParams,
    /// The inserts shown, in order (the document's URL first).
    pub shown: Vec<Insert>,
    /// Totals at the end.
    pub stats: HashStats,
}

/// What a step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HashStep {
    /// Insert `shown[i]`, with the totals so far.
    Insert(usize),
    /// The totals against the birthday bound.
    Summary,
}

/// A step of `hash-prefix`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HashState {
    /// Shared by every step.
    pub world: Arc<HashWorld>,
    /// What this step shows.
    pub step: HashStep,
}

/// The seeded URL `i`.
pub fn url_of(i: u32, rng: &mut sdp_kit::rng::LabRng) -> String {
    format!(
        "https://example.com/articles/{i}/{:08x}",
        rng.random::<u32>()
    )
}

fn insert_text(p: &HashParams, ins: &Insert) -> String {
    if ins.existing {
        return format!(
            "“{}” is already stored: the table returns its code {} and adds nothing.",
            ins.url,
            ins.code()
        );
    }
    let first = &ins.tries[0];
    let tries: Vec<String> = ins
        .tries
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let what = if k == 0 {
                "the URL".to_string()
            } else {
                format!("URL + “{k}”")
            };
            match t.holder {
                Some(h) => format!("{what} → {} (taken by URL {h})", t.code),
                None => format!("{what} → {} (free)", t.code),
            }
        })
        .collect();
    let end = if ins.tries.last().is_some_and(|t| t.holder.is_some()) {
        format!("no free code after {} tries.", ins.tries.len())
    } else {
        format!("stored as {}.", ins.code())
    };
    format!(
        "{}(“{}”) = {}…; the first {} characters: {}; {end}",
        p.algo_name(),
        ins.url,
        &first.digest[..first.digest.len().min(16)],
        p.length,
        tries.join("; ")
    )
}

fn metrics(stored: u64, collisions: u64, st: &HashStats) -> Vec<Metric> {
    vec![
        Metric::new("URLs stored", stored as f64, group(stored)),
        Metric::new("collisions met", collisions as f64, group(collisions)),
        Metric::new("codes of this length", st.space, format!("{:.0}", st.space)),
    ]
}

impl HashParams {
    /// The hash's name as the narration writes it.
    pub fn algo_name(&self) -> &'static str {
        match self.algo {
            crate::hashcode::Algo::Md5 => "md5",
            crate::hashcode::Algo::Sha256 => "sha256",
        }
    }
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.hash;
    let len = p.length as usize;
    let mut table = Table::default();
    let mut rng = sdp_kit::rng::seeded(s.seed);
    let mut shown = vec![table.shorten(&p.url, p.algo, len, MAX_TRIES)];
    let mut progress = vec![(1u64, shown[0].collisions() as u64)];
    let mut st = HashStats {
        stored: 1,
        collisions: shown[0].collisions() as u64,
        collided: u64::from(shown[0].collisions() > 0),
        max_tries: shown[0].tries.len() as u64,
        ..HashStats::default()
    };
    let mut events = 0;
    for i in 1..=p.urls {
        let ins = table.shorten(&url_of(i, &mut rng), p.algo, len, MAX_TRIES);
        let c = ins.collisions() as u64;
        st.stored += 1;
        st.collisions += c;
        st.collided += u64::from(c > 0);
        st.max_tries = st.max_tries.max(ins.tries.len() as u64);
        let detailed = i <= p.detailed;
        if detailed || (c > 0 && events < MAX_EVENT_STEPS) {
            events += usize::from(!detailed);
            shown.push(ins);
            progress.push((st.stored, st.collisions));
        }
    }
    shown.push(table.shorten(&p.url, p.algo, len, MAX_TRIES));
    progress.push((st.stored, st.collisions));
    st.space = space(p.length);
    st.expected = expected_collisions(st.stored, st.space);
    st.birthday = birthday(st.stored, st.space);
    let w = Arc::new(HashWorld {
        params: p.clone(),
        shown,
        stats: st,
    });
    let state = |step| {
        State::HashPrefix(HashState {
            world: Arc::clone(&w),
            step,
        })
    };
    let mut steps: Vec<Step<State>> = w
        .shown
        .iter()
        .zip(&progress)
        .enumerate()
        .map(|(i, (ins, &(stored, coll)))| Step {
            state: state(HashStep::Insert(i)),
            narration: insert_text(p, ins),
            lines: LinesRun::new(
                proc_ids::HASH,
                if ins.existing {
                    &[3]
                } else if ins.collisions() > 0 {
                    &[0, 1, 2]
                } else {
                    &[0, 1]
                },
            ),
            metrics: metrics(stored, coll, &st),
        })
        .collect();
    steps.push(Step {
        state: state(HashStep::Summary),
        narration: format!(
            "{} URLs in {:.0} codes: {} first tries collided ({} collisions in all, at most {} tries for one URL); an ideal hash expects n(n − 1)/2N = {:.3}, and the chance of at least one collision is {:.2} %.",
            group(st.stored),
            st.space,
            group(st.collided),
            group(st.collisions),
            st.max_tries,
            st.expected,
            st.birthday * 100.0
        ),
        lines: LinesRun::new(proc_ids::HASH, &[4]),
        metrics: {
            let mut m = metrics(st.stored, st.collisions, &st);
            m.push(Metric::new("expected collisions", st.expected, format!("{:.3}", st.expected)));
            m.push(Metric::new("P(any collision)", st.birthday, format!("{:.2} %", st.birthday * 100.0)));
            m
        },
    });
    Trace { steps }
}
