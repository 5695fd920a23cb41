//! Read and write strategies (M8.1–M8.4) on one workload, as a small discrete-event simulation:
//! every hop between a client, the cache and the database is a message with a one-way time, and
//! its effect happens when it arrives. Times are whole microseconds, so runs are exact.
//!
//! - cache-aside: the client reads the cache; on a miss it reads the database and sets the
//!   cache; a write goes to the database, then deletes the key.
//! - read-through: the cache loads a miss from the database itself; writes as cache-aside (the
//!   documents pair it with nothing; not in source).
//! - write-through: the cache applies a write and writes the database synchronously (F4: cache
//!   first; a toggle puts the database first); writes to one key go one at a time, and a load
//!   fills only an absent key, so cache and database agree whenever a write completes.
//! - write-back: the cache applies a write, queues it and answers at once; a worker flushes the
//!   queue every `flush` ms. A crash loses what is queued.

use rand::RngExt;
use sdp_kit::field::Word;
use sdp_kit::rng::{LabRng, seeded};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// The workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Workload {
    /// M8.1's race: A misses and reads v0; B writes v1 and deletes; A, paused, sets v0.
    Race,
    /// Seeded reads and writes from four clients over a few keys.
    Mixed,
}

impl Word for Workload {
    const WORDS: &'static [(Self, &'static str)] =
        &[(Workload::Race, "race"), (Workload::Mixed, "mixed")];
}

/// Write-through's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Order {
    /// F4: set the cache, then write the database.
    CacheFirst,
    /// Write the database, then set the cache.
    DbFirst,
}

impl Word for Order {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Order::CacheFirst, "cache-first"),
        (Order::DbFirst, "db-first"),
    ];
}

/// A strategy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Strategy {
    /// M8.1.
    CacheAside,
    /// M8.4.
    ReadThrough,
    /// M8.2.
    WriteThrough,
    /// M8.3.
    WriteBack,
}

impl Strategy {
    /// Every strategy, in lane order.
    pub const ALL: [Strategy; 4] = [
        Strategy::CacheAside,
        Strategy::ReadThrough,
        Strategy::WriteThrough,
        Strategy::WriteBack,
    ];

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::CacheAside => "Cache-aside",
            Strategy::ReadThrough => "Read-through",
            Strategy::WriteThrough => "Write-through",
            Strategy::WriteBack => "Write-back",
        }
    }
}

impl Word for Strategy {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Strategy::CacheAside, "cache-aside"),
        (Strategy::ReadThrough, "read-through"),
        (Strategy::WriteThrough, "write-through"),
        (Strategy::WriteBack, "write-back"),
    ];
}

/// A participant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Node {
    /// The client (application server) of the operation.
    Client,
    /// The cache.
    Cache,
    /// The database.
    Db,
}

/// One operation of the workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Op {
    /// Start, µs.
    pub at: u64,
    /// Client 0 = A, 1 = B, …
    pub client: u8,
    /// The key.
    pub key: u32,
    /// `Some(v)`: write version v; `None`: read.
    pub write: Option<u32>,
    /// Pause before filling the cache after a database read, µs (the race's stall).
    pub pause: u64,
}

/// Latencies and settings of a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Net {
    /// One-way time to the cache, µs.
    pub cache: u64,
    /// One-way time to the database, µs.
    pub db: u64,
    /// Hop time × (1 + U[0, jitter]).
    pub jitter: f64,
    /// Write-back flush interval, µs.
    pub flush: u64,
    /// Write-through order.
    pub order: Order,
}

/// A message between two participants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// The operation it belongs to (`None`: the write-back flusher).
    pub op: Option<usize>,
    /// Sender.
    pub from: Node,
    /// Receiver.
    pub to: Node,
    /// What it says (`GET k1`, `v3`, `miss`).
    pub label: String,
    /// Sent, µs.
    pub sent: u64,
    /// Arrived, µs.
    pub arrived: u64,
}

/// How an operation ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Done, µs (`u64::MAX`: never, the run ended first).
    pub end: u64,
    /// Reads: the version returned.
    pub value: u32,
    /// Reads: the cache had the key.
    pub hit: bool,
    /// Reads: older than a write acknowledged before the read began.
    pub stale: bool,
}

/// Where a value changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// The cache (`None`: deleted).
    Cache,
    /// The database.
    Db,
}

/// A value change: time µs, place, key, new value.
pub type Change = (u64, Place, u32, Option<u32>);

/// Everything one strategy did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// Every message, in the order sent.
    pub messages: Vec<Message>,
    /// Each operation's outcome.
    pub outcomes: Vec<Outcome>,
    /// Value changes in time order.
    pub changes: Vec<Change>,
    /// (time µs, queue length) after each change of write-back's queue.
    pub queue: Vec<(u64, u32)>,
    /// (crash time µs, writes lost) per crash.
    pub crashes: Vec<(u64, u32)>,
    /// Requests that reached the database.
    pub db_requests: u32,
    /// Write-through: (operation, changes made so far) when the cache answered each write.
    pub completions: Vec<(usize, usize)>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    CacheGet,
    ClientMiss,
    DbRead { to: Node },
    ClientDbValue(u32),
    CacheLoaded(u32),
    CacheFill(u32),
    AsideSet(u32),
    ClientValue(u32, bool),
    DbWrite(u32, Node),
    ClientDbAck,
    CacheDel,
    ClientOk,
    WtSet(u32),
    WtDbAck(u32),
    WbSet(u32),
    FlushTick,
    FlushDb(Vec<(u32, u32)>),
    FlushAck,
    Crash,
}

type Event = Reverse<(u64, u64, usize, Stage)>;

struct Sim<'a> {
    s: Strategy,
    net: Net,
    ops: &'a [Op],
    heap: BinaryHeap<Event>,
    seq: u64,
    rng: LabRng,
    cache: Vec<Option<u32>>,
    db: Vec<u32>,
    queue: VecDeque<(u32, u32)>,
    busy: Vec<bool>,
    waiting: Vec<VecDeque<usize>>,
    hits: Vec<bool>,
    out: Run,
}

const FLUSHER: usize = usize::MAX;

impl Sim<'_> {
    fn hop(&mut self, node: Node, other: Node) -> u64 {
        let base = if node == Node::Db || other == Node::Db {
            self.net.db
        } else {
            self.net.cache
        };
        let j = if self.net.jitter > 0.0 {
            self.rng.random::<f64>() * self.net.jitter
        } else {
            0.0
        };
        (base as f64 * (1.0 + j)).round() as u64
    }

    fn at(&mut self, t: u64, op: usize, stage: Stage) {
        self.seq += 1;
        self.heap.push(Reverse((t, self.seq, op, stage)));
    }

    fn send(&mut self, now: u64, op: usize, from: Node, to: Node, label: String, stage: Stage) {
        let arrived = now + self.hop(from, to);
        if to == Node::Db {
            self.out.db_requests += 1;
        }
        self.out.messages.push(Message {
            op: (op != FLUSHER).then_some(op),
            from,
            to,
            label,
            sent: now,
            arrived,
        });
        self.at(arrived, op, stage);
    }

    fn set_cache(&mut self, now: u64, key: u32, v: Option<u32>) {
        self.cache[key as usize] = v;
        self.out.changes.push((now, Place::Cache, key, v));
    }

    fn set_db(&mut self, now: u64, key: u32, v: u32) {
        self.db[key as usize] = v;
        self.out.changes.push((now, Place::Db, key, Some(v)));
    }

    fn finish(&mut self, now: u64, op: usize, value: u32) {
        let o = &mut self.out.outcomes[op];
        o.end = now;
        o.value = value;
        o.hit = self.hits[op];
    }

    fn step(&mut self, now: u64, op: usize, stage: Stage) {
        use Node::{Cache, Client, Db};
        let key = self.ops.get(op).map_or(0, |o| o.key);
        let name = format!("k{}", key + 1);
        match stage {
            Stage::CacheGet => match self.cache[key as usize] {
                Some(v) => {
                    self.hits[op] = true;
                    self.send(
                        now,
                        op,
                        Cache,
                        Client,
                        format!("v{v}"),
                        Stage::ClientValue(v, true),
                    );
                }
                None if self.s == Strategy::CacheAside => {
                    self.send(now, op, Cache, Client, "miss".into(), Stage::ClientMiss);
                }
                None => {
                    let label = format!("load {name}");
                    self.send(now, op, Cache, Db, label, Stage::DbRead { to: Cache });
                }
            },
            Stage::ClientMiss => {
                let label = format!("SELECT {name}");
                self.send(now, op, Client, Db, label, Stage::DbRead { to: Client });
            }
            Stage::DbRead { to } => {
                let v = self.db[key as usize];
                let next = if to == Client {
                    Stage::ClientDbValue(v)
                } else {
                    Stage::CacheLoaded(v)
                };
                self.send(now, op, Db, to, format!("v{v}"), next);
            }
            Stage::ClientDbValue(v) => {
                self.finish(now, op, v);
                let pause = self.ops[op].pause;
                self.send(
                    now + pause,
                    op,
                    Client,
                    Cache,
                    format!("SET {name} v{v}"),
                    Stage::AsideSet(v),
                );
            }
            Stage::AsideSet(v) => self.set_cache(now, key, Some(v)),
            Stage::CacheLoaded(v) => {
                let pause = self.ops[op].pause;
                self.at(now + pause, op, Stage::CacheFill(v));
            }
            Stage::CacheFill(v) => {
                // Write-through and write-back fill only an absent key (a write may have landed).
                let nx = matches!(self.s, Strategy::WriteThrough | Strategy::WriteBack);
                if !nx || self.cache[key as usize].is_none() {
                    self.set_cache(now, key, Some(v));
                }
                let v = self.cache[key as usize].unwrap_or(v);
                self.send(
                    now,
                    op,
                    Cache,
                    Client,
                    format!("v{v}"),
                    Stage::ClientValue(v, false),
                );
            }
            Stage::ClientValue(v, _) => self.finish(now, op, v),
            Stage::DbWrite(v, reply) => {
                self.set_db(now, key, v);
                let next = if reply == Client {
                    Stage::ClientDbAck
                } else {
                    Stage::WtDbAck(v)
                };
                self.send(now, op, Db, reply, "OK".into(), next);
            }
            Stage::ClientDbAck => {
                self.send(
                    now,
                    op,
                    Client,
                    Cache,
                    format!("DEL {name}"),
                    Stage::CacheDel,
                );
            }
            Stage::CacheDel => {
                self.set_cache(now, key, None);
                self.send(now, op, Cache, Client, "OK".into(), Stage::ClientOk);
            }
            Stage::ClientOk => {
                let v = self.ops[op].write.unwrap_or(0);
                self.finish(now, op, v);
            }
            Stage::WtSet(v) => {
                if self.busy[key as usize] {
                    self.waiting[key as usize].push_back(op);
                    return;
                }
                self.busy[key as usize] = true;
                if self.net.order == Order::CacheFirst {
                    self.set_cache(now, key, Some(v));
                }
                self.send(
                    now,
                    op,
                    Cache,
                    Db,
                    format!("UPDATE {name}=v{v}"),
                    Stage::DbWrite(v, Cache),
                );
            }
            Stage::WtDbAck(v) => {
                // Database first sets the cache now; cache first sets it again only if a crash
                // (or nothing else) changed it meanwhile, so both agree as the write completes.
                if self.cache[key as usize] != Some(v) {
                    self.set_cache(now, key, Some(v));
                }
                self.out.completions.push((op, self.out.changes.len()));
                self.send(now, op, Cache, Client, "OK".into(), Stage::ClientOk);
                self.busy[key as usize] = false;
                if let Some(next) = self.waiting[key as usize].pop_front() {
                    let nv = self.ops[next].write.unwrap_or(0);
                    self.at(now, next, Stage::WtSet(nv));
                }
            }
            Stage::WbSet(v) => {
                self.set_cache(now, key, Some(v));
                self.queue.push_back((key, v));
                self.out.queue.push((now, self.queue.len() as u32));
                self.send(now, op, Cache, Client, "OK".into(), Stage::ClientOk);
            }
            Stage::FlushTick => {
                if !self.queue.is_empty() {
                    let batch: Vec<(u32, u32)> = self.queue.drain(..).collect();
                    self.out.queue.push((now, 0));
                    let label = format!("flush {} writes", batch.len());
                    self.send(now, FLUSHER, Cache, Db, label, Stage::FlushDb(batch));
                }
                if self.pending_work() {
                    self.at(now + self.net.flush, FLUSHER, Stage::FlushTick);
                }
            }
            Stage::FlushDb(batch) => {
                for (k, v) in batch {
                    self.set_db(now, k, v);
                }
                self.send(now, FLUSHER, Db, Cache, "OK".into(), Stage::FlushAck);
            }
            Stage::FlushAck => {}
            Stage::Crash => {
                for k in 0..self.cache.len() {
                    if self.cache[k].is_some() {
                        self.set_cache(now, k as u32, None);
                    }
                }
                let lost = self.queue.len() as u32;
                self.queue.clear();
                self.out.queue.push((now, 0));
                self.out.crashes.push((now, lost));
            }
        }
    }

    /// Whether anything but flush ticks is still scheduled, or the queue holds writes.
    fn pending_work(&self) -> bool {
        !self.queue.is_empty()
            || self
                .heap
                .iter()
                .any(|Reverse((_, _, _, st))| *st != Stage::FlushTick)
    }

    fn start(&mut self, op: usize) {
        let o = self.ops[op];
        let name = format!("k{}", o.key + 1);
        let (label, stage) = match (o.write, self.s) {
            (None, _) => (format!("GET {name}"), Stage::CacheGet),
            (Some(v), Strategy::CacheAside | Strategy::ReadThrough) => {
                let label = format!("UPDATE {name}=v{v}");
                self.send(
                    o.at,
                    op,
                    Node::Client,
                    Node::Db,
                    label,
                    Stage::DbWrite(v, Node::Client),
                );
                return;
            }
            (Some(v), Strategy::WriteThrough) => (format!("SET {name} v{v}"), Stage::WtSet(v)),
            (Some(v), Strategy::WriteBack) => (format!("SET {name} v{v}"), Stage::WbSet(v)),
        };
        self.send(o.at, op, Node::Client, Node::Cache, label, stage);
    }
}

/// Runs `strategy` over `ops` on `keys` keys (every database value starts at v0), with the
/// cache crashing at `crashes` (µs).
pub fn run(
    strategy: Strategy,
    ops: &[Op],
    keys: usize,
    net: &Net,
    crashes: &[u64],
    seed: u64,
) -> Run {
    let mut sim = Sim {
        s: strategy,
        net: *net,
        ops,
        heap: BinaryHeap::new(),
        seq: 0,
        rng: seeded(seed),
        cache: vec![None; keys],
        db: vec![0; keys],
        queue: VecDeque::new(),
        busy: vec![false; keys],
        waiting: vec![VecDeque::new(); keys],
        hits: vec![false; ops.len()],
        out: Run {
            outcomes: vec![
                Outcome {
                    end: u64::MAX,
                    ..Outcome::default()
                };
                ops.len()
            ],
            ..Run::default()
        },
    };
    let mut starts: Vec<usize> = (0..ops.len()).collect();
    starts.sort_by_key(|&i| (ops[i].at, i));
    let mut next_start = 0;
    for &c in crashes {
        sim.at(c, FLUSHER, Stage::Crash);
    }
    if strategy == Strategy::WriteBack {
        sim.at(net.flush, FLUSHER, Stage::FlushTick);
    }
    loop {
        let next_event = sim.heap.peek().map(|Reverse((t, ..))| *t);
        let start_at = starts.get(next_start).map(|&i| ops[i].at);
        match (start_at, next_event) {
            (Some(s), e) if e.is_none_or(|e| s <= e) => {
                sim.start(starts[next_start]);
                next_start += 1;
                if strategy == Strategy::WriteBack
                    && !sim
                        .heap
                        .iter()
                        .any(|Reverse((.., st))| *st == Stage::FlushTick)
                {
                    let t = (s / net.flush + 1) * net.flush;
                    sim.at(t, FLUSHER, Stage::FlushTick);
                }
            }
            (_, Some(_)) => {
                if let Some(Reverse((t, _, op, stage))) = sim.heap.pop() {
                    sim.step(t, op, stage);
                }
            }
            (_, None) => break,
        }
    }
    mark_stale(ops, &mut sim.out.outcomes);
    sim.out
}

/// Marks reads that returned a version older than a write acknowledged before they began.
fn mark_stale(ops: &[Op], outcomes: &mut [Outcome]) {
    for i in 0..ops.len() {
        if ops[i].write.is_some() || outcomes[i].end == u64::MAX {
            continue;
        }
        let newest = ops
            .iter()
            .zip(outcomes.iter())
            .filter(|(o, out)| o.key == ops[i].key && o.write.is_some() && out.end <= ops[i].at)
            .filter_map(|(o, _)| o.write)
            .max()
            .unwrap_or(0);
        outcomes[i].stale = outcomes[i].value < newest;
    }
}

/// The operations of `workload`: the race (fixed), or `count` seeded mixed operations.
///
/// ```
/// use sdp_lab_caching::strategy::{ops, Workload};
/// let race = ops(Workload::Race, 0, 0.0, 1, 30, 1);
/// assert_eq!(race[1].write, Some(1));
/// assert!(race[0].pause > 0);
/// ```
pub fn ops(
    workload: Workload,
    count: u32,
    writes: f64,
    keys: u32,
    gap_ms: u32,
    seed: u64,
) -> Vec<Op> {
    let op = |at_ms: u64, client: u8, write: Option<u32>, pause_ms: u64| Op {
        at: at_ms * 1000,
        client,
        key: 0,
        write,
        pause: pause_ms * 1000,
    };
    match workload {
        Workload::Race => vec![
            op(0, 0, None, 100),
            op(10, 1, Some(1), 0),
            op(200, 0, None, 0),
            op(300, 1, None, 0),
            op(400, 1, Some(2), 0),
            op(500, 0, None, 0),
            op(700, 2, None, 0),
        ],
        Workload::Mixed => {
            let mut rng = seeded(seed ^ 0x0a11_0c8e);
            let mut versions = vec![0u32; keys.max(1) as usize];
            let mut t = 0u64;
            (0..count)
                .map(|_| {
                    let gap = -sdp_kit::detmath::ln(1.0 - rng.random::<f64>()) * f64::from(gap_ms);
                    t += (gap * 1000.0).round() as u64;
                    let key = rng.random_range(0..keys.max(1));
                    let write = (rng.random::<f64>() < writes).then(|| {
                        versions[key as usize] += 1;
                        versions[key as usize]
                    });
                    Op {
                        at: t,
                        client: rng.random_range(0..4u8),
                        key,
                        write,
                        pause: 0,
                    }
                })
                .collect()
        }
    }
}
