//! One limit across several datacenters (catalogue M4.9, F0 Q2 deep dive): each DC with its own
//! limiter (fast, but N DCs admit up to N × the limit), DCs that share their counts every `sync`
//! seconds (the counts arrive `lag` seconds later), and one global counter (exact, but every
//! request crosses to it). All three count fixed windows aligned to `now // window`.

use crate::DcParams;
use sdp_kit::field::Word;
use serde::{Deserialize, Serialize};

/// How requests divide among the datacenters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Split {
    /// Round robin.
    Even,
    /// Each DC gets twice the next one's share (4 : 2 : 1 for three).
    Skewed,
}

impl Word for Split {
    const WORDS: &'static [(Self, &'static str)] =
        &[(Split::Even, "even"), (Split::Skewed, "skewed")];
}

/// The three ways of limiting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Strategy {
    /// Each DC alone.
    Local,
    /// Each DC adds the others' counts from the last sync that has arrived.
    Synced,
    /// One counter for all.
    Global,
}

impl Strategy {
    /// All three, in display order.
    pub const ALL: [Strategy; 3] = [Strategy::Local, Strategy::Synced, Strategy::Global];

    /// Its name on screen.
    pub fn title(self) -> &'static str {
        match self {
            Strategy::Local => "Local limiter per DC",
            Strategy::Synced => "Local + periodic sync",
            Strategy::Global => "One global counter",
        }
    }
}

/// The DC of request `i`.
fn dc_of(i: u64, dcs: u8, split: Split) -> u8 {
    match split {
        Split::Even => (i % u64::from(dcs)) as u8,
        Split::Skewed => {
            let weights: Vec<u64> = (0..dcs).map(|d| 1u64 << (dcs - 1 - d)).collect();
            let total: u64 = weights.iter().sum();
            let mut at = i % total;
            for (d, w) in weights.iter().enumerate() {
                if at < *w {
                    return d as u8;
                }
                at -= w;
            }
            0
        }
    }
}

/// The requests: `count` evenly over the span, each with its DC.
///
/// ```
/// use sdp_lab_rate_limiter::{datacenters::{arrivals, Split}, DcParams};
/// let p = DcParams { dcs: 3, count: 6, span_s: 6, split: Split::Skewed, ..DcParams::default() };
/// let got: Vec<u8> = arrivals(&p).iter().map(|&(_, dc)| dc).collect();
/// assert_eq!(got, [0, 0, 0, 0, 1, 1]);
/// ```
pub fn arrivals(p: &DcParams) -> Vec<(u64, u8)> {
    let n = u64::from(p.count);
    let span = u64::from(p.span_s) * 1000;
    (0..n)
        .map(|i| (i * span / n.max(1), dc_of(i, p.dcs.max(1), p.split)))
        .collect()
}

/// What the three strategies did, per request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DcRun {
    /// Admitted, per strategy in [`Strategy::ALL`] order.
    pub admitted: [Vec<bool>; 3],
    /// Synced: the other DCs' count this DC knew of when the request came.
    pub known: Vec<u32>,
    /// Synced: this DC's own count in the window before the request.
    pub own: Vec<u32>,
}

/// Runs the three strategies.
pub fn run(p: &DcParams, arrivals: &[(u64, u8)]) -> DcRun {
    let window = u64::from(p.window_s) * 1000;
    let sync = u64::from(p.sync_s) * 1000;
    let lag = u64::from(p.lag_s) * 1000;
    let dcs = usize::from(p.dcs.max(1));
    let mut out = DcRun::default();
    let mut local = vec![0u32; dcs];
    let mut synced = vec![0u32; dcs];
    let mut global = 0u32;
    // Published counts: (publish time, window, counts of every DC at that time).
    let mut published: Vec<(u64, u64, Vec<u32>)> = Vec::new();
    let mut next_sync = sync;
    let mut current = 0u64;
    for &(t, dc) in arrivals {
        let index = t / window;
        while next_sync <= t {
            let w = next_sync / window;
            let counts = if w == current {
                synced.clone()
            } else {
                vec![0; dcs]
            };
            published.push((next_sync, w, counts));
            next_sync += sync;
        }
        if index != current {
            current = index;
            local.fill(0);
            synced.fill(0);
            global = 0;
        }
        let d = usize::from(dc).min(dcs - 1);
        let known: u32 = published
            .iter()
            .rev()
            .find(|(at, w, _)| at + lag <= t && *w == index)
            .map_or(0, |(_, _, counts)| {
                counts
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != d)
                    .map(|(_, c)| c)
                    .sum()
            });
        out.known.push(known);
        out.own.push(synced[d]);
        let l = local[d] < p.limit;
        local[d] += u32::from(l);
        let s = synced[d] + known < p.limit;
        synced[d] += u32::from(s);
        let g = global < p.limit;
        global += u32::from(g);
        out.admitted[0].push(l);
        out.admitted[1].push(s);
        out.admitted[2].push(g);
    }
    out
}
