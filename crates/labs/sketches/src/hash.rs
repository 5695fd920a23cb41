//! The hash functions the sketches use: `MurmurHash3` x86 32-bit (what F4 calls through
//! `mmh3.hash(str(x), seed)`), and a seeded pairwise-independent family
//! `((a·x + b) mod p) mod width` for comparison.

use sdp_kit::field::Word;
use serde::{Deserialize, Serialize};

/// `MurmurHash3`, x86 32-bit variant (the kit's, which the Bloom filter uses too).
///
/// ```
/// use sdp_lab_sketches::hash::murmur3_32;
/// assert_eq!(murmur3_32(b"hello", 0), 0x248b_fa47);
/// ```
pub use sdp_kit::bloom::murmur3_32;

/// `mmh3.hash(text, seed) % width` as Python computes it: `mmh3.hash` is a signed 32-bit value
/// and Python's `%` is never negative.
///
/// ```
/// use sdp_lab_sketches::hash::{mmh3_index, murmur3_32};
/// let signed = murmur3_32(b"x", 3) as i32;
/// assert_eq!(mmh3_index("x", 3, 10), i64::from(signed).rem_euclid(10) as usize);
/// ```
pub fn mmh3_index(text: &str, seed: u32, width: usize) -> usize {
    let signed = i64::from(murmur3_32(text.as_bytes(), seed) as i32);
    signed.rem_euclid(width.max(1) as i64) as usize
}

/// Which hash family a sketch uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Family {
    /// `mmh3.hash(str(x), seed=i) % width`, as F4 writes it.
    Murmur3,
    /// `((a_i · x + b_i) mod p) mod width` with `p = 2³¹ − 1` and seeded `a_i`, `b_i`, on the
    /// item's `MurmurHash3` with seed 0 (not in source).
    Universal,
}

impl Word for Family {
    const WORDS: &'static [(Self, &'static str)] = &[
        (Family::Murmur3, "murmur3"),
        (Family::Universal, "universal"),
    ];
}

/// The Mersenne prime 2³¹ − 1.
const P: u64 = (1 << 31) - 1;

/// One hash per sketch row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hashes {
    /// The family.
    pub family: Family,
    /// Columns.
    pub width: usize,
    /// `(a, b)` per row (the universal family).
    pub ab: Vec<(u64, u64)>,
}

impl Hashes {
    /// `depth` hashes onto `width` columns; the universal family's coefficients come from
    /// `seed`.
    pub fn new(family: Family, depth: usize, width: usize, seed: u64) -> Self {
        use rand::RngExt;
        let mut rng = sdp_kit::rng::seeded(seed ^ 0x5ca1_ab1e);
        let ab = (0..depth)
            .map(|_| (rng.random_range(1..P), rng.random_range(0..P)))
            .collect();
        Hashes {
            family,
            width: width.max(1),
            ab,
        }
    }

    /// The column of `item` in row `row`.
    pub fn index(&self, item: &str, row: usize) -> usize {
        match self.family {
            Family::Murmur3 => mmh3_index(item, row as u32, self.width),
            Family::Universal => {
                let x = u64::from(murmur3_32(item.as_bytes(), 0)) % P;
                let (a, b) = self.ab.get(row).copied().unwrap_or((1, 0));
                (((a * x + b) % P) % self.width as u64) as usize
            }
        }
    }
}
