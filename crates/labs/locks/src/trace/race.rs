//! `fencing` and `redis`: one step per second in which something happened, then a summary.

use crate::lock::Released;
use crate::sim::{self, Backend, Event, Kind, Pause, Run, Setup, Tally, name};
use crate::text::proc_ids;
use crate::{Action, Mode, Params, RaceParams, Release, State};
use rand::RngExt;
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of a race shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RaceWorld {
    /// `fencing` or `redis`.
    pub mode: Mode,
    /// The parameters.
    pub params: RaceParams,
    /// The setup the race ran with.
    pub setup: Setup,
    /// The race.
    pub run: Run,
    /// Counts over the whole race.
    pub tally: Tally,
}

/// A step of the race.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RaceState {
    /// Shared by every step.
    pub world: Arc<RaceWorld>,
    /// The tick shown (index into `run.ticks`), `None` at the opening.
    pub tick: Option<usize>,
    /// True for the closing step.
    pub summary: bool,
}

impl RaceState {
    /// Events that happened up to this step.
    pub fn events(&self) -> &[Event] {
        let w = &self.world.run;
        let end = match self.tick {
            Some(i) => w.ticks.get(i).map_or(0, |t| t.events.1),
            None => 0,
        };
        &w.events[..end]
    }

    /// The second shown.
    pub fn now(&self) -> u64 {
        self.tick
            .and_then(|i| self.world.run.ticks.get(i))
            .map_or(0, |t| t.t)
    }
}

/// The race setup of a scenario: starts staggered plus seeded jitter, the pauses.
pub fn setup(sc: &Scenario<Params, Action>) -> Setup {
    let p = &sc.params.race;
    let mut rng = sdp_kit::rng::seeded(sc.seed);
    let starts = (0..u64::from(p.clients))
        .map(|i| i * p.stagger + rng.random_range(0..=p.jitter))
        .collect();
    let backend = match (sc.params.mode, p.release) {
        (Mode::Redis, Release::Checked) => Backend::RedisChecked,
        (Mode::Redis, Release::Unsafe) => Backend::RedisUnsafe,
        _ => Backend::Manager,
    };
    Setup {
        starts,
        writes: p.writes,
        ttl: p.ttl,
        retry: p.retry,
        counter: p.counter,
        backend,
        pauses: sc
            .actions
            .iter()
            .filter_map(|a| match *a {
                Action::Pause { client, at, len } => Some(Pause {
                    client: client as usize,
                    at,
                    len,
                }),
                _ => None,
            })
            .collect(),
        horizon: p.horizon,
    }
}

fn busy_text(redis: bool, who: &str, holder: usize, rem: u64) -> String {
    let h = name(holder);
    if redis {
        return format!(
            "{who}: SET NX → nil ({h}'s key expires in {} ms)",
            group(rem)
        );
    }
    if rem == 0 {
        format!(
            "{who}: busy, {h} holds it with 0 ms remaining, and it is not expired yet (the comparison is strict)"
        )
    } else {
        format!("{who}: busy, {h} holds it, remaining {} ms", group(rem))
    }
}

fn release_text(
    backend: Backend,
    who: &str,
    c: usize,
    ans: Released,
    del: Option<usize>,
) -> String {
    match (backend, ans, del) {
        (Backend::Manager, Released::NoLock, _) => {
            format!("{who} releases: no lock → success (it lost the lock long ago)")
        }
        (Backend::Manager, Released::Deleted, _) => format!("{who} releases: deleted"),
        (Backend::Manager, Released::NotOwner, _) => {
            format!("{who} releases: fails, the lock is someone else's")
        }
        (Backend::Manager, Released::Stale, _) => format!("{who} releases: fails, stale token"),
        (_, Released::Deleted, Some(o)) if o != c => {
            format!("{who}'s DEL deletes the lock held by {}", name(o))
        }
        (Backend::RedisChecked, Released::Deleted, _) => {
            format!("{who} releases: GET == {who} → DEL → 1")
        }
        (Backend::RedisChecked, _, _) => {
            format!("{who} releases: the key is not {who}'s → 0, nothing deleted")
        }
        (_, Released::Deleted, _) => format!("{who}: DEL → its own lock deleted"),
        _ => format!("{who}: DEL → no key"),
    }
}

/// One event in words.
pub fn event_text(w: &RaceWorld, e: &Event, before: u64) -> String {
    let who = name(e.client);
    let redis = w.setup.backend != Backend::Manager;
    match e.kind {
        Kind::Acquired(_) if redis => {
            format!("{who}: SET lock NX EX {} → OK", w.params.ttl)
        }
        Kind::Acquired(tok) => format!("{who} acquires {}: token {tok}", sim::RESOURCE),
        Kind::Busy(h, rem) => busy_text(redis, &who, h, rem),
        Kind::Write { stale, .. } if redis => {
            if stale {
                format!("{who} writes without holding the lock")
            } else {
                format!("{who} writes, holding the lock")
            }
        }
        Kind::Write {
            token,
            fenced,
            stale,
        } => {
            let f = if fenced {
                format!("fenced storage accepts, last_seen {token}")
            } else {
                format!("fenced storage rejects “stale token” ({token} < {before})")
            };
            let note = if stale && fenced {
                " (stale, but the newer token has not written yet)"
            } else {
                ""
            };
            format!("{who} writes with token {token}: {f}{note}; the unfenced storage takes it")
        }
        Kind::Release(ans, del) => release_text(w.setup.backend, &who, e.client, ans, del),
        Kind::Expired => format!(
            "{who}'s lease ran out (acquired_at + {} s passed) while {who} still believes it holds the lock",
            w.params.ttl
        ),
        Kind::PauseStart(len) => format!("{who} stops for a {len} s GC pause"),
        Kind::PauseEnd => format!("{who} wakes up and carries on as if it held the lock"),
    }
}

type LineOf<'a> = &'a dyn Fn(&Kind) -> &'static [usize];

fn redis_line(unsafe_del: bool, k: &Kind) -> &'static [usize] {
    match k {
        Kind::Acquired(_) => &[0],
        Kind::Busy(..) => &[0, 1],
        Kind::Release(..) if unsafe_del => &[4],
        Kind::Release(..) => &[2],
        _ => &[],
    }
}

fn fencing_line(k: &Kind) -> &'static [usize] {
    match k {
        Kind::Write { fenced: true, .. } => &[2],
        Kind::Write { .. } => &[1],
        Kind::PauseEnd | Kind::PauseStart(_) => &[3],
        _ => &[],
    }
}

fn manager_line(k: &Kind) -> &'static [usize] {
    match k {
        Kind::Acquired(_) => &[3],
        Kind::Busy(..) => &[2],
        Kind::Release(..) => &[4],
        Kind::Expired => &[0],
        _ => &[],
    }
}

fn lines_of(redis: bool, unsafe_del: bool, kinds: &[&Kind]) -> LinesRun {
    let fencing = kinds
        .iter()
        .any(|k| matches!(k, Kind::Write { .. } | Kind::PauseEnd));
    let (procedure, line): (usize, LineOf) = if redis {
        (proc_ids::REDIS, &|k| redis_line(unsafe_del, k))
    } else if fencing {
        (proc_ids::FENCING, &fencing_line)
    } else {
        (proc_ids::MANAGER, &manager_line)
    };
    let mut lines: Vec<usize> = kinds.iter().flat_map(|k| line(k).iter().copied()).collect();
    lines.sort_unstable();
    lines.dedup();
    LinesRun::new(procedure, &lines)
}

fn metrics(w: &RaceWorld, events: &[Event], counter: u64, last_seen: u64) -> Vec<Metric> {
    let t = sim::tally(events);
    let n = |v: u32| (f64::from(v), v.to_string());
    let mut m = Vec::new();
    if w.mode == Mode::Fencing {
        m.push(Metric::new(
            "token counter",
            counter as f64,
            counter.to_string(),
        ));
        m.push(Metric::new(
            "last_seen_token",
            last_seen as f64,
            last_seen.to_string(),
        ));
    }
    let (v, s) = n(t.writes);
    m.push(Metric::new("writes", v, s));
    let (v, s) = n(t.stale);
    m.push(Metric::new("writes after losing the lock", v, s));
    if w.mode == Mode::Fencing {
        let (v, s) = n(t.rejected);
        m.push(Metric::new("rejected by fencing", v, s));
    } else {
        let (v, s) = n(t.foreign_releases);
        m.push(Metric::new("releases of another's lock", v, s));
    }
    m
}

fn opening(w: &RaceWorld, sc: &Scenario<Params, Action>) -> String {
    let p = &w.params;
    let who: Vec<String> = (0..p.clients as usize)
        .map(|i| format!("{} at {} s", name(i), w.setup.starts[i]))
        .collect();
    let pauses: Vec<String> = sc
        .actions
        .iter()
        .filter_map(|a| match *a {
            Action::Pause { client, at, len } => Some(format!(
                "{} pauses at {at} s for {len} s",
                name(client as usize)
            )),
            _ => None,
        })
        .collect();
    let service = if w.mode == Mode::Redis {
        format!(
            "a Redis key taken with SET NX EX {} and released {}",
            p.ttl,
            if p.release == Release::Checked {
                "by the owner-checked Lua script"
            } else {
                "by a bare DEL"
            }
        )
    } else {
        format!(
            "the lock manager (token counter at {}, TTL {} s)",
            p.counter, p.ttl
        )
    };
    format!(
        "{} client(s) race for {} through {service}. First attempts: {}; each writes {} times once it holds the lock, then releases. {}",
        p.clients,
        sim::RESOURCE,
        who.join(", "),
        p.writes,
        if pauses.is_empty() {
            "No GC pause.".to_string()
        } else {
            format!("{}.", pauses.join("; "))
        }
    )
}

fn summary(w: &RaceWorld) -> String {
    let t = w.tally;
    let end = format!("The race ends at {} s.", w.run.end);
    if w.mode == Mode::Fencing {
        format!(
            "{end} Of {} writes, {} came from a client that had lost the lock. With fencing the storage rejected {} of them and its tokens never went backwards{}; without fencing every one of them landed.",
            t.writes,
            t.stale,
            t.rejected,
            if t.stale_accepted > 0 {
                format!(
                    " ({} stale write(s) slipped in before the newer token's first write)",
                    t.stale_accepted
                )
            } else {
                String::new()
            }
        )
    } else if t.foreign_releases > 0 {
        format!(
            "{end} {} release(s) deleted another client's lock, and {} write(s) were made without holding it: the bare DEL does not check the owner.",
            t.foreign_releases, t.stale
        )
    } else {
        format!(
            "{end} No client released a lock it did not hold; {} write(s) still came from a client whose key had expired (only fencing tokens stop those).",
            t.stale
        )
    }
}

pub(super) fn build(sc: &Scenario<Params, Action>) -> Trace<State> {
    let setup = setup(sc);
    let run = sim::run(&setup);
    let tally = sim::tally(&run.events);
    let w = Arc::new(RaceWorld {
        mode: sc.params.mode,
        params: sc.params.race.clone(),
        setup,
        run,
        tally,
    });
    let redis = w.mode == Mode::Redis;
    let state = |tick, summary| {
        State::Race(RaceState {
            world: Arc::clone(&w),
            tick,
            summary,
        })
    };
    let mut steps = vec![Step {
        state: state(None, false),
        narration: opening(&w, sc),
        lines: LinesRun::new(
            if redis {
                proc_ids::REDIS
            } else {
                proc_ids::MANAGER
            },
            &[0],
        ),
        metrics: metrics(&w, &[], w.params.counter, 0),
    }];
    let mut last_seen = 0;
    for (i, snap) in w.run.ticks.iter().enumerate() {
        let evs = &w.run.events[snap.events.0..snap.events.1];
        let mut texts = Vec::new();
        for e in evs {
            texts.push(event_text(&w, e, last_seen));
            if let Kind::Write {
                token,
                fenced: true,
                ..
            } = e.kind
            {
                last_seen = token;
            }
        }
        let kinds: Vec<&Kind> = evs.iter().map(|e| &e.kind).collect();
        steps.push(Step {
            state: state(Some(i), false),
            narration: format!("t = {} s: {}.", snap.t, texts.join("; ")),
            lines: lines_of(redis, w.setup.backend == Backend::RedisUnsafe, &kinds),
            metrics: metrics(
                &w,
                &w.run.events[..snap.events.1],
                snap.counter,
                snap.last_seen,
            ),
        });
    }
    let last = w.run.ticks.len().checked_sub(1);
    let (counter, seen) = w
        .run
        .ticks
        .last()
        .map_or((w.params.counter, 0), |s| (s.counter, s.last_seen));
    steps.push(Step {
        state: state(last, true),
        narration: summary(&w),
        lines: LinesRun::new(
            if redis {
                proc_ids::REDIS
            } else {
                proc_ids::FENCING
            },
            &[if redis { 2 } else { 1 }],
        ),
        metrics: metrics(&w, &w.run.events, counter, seen),
    });
    Trace { steps }
}
