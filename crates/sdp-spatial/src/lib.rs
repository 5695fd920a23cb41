//! Quadtree, Z-order and Hilbert labs (catalogue M2.5, M2.6, M17.1, M17.2).
//!
//! * [`quadtree`]: the `quadtree` lab (F0 Q15 "QuadTree") and a plain, fast
//!   [`quadtree::tree::QuadTree`].
//! * [`zorder`]: the `z-order` lab: bit interleaving, the Z and Hilbert curves over a grid, and
//!   min/max data skipping with three orderings side by side (F0 DP12 "Z-Ordering").
//! * [`curves`]: Z-order and Hilbert encode/decode as plain functions; [`geo`]: haversine and
//!   degree conversions.
//!
//! ```
//! use sdp_core::lab::Lab;
//! use sdp_spatial::quadtree::QuadtreeLab;
//! use sdp_spatial::zorder::ZOrderLab;
//!
//! assert!(QuadtreeLab::run(&QuadtreeLab::default_scenario()).unwrap().len() > 1);
//! assert!(ZOrderLab::run(&ZOrderLab::default_scenario()).unwrap().len() > 1);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod curves;
pub mod geo;
pub mod quadtree;
pub mod zorder;
