//! The caching lab's own wasm bundle: its page, loaded when `#/lab/caching` opens.

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_caching::CachingLab>>();
}
