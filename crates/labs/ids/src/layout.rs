//! What the views draw, computed here so it is tested natively: the fields of a 64-bit strip,
//! and the clock graph's points.

use crate::sim::Call;
use crate::snowflake::Layout;
use serde::{Deserialize, Serialize};

/// A field of a Snowflake ID.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    /// The sign bit (always 0).
    Sign,
    /// Milliseconds since the epoch.
    Time,
    /// The datacenter (datacenter split).
    Datacenter,
    /// The node, or the machine under the datacenter split.
    Node,
    /// The sequence.
    Sequence,
}

impl Part {
    /// The field's name.
    pub fn name(self) -> &'static str {
        match self {
            Part::Sign => "sign",
            Part::Time => "timestamp",
            Part::Datacenter => "datacenter",
            Part::Node => "node",
            Part::Sequence => "sequence",
        }
    }
}

/// One field of the strip: its bits, most significant first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Which field.
    pub part: Part,
    /// Index of its most significant bit (63 for the sign).
    pub hi: u32,
    /// Its width in bits.
    pub len: u32,
    /// Its value.
    pub value: u64,
}

/// The fields of `id` under layout `l`, sign first; their widths add up to 64.
///
/// ```
/// use sdp_lab_ids::layout::strip;
/// use sdp_lab_ids::snowflake::Layout;
/// let s = strip(529_448_671_641_773_266, Layout::STANDARD);
/// assert_eq!(s.iter().map(|f| f.len).sum::<u32>(), 64);
/// assert_eq!(s.iter().map(|f| f.value).collect::<Vec<_>>(), [0, 126_230_400_000, 42, 1234]);
/// ```
pub fn strip(id: u64, l: Layout) -> Vec<Segment> {
    let mut widths = vec![(Part::Sign, 1), (Part::Time, l.ts_bits())];
    if l.dc_bits > 0 {
        widths.push((Part::Datacenter, l.dc_bits));
        widths.push((Part::Node, l.machine_bits()));
    } else {
        widths.push((Part::Node, l.node_bits));
    }
    widths.push((Part::Sequence, l.seq_bits));
    let mut hi = 63;
    widths
        .into_iter()
        .map(|(part, len)| {
            let lo = hi + 1 - len;
            let value = (id >> lo) & ((1u64 << len) - 1);
            let seg = Segment {
                part,
                hi,
                len,
                value,
            };
            hi = hi.saturating_sub(len);
            seg
        })
        .collect()
}

/// The 64 bits of `id`, most significant first.
pub fn bits(id: u64) -> String {
    format!("{id:064b}")
}

/// A point of the clock graph: real time, the wall clock read, and `last_ts` before the call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockPoint {
    /// Real ms since the start.
    pub real: u64,
    /// The node's wall clock, Unix ms.
    pub clock: i64,
    /// `last_ts` before the call.
    pub last: Option<i64>,
}

/// The last `max` calls of node `node` among `calls[..=upto]`, as graph points.
pub fn clock_points(calls: &[Call], node: u32, upto: usize, max: usize) -> Vec<ClockPoint> {
    let end = (upto + 1).min(calls.len());
    let mut pts: Vec<ClockPoint> = calls[..end]
        .iter()
        .rev()
        .filter(|c| c.node == node)
        .take(max)
        .map(|c| ClockPoint {
            real: c.start,
            clock: c.outcome.clock,
            last: c.outcome.last,
        })
        .collect();
    pts.reverse();
    pts
}
