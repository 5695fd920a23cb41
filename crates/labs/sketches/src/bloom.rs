//! Bloom filter (catalogue M6.7; F0 Q10 URL dedup, F4 §18 negative cache): `m` bits, `k` hash
//! positions per key; inserting sets the `k` bits, a query answers "definitely not" if any is
//! clear and "maybe" otherwise, so there are false positives but never false negatives.
//!
//! The filter and its formulas live in the kit ([`sdp_kit::bloom`], shared with the caching
//! lab's negative cache); this module names them for the sketches lab.
//!
//! ```
//! let p = sdp_lab_sketches::bloom::false_positive(10_000, 1_000, 7);
//! assert!((p - 0.008_19).abs() < 0.000_01);
//! ```

pub use sdp_kit::bloom::{Bloom, bits_per_element, false_positive, optimal_k};
