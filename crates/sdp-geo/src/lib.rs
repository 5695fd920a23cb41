//! Geohash lab: encoding, grid, neighbours, proximity search (catalogue M2.1–M2.4, M2.7–M2.10).
//!
//! Plain, fast functions for the map view and benchmarks:
//! [`codec::encode`], [`codec::decode`], [`codec::decode_bbox`], [`codec::neighbours`],
//! [`distance::haversine_km`], [`grid::cells_in_viewport`], [`proximity::search`].
//! The lab itself is [`lab::GeohashLab`], one lab with several modes (encode, neighbours, cell
//! sizes, proximity search, haversine, sharding, cache).
//!
//! ```
//! use sdp_core::lab::Lab;
//! use sdp_geo::lab::GeohashLab;
//!
//! let trace = GeohashLab::run(&GeohashLab::default_scenario()).expect("valid");
//! assert!(trace.len() > 30);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod cache;
pub mod codec;
pub mod distance;
pub mod grid;
pub mod lab;
pub mod places;
pub mod proximity;
pub mod sharding;
pub mod sizes;
