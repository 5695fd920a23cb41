//! Watermarks and windows lab (catalogue M5.1–M5.5, M5.7).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
