//! A wasm bundle of the geohash lab: the modes neighbours and sizes (`view-cells`), loaded when
//! `#/lab/geohash?mode=neighbours` (or sizes) opens (see `MODE_BUNDLES` in lib.rs).

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_geohash::GeohashLab>>();
}
