//! Count-min sketch (catalogue M6.1; F4 §23): a `depth × width` table; adding `x` adds to one
//! cell per row, `h_i(x)`; the estimate is the minimum over the rows. It never under-estimates;
//! with probability at least `1 − δ` it over-estimates by at most `ε·N`, where `ε = e / width`
//! and `δ = e^(−depth)`. Conservative update (not in F4) raises only the cells at the current
//! minimum, to the new estimate.

use crate::hash::Hashes;
use sdp_kit::field::Word;
use serde::{Deserialize, Serialize};

/// How an add updates the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Update {
    /// F4: every row's cell `+= count`.
    Standard,
    /// Conservative update: only the cells below `estimate + count` rise to it (not in source).
    Conservative,
}

impl Word for Update {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Update::Standard, "standard"),
        (Update::Conservative, "conservative"),
    ];
}

/// A count-min sketch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountMin {
    /// The hashes, one per row.
    pub hashes: Hashes,
    /// `depth × width` counters, row after row.
    pub table: Vec<u64>,
    /// How adds update.
    pub update: Update,
}

impl CountMin {
    /// An empty sketch.
    pub fn new(hashes: Hashes, update: Update) -> Self {
        let cells = hashes.ab.len() * hashes.width;
        CountMin {
            hashes,
            table: vec![0; cells],
            update,
        }
    }

    /// Rows.
    pub fn depth(&self) -> usize {
        self.hashes.ab.len()
    }

    /// Columns.
    pub fn width(&self) -> usize {
        self.hashes.width
    }

    /// The cell of `item` in each row (`row × width + column`).
    pub fn cells(&self, item: &str) -> Vec<usize> {
        (0..self.depth())
            .map(|r| r * self.width() + self.hashes.index(item, r))
            .collect()
    }

    /// Adds `count` of `item`; returns its cells.
    pub fn add(&mut self, item: &str, count: u64) -> Vec<usize> {
        let cells = self.cells(item);
        self.add_at(&cells, count);
        cells
    }

    /// Adds `count` to an item whose cells ([`CountMin::cells`]) are known: the same as
    /// [`CountMin::add`] without hashing again.
    pub fn add_at(&mut self, cells: &[usize], count: u64) {
        match self.update {
            Update::Standard => {
                for &c in cells {
                    self.table[c] += count;
                }
            }
            Update::Conservative => {
                let target = self.estimate_at(cells) + count;
                for &c in cells {
                    self.table[c] = self.table[c].max(target);
                }
            }
        }
    }

    /// The estimate of an item whose cells are known: the minimum of those cells.
    pub fn estimate_at(&self, cells: &[usize]) -> u64 {
        cells.iter().map(|&c| self.table[c]).min().unwrap_or(0)
    }

    /// The estimate of `item`: the minimum of its cells.
    pub fn estimate(&self, item: &str) -> u64 {
        self.estimate_at(&self.cells(item))
    }

    /// Adds another sketch with the same hashes cell by cell (merging partitions).
    pub fn merge(&mut self, other: &CountMin) {
        for (a, b) in self.table.iter_mut().zip(&other.table) {
            *a += b;
        }
    }
}

/// `ε = e / width`.
pub fn epsilon(width: usize) -> f64 {
    std::f64::consts::E / width.max(1) as f64
}

/// `δ = e^(−depth)`.
pub fn delta(depth: usize) -> f64 {
    sdp_kit::detmath::exp(-(depth as f64))
}
