//! Node-ID assignment (M3.7): static configuration, `ZooKeeper` ephemeral sequential nodes, and a
//! database lease table; every tick each node with an id issues one Snowflake ID in the same
//! millisecond, so two nodes sharing an id issue the same ID.

use serde::{Deserialize, Serialize};

/// How nodes get their ids.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Strategy {
    /// A config file per node.
    Static,
    /// `/snowflake/service/nodes/node-` ephemeral sequential znodes.
    #[default]
    Zookeeper,
    /// `node_leases` rows claimed with an expiry and renewed.
    Lease,
}

impl sdp_kit::field::Word for Strategy {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Strategy::Static, "static"),
        (Strategy::Zookeeper, "zookeeper"),
        (Strategy::Lease, "lease"),
    ];
}

/// How a znode's sequence becomes an id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ZkId {
    /// The document: the sequence number itself (`node-0000000042` → 42).
    #[default]
    Sequence,
    /// The fix: the lowest id no live node holds.
    Lowest,
}

impl sdp_kit::field::Word for ZkId {
    const WORDS: &'static [(Self, &'static str)] =
        &[(ZkId::Sequence, "sequence"), (ZkId::Lowest, "lowest")];
}

/// Largest node id of the 10-bit field.
pub const MAX_ID: u64 = 1023;

/// One node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// Its name (`node-1`; a replacement is `node-1′`).
    pub name: String,
    /// Its id, if it has one.
    pub id: Option<u64>,
    /// False once crashed.
    pub alive: bool,
    /// Its znode's sequence (`ZooKeeper`).
    pub seq: Option<u64>,
    /// The tick it last renewed its lease (lease).
    pub renewed: u64,
}

/// One row of `node_leases`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseRow {
    /// The id (the row's key).
    pub id: u64,
    /// `hostname`.
    pub holder: String,
    /// `lease_until`, in ticks.
    pub until: u64,
}

/// The lowest id in `0..=MAX_ID` not in `taken`.
pub fn lowest_free(taken: &[u64]) -> Option<u64> {
    (0..=MAX_ID).find(|i| !taken.contains(i))
}

/// `UPDATE node_leases SET hostname = me, lease_until = now + lease WHERE lease_until < now
/// LIMIT 1`, else `INSERT … WHERE (SELECT COUNT(*) FROM node_leases) < slots`. The id claimed,
/// and whether it was reclaimed from an expired row.
pub fn claim(
    rows: &mut Vec<LeaseRow>,
    me: &str,
    now: u64,
    lease: u64,
    slots: u64,
) -> Option<(u64, bool)> {
    if let Some(r) = rows
        .iter_mut()
        .filter(|r| r.until < now)
        .min_by_key(|r| r.id)
    {
        r.holder = me.to_string();
        r.until = now + lease;
        return Some((r.id, true));
    }
    if (rows.len() as u64) < slots {
        let id = rows.len() as u64;
        rows.push(LeaseRow {
            id,
            holder: me.to_string(),
            until: now + lease,
        });
        return Some((id, false));
    }
    None
}

/// IDs the same millisecond would duplicate: for each id held by k issuing nodes, k − 1.
pub fn duplicates(ids: &[u64]) -> u64 {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    sorted.windows(2).filter(|w| w[0] == w[1]).count() as u64
}
