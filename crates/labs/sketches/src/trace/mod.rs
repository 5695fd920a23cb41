//! The sketches trace builders, one per mode.

mod bloom;
mod cms;
mod distributed;
mod topk;
mod trending;
mod trie;

pub use bloom::{BloomState, BloomStep, BloomWorld};
pub use cms::{CmsState, CmsStep, CmsWorld};
pub use distributed::{DistState, DistStep, DistWorld};
pub use topk::{Method, MethodView, TopKState, TopKWorld, event_text, precision_recall, target};
pub use trending::{TrendState, TrendWorld};
pub use trie::{TrieState, TrieStep, TrieWorld};

use crate::{Action, Mode, Params, State};
use sdp_kit::lab::{Scenario, Trace};

/// Columns of the binned pictures of large tables and bit arrays.
pub const BINS: usize = 240;

/// The trace of a valid scenario.
pub(crate) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    match s.params.mode {
        Mode::Cms => cms::build(s),
        Mode::TopK => topk::build(s),
        Mode::Distributed => distributed::build(s),
        Mode::Bloom => bloom::build(s),
        Mode::Trie => trie::build(s),
        Mode::Trending => trending::build(s),
    }
}

/// `0.000272`-style text for small numbers, `2.7 %`-style for shares.
pub fn sci(x: f64) -> String {
    if x == 0.0 {
        "0".into()
    } else if x.abs() >= 0.01 {
        format!("{x:.3}")
    } else {
        format!("{x:.2e}")
    }
}

/// A share as a percentage with two decimals.
pub fn pct(x: f64) -> String {
    format!("{:.2} %", x * 100.0)
}
