//! Design walkthroughs: the designs of F0 as data, with a live estimator.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
