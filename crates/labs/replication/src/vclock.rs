//! Vector clocks (M9.10): one counter per replica; a local write increments its own entry,
//! merging takes the element-wise maximum, `a ≤ b` when every entry is, and two clocks neither
//! of which is `≤` the other are concurrent (a conflict the application resolves).

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// A vector clock over a fixed number of replicas.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Clock(pub Vec<u32>);

/// How two clocks compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Order {
    /// The same clock.
    Equal,
    /// The first happened before the second.
    Before,
    /// The first happened after the second.
    After,
    /// Neither happened before the other: a conflict.
    Concurrent,
}

impl Order {
    /// The verdict as text (`<`, `>`, `=`, `concurrent`).
    pub fn symbol(self) -> &'static str {
        match self {
            Order::Equal => "=",
            Order::Before => "<",
            Order::After => ">",
            Order::Concurrent => "concurrent",
        }
    }
}

impl Clock {
    /// All zeros for `n` replicas.
    pub fn zero(n: usize) -> Self {
        Clock(vec![0; n])
    }

    fn at(&self, i: usize) -> u32 {
        self.0.get(i).copied().unwrap_or(0)
    }

    /// Increments replica `r`'s entry (a local write).
    pub fn tick(&mut self, r: usize) {
        if r >= self.0.len() {
            self.0.resize(r + 1, 0);
        }
        self.0[r] += 1;
    }

    /// Every entry `≤` the other's.
    ///
    /// ```
    /// use sdp_lab_replication::vclock::Clock;
    /// assert!(Clock(vec![5, 3, 7]).leq(&Clock(vec![5, 4, 7])));
    /// ```
    pub fn leq(&self, other: &Clock) -> bool {
        let n = self.0.len().max(other.0.len());
        (0..n).all(|i| self.at(i) <= other.at(i))
    }

    /// How this clock compares with `other`.
    pub fn compare(&self, other: &Clock) -> Order {
        match (self.leq(other), other.leq(self)) {
            (true, true) => Order::Equal,
            (true, false) => Order::Before,
            (false, true) => Order::After,
            (false, false) => Order::Concurrent,
        }
    }

    /// The element-wise maximum.
    pub fn merge(&self, other: &Clock) -> Clock {
        let n = self.0.len().max(other.0.len());
        Clock((0..n).map(|i| self.at(i).max(other.at(i))).collect())
    }

    /// `{5, 3, 7}`.
    pub fn text(&self) -> String {
        let parts: Vec<String> = self.0.iter().map(u32::to_string).collect();
        format!("{{{}}}", parts.join(", "))
    }
}

impl PartialOrd for Clock {
    fn partial_cmp(&self, other: &Clock) -> Option<Ordering> {
        match self.compare(other) {
            Order::Equal => Some(Ordering::Equal),
            Order::Before => Some(Ordering::Less),
            Order::After => Some(Ordering::Greater),
            Order::Concurrent => None,
        }
    }
}
