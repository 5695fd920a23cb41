//! Labs that live in the core crate. Each implements [`crate::lab::Lab`]; other labs live in
//! their own crates under `crates/` and the web crate lists them all.

pub mod hash_ring;
