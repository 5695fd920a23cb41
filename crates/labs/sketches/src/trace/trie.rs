//! `trie`: queries inserted one step each (the lists along the path updated), then the prefix
//! typed one character per step, the node's list answering each keystroke.

use crate::text::proc_ids;
use crate::trie::Trie;
use crate::{Action, Params, State, TrieParams};
use sdp_kit::fmt::group;
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The catalogue's counts (M6.8).
pub const EXAMPLE: [(&str, u64); 6] = [
    ("apple", 100),
    ("application", 80),
    ("app store", 60),
    ("appointment", 40),
    ("appetite", 20),
    ("apply", 10),
];

/// What every step of a `trie` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrieWorld {
    /// The parameters.
    pub params: TrieParams,
    /// The queries inserted, in order, with their counts.
    pub inserted: Vec<(String, u64)>,
}

/// What a step shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrieStep {
    /// Before any insert.
    Empty,
    /// Query `i` inserted; the path it updated.
    Insert {
        /// Index into [`TrieWorld::inserted`].
        query: usize,
        /// Nodes on its path.
        path: Vec<usize>,
    },
    /// The first `typed` characters of the prefix; the path walked.
    Typed {
        /// Characters typed.
        typed: usize,
        /// Nodes walked.
        path: Vec<usize>,
    },
}

/// A step of `trie`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrieState {
    /// Shared by every step.
    pub world: Arc<TrieWorld>,
    /// The trie after this step.
    pub trie: Arc<Trie>,
    /// What this step shows.
    pub step: TrieStep,
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let p = &s.params.trie;
    let mut inserted: Vec<(String, u64)> = if p.example {
        EXAMPLE
            .iter()
            .map(|(q, c)| ((*q).to_string(), *c))
            .collect()
    } else {
        Vec::new()
    };
    inserted.extend(s.actions.iter().filter_map(|a| match a {
        Action::Query(q, c) => Some((q.clone(), u64::from(*c))),
        _ => None,
    }));
    let world = Arc::new(TrieWorld {
        params: p.clone(),
        inserted: inserted.clone(),
    });
    let mut trie = Trie::new(p.k as usize);
    let metrics = |t: &Trie| {
        vec![
            Metric::new("nodes", t.nodes.len() as f64, group(t.nodes.len() as u64)),
            Metric::new(
                "suggestions stored",
                t.stored() as f64,
                format!("{} (up to K per node)", group(t.stored() as u64)),
            ),
        ]
    };
    let mut steps = vec![Step {
        state: State::Trie(TrieState {
            world: Arc::clone(&world),
            trie: Arc::new(trie.clone()),
            step: TrieStep::Empty,
        }),
        narration: format!(
            "An empty trie keeping the top {} under every node. {} queries will be inserted, then “{}” typed.",
            p.k,
            inserted.len(),
            p.prefix
        ),
        lines: LinesRun::new(proc_ids::TRIE, &[0]),
        metrics: metrics(&trie),
    }];
    for (i, (q, c)) in inserted.iter().enumerate() {
        let path = trie.insert(q, *c);
        steps.push(Step {
            state: State::Trie(TrieState {
                world: Arc::clone(&world),
                trie: Arc::new(trie.clone()),
                step: TrieStep::Insert { query: i, path: path.clone() },
            }),
            narration: format!(
                "Insert “{q}” ×{}: its {} nodes each re-rank their list (count, then alphabetical) and keep {}.",
                group(*c),
                path.len(),
                p.k
            ),
            lines: LinesRun::new(proc_ids::TRIE, &[1]),
            metrics: metrics(&trie),
        });
    }
    let chars: Vec<char> = p.prefix.chars().collect();
    for typed in 1..=chars.len() {
        let prefix: String = chars[..typed].iter().collect();
        let path = trie.walk(&prefix);
        let found = path.len() == typed + 1;
        let list = trie.suggest(&prefix);
        steps.push(Step {
            state: State::Trie(TrieState {
                world: Arc::clone(&world),
                trie: Arc::new(trie.clone()),
                step: TrieStep::Typed { typed, path },
            }),
            narration: if found {
                format!(
                    "Typed “{prefix}”: {typed} steps down the trie; the node's list is the answer: {}.",
                    list.iter().map(|(q, _)| q.as_str()).collect::<Vec<_>>().join(", ")
                )
            } else {
                format!("Typed “{prefix}”: no query starts with it, so there is nothing to suggest.")
            },
            lines: LinesRun::new(proc_ids::TRIE, &[2]),
            metrics: metrics(&trie),
        });
    }
    Trace { steps }
}
