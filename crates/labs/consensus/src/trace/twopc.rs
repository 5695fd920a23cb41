//! `two-phase`: one step per message or local decision, then a summary with the atomicity
//! check.

use crate::text::proc_ids;
use crate::twopc::{self, Beat, PState, Protocol, Run, Setup};
use crate::{Action, Params, State, TwoParams};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of a transaction shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TwoWorld {
    /// The parameters.
    pub params: TwoParams,
    /// The setup.
    pub setup: Setup,
    /// The run.
    pub run: Run,
}

/// A step of a transaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TwoState {
    /// Shared by every step.
    pub world: Arc<TwoWorld>,
    /// The beat shown (index into `run.beats`).
    pub k: usize,
    /// True for the closing step.
    pub summary: bool,
}

impl TwoState {
    /// The beat shown.
    pub fn beat(&self) -> Option<&Beat> {
        self.world.run.beats.get(self.k)
    }
}

fn metrics(w: &TwoWorld, b: &Beat, k: usize) -> Vec<Metric> {
    let count = |s: PState| b.parts.iter().filter(|&&p| p == s).count();
    let locked = b.parts.iter().filter(|p| p.holds_locks()).count();
    let msgs = w.run.beats[..=k].iter().filter(|x| x.msg.is_some()).count();
    let ok = twopc::consistent(&b.parts);
    vec![
        Metric::new(
            "committed",
            count(PState::Committed) as f64,
            count(PState::Committed).to_string(),
        ),
        Metric::new(
            "aborted",
            count(PState::Aborted) as f64,
            count(PState::Aborted).to_string(),
        ),
        Metric::new("holding locks", locked as f64, locked.to_string()),
        Metric::new("messages", msgs as f64, msgs.to_string()),
        Metric::new(
            "atomic",
            f64::from(u8::from(ok)),
            if ok {
                "yes"
            } else {
                "no: committed and aborted"
            },
        ),
    ]
}

fn summary(w: &TwoWorld) -> String {
    let Some(last) = w.run.beats.last() else {
        return String::new();
    };
    let locked: Vec<String> = last
        .parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.holds_locks())
        .map(|(i, _)| twopc::pname(i + 1))
        .collect();
    let atomic = if twopc::consistent(&last.parts) {
        "No participant committed while another aborted."
    } else {
        "Atomicity broken: one participant committed while others aborted."
    };
    let blocked = if locked.is_empty() {
        "Every participant has released its locks.".to_string()
    } else {
        format!(
            "{} still hold(s) the locks, blocked until the coordinator comes back.",
            locked.join(", ")
        )
    };
    format!(
        "{} with {} participants ends after {} steps. {atomic} {blocked}",
        if w.setup.protocol == Protocol::ThreePc {
            "3PC"
        } else {
            "2PC"
        },
        w.setup.participants,
        w.run.beats.len()
    )
}

pub(super) fn build(sc: &Scenario<Params, Action>) -> Trace<State> {
    let setup = sc.params.two.setup();
    let run = twopc::run(&setup);
    let w = Arc::new(TwoWorld {
        params: sc.params.two.clone(),
        setup,
        run,
    });
    let state = |k, summary| {
        State::TwoPhase(TwoState {
            world: Arc::clone(&w),
            k,
            summary,
        })
    };
    let mut steps: Vec<Step<State>> = w
        .run
        .beats
        .iter()
        .enumerate()
        .map(|(k, b)| Step {
            state: state(k, false),
            narration: b.text.clone(),
            lines: LinesRun::new(proc_ids::TWO_PC, &[b.line]),
            metrics: metrics(&w, b, k),
        })
        .collect();
    let k = w.run.beats.len().saturating_sub(1);
    if let Some(b) = w.run.beats.last() {
        steps.push(Step {
            state: state(k, true),
            narration: summary(&w),
            lines: LinesRun::new(proc_ids::TWO_PC, &[4]),
            metrics: metrics(&w, b, k),
        });
    }
    Trace { steps }
}
