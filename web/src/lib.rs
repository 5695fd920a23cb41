//! The thin app around the labs: the `home` bundle (home page, lab index, design index, and the
//! page for anything that is not there), and `loader.js`, which picks each route's bundle.
//! Every list of labs comes from `sdp_registry`.

pub mod app;
pub mod designs_index;

pub use app::HomeApp;
