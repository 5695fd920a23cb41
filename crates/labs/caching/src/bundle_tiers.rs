//! A wasm bundle of the caching lab: the modes multi-level, hot-keys, cdn and negative
//! (`view-tiers`), loaded when `#/lab/caching?mode=<one of them>` opens (see `MODE_BUNDLES` in
//! lib.rs).

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_caching::CachingLab>>();
}
