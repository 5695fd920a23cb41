//! The sketches lab's own wasm bundle: its page, loaded when `#/lab/sketches` opens.

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_sketches::SketchesLab>>();
}
