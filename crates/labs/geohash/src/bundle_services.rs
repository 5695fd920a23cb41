//! A wasm bundle of the geohash lab: the modes search and shards (`view-services`), loaded when
//! `#/lab/geohash?mode=search` (or shards) opens (see `MODE_BUNDLES` in lib.rs).

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_geohash::GeohashLab>>();
}
