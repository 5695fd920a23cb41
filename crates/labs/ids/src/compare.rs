//! The schemes side by side: size, sortability, coordination, collision risk and what a failure
//! costs, with the figures computed from the same functions the modes use.

use crate::hashcode;
use crate::snowflake::{Layout, years};
use serde::{Deserialize, Serialize};

/// One scheme's row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The scheme.
    pub scheme: String,
    /// The mode that shows it.
    pub mode: String,
    /// Size of an ID.
    pub size: String,
    /// Whether IDs sort by time.
    pub sortable: String,
    /// Coordination needed.
    pub coordination: String,
    /// Collision risk.
    pub collisions: String,
    /// What a failure costs.
    pub failure: String,
}

/// URLs at which a hash prefix of `hex` characters reaches a 50 % collision chance:
/// √(2 N ln 2) ≈ 1.1774 √N.
pub fn half_chance(hex: u32) -> f64 {
    1.177_410_022_515_474_5 * hashcode::space(hex).sqrt()
}

/// The rows, in the order the modes come.
pub fn rows() -> Vec<Row> {
    let l = Layout::STANDARD;
    let row = |scheme: &str,
               mode: &str,
               size: String,
               sortable: &str,
               coordination: &str,
               collisions: String,
               failure: &str| Row {
        scheme: scheme.into(),
        mode: mode.into(),
        size,
        sortable: sortable.into(),
        coordination: coordination.into(),
        collisions,
        failure: failure.into(),
    };
    vec![
        row(
            "Counter + base62",
            "base62",
            format!("7 characters = {:.1} bits (62^7 codes)", 7.0 * 62f64.log2()),
            "by creation order (it is the counter)",
            "one counter (or ranges of it)",
            "none".into(),
            "the counter is a single point of failure; codes are guessable",
        ),
        row(
            "Hash prefix",
            "hash-prefix",
            "7 hex characters = 28 bits".into(),
            "no",
            "none to make a code; a lookup to detect a collision",
            format!(
                "50 % after ≈ {:.0} URLs; retried with a counter",
                half_chance(7)
            ),
            "none: any server can compute it, the table must be checked",
        ),
        row(
            "Ranges from a coordinator",
            "ranges",
            "a 64-bit integer".into(),
            "within a server's range only",
            "one request per range (every 10 000 IDs)",
            "none".into(),
            "a crash loses the rest of the server's range (gaps)",
        ),
        row(
            "Snowflake",
            "snowflake",
            "64 bits: 41 time + 10 node + 12 sequence".into(),
            "roughly: by ms, then node",
            "unique node ids (config, ZooKeeper or leases)",
            "none while node ids are unique and clocks never go back".into(),
            &format!(
                "a clock set back: errors, sleeps or a logical clock; {} nodes, {:.1} years, {} IDs per ms per node",
                l.max_node() + 1,
                years(l.ts_bits()),
                l.max_seq() + 1
            ),
        ),
        row(
            "ULID",
            "ulid",
            "128 bits = 26 characters (48 time + 80 random)".into(),
            "yes, as strings, by ms",
            "none",
            "2^-80 per pair in one ms (random part)".into(),
            &format!("none; the timestamps last {:.0} years", years(48)),
        ),
        row(
            "Pre-generated IDs",
            "pregen",
            "whatever the generator makes".into(),
            "as the generator's",
            "as the generator's",
            "as the generator's".into(),
            "a drained cache falls back to on-demand generation (latency); a crash loses the cached IDs",
        ),
    ]
}
