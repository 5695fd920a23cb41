//! Quadtree, Z-order and Hilbert labs (catalogue M2.5, M2.6, data skipping).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
