//! `renewal`: one step per event (attempts, waits, writes, renewals, faults), then a summary of
//! the retry policy's cost and of the writes made after the lease lapsed.

use crate::renewal::{self, Event, Kind, Setup, Tally};
use crate::sim::name;
use crate::text::proc_ids;
use crate::{Action, MAX_RENEW_HORIZON, OnLost, Params, Policy, RenewParams, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::fmt::Write;
use std::sync::Arc;

/// What every step of `renewal` shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RenewWorld {
    /// The parameters.
    pub params: RenewParams,
    /// The setup.
    pub setup: Setup,
    /// Every event.
    pub events: Vec<Event>,
    /// Counts over the run.
    pub tally: Tally,
}

/// A step of `renewal`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RenewState {
    /// Shared by every step.
    pub world: Arc<RenewWorld>,
    /// Events done.
    pub done: usize,
    /// True for the closing step.
    pub summary: bool,
}

impl RenewState {
    /// The time shown, ms.
    pub fn now(&self) -> u64 {
        self.done
            .checked_sub(1)
            .and_then(|i| self.world.events.get(i))
            .map_or(0, |e| e.t)
    }
}

/// The `renewal` setup of a scenario (seconds to ms).
pub fn renew_setup(sc: &Scenario<Params, Action>) -> Setup {
    let p = &sc.params.renewal;
    let mut pauses = Vec::new();
    let mut cuts = Vec::new();
    for a in &sc.actions {
        match *a {
            Action::Pause { client, at, len } => {
                pauses.push((client as usize, at * 1000, len * 1000));
            }
            Action::Cut { client, at, len } => cuts.push((client as usize, at * 1000, len * 1000)),
            _ => {}
        }
    }
    Setup {
        ttl: p.ttl * 1000,
        renew: p.renew * 1000,
        writes: (p.work / p.every).max(1) as u32,
        every: p.every * 1000,
        clients: p.contenders as usize + 1,
        backoff: p.policy == Policy::Backoff,
        delay: p.delay,
        retries: p.retries,
        again: p.again * 1000,
        stop: p.onlost == OnLost::Stop,
        pauses,
        cuts,
        counter: 41,
    }
}

fn secs(ms: u64) -> String {
    if ms % 1000 == 0 {
        format!("{} s", ms / 1000)
    } else {
        format!("{}.{:03} s", ms / 1000, ms % 1000)
    }
}

/// One event in words.
pub fn renew_text(w: &RenewWorld, e: &Event) -> (String, &'static [usize]) {
    let who = name(e.client);
    let p = &w.params;
    match e.kind {
        Kind::Acquired(_, tok) => (
            format!(
                "{who} acquires {}: token {tok}, TTL {} s; its watchdog will extend every {} s",
                renewal::RESOURCE,
                p.ttl,
                p.renew
            ),
            &[0, 5],
        ),
        Kind::Busy(k, h, rem) => (
            format!(
                "{who} attempt {}: busy, {} holds it for {} more",
                k + 1,
                name(h),
                secs(rem)
            ),
            &[0, 1],
        ),
        Kind::Wait(d) if p.policy == Policy::Fixed => (format!("{who} waits {d} ms"), &[2]),
        Kind::Wait(d) => (
            format!("{who} waits {d} ms (200 ms × 2^attempt + random 0–100 ms)"),
            &[3],
        ),
        Kind::GaveUp => (
            format!(
                "{who} is out of retries → BOOKING_IN_PROGRESS; it comes back in {} s",
                p.again
            ),
            &[4],
        ),
        Kind::Write(false) => (format!("{who} writes, holding the lock"), &[5]),
        Kind::Write(true) => (
            format!("{who} writes, but its lease is gone: nothing stops the write"),
            &[9],
        ),
        Kind::Renew(true, _) => (
            format!("{who}'s watchdog extends the lease: {} s from now", p.ttl),
            &[6],
        ),
        Kind::Renew(false, true) => (
            format!("{who}'s watchdog cannot reach the lock service: extend fails → “lock lost”"),
            &[7],
        ),
        Kind::Renew(false, false) => (
            format!("{who}'s watchdog extend fails: the lock is no longer {who}'s → “lock lost”"),
            &[7],
        ),
        Kind::Stopped => (format!("{who} hears “lock lost” and stops writing"), &[7]),
        Kind::Release(true) => (
            format!("{who}'s job ends: stop the watchdog, release"),
            &[8],
        ),
        Kind::Release(false) => (
            format!("{who} stops the watchdog and releases, but the lock was no longer {who}'s"),
            &[8],
        ),
        Kind::Unreached => (
            format!(
                "{who}'s release cannot reach the lock service: the lease stays until its TTL runs out"
            ),
            &[8],
        ),
        Kind::Lapsed => (
            format!(
                "{who}'s lease ran out ({} s after its last extend) while {who} still believes it holds the lock",
                p.ttl
            ),
            &[9],
        ),
        Kind::PauseStart(len) => (
            format!(
                "{who}'s process stops for {} (GC): the writer and the watchdog with it",
                secs(len)
            ),
            &[9],
        ),
        Kind::PauseEnd => (
            format!("{who} wakes up: the pending write runs first, then the overdue renewal"),
            &[9],
        ),
        Kind::CutStart(len) => (
            format!(
                "{who}'s network to the lock service is cut for {}",
                secs(len)
            ),
            &[7],
        ),
        Kind::CutEnd => (format!("{who}'s network is back"), &[7]),
    }
}

fn metrics(events: &[Event]) -> Vec<Metric> {
    let t = renewal::tally(events);
    let n = |v: u32| (f64::from(v), v.to_string());
    [
        ("attempts", t.attempts),
        ("BOOKING_IN_PROGRESS", t.gave_up),
        ("renewals", t.renewed),
        ("failed renewals", t.failed),
        ("writes", t.writes),
        ("writes after the lease lapsed", t.stale),
    ]
    .into_iter()
    .map(|(label, v)| {
        let (a, b) = n(v);
        Metric::new(label, a, b)
    })
    .collect()
}

fn opening(w: &RenewWorld, sc: &Scenario<Params, Action>) -> String {
    let p = &w.params;
    let policy = match p.policy {
        Policy::Fixed => format!("wait {} ms", p.delay),
        Policy::Backoff => "wait 200 ms × 2^attempt + random(0–100 ms)".to_string(),
    };
    let faults: Vec<String> = sc.actions.iter().map(crate::url::action_text).collect();
    format!(
        "A takes {} with a {} s lease; its watchdog extends it every {} s; A writes every {} s for {} s, then releases. {} contender(s), from 2 s on, {policy} between attempts, up to {} retries, then BOOKING_IN_PROGRESS and back {} s later. On “lock lost” the holder {}. {}",
        renewal::RESOURCE,
        p.ttl,
        p.renew,
        p.every,
        p.work,
        p.contenders,
        p.retries,
        p.again,
        if p.onlost == OnLost::Stop {
            "stops writing"
        } else {
            "ignores it"
        },
        if faults.is_empty() {
            "No fault.".to_string()
        } else {
            format!("Faults: {}.", faults.join(", "))
        }
    )
}

fn summary(w: &RenewWorld) -> String {
    let t = w.tally;
    let end = w.events.last().map_or(0, |e| e.t);
    let mut s = format!(
        "The run ends at {}. {} attempt(s), {} BOOKING_IN_PROGRESS; {} renewal(s), {} failed.",
        secs(end),
        t.attempts,
        t.gave_up,
        t.renewed,
        t.failed
    );
    if t.stale > 0 {
        let _ = write!(
            s,
            " {} of {} writes came after the writer's lease lapsed: the watchdog cannot renew while its process is frozen, and a paused client cannot know.",
            t.stale, t.writes
        );
    } else {
        let _ = write!(s, " All {} writes were made holding the lock.", t.writes);
    }
    s
}

pub(super) fn build(sc: &Scenario<Params, Action>) -> Trace<State> {
    let setup = renew_setup(sc);
    let mut rng = sdp_kit::rng::seeded(sc.seed);
    let events = renewal::run(&setup, &mut rng, (MAX_RENEW_HORIZON * 4 + 600) * 1000);
    let tally = renewal::tally(&events);
    let w = Arc::new(RenewWorld {
        params: sc.params.renewal.clone(),
        setup,
        events,
        tally,
    });
    let state = |done, summary| {
        State::Renewal(RenewState {
            world: Arc::clone(&w),
            done,
            summary,
        })
    };
    let mut steps = vec![Step {
        state: state(0, false),
        narration: opening(&w, sc),
        lines: LinesRun::new(proc_ids::RENEWAL, &[0]),
        metrics: metrics(&[]),
    }];
    for (i, e) in w.events.iter().enumerate() {
        let (text, lines) = renew_text(&w, e);
        steps.push(Step {
            state: state(i + 1, false),
            narration: format!("t = {}: {text}.", secs(e.t)),
            lines: LinesRun::new(proc_ids::RENEWAL, lines),
            metrics: metrics(&w.events[..=i]),
        });
    }
    let n = w.events.len();
    steps.push(Step {
        state: state(n, true),
        narration: summary(&w),
        lines: LinesRun::new(
            proc_ids::RENEWAL,
            if w.tally.stale > 0 { &[9] } else { &[8] },
        ),
        metrics: metrics(&w.events),
    });
    Trace { steps }
}
