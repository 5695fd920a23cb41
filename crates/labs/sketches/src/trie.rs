//! Autocomplete trie with a precomputed top-K list at every node (catalogue M6.8; F0 Q6): a
//! lookup walks the prefix and returns the node's list, O(prefix length). Inserting a query
//! (with a count) updates the list of every node on its path: ranked by count descending,
//! ties lexicographic, cut to K. Counts only grow, so a query that fell out of a list can come
//! back only when its own count grows, which walks its path again: the lists stay exact.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One node.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// The character on the edge into this node (none at the root).
    pub ch: Option<char>,
    /// Children by character.
    pub children: BTreeMap<char, usize>,
    /// The precomputed top-K under this node: (query, count).
    pub top: Vec<(String, u64)>,
    /// The count of the query ending here (0 if none).
    pub count: u64,
}

/// The trie.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trie {
    /// Node 0 is the root.
    pub nodes: Vec<Node>,
    /// List length K.
    pub k: usize,
}

impl Trie {
    /// An empty trie keeping `k` per node.
    pub fn new(k: usize) -> Self {
        Trie {
            nodes: vec![Node::default()],
            k: k.max(1),
        }
    }

    /// Adds `count` to `query`; returns the path (node indexes, root first).
    pub fn insert(&mut self, query: &str, count: u64) -> Vec<usize> {
        let mut path = vec![0];
        let mut at = 0;
        for ch in query.chars() {
            let next = if let Some(&n) = self.nodes[at].children.get(&ch) {
                n
            } else {
                self.nodes.push(Node {
                    ch: Some(ch),
                    ..Node::default()
                });
                let n = self.nodes.len() - 1;
                self.nodes[at].children.insert(ch, n);
                n
            };
            at = next;
            path.push(at);
        }
        self.nodes[at].count += count;
        let total = self.nodes[at].count;
        for &n in &path {
            let top = &mut self.nodes[n].top;
            top.retain(|(q, _)| q != query);
            top.push((query.to_string(), total));
            top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            top.truncate(self.k);
        }
        path
    }

    /// The nodes along `prefix` (root first; shorter if the prefix leaves the trie).
    pub fn walk(&self, prefix: &str) -> Vec<usize> {
        let mut path = vec![0];
        let mut at = 0;
        for ch in prefix.chars() {
            match self.nodes[at].children.get(&ch) {
                Some(&n) => {
                    at = n;
                    path.push(n);
                }
                None => break,
            }
        }
        path
    }

    /// The suggestions for `prefix`: its node's list, or none if no query starts with it.
    ///
    /// The catalogue's example (K = 5):
    /// ```
    /// let mut t = sdp_lab_sketches::trie::Trie::new(5);
    /// for (q, c) in [("apple", 100), ("application", 80), ("app store", 60), ("appointment", 40), ("appetite", 20), ("apply", 10)] {
    ///     t.insert(q, c);
    /// }
    /// let got: Vec<String> = t.suggest("app").into_iter().map(|(q, _)| q).collect();
    /// assert_eq!(got, ["apple", "application", "app store", "appointment", "appetite"]);
    /// ```
    pub fn suggest(&self, prefix: &str) -> Vec<(String, u64)> {
        let path = self.walk(prefix);
        if path.len() == prefix.chars().count() + 1 {
            path.last()
                .map(|&n| self.nodes[n].top.clone())
                .unwrap_or_default()
        } else {
            Vec::new()
        }
    }

    /// Entries stored in all the lists (the memory the precomputation costs).
    pub fn stored(&self) -> usize {
        self.nodes.iter().map(|n| n.top.len()).sum()
    }
}
