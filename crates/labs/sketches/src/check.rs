//! What a sketches scenario may hold: parameters within the work caps, and actions that fit the
//! mode.

use crate::url::check_text;
use crate::{Action, MAX_LENGTH, Mode, Params};
use sdp_kit::lab::ParamError;

/// Most hash computations a Bloom scenario may need (inserts and queries, k each).
pub const MAX_BLOOM_HASHES: u64 = 20_000_000;
/// Most events a trending scenario may hold.
pub const MAX_EVENTS: u64 = 240_000;

/// Problems across fields.
pub(crate) fn check_params(p: &Params) -> Vec<ParamError> {
    let mut errors = Vec::new();
    match p.mode {
        Mode::Bloom => {
            let b = &p.bloom;
            let work = (u64::from(b.n) + u64::from(b.queries)) * u64::from(b.k);
            if work > MAX_BLOOM_HASHES {
                errors.push(ParamError::new(
                    "n",
                    format!("(n + queries) × k must be at most {MAX_BLOOM_HASHES} (got {work})"),
                ));
            }
        }
        Mode::Trending => {
            let t = &p.trend;
            let events = u64::from(t.windows) * 5 * u64::from(t.per_minute);
            if events > MAX_EVENTS {
                errors.push(ParamError::new(
                    "per_minute",
                    format!("windows × 5 × per_minute must be at most {MAX_EVENTS} (got {events})"),
                ));
            }
        }
        Mode::Cms | Mode::TopK => {
            let (width, depth) = if p.mode == Mode::Cms {
                (p.cms.width, p.cms.depth)
            } else {
                (p.topk.width, p.topk.depth)
            };
            if u64::from(width) * u64::from(depth) > 1_000_000 {
                errors.push(ParamError::new(
                    "width",
                    "width × depth must be at most 1 000 000",
                ));
            }
        }
        Mode::Distributed | Mode::Trie => {}
    }
    errors
}

/// Checks actions in order: the mode takes them, their text is readable, the stream stays
/// under the cap.
pub struct Checker {
    mode: Mode,
    items: u64,
}

impl Checker {
    /// A checker for a scenario with parameters `p`.
    pub fn new(p: &Params) -> Self {
        Checker {
            mode: p.mode,
            items: u64::from(p.topk.length),
        }
    }

    /// Checks the next action.
    pub fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        let wrong = |verb: &str, mode: &str| {
            Err(ParamError::new(
                field,
                format!("{verb}: applies in mode={mode} only"),
            ))
        };
        let text = |t: &str| check_text(t).map_err(|m| ParamError::new(field, m));
        match (action, self.mode) {
            (Action::Item(name, count), Mode::TopK) => {
                text(name)?;
                if !(1..=10_000).contains(count) {
                    return Err(ParamError::range(field, 1, 10_000, &count.to_string()));
                }
                self.items += u64::from(*count);
                if self.items > 2 * u64::from(MAX_LENGTH) {
                    return Err(ParamError::new(
                        field,
                        "the stream would pass 200 000 items",
                    ));
                }
                Ok(())
            }
            (Action::Key(k) | Action::Ask(k), Mode::Bloom) => text(k),
            (Action::Query(q, count), Mode::Trie) => {
                text(q)?;
                if !(1..=1_000_000).contains(count) {
                    return Err(ParamError::range(field, 1, 1_000_000, &count.to_string()));
                }
                Ok(())
            }
            (Action::Item(..), _) => wrong("item", "topk"),
            (Action::Key(_), _) => wrong("key", "bloom"),
            (Action::Ask(_), _) => wrong("ask", "bloom"),
            (Action::Query(..), _) => wrong("q", "trie"),
        }
    }
}
