//! Snowflake IDs (M3.4, M3.6): 1 sign bit, a timestamp since a custom epoch, a node id
//! (optionally datacenter + machine) and a per-millisecond sequence, composed by shifts and
//! parsed by shifts and masks.

use serde::{Deserialize, Serialize};

/// 2020-01-01T00:00:00Z in Unix milliseconds, the document's example epoch.
pub const EPOCH_2020: u64 = 1_577_836_800_000;
/// Twitter's epoch (2010-11-04T01:42:54.657Z).
pub const TWITTER_EPOCH: u64 = 1_288_834_974_657;

/// How the 63 value bits are split.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    /// Bits of the node field (10: 1 024 nodes).
    pub node_bits: u32,
    /// Bits of the sequence (12: 4 096 per millisecond).
    pub seq_bits: u32,
    /// The node field's upper bits that name the datacenter (0: no split; 5 in M3.6).
    pub dc_bits: u32,
}

impl Layout {
    /// The document's 41 / 10 / 12.
    pub const STANDARD: Layout = Layout {
        node_bits: 10,
        seq_bits: 12,
        dc_bits: 0,
    };
    /// M3.6: 41 / 5 datacenter / 5 machine / 12.
    pub const DATACENTER: Layout = Layout {
        node_bits: 10,
        seq_bits: 12,
        dc_bits: 5,
    };

    /// Bits of the timestamp: what the sign bit, node and sequence leave.
    pub fn ts_bits(self) -> u32 {
        63 - self.node_bits - self.seq_bits
    }
    /// Bits of the machine part of the node field.
    pub fn machine_bits(self) -> u32 {
        self.node_bits - self.dc_bits
    }
    /// Largest timestamp delta.
    pub fn max_ts(self) -> u64 {
        (1u64 << self.ts_bits()) - 1
    }
    /// Largest node id.
    pub fn max_node(self) -> u64 {
        (1u64 << self.node_bits) - 1
    }
    /// Largest sequence number.
    pub fn max_seq(self) -> u64 {
        (1u64 << self.seq_bits) - 1
    }
    /// Shift of the timestamp field.
    pub fn ts_shift(self) -> u32 {
        self.node_bits + self.seq_bits
    }
}

/// The fields of one ID.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fields {
    /// Milliseconds since the epoch.
    pub ts: u64,
    /// The node id (datacenter << machine bits | machine, when split).
    pub node: u64,
    /// The sequence.
    pub seq: u64,
}

/// Why fields do not fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComposeError {
    /// The timestamp delta needs more bits than the layout has (or is before the epoch).
    Timestamp,
    /// The node id passes its field.
    Node,
    /// The sequence passes its field.
    Sequence,
}

/// `ID = ts << (node_bits + seq_bits) | node << seq_bits | seq`.
///
/// ```
/// use sdp_lab_ids::snowflake::{compose, Fields, Layout};
/// let f = Fields { ts: 126_230_400_000, node: 42, seq: 1234 };
/// assert_eq!(compose(f, Layout::STANDARD), Ok(529_448_671_641_773_266));
/// ```
pub fn compose(f: Fields, l: Layout) -> Result<u64, ComposeError> {
    if f.ts > l.max_ts() {
        return Err(ComposeError::Timestamp);
    }
    if f.node > l.max_node() {
        return Err(ComposeError::Node);
    }
    if f.seq > l.max_seq() {
        return Err(ComposeError::Sequence);
    }
    Ok(f.ts << l.ts_shift() | f.node << l.seq_bits | f.seq)
}

/// `ts = ID >> 22; node = (ID >> 12) & 0x3FF; seq = ID & 0xFFF` (for the standard layout).
pub fn parse(id: u64, l: Layout) -> Fields {
    Fields {
        ts: (id >> l.ts_shift()) & l.max_ts(),
        node: (id >> l.seq_bits) & l.max_node(),
        seq: id & l.max_seq(),
    }
}

/// The node field of datacenter `dc` and machine `machine`.
pub fn node_of(dc: u64, machine: u64, l: Layout) -> u64 {
    dc << l.machine_bits() | machine
}

/// `(datacenter, machine)` of a node field.
pub fn split_node(node: u64, l: Layout) -> (u64, u64) {
    (
        node >> l.machine_bits(),
        node & ((1u64 << l.machine_bits()) - 1),
    )
}

/// Years that 2^bits milliseconds last (365.25-day years).
pub fn years(bits: u32) -> f64 {
    (1u128 << bits) as f64 / 1000.0 / 86_400.0 / 365.25
}
