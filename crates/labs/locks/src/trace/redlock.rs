//! `redlock`: one step per event (a SET on a master, a verdict, a write, a fault), then a
//! summary naming any two clients that held a valid Redlock at once.

use crate::redlock::{self, Event, Fault, Kind, Run, Setup, drift};
use crate::sim::name;
use crate::text::proc_ids;
use crate::url::master;
use crate::{Action, MAX_REDLOCK_EVENTS, Params, RedlockParams, State};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::fmt::Write;
use std::sync::Arc;

/// What every step of `redlock` shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RedlockWorld {
    /// The parameters.
    pub params: RedlockParams,
    /// The setup.
    pub setup: Setup,
    /// The race.
    pub run: Run,
}

/// A step of `redlock`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RedlockState {
    /// Shared by every step.
    pub world: Arc<RedlockWorld>,
    /// Events done.
    pub done: usize,
    /// True for the closing step.
    pub summary: bool,
}

impl RedlockState {
    /// The time shown, ms.
    pub fn now(&self) -> u64 {
        self.done
            .checked_sub(1)
            .and_then(|i| self.world.run.events.get(i))
            .map_or(0, |e| e.t)
    }
}

/// The Redlock setup of a scenario.
pub fn redlock_setup(sc: &Scenario<Params, Action>) -> Setup {
    let p = &sc.params.redlock;
    let faults = sc
        .actions
        .iter()
        .map(|a| match *a {
            Action::Pause { client, at, len } | Action::Cut { client, at, len } => {
                Fault::Pause(client as usize, at, len)
            }
            Action::Delay { master, at, ms } => Fault::Delay(master as usize, at, ms),
            Action::Crash { master, at, len } => Fault::Crash(master as usize, at, len),
            Action::Jump { master, at, ms } => Fault::Jump(master as usize, at, ms),
        })
        .collect();
    Setup {
        masters: p.masters as usize,
        quorum: p.quorum as usize,
        ttl: p.ttl,
        latency: p.latency,
        starts: (0..u64::from(p.clients)).map(|i| i * p.stagger).collect(),
        work: p.work,
        retries: p.retries,
        faults,
    }
}

fn ms(v: u64) -> String {
    format!("{} ms", group(v))
}

/// One event in words.
pub fn redlock_text(w: &RedlockWorld, e: &Event) -> (String, &'static [usize]) {
    let who = name(e.who);
    let p = &w.params;
    match e.kind {
        Kind::Start(0) => (format!("{who} records start_time and begins"), &[0]),
        Kind::Start(k) => (format!("{who} tries again (attempt {k})"), &[0, 7]),
        Kind::Set(m, true, _) => (
            format!(
                "{who}: SET lock {who} NX PX {} on {} → OK",
                p.ttl,
                master(m)
            ),
            &[1],
        ),
        Kind::Set(m, false, true) => (format!("{who}: {} is down → skip", master(m)), &[1]),
        Kind::Set(m, false, false) => {
            let holder = e
                .masters
                .get(m)
                .and_then(|v| v.key)
                .map_or("another client".to_string(), |(o, _)| name(o));
            (
                format!(
                    "{who}: SET on {} → nil (it holds {holder}'s key)",
                    master(m)
                ),
                &[1],
            )
        }
        Kind::Won(ok, el, v) => (
            format!(
                "{who}: {ok} of {} OK ≥ {}; elapsed {}, drift {} × 1% + 2 = {}, validity {} − {} − {} = {} > 0 → lock held until {}",
                p.masters,
                p.quorum,
                ms(el),
                group(p.ttl),
                ms(drift(p.ttl)),
                group(p.ttl),
                group(el),
                group(drift(p.ttl)),
                ms(v.max(0) as u64),
                ms(e.t + v.max(0) as u64)
            ),
            &[2, 3, 4],
        ),
        Kind::Lost(ok, el, v) => (
            format!(
                "{who}: {ok} of {} OK (needs {}), elapsed {}, validity {}{} ms → fails; it deletes the keys that hold its id",
                p.masters,
                p.quorum,
                ms(el),
                if v < 0 { "−" } else { "" },
                group(v.unsigned_abs())
            ),
            &[2, 5],
        ),
        Kind::Backoff(d) => (
            format!(
                "{who} sleeps {} (200 ms × 2^attempt + random 0–100 ms)",
                ms(d)
            ),
            &[7],
        ),
        Kind::GaveUp => (format!("{who} is out of retries and gives up"), &[7]),
        Kind::Write(true, true) => (
            format!(
                "{who} writes, but its validity ran out long ago, and another client holds the Redlock now"
            ),
            &[8],
        ),
        Kind::Write(true, false) => (
            format!("{who} writes after its validity ran out (nobody else holds the lock yet)"),
            &[8],
        ),
        Kind::Write(false, _) => (format!("{who} writes within its validity"), &[4]),
        Kind::Release(n) => (
            format!("{who} releases: on each master, delete if GET == {who} → {n} deleted"),
            &[6],
        ),
        Kind::PauseStart(len) => (format!("{who} stops for a {} GC pause", ms(len)), &[8]),
        Kind::PauseEnd => (
            format!("{who} wakes up and carries on as if it held the lock"),
            &[8],
        ),
        Kind::Crash(m) => (format!("{} crashes", master(m)), &[1]),
        Kind::Restart(m) => (
            format!("{} restarts with no keys (no persistence)", master(m)),
            &[9],
        ),
        Kind::Jump(m, by) => (
            format!(
                "{}'s clock jumps {} forward: keys on it expire that much early",
                master(m),
                ms(by)
            ),
            &[10],
        ),
    }
}

fn metrics(w: &RedlockWorld, done: usize, t: u64) -> Vec<Metric> {
    let held: Vec<_> = w.run.holds.iter().filter(|h| h.from <= t).collect();
    let valid = held.iter().filter(|h| t < h.end()).count() as u64;
    let events = &w.run.events[..done.min(w.run.events.len())];
    let late = events
        .iter()
        .filter(|e| matches!(e.kind, Kind::Write(true, _)))
        .count() as u64;
    let v = |x: u64| (x as f64, x.to_string());
    let mut m = Vec::new();
    m.push(Metric::new("time, ms", t as f64, group(t)));
    let (a, b) = v(held.len() as u64);
    m.push(Metric::new("Redlocks taken", a, b));
    let (a, b) = v(valid);
    m.push(Metric::new("valid now", a, b));
    let (a, b) = v(late);
    m.push(Metric::new("writes after validity", a, b));
    m
}

fn opening(w: &RedlockWorld, sc: &Scenario<Params, Action>) -> String {
    let p = &w.params;
    let faults: Vec<String> = sc.actions.iter().map(crate::url::action_text).collect();
    format!(
        "{} client(s) race for a Redlock on {} masters (quorum {}, TTL {}, {} per round trip; first attempts {} apart). drift = {} × 1% + 2 = {}. Each client writes {} after acquiring, then releases. {}",
        p.clients,
        p.masters,
        p.quorum,
        ms(p.ttl),
        ms(p.latency),
        ms(p.stagger),
        group(p.ttl),
        ms(drift(p.ttl)),
        ms(p.work),
        if faults.is_empty() {
            "No fault.".to_string()
        } else {
            format!("Faults: {}.", faults.join(", "))
        }
    )
}

fn summary(w: &RedlockWorld) -> String {
    let over = w.run.overlaps();
    let late = w
        .run
        .events
        .iter()
        .filter(|e| matches!(e.kind, Kind::Write(true, true)))
        .count();
    let mut s = match over.first() {
        Some((a, b, from)) => format!(
            "Two valid Redlocks at once: {} (valid until {}) and {} (from {}) both hold it from {}. Redlock's safety assumes keys live their full TTL; here one did not.",
            name(a.client),
            ms(a.end()),
            name(b.client),
            ms(b.from),
            ms(*from)
        ),
        None => format!(
            "{} Redlock(s) taken, and no two were valid at the same time.",
            w.run.holds.len()
        ),
    };
    if late > 0 {
        let _ = write!(
            s,
            " {late} write(s) came from a client paused past its validity while another held the lock: validity cannot stop a paused client (fencing tokens would)."
        );
    }
    s
}

pub(super) fn build(sc: &Scenario<Params, Action>) -> Trace<State> {
    let setup = redlock_setup(sc);
    let mut rng = sdp_kit::rng::seeded(sc.seed);
    let run = redlock::run(&setup, &mut rng, MAX_REDLOCK_EVENTS);
    let w = Arc::new(RedlockWorld {
        params: sc.params.redlock.clone(),
        setup,
        run,
    });
    let state = |done, summary| {
        State::Redlock(RedlockState {
            world: Arc::clone(&w),
            done,
            summary,
        })
    };
    let mut steps = vec![Step {
        state: state(0, false),
        narration: opening(&w, sc),
        lines: LinesRun::new(proc_ids::REDLOCK, &[0]),
        metrics: metrics(&w, 0, 0),
    }];
    for (i, e) in w.run.events.iter().enumerate() {
        let (text, lines) = redlock_text(&w, e);
        steps.push(Step {
            state: state(i + 1, false),
            narration: format!("t = {}: {text}.", ms(e.t)),
            lines: LinesRun::new(proc_ids::REDLOCK, lines),
            metrics: metrics(&w, i + 1, e.t),
        });
    }
    let n = w.run.events.len();
    let end = w.run.events.last().map_or(0, |e| e.t);
    steps.push(Step {
        state: state(n, true),
        narration: summary(&w),
        lines: LinesRun::new(
            proc_ids::REDLOCK,
            if w.run.overlaps().is_empty() {
                &[4]
            } else {
                &[9, 10]
            },
        ),
        metrics: metrics(&w, n, end),
    });
    Trace { steps }
}
