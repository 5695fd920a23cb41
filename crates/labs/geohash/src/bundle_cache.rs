//! A wasm bundle of the geohash lab: the mode cache (`view-cache`), loaded when
//! `#/lab/geohash?mode=cache` opens (see `MODE_BUNDLES` in lib.rs).

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_geohash::GeohashLab>>();
}
