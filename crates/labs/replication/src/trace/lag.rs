//! `lag`: a leader and its followers under a write load, stepped through time: lag meters
//! against the 5 s alert, the read-your-writes client, the failover, and the three modes side
//! by side on the same load.

use crate::lag::{
    self, ALERT_MS, Failover, Repl, Ryw, Setup, Write, committed, distance, failover, first_alert,
    latency, replayed, service_ms,
};
use crate::text::proc_ids;
use crate::{Action, LagParams, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Steps of plain time, about.
pub const TICKS: u32 = 40;

/// One replication mode on the scenario's load.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeRow {
    /// The mode.
    pub repl: Repl,
    /// Median write latency, ms.
    pub median: u32,
    /// Largest write latency, ms.
    pub max: u32,
    /// Largest lag seen, ms.
    pub max_lag: u32,
    /// The read-your-writes read found its write missing (`None`: no client).
    pub stale_read: Option<bool>,
    /// The failover (`None`: none).
    pub failover: Option<Failover>,
}

/// What every step of a `lag` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LagWorld {
    /// The parameters.
    pub params: LagParams,
    /// The setup they make.
    pub setup: Setup,
    /// Every write's times.
    pub writes: Vec<Write>,
    /// The timeline's end, ms.
    pub end: u32,
    /// Lag per follower at each step's time: `(t, lags)`.
    pub samples: Vec<(u32, Vec<u32>)>,
    /// The lag scale's top, ms (at least the alert and then some).
    pub scale: u32,
    /// The first alert: when and which follower.
    pub alert: Option<(u32, usize)>,
    /// The read-your-writes client.
    pub ryw: Option<Ryw>,
    /// The failover.
    pub failover: Option<Failover>,
    /// The three modes on this load.
    pub table: Vec<ModeRow>,
}

/// What a step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LagEvent {
    /// Time passes.
    Tick,
    /// The client's write is acknowledged.
    RywWrite,
    /// The client reads a follower.
    RywRead,
    /// The lag alert fires.
    Alert,
    /// The leader fails; a follower is promoted.
    Failover,
    /// The modes compared.
    Summary,
}

/// A step of `lag`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LagState {
    /// Shared by every step.
    pub world: Arc<LagWorld>,
    /// The time, ms.
    pub t: u32,
    /// Writes the leader has committed.
    pub committed: usize,
    /// Writes each follower has replayed.
    pub have: Vec<usize>,
    /// Each follower's lag, ms.
    pub lags: Vec<u32>,
    /// What happens now.
    pub event: LagEvent,
    /// Index into `world.samples` of this step's time.
    pub sample: usize,
}

/// The mechanism's setup for `p`.
pub fn setup(p: &LagParams, seed: u64) -> Setup {
    Setup {
        repl: p.repl,
        followers: p.followers as usize,
        load: p.load,
        capacity: p.capacity,
        net: p.net,
        seconds: p.seconds,
        crash: (p.crash > 0).then(|| p.crash.saturating_mul(1_000)),
        ryw: (p.ryw > 0).then(|| p.ryw.saturating_mul(1_000)),
        seed,
    }
}

fn end_of(s: &Setup, ws: &[Write]) -> u32 {
    if let Some(c) = s.crash {
        return c;
    }
    let last = ws
        .last()
        .map_or(0, |w| w.have.iter().copied().max().unwrap_or(0).max(w.ack));
    last.saturating_add(200)
        .max(s.seconds.saturating_mul(1_000))
}

fn row(s: &Setup) -> ModeRow {
    let ws = lag::writes(s);
    let end = end_of(s, &ws);
    let (median, max) = latency(&ws, s.crash.unwrap_or(u32::MAX));
    let max_lag = ws
        .iter()
        .flat_map(|w| (0..s.followers).map(|k| lag::lag(&ws, k, w.commit)))
        .max()
        .unwrap_or(0);
    ModeRow {
        repl: s.repl,
        median,
        max,
        max_lag,
        stale_read: lag::ryw(&ws, s).map(|r| r.violated),
        failover: s.crash.map(|_| failover(&ws, s.followers, end)),
    }
}

/// `40 ms`, `1.25 s`.
pub fn ms(t: u32) -> String {
    if t < 1_000 {
        format!("{t} ms")
    } else {
        format!("{:.2} s", f64::from(t) / 1_000.0)
    }
}

fn secs(t: u32) -> String {
    format!("{:.1} s", f64::from(t) / 1_000.0)
}

pub(super) fn build(sc: &Scenario<Params, Action>) -> Trace<State> {
    let p = &sc.params.lag;
    let s = setup(p, sc.seed);
    let ws = lag::writes(&s);
    let end = end_of(&s, &ws);
    let nf = s.followers;
    let alert = first_alert(&ws, nf);
    let client = lag::ryw(&ws, &s);
    let fo = s.crash.map(|c| failover(&ws, nf, c));
    let table: Vec<ModeRow> = Repl::ALL
        .iter()
        .map(|&repl| row(&Setup { repl, ..s.clone() }))
        .collect();
    // The step times: plain ticks, and the events at their exact times.
    let tick = (end / TICKS).div_ceil(100).max(1) * 100;
    let mut times: Vec<(u32, LagEvent)> = (0..=end / tick)
        .map(|k| (k * tick, LagEvent::Tick))
        .collect();
    if let Some(r) = &client {
        if let Some(w) = ws.get(r.write) {
            times.push((w.ack, LagEvent::RywWrite));
        }
        times.push((r.read_at, LagEvent::RywRead));
    }
    if let Some((t, _)) = alert {
        times.push((t, LagEvent::Alert));
    }
    if fo.is_some() {
        times.retain(|&(t, _)| t < end);
        times.push((end, LagEvent::Failover));
    }
    times.sort_by_key(|&(t, e)| (t, e != LagEvent::Tick));
    times.dedup_by(|b, a| a.0 == b.0 && b.1 == LagEvent::Tick);
    let samples: Vec<(u32, Vec<u32>)> = times
        .iter()
        .map(|&(t, _)| (t, (0..nf).map(|k| lag::lag(&ws, k, t)).collect()))
        .collect();
    let top = samples
        .iter()
        .flat_map(|(_, l)| l.iter().copied())
        .max()
        .unwrap_or(0);
    let scale = top.max(ALERT_MS + 1_000).div_ceil(1_000) * 1_000;
    let world = Arc::new(LagWorld {
        params: p.clone(),
        setup: s.clone(),
        writes: ws,
        end,
        samples,
        scale,
        alert,
        ryw: client,
        failover: fo,
        table,
    });
    let w = &world;
    let ws = &w.writes;
    let at = |t: u32| -> (usize, Vec<usize>, Vec<u32>) {
        let have = (0..nf).map(|k| replayed(ws, k, t)).collect();
        let lags = (0..nf).map(|k| lag::lag(ws, k, t)).collect();
        (committed(ws, t), have, lags)
    };
    let mut steps = Vec::new();
    let mut push = |k: usize, t: u32, event: LagEvent, narration: String, lines: &[usize]| {
        let (committed, have, lags) = at(t);
        let worst = lags.iter().copied().max().unwrap_or(0);
        let (median, _) = latency(ws, t);
        let metrics = vec![
            Metric::new(
                "committed on the leader",
                committed as f64,
                committed.to_string(),
            ),
            Metric::new("largest lag", f64::from(worst), ms(worst)),
            Metric::new(
                "lag alert (> 5 s)",
                f64::from(u8::from(worst > ALERT_MS)),
                if worst > ALERT_MS { "firing" } else { "quiet" },
            ),
            Metric::new("write latency, median", f64::from(median), ms(median)),
        ];
        steps.push(Step {
            state: State::Lag(LagState {
                world: Arc::clone(w),
                t,
                committed,
                have,
                lags,
                event,
                sample: k,
            }),
            narration,
            lines: LinesRun::new(proc_ids::LAG, lines),
            metrics,
        });
    };
    let dist: Vec<String> = (0..nf)
        .map(|k| format!("{} ms", distance(s.net, k)))
        .collect();
    for (k, &(t, event)) in times.iter().enumerate() {
        let (c, have, lags) = at(t);
        let (narration, lines): (String, &[usize]) = match event {
            LagEvent::Tick if t == 0 => (
                format!(
                    "A leader and {nf} follower(s) ({} away), {}: clients send {} writes/s for {} s; each follower replays {} writes/s ({} ms a write).",
                    dist.join(", "),
                    s.repl.name(),
                    s.load,
                    s.seconds,
                    s.capacity,
                    service_ms(s.capacity)
                ),
                &[0, 4],
            ),
            LagEvent::Tick => {
                let each: Vec<String> = have
                    .iter()
                    .zip(&lags)
                    .enumerate()
                    .map(|(f, (h, l))| format!("follower {} has {h} (lag {})", f + 1, secs(*l)))
                    .collect();
                (
                    format!(
                        "t = {}: the leader has committed {c} writes; {}.",
                        secs(t),
                        each.join(", ")
                    ),
                    &[1, 2],
                )
            }
            LagEvent::RywWrite => {
                let r = w.ryw.as_ref();
                let i = r.map_or(0, |r| r.write);
                let wr = ws.get(i);
                let l = wr.map_or(0, |x| x.ack - x.issue);
                (
                    format!(
                        "t = {}: a client's write #{} is acknowledged after {} ({}).",
                        secs(t),
                        i + 1,
                        ms(l),
                        match s.repl {
                            Repl::Async => "on the leader's commit",
                            Repl::Semi => "once the nearest follower has it",
                            Repl::Sync => "once every follower has it",
                        }
                    ),
                    &[4],
                )
            }
            LagEvent::RywRead => {
                let r = w.ryw.as_ref();
                let (i, f, seen, bad) = r.map_or((0, 0, 0, false), |r| {
                    (r.write, r.follower, r.seen, r.violated)
                });
                (
                    if bad {
                        format!(
                            "t = {}: the client reads follower {}, which has replayed {seen} writes: its own write #{} is not there yet. Read-your-writes violated.",
                            secs(t),
                            f + 1,
                            i + 1
                        )
                    } else {
                        format!(
                            "t = {}: the client reads follower {}, which has replayed {seen} writes: its own write #{} is there. Read-your-writes holds.",
                            secs(t),
                            f + 1,
                            i + 1
                        )
                    },
                    &[0, 6],
                )
            }
            LagEvent::Alert => {
                let f = w.alert.map_or(0, |a| a.1);
                (
                    format!(
                        "t = {}: follower {}'s lag is {} > 5 s: the alert fires.",
                        secs(t),
                        f + 1,
                        ms(lags.get(f).copied().unwrap_or(0))
                    ),
                    &[2, 3],
                )
            }
            LagEvent::Failover => {
                let fo = w.failover.clone().unwrap_or(Failover {
                    at: t,
                    promoted: 0,
                    committed: c,
                    kept: c,
                    lost_acked: 0,
                });
                let lost = fo.committed - fo.kept;
                let acked = match (lost, fo.lost_acked) {
                    (0, _) => String::new(),
                    (_, 0) => {
                        " none of them acknowledged (their clients got no ack and retry)".into()
                    }
                    (_, a) => format!(" {a} of them acknowledged to their clients"),
                };
                (
                    format!(
                        "t = {}: the leader fails. Follower {} has the longest log ({} of {} writes) and is promoted: {lost} write(s) lost{}.",
                        secs(t),
                        fo.promoted + 1,
                        fo.kept,
                        fo.committed,
                        if acked.is_empty() {
                            String::new()
                        } else {
                            format!(",{acked}")
                        }
                    ),
                    &[5, 6],
                )
            }
            LagEvent::Summary => (String::new(), &[]),
        };
        push(k, t, event, narration, lines);
    }
    let last = times.len().saturating_sub(1);
    let t = times.last().map_or(0, |x| x.0);
    let mine = w.table.iter().find(|r| r.repl == s.repl);
    let sum = w
        .table
        .iter()
        .map(|r| format!("{} median {}", r.repl.name(), ms(r.median)))
        .collect::<Vec<_>>()
        .join(", ");
    push(
        last,
        t,
        LagEvent::Summary,
        format!(
            "The same load under each mode: write latency {sum}; largest lag here {}. Synchronous acks wait for the slowest follower, asynchronous ones for nobody, and lose the unreplicated tail.",
            secs(mine.map_or(0, |r| r.max_lag))
        ),
        &[4, 5],
    );
    Trace { steps }
}
