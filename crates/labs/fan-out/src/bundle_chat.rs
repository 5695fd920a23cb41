//! A wasm bundle of the fan-out lab: the chat mode (`view-chat`), loaded when
//! `#/lab/fan-out?mode=chat` opens (see `MODE_BUNDLES` in lib.rs).

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_fan_out::FanOutLab>>();
}
