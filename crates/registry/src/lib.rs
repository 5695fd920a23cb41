//! The one list of labs. Everything that lists labs is derived from [`LABS`] and [`visit`]:
//! the home page and the lab index (`web/`), the designs' lab links and their test, the docs'
//! URL tables (`docs/url-parameters.md`, checked by this crate's tests), the README's lab list,
//! and the bundle links of `index.html` (checked too).
//!
//! Adding a lab: its folder `crates/labs/<id>/`, one line in [`labs!`] below, one dependency
//! line in this crate's `Cargo.toml`, and its bundle line in `index.html`.
//!
//! ```
//! assert!(sdp_registry::LABS.iter().any(|lab| lab.id == "hash-ring"));
//! assert!(sdp_registry::check_link("hash-ring", "servers=0").is_err());
//! ```

use sdp_kit::lab::{Contract, Lab, LabInfo};
use sdp_kit::query;

/// Something done once per registered lab, with the lab's type.
pub trait Visitor {
    /// Called for each lab, in index order.
    fn visit<L: Lab>(&mut self);
}

/// Declares the labs: the [`LABS`] list and [`visit`].
macro_rules! labs {
    ($($lab:path),* $(,)?) => {
        /// Every lab, in the order of the index.
        pub const LABS: &[LabInfo] = &[$(<$lab as Lab>::INFO),*];

        /// Calls `visitor` once for each lab, in index order.
        pub fn visit<V: Visitor>(visitor: &mut V) {
            $(visitor.visit::<$lab>();)*
        }
    };
}

labs! {
    sdp_lab_hash_ring::HashRingLab,
    sdp_lab_geohash::GeohashLab,
    sdp_lab_quadtree::QuadtreeLab,
    sdp_lab_z_order::ZOrderLab,
    sdp_lab_watermarks::WatermarksLab,
    sdp_lab_fan_out::FanOutLab,
    sdp_lab_rate_limiter::RateLimiterLab,
    sdp_lab_sketches::SketchesLab,
    sdp_lab_ids::IdsLab,
    sdp_lab_caching::CachingLab,
    sdp_lab_replication::ReplicationLab,
    sdp_lab_locks::LocksLab,
    sdp_lab_consensus::ConsensusLab,
}

/// The lab with this id.
pub fn info(id: &str) -> Option<&'static LabInfo> {
    LABS.iter().find(|lab| lab.id == id)
}

/// Where lab `id` lives in the repository.
pub fn folder(id: &str) -> String {
    format!("crates/labs/{id}")
}

/// Checks a link into lab `id` (its query, without `?`): the lab's own reader must accept it
/// without a message, and the scenario must run to a non-empty trace. `Ok` is the number of
/// steps; `Err` says what is wrong.
pub fn check_link(id: &str, query: &str) -> Result<usize, String> {
    struct Check<'a> {
        id: &'a str,
        query: &'a str,
        result: Option<Result<usize, String>>,
    }
    impl Visitor for Check<'_> {
        fn visit<L: Lab>(&mut self) {
            if L::INFO.id != self.id {
                return;
            }
            let (scenario, errors) = L::from_query(&query::parse(self.query));
            self.result = Some(if errors.is_empty() {
                match L::run(&scenario) {
                    Ok(trace) if !trace.is_empty() => Ok(trace.len()),
                    Ok(_) => Err("the scenario gives no step".into()),
                    Err(e) => Err(format!("{e:?}")),
                }
            } else {
                Err(errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "))
            });
        }
    }
    let mut check = Check {
        id,
        query,
        result: None,
    };
    visit(&mut check);
    check
        .result
        .unwrap_or_else(|| Err(format!("there is no lab called {id}")))
}

/// `docs/url-parameters.md`, written from every lab's field declarations.
pub fn url_docs() -> String {
    struct Docs(String);
    impl Visitor for Docs {
        fn visit<L: Lab>(&mut self) {
            self.0
                .push_str(&sdp_kit::docs::lab_section::<L>(&folder(L::INFO.id)));
        }
    }
    let mut docs = Docs(String::from(URL_DOCS_HEAD));
    visit(&mut docs);
    docs.0.push_str(URL_DOCS_TAIL);
    docs.0
}

const URL_DOCS_HEAD: &str = "\
# URL parameters (stable: teachers link to them)

<!-- Written from each lab's field declarations by `SDP_WRITE_DOCS=1 cargo test -p sdp-registry`;
     a test fails when this file and the labs disagree. -->

Every lab lives at `#/lab/<id>?<params>&seed=<n>&step=<k>`; `step` is 1-based, as the counter shows it,
and `&embed=1` shows the lab and its player alone. Actions are repeated `a=` values, applied in order.
A bad value is reported on the page and replaced by its default; an action that cannot apply is reported
and dropped; an unknown key is reported and ignored. A URL with no scenario keys opens the lab's default
scenario. A lab with modes reads `mode` first; each mode writes its own keys, and keys it shares with other
modes only when they differ from its defaults. Every scenario round-trips through its URL exactly (tested).

";

const URL_DOCS_TAIL: &str = "\
## Designs

`#/designs` is the index (`?q=` filters it); `#/design/<id>?flow=<flow-id>&in.<input>=<value>&step=<k>`
opens a design's walkthrough with a request flow at a step and edited estimation inputs
(crates/designs/src/url.rs).
";

/// The README's list of labs (between its `labs:begin` and `labs:end` markers).
pub fn readme_list() -> String {
    use std::fmt::Write;
    LABS.iter().fold(String::new(), |mut out, lab| {
        let _ = writeln!(
            out,
            "  - `#/lab/{}`: {}: {} ({})",
            lab.id, lab.title, lab.summary, lab.catalogue
        );
        out
    })
}
