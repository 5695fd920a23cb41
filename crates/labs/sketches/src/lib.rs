//! Sketches and heavy hitters lab (route `#/lab/sketches`; catalogue M6.1–M6.9, M8.15).
//!
//! Six modes, chosen by `mode=`:
//! - `cms`: a count-min sketch's table filling up, point queries, the error bound beside the
//!   observed over-estimate (M6.1);
//! - `topk`: top-K four ways on one stream, beside the exact answer: exact counter, count-min +
//!   min-heap, lossy counting and space-saving, the last two as F4 codes them and corrected
//!   (M6.2–M6.5);
//! - `distributed`: local top-K lists merged by summing, against sending counts or sketches
//!   (M6.6);
//! - `bloom`: a Bloom filter's bits, its false positives against the formula, F0's sizing and
//!   F4's negative cache (M6.7, M8.15);
//! - `trie`: autocomplete with a precomputed top-K at every node (M6.8);
//! - `trending`: 5-minute tumbling windows publishing a ranking at every close (M6.9).

pub mod bloom;
mod check;
pub mod cms;
pub mod distributed;
pub mod hash;
pub mod layout;
mod questions;
pub mod stream;
mod text;
pub mod topk;
pub mod trace;
pub mod trending;
pub mod trie;
mod url;
#[cfg(feature = "view")]
pub mod view;

use cms::Update;
use hash::Family;
use sdp_kit::field::{Field, Word};
use sdp_kit::lab::{
    ActionSyntax, FidelityNote, Lab, LabInfo, ModeInfo, ParamError, Procedure, Scenario, Trace,
};
use serde::{Deserialize, Serialize};

pub use check::Checker;

/// Most actions (items, keys, queries typed by hand).
pub const MAX_ACTIONS: usize = 32;
/// Longest stream.
pub const MAX_LENGTH: u32 = 100_000;
/// Most distinct items in a generated stream.
pub const MAX_DISTINCT: u32 = 100_000;
/// Longest typed item, key or query.
pub const MAX_TEXT: usize = 40;

/// Which part of the lab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Count-min sketch.
    #[default]
    Cms,
    /// Top-K four ways.
    TopK,
    /// Distributed top-K.
    Distributed,
    /// Bloom filter.
    Bloom,
    /// Autocomplete trie.
    Trie,
    /// Windowed trending.
    Trending,
}

impl Mode {
    /// Every mode, in menu order (the index is the mode number).
    pub const ALL: [Mode; 6] = [
        Mode::Cms,
        Mode::TopK,
        Mode::Distributed,
        Mode::Bloom,
        Mode::Trie,
        Mode::Trending,
    ];
}

/// `cms` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CmsParams {
    /// Columns (`width`; F4: 10 000).
    pub width: u32,
    /// Rows (`depth`; F4: 7).
    pub depth: u32,
    /// Distinct items of the Zipf stream (`distinct`).
    pub distinct: u32,
    /// Stream length (`length`).
    pub length: u32,
    /// Zipf exponent (`skew`).
    pub skew: f64,
    /// Standard or conservative update (`update`).
    pub update: Update,
    /// Hash family (`hash`).
    pub hash: Family,
    /// Updates shown one step each (`detailed`).
    pub detailed: u32,
    /// Point queries of the most frequent items at the end (`queries`).
    pub queries: u32,
}

impl Default for CmsParams {
    fn default() -> Self {
        CmsParams {
            width: 10_000,
            depth: 7,
            distinct: 2_000,
            length: 20_000,
            skew: 1.0,
            update: Update::Standard,
            hash: Family::Murmur3,
            detailed: 8,
            queries: 5,
        }
    }
}

/// The `topk` mode's streams.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TopStream {
    /// A seeded Zipf stream.
    Zipf,
    /// Lossy counting's first example: `a a b c` (ε = 0.25).
    LossyFirst,
    /// Lossy counting's second: `a a b c a a b d` (ε = 0.25, s = 0.3).
    LossySecond,
    /// Space-saving's: `a a a b c` (k = 2).
    Saving,
    /// Only the items typed by hand.
    Typed,
}

impl Word for TopStream {
    const WORDS: &'static [(Self, &'static str)] = &[
        (TopStream::Zipf, "zipf"),
        (TopStream::LossyFirst, "lossy-a"),
        (TopStream::LossySecond, "lossy-b"),
        (TopStream::Saving, "saving"),
        (TopStream::Typed, "typed"),
    ];
}

/// `topk` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopKParams {
    /// K (`k`).
    pub k: u32,
    /// The stream (`stream`).
    pub stream: TopStream,
    /// Distinct items (`distinct`).
    pub distinct: u32,
    /// Length (`length`).
    pub length: u32,
    /// Zipf exponent (`skew`).
    pub skew: f64,
    /// Sketch columns (`width`).
    pub width: u32,
    /// Sketch rows (`depth`).
    pub depth: u32,
    /// Lossy counting's ε (`epsilon`).
    pub epsilon: f64,
    /// Lossy counting's support s (`support`).
    pub support: f64,
    /// Items shown one step each (`detailed`).
    pub detailed: u32,
}

impl Default for TopKParams {
    fn default() -> Self {
        TopKParams {
            k: 5,
            stream: TopStream::Zipf,
            distinct: 500,
            length: 5_000,
            skew: 1.1,
            width: 200,
            depth: 4,
            epsilon: 0.01,
            support: 0.05,
            detailed: 12,
        }
    }
}

/// The `distributed` mode's streams.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DistStream {
    /// The catalogue's example: P1 = x ×10, y ×9; P2 = z ×10, y ×9.
    Example,
    /// Local leaders per partition and one item just below every local cut.
    Planted,
}

impl Word for DistStream {
    const WORDS: &'static [(Self, &'static str)] = &[
        (DistStream::Example, "example"),
        (DistStream::Planted, "planted"),
    ];
}

/// `distributed` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistParams {
    /// The partitions' streams (`stream`).
    pub stream: DistStream,
    /// Partitions (`partitions`; planted only).
    pub partitions: u32,
    /// K (`k`).
    pub k: u32,
    /// The top local leader's count (`lead`; planted only).
    pub lead: u32,
    /// Singletons per partition (`noise`; planted only).
    pub noise: u32,
}

impl Default for DistParams {
    fn default() -> Self {
        DistParams {
            stream: DistStream::Example,
            partitions: 4,
            k: 1,
            lead: 20,
            noise: 20,
        }
    }
}

/// `bloom` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BloomParams {
    /// Bits (`m`).
    pub m: u32,
    /// Hash functions (`k`).
    pub k: u32,
    /// Keys inserted, `key1` … (`n`).
    pub n: u32,
    /// Keys never inserted that are queried, `other1` … (`queries`).
    pub queries: u32,
    /// Inserts and queries shown one step each (`detailed`).
    pub detailed: u32,
}

impl Default for BloomParams {
    fn default() -> Self {
        BloomParams {
            m: 1_000,
            k: 7,
            n: 100,
            queries: 10_000,
            detailed: 4,
        }
    }
}

/// `trie` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrieParams {
    /// K per node (`k`).
    pub k: u32,
    /// The prefix typed at the end (`prefix`).
    pub prefix: String,
    /// Start with the catalogue's counts (`example`).
    pub example: bool,
}

impl Default for TrieParams {
    fn default() -> Self {
        TrieParams {
            k: 5,
            prefix: "app".into(),
            example: true,
        }
    }
}

/// `trending` mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendParams {
    /// 5-minute windows (`windows`).
    pub windows: u32,
    /// Events per minute (`per_minute`).
    pub per_minute: u32,
    /// Distinct hashtags (`distinct`).
    pub distinct: u32,
    /// Zipf exponent (`skew`).
    pub skew: f64,
    /// Published ranking length (`k`).
    pub k: u32,
    /// Each window's sketch: columns (`width`).
    pub width: u32,
    /// Rows (`depth`).
    pub depth: u32,
}

impl Default for TrendParams {
    fn default() -> Self {
        TrendParams {
            windows: 6,
            per_minute: 100,
            distinct: 50,
            skew: 1.0,
            k: 5,
            width: 200,
            depth: 4,
        }
    }
}

/// Lab parameters: the mode, and every mode's fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// The mode (`mode`).
    pub mode: Mode,
    /// `cms`.
    pub cms: CmsParams,
    /// `topk`.
    pub topk: TopKParams,
    /// `distributed`.
    pub dist: DistParams,
    /// `bloom`.
    pub bloom: BloomParams,
    /// `trie`.
    pub trie: TrieParams,
    /// `trending`.
    pub trend: TrendParams,
}

/// Something typed by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// `topk`: `count` more of an item at the end of the stream (`item:NAME*N`).
    Item(String, u32),
    /// `bloom`: insert a key (`key:NAME`).
    Key(String),
    /// `bloom`: query a key (`ask:NAME`).
    Ask(String),
    /// `trie`: a query logged `count` times (`q:TEXT*N`).
    Query(String, u32),
}

/// What a step's view draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum State {
    /// `cms`.
    Cms(trace::CmsState),
    /// `topk`.
    TopK(trace::TopKState),
    /// `distributed`.
    Distributed(trace::DistState),
    /// `bloom`.
    Bloom(trace::BloomState),
    /// `trie`.
    Trie(trace::TrieState),
    /// `trending`.
    Trending(trace::TrendState),
}

/// The sketches lab.
pub struct SketchesLab;

/// Lab index entry.
pub const INFO: LabInfo = LabInfo {
    id: "sketches",
    title: "Sketches and heavy hitters",
    summary: "Count-min sketches, top-K four ways (with the documents' lossy-counting and \
              space-saving bugs beside the fixes), distributed top-K, Bloom filters, an \
              autocomplete trie and windowed trending.",
    catalogue: "M6.1–M6.9, M8.15",
};

impl Lab for SketchesLab {
    type Params = Params;
    type Action = Action;
    type State = State;
    type Checker = Checker;

    const INFO: LabInfo = INFO;
    const MODES: &'static [ModeInfo] = &[
        ModeInfo {
            id: "cms",
            title: "Count-min sketch",
        },
        ModeInfo {
            id: "topk",
            title: "Top-K four ways",
        },
        ModeInfo {
            id: "distributed",
            title: "Distributed top-K",
        },
        ModeInfo {
            id: "bloom",
            title: "Bloom filter",
        },
        ModeInfo {
            id: "trie",
            title: "Autocomplete trie",
        },
        ModeInfo {
            id: "trending",
            title: "Windowed trending",
        },
    ];
    const ACTIONS: ActionSyntax = url::ACTIONS;

    fn procedures() -> &'static [Procedure] {
        text::PROCEDURES
    }

    fn notes() -> &'static [FidelityNote] {
        text::NOTES
    }

    fn fields() -> &'static [Field<Params>] {
        url::FIELDS
    }

    fn mode(params: &Params) -> usize {
        Mode::ALL
            .iter()
            .position(|m| *m == params.mode)
            .unwrap_or(0)
    }

    fn defaults(mode: usize) -> Params {
        Params {
            mode: Mode::ALL.get(mode).copied().unwrap_or_default(),
            ..Params::default()
        }
    }

    fn check(params: &Params) -> Vec<ParamError> {
        check::check_params(params)
    }

    fn parse_action(text: &str) -> Result<Action, String> {
        url::parse_action(text)
    }

    fn action_text(action: &Action) -> String {
        url::action_text(action)
    }

    fn checker(params: &Params) -> Checker {
        Checker::new(params)
    }

    fn check_action(checker: &mut Checker, field: &str, action: &Action) -> Result<(), ParamError> {
        checker.apply(field, action)
    }

    fn build(scenario: &Scenario<Params, Action>) -> Trace<State> {
        trace::build(scenario)
    }

    fn questions(
        scenario: &Scenario<Params, Action>,
        trace: &Trace<State>,
    ) -> Vec<sdp_kit::quiz::Question> {
        questions::questions(scenario, trace)
    }
}

/// The largest scenario of each mode (for the benchmarks and the trace-time budget).
pub fn largest() -> Vec<(Mode, Scenario<Params, Action>)> {
    use sdp_kit::lab::Contract;
    Mode::ALL
        .iter()
        .enumerate()
        .map(|(i, &mode)| {
            let mut s = SketchesLab::mode_scenario(i);
            let p = &mut s.params;
            match mode {
                Mode::Cms => {
                    p.cms.length = MAX_LENGTH;
                    p.cms.distinct = MAX_DISTINCT;
                    p.cms.width = 100_000;
                    p.cms.depth = 10;
                    p.cms.detailed = 50;
                    p.cms.queries = 20;
                }
                Mode::TopK => {
                    p.topk.length = MAX_LENGTH;
                    p.topk.distinct = MAX_DISTINCT;
                    p.topk.k = 50;
                    p.topk.epsilon = 0.0001;
                    p.topk.detailed = 100;
                }
                Mode::Distributed => {
                    p.dist.stream = DistStream::Planted;
                    p.dist.partitions = 8;
                    p.dist.k = 20;
                    p.dist.lead = 1_000;
                    p.dist.noise = 1_000;
                }
                Mode::Bloom => {
                    p.bloom.m = 2_000_000;
                    p.bloom.k = 20;
                    p.bloom.n = 900_000;
                    p.bloom.queries = 100_000;
                    p.bloom.detailed = 20;
                }
                Mode::Trie => {
                    s.actions = (0..MAX_ACTIONS)
                        .map(|i| Action::Query(format!("query number {i} with a long tail"), 1_000))
                        .collect();
                }
                Mode::Trending => {
                    p.trend.windows = 24;
                    p.trend.per_minute = 2_000;
                    p.trend.distinct = 10_000;
                    p.trend.width = 100_000;
                    p.trend.depth = 10;
                }
            }
            (mode, s)
        })
        .collect()
}
