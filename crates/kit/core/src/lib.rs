//! The kit's pure half: the lab contract every lab implements.
//!
//! A lab is a deterministic function `scenario → trace` (see [`lab`]). It declares its URL
//! [`field`]s, modes, actions and checks; [`lab::Contract`] derives the default scenario,
//! validation and the URL codec ([`codec`]) from them. The kit reads no clock and no OS
//! randomness: time and seeds are parameters, randomness comes from [`rng::seeded`]. Nothing
//! here depends on the web.
//!
//! ```
//! use sdp_kit::lab::{Contract, ParamError};
//! use sdp_kit::query;
//! // Every lab reads its URL the same way: bad fields fall back and are reported.
//! let pairs = query::parse("step=3&embed=1");
//! assert!(query::only_player_keys(&pairs));
//! assert_eq!(ParamError::range("n", 1, 9, "0").to_string(), "n: must be between 1 and 9 (got 0)");
//! ```
#![forbid(unsafe_code)]

pub mod bloom;
pub mod codec;
#[cfg(feature = "testing")]
pub mod conformance;
pub mod detmath;
pub mod docs;
pub mod field;
pub mod fmt;
pub mod lab;
pub mod query;
pub mod quiz;
pub mod rng;
pub mod scenario_file;
pub mod stats;

pub use lab::{Contract, Lab};
