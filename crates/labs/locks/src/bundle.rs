//! The locks lab's own wasm bundle: its page, loaded when `#/lab/locks` opens.

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_locks::LocksLab>>();
}
