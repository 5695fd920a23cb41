//! The rate-limiter lab's own wasm bundle: its page, loaded when `#/lab/rate-limiter` opens.

fn main() {
    sdp_kit_web::bundle::start::<sdp_kit_web::shell::LabApp<sdp_lab_rate_limiter::RateLimiterLab>>(
    );
}
