//! The consensus lab's own wasm bundle: its page, loaded when `#/lab/consensus` opens.

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_consensus::ConsensusLab>>();
}
