//! The geohash lab's main wasm bundle: the modes encode and haversine (`view-main`), loaded
//! when `#/lab/geohash` opens (the other modes: `bundle_cells.rs`, `bundle_cache.rs`,
//! `bundle_services.rs`).

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_geohash::GeohashLab>>();
}
