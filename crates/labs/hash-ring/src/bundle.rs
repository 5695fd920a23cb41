//! The hash-ring lab's own wasm bundle: its page, loaded when `#/lab/hash-ring` opens.

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_hash_ring::HashRingLab>>();
}
