//! Geohash lab: encoding, grid, neighbours, proximity search (catalogue M2.1–M2.4, M2.7–M2.10).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
