//! Bloom filter (catalogue M6.7; F0 Q10 URL dedup, F4 §18 negative cache): `m` bits, `k` hash
//! positions per key; inserting sets the `k` bits, a query answers "definitely not" if any is
//! clear and "maybe" otherwise, so there are false positives but never false negatives.
//!
//! The `k` positions are `h1 + i·h2 mod m` from two `MurmurHash3` values (Kirsch–Mitzenmacher;
//! the documents name no hash family: not in source).

use crate::hash::murmur3_32;
use sdp_kit::detmath;
use serde::{Deserialize, Serialize};

/// A Bloom filter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bloom {
    m: u64,
    k: u32,
    words: Vec<u64>,
    set: u64,
}

impl Bloom {
    /// `m` clear bits, `k` hashes.
    pub fn new(m: u64, k: u32) -> Self {
        Bloom {
            m: m.max(1),
            k: k.max(1),
            words: vec![0; m.div_ceil(64) as usize],
            set: 0,
        }
    }

    /// Bits.
    pub fn m(&self) -> u64 {
        self.m
    }

    /// The key's `k` positions.
    pub fn positions(&self, key: &str) -> Vec<u64> {
        self.position_iter(key).collect()
    }

    /// `(h1 + i·h2) mod m` for `i` in `0..k`, by adding `h2 mod m` each time: the same values
    /// without a division per position (`h1 + i·h2` never passes 2⁶⁴, as `h1`, `h2` and `i`
    /// are below 2³²).
    fn position_iter(&self, key: &str) -> impl Iterator<Item = u64> + use<> {
        let h1 = u64::from(murmur3_32(key.as_bytes(), 0));
        let h2 = u64::from(murmur3_32(key.as_bytes(), 1)) | 1;
        let m = self.m;
        let step = h2 % m;
        let mut p = h1 % m;
        (0..self.k).map(move |_| {
            let out = p;
            p = if step >= m - p {
                p - (m - step)
            } else {
                p + step
            };
            out
        })
    }

    fn bit(&self, p: u64) -> bool {
        self.words[(p / 64) as usize] >> (p % 64) & 1 == 1
    }

    /// Sets the key's bits; returns its positions.
    pub fn insert(&mut self, key: &str) -> Vec<u64> {
        let ps = self.positions(key);
        for &p in &ps {
            self.set_bit(p);
        }
        ps
    }

    /// Sets the key's bits, like [`Bloom::insert`] without returning the positions.
    pub fn add(&mut self, key: &str) {
        for p in self.position_iter(key) {
            self.set_bit(p);
        }
    }

    fn set_bit(&mut self, p: u64) {
        if !self.bit(p) {
            self.words[(p / 64) as usize] |= 1 << (p % 64);
            self.set += 1;
        }
    }

    /// "Maybe" (true) or "definitely not" (false), with the positions checked.
    pub fn query(&self, key: &str) -> (bool, Vec<u64>) {
        let ps = self.positions(key);
        (ps.iter().all(|&p| self.bit(p)), ps)
    }

    /// Bits set.
    pub fn ones(&self) -> u64 {
        self.set
    }

    /// Set bits per stretch of `m / bins` bits (for drawing a large array).
    pub fn density(&self, bins: usize) -> Vec<f64> {
        let bins = bins.clamp(1, self.m as usize);
        let per = self.m as f64 / bins as f64;
        let mut out = vec![0u64; bins];
        for (w, word) in self.words.iter().enumerate() {
            let mut bits = *word;
            while bits != 0 {
                let p = w as u64 * 64 + u64::from(bits.trailing_zeros());
                let b = ((p as f64 / per) as usize).min(bins - 1);
                out[b] += 1;
                bits &= bits - 1;
            }
        }
        out.into_iter().map(|c| c as f64 / per).collect()
    }
}

/// The false-positive rate `(1 − e^(−kn/m))^k`.
///
/// F0 Q10's sizing: 10 bits per element with k = 7 gives 0.82 %:
/// ```
/// let p = sdp_lab_sketches::bloom::false_positive(10_000, 1_000, 7);
/// assert!((p - 0.008_19).abs() < 0.000_01);
/// ```
pub fn false_positive(m: u64, n: u64, k: u32) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let fill = 1.0 - detmath::exp(-(f64::from(k) * n as f64 / m.max(1) as f64));
    (0..k).fold(1.0, |acc, _| acc * fill)
}

/// The optimal `k = (m / n) · ln 2`.
pub fn optimal_k(m: u64, n: u64) -> f64 {
    m as f64 / n.max(1) as f64 * std::f64::consts::LN_2
}

/// Bits per element for a false-positive rate `p`: `−ln p / (ln 2)²`.
///
/// ```
/// let b = sdp_lab_sketches::bloom::bits_per_element(0.01);
/// assert!((b - 9.585).abs() < 0.001);
/// ```
pub fn bits_per_element(p: f64) -> f64 {
    -detmath::ln(p) / (std::f64::consts::LN_2 * std::f64::consts::LN_2)
}
