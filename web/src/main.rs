//! The `home` bundle: home, the lab index, the design index and the not-found page.

fn main() {
    sdp_kit_web::bundle::start::<sdp_web::HomeApp>();
}
