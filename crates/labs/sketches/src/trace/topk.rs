//! `topk`: one stream through six structures (exact, count-min + heap, lossy counting as F4
//! codes it and standard, space-saving as F4 codes it and standard), item by item for the first
//! items, then the rest at once, then each structure's answer against the exact one.

use crate::hash::{Family, Hashes};
use crate::stream::{Stream, zipf};
use crate::text::proc_ids;
use crate::topk::{CmsHeap, Entry, Event, Exact, Lossy, LossyVersion, SavingVersion, SpaceSaving};
use crate::{Action, Params, State, TopKParams, TopStream};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The six structures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// F4 `ExactTopK`.
    Exact,
    /// F4 `TopKHeavyHitter`.
    CmsHeap,
    /// F4 `LossyCounting`, as coded.
    LossyDoc,
    /// Lossy counting, Manku–Motwani.
    Lossy,
    /// F4 `SpaceSaving`, as coded.
    SavingDoc,
    /// Space-saving, Metwally et al.
    Saving,
}

impl Method {
    /// All six, in display order.
    pub const ALL: [Method; 6] = [
        Method::Exact,
        Method::CmsHeap,
        Method::LossyDoc,
        Method::Lossy,
        Method::SavingDoc,
        Method::Saving,
    ];

    /// Its name on screen.
    pub fn title(self) -> &'static str {
        match self {
            Method::Exact => "Exact counter",
            Method::CmsHeap => "Count-min + min-heap",
            Method::LossyDoc => "Lossy counting (F4 as written)",
            Method::Lossy => "Lossy counting (standard)",
            Method::SavingDoc => "Space-saving (F4 as written)",
            Method::Saving => "Space-saving (standard)",
        }
    }

    /// Its procedure.
    pub fn procedure(self) -> usize {
        match self {
            Method::Exact | Method::CmsHeap => proc_ids::HEAP,
            Method::LossyDoc | Method::Lossy => proc_ids::LOSSY,
            Method::SavingDoc | Method::Saving => proc_ids::SAVING,
        }
    }
}

/// A structure's contents after a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodView {
    /// The rows shown: its answer (top-K, or lossy counting's entries), at most 12.
    pub entries: Vec<Entry>,
    /// Entries it holds in all.
    pub size: usize,
    /// What the last item did to it.
    pub event: Option<Event>,
}

/// What every step of a `topk` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopKWorld {
    /// The parameters.
    pub params: TopKParams,
    /// Item names.
    pub names: Vec<String>,
    /// The stream.
    pub items: Vec<u32>,
    /// The exact top-K.
    pub truth: Vec<Entry>,
    /// Items truly at or above support s·n.
    pub frequent: Vec<u32>,
    /// Each structure's final answer.
    pub answers: Vec<Vec<Entry>>,
    /// Each structure's memory, bytes.
    pub memory: Vec<u64>,
}

/// A step of `topk`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopKState {
    /// Shared by every step.
    pub world: Arc<TopKWorld>,
    /// Items processed.
    pub done: usize,
    /// Every structure's contents, in [`Method::ALL`] order.
    pub views: Vec<MethodView>,
    /// True on the final comparison step.
    pub summary: bool,
}

struct Runner {
    exact: Exact,
    heap: CmsHeap,
    lossy: [Lossy; 2],
    saving: [SpaceSaving; 2],
    support: f64,
    k: usize,
}

impl Runner {
    fn add(&mut self, item: u32, name: &str) -> [Event; 6] {
        [
            self.exact.add(item),
            self.heap.add(item, name),
            self.lossy[0].add(item),
            self.lossy[1].add(item),
            self.saving[0].add(item, name),
            self.saving[1].add(item, name),
        ]
    }

    fn views(&self, events: Option<[Event; 6]>) -> Vec<MethodView> {
        let cut = |mut v: Vec<Entry>| {
            v.truncate(12);
            v
        };
        let sizes = [
            self.exact.entries(),
            self.heap.top().len(),
            self.lossy[0].entries().len(),
            self.lossy[1].entries().len(),
            self.saving[0].top().len(),
            self.saving[1].top().len(),
        ];
        let lists = [
            self.exact.top(self.k),
            self.heap.top(),
            self.lossy[0].entries(),
            self.lossy[1].entries(),
            self.saving[0].top(),
            self.saving[1].top(),
        ];
        lists
            .into_iter()
            .zip(sizes)
            .enumerate()
            .map(|(i, (entries, size))| MethodView {
                entries: cut(entries),
                size,
                event: events.as_ref().map(|e| e[i].clone()),
            })
            .collect()
    }

    fn answers(&self) -> Vec<Vec<Entry>> {
        vec![
            self.exact.top(self.k),
            self.heap.top(),
            self.lossy[0].frequent(self.support),
            self.lossy[1].frequent(self.support),
            self.saving[0].top(),
            self.saving[1].top(),
        ]
    }
}

/// The stream of a `topk` scenario: the pattern, then the typed items.
pub fn stream_of(p: &TopKParams, seed: u64, actions: &[Action]) -> Stream {
    let mut s = match p.stream {
        TopStream::Zipf => zipf(p.distinct, p.length, p.skew, seed),
        TopStream::LossyFirst => Stream::typed(&["a", "a", "b", "c"]),
        TopStream::LossySecond => Stream::typed(&["a", "a", "b", "c", "a", "a", "b", "d"]),
        TopStream::Saving => Stream::typed(&["a", "a", "a", "b", "c"]),
        TopStream::Typed => Stream::default(),
    };
    for a in actions {
        if let Action::Item(name, count) = a {
            s.push(name, *count);
        }
    }
    s
}

/// What an add did to a structure, in words (`names`: item names by index).
pub fn event_text(e: &Event, names: &[String]) -> String {
    let name = |i: u32| names.get(i as usize).map_or("", String::as_str);
    match e {
        Event::Counted => "counted".into(),
        Event::Inserted => "new entry".into(),
        Event::Replaced { evicted, inherited } => {
            format!("replaced {} (from {inherited})", name(*evicted))
        }
        Event::Ignored => "not tracked".into(),
        Event::Pruned(gone) if gone.is_empty() => "bucket boundary, nothing pruned".into(),
        Event::Pruned(gone) => format!(
            "bucket boundary: pruned {}",
            gone.iter().map(|&i| name(i)).collect::<Vec<_>>().join(", ")
        ),
    }
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.topk;
    let stream = stream_of(p, s.seed, &s.actions);
    let k = p.k as usize;
    let hashes = Hashes::new(Family::Murmur3, p.depth as usize, p.width as usize, s.seed);
    let mut run = Runner {
        exact: Exact::new(stream.names.len()),
        heap: CmsHeap::new(k, hashes),
        lossy: [
            Lossy::new(LossyVersion::Doc, p.epsilon),
            Lossy::new(LossyVersion::Standard, p.epsilon),
        ],
        saving: [
            SpaceSaving::new(SavingVersion::Doc, k),
            SpaceSaving::new(SavingVersion::Standard, k),
        ],
        support: p.support,
        k,
    };
    let mut full = Runner {
        exact: run.exact.clone(),
        heap: run.heap.clone(),
        lossy: run.lossy.clone(),
        saving: run.saving.clone(),
        support: p.support,
        k,
    };
    for &i in &stream.items {
        full.add(i, stream.name(i));
    }
    let n = stream.items.len();
    let truth = full.exact.top(k);
    let frequent: Vec<u32> = (0..stream.names.len() as u32)
        .filter(|&i| full.exact.count(i) as f64 >= p.support * n as f64)
        .collect();
    let w = u64::from(p.width) * u64::from(p.depth);
    let memory = vec![
        full.exact.entries() as u64 * 16,
        w * 8 + k as u64 * 16,
        full.lossy[0].entries().len() as u64 * 24,
        full.lossy[1].entries().len() as u64 * 24,
        k as u64 * 24,
        k as u64 * 24,
    ];
    let world = Arc::new(TopKWorld {
        params: p.clone(),
        names: stream.names.clone(),
        items: stream.items.clone(),
        truth,
        frequent,
        answers: full.answers(),
        memory,
    });
    let state = |done, views, summary| {
        State::TopK(TopKState {
            world: Arc::clone(&world),
            done,
            views,
            summary,
        })
    };
    let mut steps = vec![Step {
        state: state(0, run.views(None), false),
        narration: format!(
            "{} items over {} distinct go through six structures at once. K = {}; the sketch is {} × {}; \
             lossy counting has ε = {} (buckets of {}) and reports support s = {}.",
            group(n as u64),
            group(stream.names.len() as u64),
            k,
            p.depth,
            p.width,
            p.epsilon,
            run.lossy[0].width(),
            p.support
        ),
        lines: LinesRun::new(proc_ids::HEAP, &[0]),
        metrics: Vec::new(),
    }];
    let detailed = (p.detailed as usize).min(n);
    for (at, &item) in stream.items.iter().enumerate().take(detailed) {
        let events = run.add(item, stream.name(item));
        let text: Vec<String> = Method::ALL
            .iter()
            .zip(&events)
            .skip(1)
            .map(|(m, e)| format!("{}: {}", m.title(), event_text(e, &stream.names)))
            .collect();
        steps.push(Step {
            state: state(at + 1, run.views(Some(events)), false),
            narration: format!(
                "Item {} of {}: {}. {}.",
                at + 1,
                group(n as u64),
                stream.name(item),
                text.join("; ")
            ),
            lines: LinesRun::new(proc_ids::LOSSY, &[0, 1, 2]),
            metrics: vec![Metric::new(
                "items processed",
                (at + 1) as f64,
                group(at as u64 + 1),
            )],
        });
    }
    if detailed < n {
        steps.push(Step {
            state: state(n, full.views(None), false),
            narration: format!(
                "The other {} items go through the same way.",
                group((n - detailed) as u64)
            ),
            lines: LinesRun::new(proc_ids::HEAP, &[0]),
            metrics: vec![Metric::new("items processed", n as f64, group(n as u64))],
        });
    }
    steps.push(Step {
        state: state(n, full.views(None), true),
        narration: summary(&world),
        lines: LinesRun::new(proc_ids::LOSSY, &[4]),
        metrics: summary_metrics(&world),
    });
    Trace { steps }
}

/// Precision and recall of `got` against the set `want`.
pub fn precision_recall(got: &[Entry], want: &[u32]) -> (f64, f64) {
    let hits = got.iter().filter(|e| want.contains(&e.item)).count() as f64;
    let p = if got.is_empty() {
        1.0
    } else {
        hits / got.len() as f64
    };
    let r = if want.is_empty() {
        1.0
    } else {
        hits / want.len() as f64
    };
    (p, r)
}

/// What each structure is compared with: the exact top-K, or (lossy counting) the truly
/// frequent items.
pub fn target(w: &TopKWorld, m: Method) -> Vec<u32> {
    match m {
        Method::LossyDoc | Method::Lossy => w.frequent.clone(),
        _ => w.truth.iter().map(|e| e.item).collect(),
    }
}

fn summary(w: &TopKWorld) -> String {
    let parts: Vec<String> = Method::ALL
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, &m)| {
            let (p, r) = precision_recall(&w.answers[i], &target(w, m));
            format!(
                "{}: precision {:.0} %, recall {:.0} %",
                m.title(),
                p * 100.0,
                r * 100.0
            )
        })
        .collect();
    format!(
        "Against the exact answer (lossy counting: against the items truly at or above s·n): {}.",
        parts.join("; ")
    )
}

fn summary_metrics(w: &TopKWorld) -> Vec<Metric> {
    Method::ALL
        .iter()
        .enumerate()
        .map(|(i, m)| {
            Metric::new(
                &format!("memory, {}", m.title()),
                w.memory[i] as f64,
                format!("{} bytes", group(w.memory[i])),
            )
        })
        .collect()
}
