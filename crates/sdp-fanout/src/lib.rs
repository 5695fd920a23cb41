//! Fan-out lab: push, pull, hybrid feeds and group chat (catalogue M7.1–M7.3, M7.6).
//!
//! One lab, route `fan-out`, with two modes:
//! - **feed**: a seeded power-law follow graph ([`graph`]) and a workload of posts and feed
//!   reads ([`workload`]) run through push, pull and hybrid fan-out side by side ([`sim`]):
//!   fan-out workers write posts into bounded feed caches ([`feed`]), reads merge sources, an
//!   optional ranking funnel re-sorts the page ([`ranking`]);
//! - **chat**: a group message stored as N copies or as one message with N references, online
//!   members served at once and offline ones on reconnect ([`chat`]).
//!
//! ```
//! use sdp_core::lab::Lab;
//! use sdp_fanout::FanOutLab;
//!
//! let trace = FanOutLab::run(&FanOutLab::default_scenario()).expect("valid");
//! assert!(trace.len() > 10);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod chat;
mod chat_trace;
mod detmath;
pub mod feed;
mod feed_trace;
pub mod graph;
pub mod lab;
pub mod ranking;
mod run;
pub mod sim;
pub mod state;
mod url;
pub mod workload;

pub use feed_trace::sim_config;
pub use lab::{Action, FanOutLab, Mode, Params};
pub use sim::Strategy;
pub use state::State;
