//! The fan-out lab's own wasm bundle: its page, loaded when `#/lab/fan-out` opens.

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_fan_out::FanOutLab>>();
}
