//! Credit-based backpressure (catalogue M5.7), one tick per step.
//!
//! The chain: Kafka topic → Source → Map → Sink. Producers append `produce` records per tick to
//! the topic. Map and Sink each have an input buffer of `buffers` slots; the sender holds one
//! credit per free slot it knows of. Per tick, downstream first (so a record moves at most one
//! hop per tick):
//! 1. the Sink consumes up to its rate (`sink_rate`, or `slow_rate` during
//!    `[slow_from, slow_to)`) from its buffer;
//! 2. the Map takes up to `map_rate` records from its buffer, each only if it holds a credit for
//!    the Sink (the record goes into the Sink's buffer);
//! 3. the Source reads up to [`READ_CAP`] records from the topic, each only if it holds a credit
//!    for the Map;
//! 4. every buffer consumed in 1–2 returns its credit to the sender, usable from the next tick.
//!
//! A credit returns to its sender two ticks after it was spent (sent at `t`, consumed at
//! `t + 1`, usable at `t + 2`), so a channel carries at most `buffers / 2` records per tick: too
//! few buffers throttle the chain even without a slow stage (the bandwidth-delay product).
//!
//! So a slow Sink fills its buffer, the Map runs out of credits and stops, its buffer fills, the
//! Source runs out of credits and stops reading, and the topic lag grows: the stall travels
//! upstream to the source.

use crate::text::proc_ids;
use sdp_kit::fmt::{group, percent};
use sdp_kit::lab::{LinesRun, Metric, ParamError, Step};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Tick range.
pub const TICKS_RANGE: (u32, u32) = (10, 300);
/// Range of every rate (records per tick).
pub const RATE_RANGE: (u32, u32) = (1, 8);
/// Buffer slots (credits) per receiver.
pub const BUFFERS_RANGE: (u32, u32) = (1, 32);
/// Most records the Source reads per tick.
pub const READ_CAP: u32 = 8;

/// Parameters of the backpressure scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackpressureParams {
    /// Ticks simulated (URL `ticks`).
    pub ticks: u32,
    /// Records produced into the topic per tick (URL `produce`).
    pub produce: u32,
    /// Map rate (URL `map`).
    pub map_rate: u32,
    /// Sink rate (URL `sink`).
    pub sink_rate: u32,
    /// First tick of the slow phase (URL `slow_from`).
    pub slow_from: u32,
    /// First tick after it (URL `slow_to`); `slow_from = slow_to` means no slow phase.
    pub slow_to: u32,
    /// Sink rate in the slow phase, 0–8 (URL `slow_rate`).
    pub slow_rate: u32,
    /// Buffer slots of each receiver = credits (URL `buffers`).
    pub buffers: u32,
}

impl Default for BackpressureParams {
    fn default() -> Self {
        BackpressureParams {
            ticks: 60,
            produce: 3,
            map_rate: 4,
            sink_rate: 4,
            slow_from: 12,
            slow_to: 32,
            slow_rate: 1,
            buffers: 8,
        }
    }
}

impl BackpressureParams {
    /// Every problem, naming the URL field.
    pub fn validate(&self) -> Vec<ParamError> {
        let mut e = Vec::new();
        let mut check = |field: &str, (lo, hi): (u32, u32), v: u32| {
            if !(lo..=hi).contains(&v) {
                e.push(ParamError::range(field, lo, hi, &v.to_string()));
            }
        };
        check("ticks", TICKS_RANGE, self.ticks);
        check("produce", RATE_RANGE, self.produce);
        check("map", RATE_RANGE, self.map_rate);
        check("sink", RATE_RANGE, self.sink_rate);
        check("slow_rate", (0, RATE_RANGE.1), self.slow_rate);
        check("buffers", BUFFERS_RANGE, self.buffers);
        check("slow_from", (0, self.ticks), self.slow_from);
        check("slow_to", (0, self.ticks), self.slow_to);
        if self.slow_to < self.slow_from {
            e.push(ParamError::new(
                "slow_to",
                format!(
                    "must be at least slow_from = {} (got {})",
                    self.slow_from, self.slow_to
                ),
            ));
        }
        e
    }

    /// The Sink's rate at tick `t`.
    pub fn sink_rate_at(&self, t: u32) -> u32 {
        if (self.slow_from..self.slow_to).contains(&t) {
            self.slow_rate
        } else {
            self.sink_rate
        }
    }
}

/// A receiving stage (Map or Sink) now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// Records in its input buffer (draw a gauge of `buffer / capacity`).
    pub buffer: u32,
    /// Buffer slots.
    pub capacity: u32,
    /// Records it consumed this tick.
    pub consumed: u32,
    /// Records consumed in all.
    pub total: u64,
    /// Its rate this tick.
    pub rate: u32,
    /// True if it had records but could not send them for lack of credits (Map only).
    pub blocked: bool,
}

/// One tick's figures, for the history charts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sample {
    /// Tick.
    pub tick: u32,
    /// Topic lag (records produced, not yet read).
    pub lag: u64,
    /// Map buffer occupancy.
    pub map_buffer: u32,
    /// Sink buffer occupancy.
    pub sink_buffer: u32,
    /// Records the Source read.
    pub read: u32,
    /// Records the Sink consumed.
    pub sunk: u32,
}

/// What a backpressure step draws: the chain `topic → Source → Map → Sink` with buffer gauges,
/// the sender's credits on each edge (`credits_map`: Source's credits for the Map,
/// `credits_sink`: Map's credits for the Sink), the credit messages returned this tick
/// (`returned_map`, `returned_sink`, drawn travelling upstream), and the history
/// `world[..=tick]` as charts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BpState {
    /// Every tick's sample (index = tick; 0 is the start).
    pub world: Arc<Vec<Sample>>,
    /// Tick (0 = before the first).
    pub tick: u32,
    /// Records in the topic not yet read.
    pub lag: u64,
    /// Records produced in all.
    pub produced: u64,
    /// Records the Source read this tick.
    pub read: u32,
    /// True if the Source had records to read but no credit.
    pub source_blocked: bool,
    /// The Map.
    pub map: Stage,
    /// The Sink.
    pub sink: Stage,
    /// Source's credits for the Map (free Map slots it may fill next tick).
    pub credits_map: u32,
    /// Map's credits for the Sink.
    pub credits_sink: u32,
    /// Credits the Map returned to the Source this tick.
    pub returned_map: u32,
    /// Credits the Sink returned to the Map this tick.
    pub returned_sink: u32,
    /// True during the slow-sink phase.
    pub slow: bool,
}

struct Sim {
    p: BackpressureParams,
    s: BpState,
}

impl Sim {
    fn new(p: BackpressureParams) -> Self {
        let stage = |rate| Stage {
            capacity: p.buffers,
            rate,
            ..Stage::default()
        };
        Sim {
            s: BpState {
                world: Arc::new(Vec::new()),
                tick: 0,
                lag: 0,
                produced: 0,
                read: 0,
                source_blocked: false,
                map: stage(p.map_rate),
                sink: stage(p.sink_rate),
                credits_map: p.buffers,
                credits_sink: p.buffers,
                returned_map: 0,
                returned_sink: 0,
                slow: false,
            },
            p,
        }
    }

    fn tick(&mut self, t: u32) {
        let p = self.p;
        let s = &mut self.s;
        s.tick = t;
        s.lag += u64::from(p.produce);
        s.produced += u64::from(p.produce);
        s.slow = p.sink_rate_at(t) != p.sink_rate;
        // 1. Sink consumes.
        s.sink.rate = p.sink_rate_at(t);
        let sunk = s.sink.rate.min(s.sink.buffer);
        s.sink.buffer -= sunk;
        s.sink.consumed = sunk;
        s.sink.total += u64::from(sunk);
        // 2. Map forwards while it holds credits for the Sink.
        let ready = s.map.rate.min(s.map.buffer);
        let moved = ready.min(s.credits_sink);
        s.map.blocked = moved < ready;
        s.map.buffer -= moved;
        s.map.consumed = moved;
        s.map.total += u64::from(moved);
        s.credits_sink -= moved;
        s.sink.buffer += moved;
        // 3. Source reads while it holds credits for the Map.
        let want = u64::from(READ_CAP).min(s.lag) as u32;
        let read = want.min(s.credits_map);
        s.source_blocked = read < want;
        s.lag -= u64::from(read);
        s.read = read;
        s.credits_map -= read;
        s.map.buffer += read;
        // 4. Consumed buffers return their credits (usable next tick).
        s.returned_sink = sunk;
        s.returned_map = moved;
        s.credits_sink += sunk;
        s.credits_map += moved;
    }

    fn sample(&self) -> Sample {
        Sample {
            tick: self.s.tick,
            lag: self.s.lag,
            map_buffer: self.s.map.buffer,
            sink_buffer: self.s.sink.buffer,
            read: self.s.read,
            sunk: self.s.sink.consumed,
        }
    }

    fn sentence(&self) -> (String, LinesRun) {
        let s = &self.s;
        let t = s.tick;
        let mut text = format!(
            "Tick {t}: the Sink consumes {} (rate {}{}), the Map forwards {}, the Source reads {}; topic lag {}.",
            s.sink.consumed,
            s.sink.rate,
            if s.slow { ", slow phase" } else { "" },
            s.map.consumed,
            s.read,
            group(s.lag)
        );
        let lines = if s.source_blocked && s.map.blocked {
            text.push_str(" Both senders are out of credits: the stall has reached the source.");
            LinesRun::new(proc_ids::BACKPRESSURE, &[1, 2])
        } else if s.source_blocked {
            text.push_str(" The Source has no credits left for the Map: it slows down and lag builds up in Kafka.");
            LinesRun::new(proc_ids::BACKPRESSURE, &[1, 2])
        } else if s.map.blocked {
            text.push_str(" The Map has no credits left for the Sink: its own buffer fills up.");
            LinesRun::new(proc_ids::BACKPRESSURE, &[0, 1])
        } else {
            LinesRun::new(proc_ids::BACKPRESSURE, &[0, 4])
        };
        (text, lines)
    }
}

/// Runs the chain for `p.ticks` ticks and returns every sample (index = tick).
pub fn simulate(p: &BackpressureParams) -> Vec<Sample> {
    let mut sim = Sim::new(*p);
    let mut out = vec![sim.sample()];
    for t in 1..=p.ticks {
        sim.tick(t);
        out.push(sim.sample());
    }
    out
}

/// Every state of a run (index = tick): for tests.
pub fn states(p: &BackpressureParams) -> Vec<BpState> {
    let mut sim = Sim::new(*p);
    let mut out = vec![sim.s.clone()];
    for t in 1..=p.ticks {
        sim.tick(t);
        out.push(sim.s.clone());
    }
    out
}

/// The steps of a validated scenario: the start and one per tick.
pub fn build_steps(p: &BackpressureParams) -> Vec<Step<BpState>> {
    let mut sim = Sim::new(*p);
    let mut drafts: Vec<(BpState, String, LinesRun)> = vec![(
        sim.s.clone(),
        format!(
            "Producers add {} records per tick to Kafka; Map rate {}, Sink rate {} ({} during ticks {}–{}); each receiver has {} buffers, so each sender starts with {} credits.",
            p.produce,
            p.map_rate,
            p.sink_rate,
            p.slow_rate,
            p.slow_from,
            p.slow_to.saturating_sub(1),
            p.buffers,
            p.buffers
        ),
        LinesRun::new(proc_ids::BACKPRESSURE, &[0, 4]),
    )];
    let mut samples = vec![sim.sample()];
    for t in 1..=p.ticks {
        sim.tick(t);
        samples.push(sim.sample());
        let (text, lines) = sim.sentence();
        drafts.push((sim.s.clone(), text, lines));
    }
    let world = Arc::new(samples);
    drafts
        .into_iter()
        .map(|(state, narration, lines)| {
            let metrics = metrics(&state);
            Step {
                state: BpState {
                    world: world.clone(),
                    ..state
                },
                narration,
                lines,
                metrics,
            }
        })
        .collect()
}

fn metrics(s: &BpState) -> Vec<Metric> {
    let util = |st: &Stage| {
        Metric::new(
            "",
            f64::from(st.buffer) / f64::from(st.capacity.max(1)),
            format!(
                "{} of {} ({})",
                st.buffer,
                st.capacity,
                percent(st.buffer.into(), st.capacity.into())
            ),
        )
    };
    let mut map = util(&s.map);
    map.label = "Map buffer utilisation".to_string();
    let mut sink = util(&s.sink);
    sink.label = "Sink buffer utilisation".to_string();
    vec![
        Metric::new("tick", f64::from(s.tick), s.tick.to_string()),
        Metric::new("topic lag", s.lag as f64, group(s.lag)),
        map,
        sink,
        Metric::new(
            "Source credits (for Map)",
            f64::from(s.credits_map),
            s.credits_map.to_string(),
        ),
        Metric::new(
            "Map credits (for Sink)",
            f64::from(s.credits_sink),
            s.credits_sink.to_string(),
        ),
        Metric::new(
            "throughput (Sink)",
            f64::from(s.sink.consumed),
            format!(
                "{} this tick, {} in all",
                s.sink.consumed,
                group(s.sink.total)
            ),
        ),
    ]
}
