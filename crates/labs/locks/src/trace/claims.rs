//! `claims`: one step per read or claim statement, then the count of jobs claimed twice.

use crate::claims::{self, Entry, Method, Op, Run, Setup};
use crate::optimistic::Order;
use crate::text::proc_ids;
use crate::{Action, ClaimParams, Params, State};
use rand::RngExt;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of `claims` shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimWorld {
    /// The parameters.
    pub params: ClaimParams,
    /// The race.
    pub run: Run,
}

/// A step of `claims`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimState {
    /// Shared by every step.
    pub world: Arc<ClaimWorld>,
    /// Entries done.
    pub done: usize,
    /// True for the closing step.
    pub summary: bool,
}

/// A worker's name: W1, W2, …
pub fn worker(i: usize) -> String {
    format!("W{}", i + 1)
}

/// A job's (or slot's) name.
pub fn job(m: Method, j: usize) -> String {
    if m == Method::Insert {
        let min = 600 + 30 * j;
        format!("{:02}:{:02}", min / 60, min % 60)
    } else {
        format!("job {}", j + 1)
    }
}

/// One entry in words, with its procedure lines.
pub fn claim_text(m: Method, e: &Entry) -> (String, &'static [usize]) {
    let w = worker(e.worker);
    match (m, e.op) {
        (Method::Insert, Op::Read(Some(j))) => (
            format!("{w} looks up the slots: {} is free", job(m, j)),
            &[3],
        ),
        (_, Op::Read(None)) => (format!("{w} reads: nothing left, it stops"), &[0]),
        (_, Op::Read(Some(j))) => (format!("{w} reads: {} is pending", job(m, j)), &[0]),
        (Method::Update, Op::Claim(j, true, _)) => (
            format!(
                "{w}: UPDATE … WHERE id = {} AND status = 'pending' → 1 row: {w} claims it",
                j + 1
            ),
            &[1, 2],
        ),
        (Method::Update, Op::Claim(j, false, by)) => (
            format!(
                "{w}: UPDATE … WHERE id = {} AND status = 'pending' → 0 rows: already claimed by {}",
                j + 1,
                by.map_or("another worker".to_string(), worker)
            ),
            &[1, 2],
        ),
        (Method::Insert, Op::Claim(j, true, _)) => (
            format!(
                "{w}: INSERT {} … ON CONFLICT DO NOTHING RETURNING id → an id: booked",
                job(m, j)
            ),
            &[4, 5],
        ),
        (Method::Insert, Op::Claim(j, false, by)) => (
            format!(
                "{w}: INSERT {} … ON CONFLICT DO NOTHING → null: {} booked it first; retry",
                job(m, j),
                by.map_or("another patient".to_string(), worker)
            ),
            &[4, 5],
        ),
        (Method::Naive, Op::Claim(j, _, None)) => (
            format!(
                "{w}: UPDATE jobs SET status = 'running', worker = {w} WHERE id = {} → 1 row",
                j + 1
            ),
            &[6],
        ),
        (Method::Naive, Op::Claim(j, _, Some(by))) => (
            format!(
                "{w}: UPDATE … WHERE id = {} → 1 row, over {}'s claim: {w} runs job {} as well",
                j + 1,
                worker(by),
                j + 1
            ),
            &[6],
        ),
    }
}

fn metrics(w: &ClaimWorld, done: usize) -> Vec<Metric> {
    let es = &w.run.entries[..done];
    let claims = es
        .iter()
        .filter(|e| matches!(e.op, Op::Claim(_, true, _)))
        .count() as u64;
    let zero = es
        .iter()
        .filter(|e| matches!(e.op, Op::Claim(_, false, _)))
        .count() as u64;
    let mut told = vec![0u64; w.params.jobs as usize];
    for e in es {
        if let Op::Claim(j, true, _) = e.op {
            told[j] += 1;
        }
    }
    let doubles = told.iter().filter(|&&n| n > 1).count() as u64;
    vec![
        Metric::new("claims that succeeded", claims as f64, claims.to_string()),
        Metric::new("0 rows / null", zero as f64, zero.to_string()),
        Metric::new("jobs claimed twice", doubles as f64, doubles.to_string()),
    ]
}

pub(super) fn build(sc: &Scenario<Params, Action>) -> Trace<State> {
    let p = &sc.params.claims;
    let setup = Setup {
        workers: p.workers as usize,
        jobs: p.jobs as usize,
        per: p.per,
        method: p.method,
    };
    let mut rng = sdp_kit::rng::seeded(sc.seed);
    let run = match p.order {
        Order::Phased => claims::run_with(&setup, &mut claims::phased),
        Order::Shuffled => claims::run_with(&setup, &mut |open, _| rng.random_range(0..open.len())),
    };
    let w = Arc::new(ClaimWorld {
        params: p.clone(),
        run,
    });
    let state = |done, summary| {
        State::Claims(ClaimState {
            world: Arc::clone(&w),
            done,
            summary,
        })
    };
    let stmt = match p.method {
        Method::Update => "the conditional UPDATE … WHERE status = 'pending'",
        Method::Insert => "INSERT … ON CONFLICT DO NOTHING RETURNING id",
        Method::Naive => "a read, then UPDATE … WHERE id = ? with no status check",
    };
    let mut steps = vec![Step {
        state: state(0, false),
        narration: format!(
            "{} worker(s) race for {} {}, each wanting {}, by {stmt}; order {}.",
            p.workers,
            p.jobs,
            if p.method == Method::Insert {
                "slot(s) of Dr. 1 on Dec 15"
            } else {
                "pending job(s)"
            },
            p.per,
            if p.order == Order::Phased {
                "every read first, then the claims"
            } else {
                "seeded"
            }
        ),
        lines: LinesRun::new(proc_ids::CLAIMS, &[0]),
        metrics: metrics(&w, 0),
    }];
    for (i, e) in w.run.entries.iter().enumerate() {
        let (text, lines) = claim_text(p.method, e);
        steps.push(Step {
            state: state(i + 1, false),
            narration: format!("{text}."),
            lines: LinesRun::new(proc_ids::CLAIMS, lines),
            metrics: metrics(&w, i + 1),
        });
    }
    let n = w.run.entries.len();
    let doubles = w.run.doubles();
    let narration = if doubles == 0 {
        format!(
            "Every {} went to exactly one worker: the statement itself decides who is first.",
            if p.method == Method::Insert {
                "slot"
            } else {
                "job"
            }
        )
    } else {
        format!(
            "{doubles} job(s) claimed by more than one worker: each read 'pending' before the other wrote, and the write did not check again."
        )
    };
    steps.push(Step {
        state: state(n, true),
        narration,
        lines: LinesRun::new(
            proc_ids::CLAIMS,
            match p.method {
                Method::Update => &[2],
                Method::Insert => &[5],
                Method::Naive => &[6],
            },
        ),
        metrics: metrics(&w, n),
    });
    Trace { steps }
}
