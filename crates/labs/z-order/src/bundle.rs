//! The z-order lab's own wasm bundle: its page, loaded when `#/lab/z-order` opens.

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_z_order::ZOrderLab>>();
}
