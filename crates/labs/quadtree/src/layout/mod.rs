//! What the view draws, computed natively: the plane's viewport and hit-testing
//! ([`plane`]), the marks of a query step ([`marks`]), the tree panel's aggregates ([`tree`])
//! and the controls' text parsing ([`form`]). Pure, with no web dependency, so `cargo test`
//! covers it (`tests/layout.rs`).

pub mod form;
pub mod marks;
pub mod plane;
pub mod tree;
