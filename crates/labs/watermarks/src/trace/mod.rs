//! The trace builders, one per mode.

pub mod checkpoint;
pub mod watermarks;
