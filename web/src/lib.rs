//! The Yew front end of the System Design Playground.
//!
//! A thin layer over `sdp-core`: [`app`] routes, [`lab_page`] hosts any lab with the generic
//! [`player`], and `labs/` has one view file per lab.

pub mod app;
pub mod bench;
pub mod by_id;
pub mod designs;
pub mod dom;
pub mod lab_page;
pub mod labs;
pub mod palette;
pub mod player;
pub mod route;
pub mod widgets;

pub use app::App;
