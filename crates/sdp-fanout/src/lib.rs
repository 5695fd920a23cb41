//! Fan-out lab: push, pull, hybrid feeds and group chat (catalogue M7.1–M7.3, M7.6).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
