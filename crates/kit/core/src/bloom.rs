//! A Bloom filter (catalogue M6.7), shared by the labs that draw one (the sketches lab's `bloom`
//! mode, the caching lab's negative cache): `m` bits, `k` hash positions per key; inserting sets
//! the `k` bits, a query answers "definitely not" if any is clear and "maybe" otherwise, so there
//! are false positives but never false negatives.
//!
//! The `k` positions are `h1 + i·h2 mod m` from two `MurmurHash3` values of the key (seeds 0 and
//! 1, `h2` made odd; Kirsch–Mitzenmacher double hashing: the documents name no hash family).
//! The formulas use [`crate::detmath`], so they give the same bits natively and in WebAssembly.
//!
//! ```
//! use sdp_kit::bloom::{Bloom, false_positive};
//! // F4 §18's negative cache: `BloomFilter(size=1000000, hash_functions=3)`.
//! let mut b = Bloom::new(1_000_000, 3);
//! b.add("user:1");
//! assert!(b.contains("user:1")); // never a false negative
//! assert_eq!(b.ones(), 3);
//! // Catalogue M6.7: with 100 000 keys inserted, 1.74 % of absent keys answer "maybe".
//! assert!((false_positive(1_000_000, 100_000, 3) - 0.0174).abs() < 0.00005);
//! ```

use crate::detmath;
use serde::{Deserialize, Serialize};

/// `MurmurHash3`, x86 32-bit variant, of `data` with `seed` (the filter's hash; also what F4
/// calls through `mmh3.hash(str(x), seed)`).
///
/// ```
/// use sdp_kit::bloom::murmur3_32;
/// assert_eq!(murmur3_32(b"", 0), 0);
/// assert_eq!(murmur3_32(b"hello", 0), 0x248b_fa47);
/// ```
pub fn murmur3_32(data: &[u8], seed: u32) -> u32 {
    const C1: u32 = 0xcc9e_2d51;
    const C2: u32 = 0x1b87_3593;
    let mut h = seed;
    let mut chunks = data.chunks_exact(4);
    for block in &mut chunks {
        let mut k = u32::from_le_bytes([block[0], block[1], block[2], block[3]]);
        k = k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
        h ^= k;
        h = h.rotate_left(13).wrapping_mul(5).wrapping_add(0xe654_6b64);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let mut k = 0u32;
        for (i, &b) in tail.iter().enumerate() {
            k |= u32::from(b) << (8 * i);
        }
        k = k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
        h ^= k;
    }
    h ^= data.len() as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

/// A Bloom filter of `m` bits and `k` hash positions per key.
///
/// ```
/// use sdp_kit::bloom::Bloom;
/// let mut b = Bloom::new(64, 2);
/// let set = b.insert("a");
/// let (maybe, checked) = b.query("a");
/// assert!(maybe);
/// assert_eq!(set, checked);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bloom {
    m: u64,
    k: u32,
    words: Vec<u64>,
    set: u64,
}

impl Bloom {
    /// `m` clear bits (at least 1), `k` hashes (at least 1).
    pub fn new(m: u64, k: u32) -> Self {
        let m = m.max(1);
        Bloom {
            m,
            k: k.max(1),
            words: vec![0; m.div_ceil(64) as usize],
            set: 0,
        }
    }

    /// Bits.
    pub fn m(&self) -> u64 {
        self.m
    }

    /// Hash positions per key.
    pub fn k(&self) -> u32 {
        self.k
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

    /// Whether bit `p` is set (false past the end).
    pub fn bit(&self, p: u64) -> bool {
        self.words
            .get((p / 64) as usize)
            .is_some_and(|w| w >> (p % 64) & 1 == 1)
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
            if let Some(w) = self.words.get_mut((p / 64) as usize) {
                *w |= 1 << (p % 64);
                self.set += 1;
            }
        }
    }

    /// "Maybe" (true) or "definitely not" (false), with the positions checked.
    pub fn query(&self, key: &str) -> (bool, Vec<u64>) {
        let ps = self.positions(key);
        (ps.iter().all(|&p| self.bit(p)), ps)
    }

    /// "Maybe" (true) or "definitely not" (false), like [`Bloom::query`] without the positions.
    pub fn contains(&self, key: &str) -> bool {
        self.position_iter(key).all(|p| self.bit(p))
    }

    /// Bits set.
    pub fn ones(&self) -> u64 {
        self.set
    }

    /// Set bits per stretch of `m / bins` bits, as a share of the stretch (for drawing a large
    /// array scaled down). Bit `p` falls in stretch `⌊p / (m / bins)⌋`.
    pub fn density(&self, bins: usize) -> Vec<f64> {
        let bins = bins.clamp(1, self.m as usize);
        let per = self.m as f64 / bins as f64;
        let bin_of = |p: u64| ((p as f64 / per) as usize).min(bins - 1);
        // Each stretch's first bit, found with the same division as `bin_of`, then the set
        // bits between two starts counted a word at a time.
        let mut starts = Vec::with_capacity(bins + 1);
        for b in 0..bins {
            let (mut lo, mut hi) = (0u64, self.m);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if bin_of(mid) >= b {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            starts.push(lo);
        }
        starts.push(self.m);
        starts
            .windows(2)
            .map(|w| self.count_ones(w[0], w[1]) as f64 / per)
            .collect()
    }

    /// Set bits among positions `from..to`.
    fn count_ones(&self, from: u64, to: u64) -> u64 {
        let mut n = 0u64;
        let mut p = from;
        while p < to {
            let w = (p / 64) as usize;
            let lo = p % 64;
            let hi = (to - (p - lo)).min(64);
            let word = self.words.get(w).copied().unwrap_or(0) >> lo;
            let width = hi - lo;
            let mask = if width >= 64 {
                u64::MAX
            } else {
                (1u64 << width) - 1
            };
            n += u64::from((word & mask).count_ones());
            p += width;
        }
        n
    }
}

/// The false-positive rate `(1 − e^(−kn/m))^k` after `n` insertions.
///
/// F0 Q10's sizing: 10 bits per element with k = 7 gives 0.82 %:
/// ```
/// let p = sdp_kit::bloom::false_positive(10_000, 1_000, 7);
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
///
/// ```
/// assert!((sdp_kit::bloom::optimal_k(10, 1) - 6.931).abs() < 0.001);
/// ```
pub fn optimal_k(m: u64, n: u64) -> f64 {
    m as f64 / n.max(1) as f64 * std::f64::consts::LN_2
}

/// Bits per element for a false-positive rate `p`: `−ln p / (ln 2)²`.
///
/// ```
/// let b = sdp_kit::bloom::bits_per_element(0.01);
/// assert!((b - 9.585).abs() < 0.001);
/// ```
pub fn bits_per_element(p: f64) -> f64 {
    -detmath::ln(p) / (std::f64::consts::LN_2 * std::f64::consts::LN_2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f4_filter_vectors() {
        // Catalogue M6.7 CV: m = 1 000 000, k = 3.
        assert!((false_positive(1_000_000, 50_000, 3) - 0.0027).abs() < 0.00005);
        assert!((false_positive(1_000_000, 100_000, 3) - 0.0174).abs() < 0.00005);
        assert!((false_positive(1_000_000, 1_000_000, 3) - 0.858).abs() < 0.0005);
        assert_eq!(false_positive(1_000, 0, 3), 0.0);
    }

    #[test]
    fn no_false_negatives_and_exact_counts() {
        let mut b = Bloom::new(1_000, 3);
        let keys: Vec<String> = (0..200).map(|i| format!("user:{i}")).collect();
        let mut bits = std::collections::BTreeSet::new();
        for k in &keys {
            bits.extend(b.insert(k));
        }
        assert_eq!(b.ones(), bits.len() as u64);
        for k in &keys {
            assert!(b.contains(k), "{k}");
        }
        // A query answers "maybe" exactly when all of its positions are among the set bits.
        for i in 0..2_000 {
            let q = format!("absent:{i}");
            let brute = b.positions(&q).iter().all(|p| bits.contains(p));
            assert_eq!(b.contains(&q), brute, "{q}");
            assert_eq!(b.query(&q).0, brute, "{q}");
        }
    }

    #[test]
    fn positions_are_double_hashing_mod_m() {
        for m in [1u64, 7, 64, 1_000_000] {
            let b = Bloom::new(m, 5);
            let h1 = u64::from(murmur3_32(b"x", 0));
            let h2 = u64::from(murmur3_32(b"x", 1)) | 1;
            let want: Vec<u64> = (0..5).map(|i| (h1 + i * h2) % m).collect();
            assert_eq!(b.positions("x"), want);
        }
    }

    #[test]
    fn density_sums_to_the_ones() {
        let mut b = Bloom::new(1_000, 4);
        for i in 0..50 {
            b.add(&i.to_string());
        }
        let d = b.density(10);
        let total: f64 = d.iter().map(|x| x * 100.0).sum();
        assert!((total - b.ones() as f64).abs() < 1e-9);
        assert!(!b.bit(5_000));
    }

    /// The word-at-a-time density against a bit-by-bit count.
    #[test]
    fn density_matches_a_bit_by_bit_count() {
        for (m, k, n, bins) in [
            (1_000u64, 3u32, 80, 7usize),
            (4_096, 2, 500, 64),
            (333, 5, 40, 333),
            (10, 1, 3, 200),
            (100_003, 4, 9_000, 200),
        ] {
            let mut b = Bloom::new(m, k);
            for i in 0..n {
                b.add(&format!("k{i}"));
            }
            let bins_c = bins.clamp(1, m as usize);
            let per = m as f64 / bins_c as f64;
            let mut want = vec![0u64; bins_c];
            for p in 0..m {
                if b.bit(p) {
                    want[((p as f64 / per) as usize).min(bins_c - 1)] += 1;
                }
            }
            let want: Vec<f64> = want.into_iter().map(|c| c as f64 / per).collect();
            assert_eq!(b.density(bins), want, "m {m} bins {bins}");
        }
    }

    #[test]
    fn sizing_formulas() {
        assert!((bits_per_element(0.01) * 10e9 / 8e9 - 11.98).abs() < 0.01);
        assert!((optimal_k(1_000_000, 100_000) - 6.93).abs() < 0.01);
    }
}
