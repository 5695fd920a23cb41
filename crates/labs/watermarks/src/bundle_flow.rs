//! A wasm bundle of the watermarks lab: the modes checkpoint and backpressure (`view-flow`),
//! loaded when `#/lab/watermarks?mode=checkpoint` or `mode=backpressure` opens (see
//! `MODE_BUNDLES` in lib.rs).

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_watermarks::WatermarksLab>>();
}
