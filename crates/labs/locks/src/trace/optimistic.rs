//! `optimistic`: one step per read or write, then a summary of seats sold against seats taken.

use crate::optimistic::{self, Entry, Op, Order, Outcome, Row, Setup};
use crate::sim::name;
use crate::text::proc_ids;
use crate::{Action, Check, OptParams, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of `optimistic` shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptWorld {
    /// The parameters.
    pub params: OptParams,
    /// The schedule.
    pub entries: Vec<Entry>,
    /// Seats reported sold, and seats actually taken off the row.
    pub sold: (u64, u64),
}

/// A step of `optimistic`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptState {
    /// Shared by every step.
    pub world: Arc<OptWorld>,
    /// Entries done.
    pub done: usize,
    /// True for the closing step.
    pub summary: bool,
}

impl OptState {
    /// The row after the entries done.
    pub fn row(&self) -> Row {
        let p = &self.world.params;
        self.done
            .checked_sub(1)
            .and_then(|i| self.world.entries.get(i))
            .map_or(
                Row {
                    available: p.seats,
                    version: p.version,
                },
                |e| e.row,
            )
    }
}

/// The setup of an `optimistic` scenario.
pub fn opt_setup(p: &OptParams) -> Setup {
    Setup {
        clients: p.clients as usize,
        seats: p.seats,
        version: p.version,
        retries: p.retries,
        check: p.check == Check::Version,
        order: p.order,
    }
}

fn entry_text(e: &Entry) -> (String, &'static [usize]) {
    let who = name(e.client);
    match e.op {
        Op::Read(r) => (
            format!("{who} reads: {} seats, v{}", r.available, r.version),
            &[0],
        ),
        Op::Write(v, Outcome::Updated) => (
            format!(
                "{who} writes with v{v}: 1 row updated → {} seats, v{}",
                e.row.available, e.row.version
            ),
            &[1, 2],
        ),
        Op::Write(v, Outcome::Conflict) => (
            format!(
                "{who} writes with v{v}: 0 rows (the row is at v{}) → conflict; {who} re-reads and retries",
                e.row.version
            ),
            &[2, 3],
        ),
        Op::Write(v, Outcome::GaveUp) => (
            format!("{who} writes with v{v}: 0 rows, and no retries left: {who} gives up"),
            &[2, 3],
        ),
        Op::Write(_, Outcome::SoldOut) => (format!("{who} writes: 0 rows, no seat left"), &[2]),
        Op::Write(_, Outcome::Overwrote) => (
            format!(
                "{who} writes blind what it computed from its own read: {} seats — another client's update is lost",
                e.row.available
            ),
            &[4],
        ),
    }
}

fn metrics(w: &OptWorld, done: usize, row: Row) -> Vec<Metric> {
    let entries = &w.entries[..done];
    let count = |f: fn(&Op) -> bool| entries.iter().filter(|e| f(&e.op)).count() as u64;
    let ok = count(|o| matches!(o, Op::Write(_, Outcome::Updated | Outcome::Overwrote)));
    let conflicts = count(|o| matches!(o, Op::Write(_, Outcome::Conflict | Outcome::GaveUp)));
    let taken = w.params.seats - row.available;
    vec![
        Metric::new(
            "available_seats",
            row.available as f64,
            row.available.to_string(),
        ),
        Metric::new("version", row.version as f64, format!("v{}", row.version)),
        Metric::new("bookings confirmed", ok as f64, ok.to_string()),
        Metric::new("conflicts", conflicts as f64, conflicts.to_string()),
        Metric::new(
            "lost updates",
            (ok - taken.min(ok)) as f64,
            (ok - taken.min(ok)).to_string(),
        ),
    ]
}

pub(super) fn build(sc: &Scenario<Params, Action>) -> Trace<State> {
    let p = &sc.params.opt;
    let setup = opt_setup(p);
    let mut rng = sdp_kit::rng::seeded(sc.seed);
    let entries = optimistic::run(&setup, &mut rng);
    let sold = optimistic::sold(&setup, &entries);
    let w = Arc::new(OptWorld {
        params: p.clone(),
        entries,
        sold,
    });
    let state = |done, summary| {
        State::Optimistic(OptState {
            world: Arc::clone(&w),
            done,
            summary,
        })
    };
    let first = OptState {
        world: Arc::clone(&w),
        done: 0,
        summary: false,
    };
    let mut steps = vec![Step {
        state: state(0, false),
        narration: format!(
            "{} client(s) each book one seat of flight 1 ({} seats, v{}); writes {}; order {}.",
            p.clients,
            p.seats,
            p.version,
            if p.check == Check::Version {
                "check the version"
            } else {
                "do not check any version"
            },
            if p.order == Order::Phased {
                "reads first, then writes"
            } else {
                "seeded"
            }
        ),
        lines: LinesRun::new(proc_ids::OPTIMISTIC, &[0]),
        metrics: metrics(&w, 0, first.row()),
    }];
    for (i, e) in w.entries.iter().enumerate() {
        let (text, lines) = entry_text(e);
        steps.push(Step {
            state: state(i + 1, false),
            narration: format!("{text}."),
            lines: LinesRun::new(proc_ids::OPTIMISTIC, lines),
            metrics: metrics(&w, i + 1, e.row),
        });
    }
    let n = w.entries.len();
    let end = OptState {
        world: Arc::clone(&w),
        done: n,
        summary: true,
    };
    let (told, taken) = w.sold;
    let narration = if told == taken {
        format!(
            "{told} booking(s) confirmed and {taken} seat(s) taken off the row: every update counted."
        )
    } else {
        format!(
            "{told} booking(s) confirmed but only {taken} seat(s) taken off the row: {} update(s) lost, so the flight is oversold.",
            told - taken
        )
    };
    steps.push(Step {
        state: state(n, true),
        narration,
        lines: LinesRun::new(
            proc_ids::OPTIMISTIC,
            if p.check == Check::Version {
                &[3]
            } else {
                &[4]
            },
        ),
        metrics: metrics(&w, n, end.row()),
    });
    Trace { steps }
}
