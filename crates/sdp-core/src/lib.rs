//! Pure-Rust core of the System Design Playground.
//!
//! Every lab is a deterministic function `scenario → trace` (see [`lab`]). The core reads no
//! clock and no OS randomness: time and seeds are parameters, randomness comes from
//! [`rng::seeded`]. Nothing here depends on the web.
//!
//! ```
//! use sdp_core::lab::Lab;
//! use sdp_core::labs::hash_ring::HashRingLab;
//!
//! let scenario = HashRingLab::default_scenario();
//! let trace = HashRingLab::run(&scenario).expect("the default scenario is valid");
//! assert!(trace.len() > 1);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod fmt;
pub mod lab;
pub mod labs;
pub mod query;
pub mod rng;
pub mod stats;
