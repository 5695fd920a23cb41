//! The `designs` bundle: the design walkthroughs, loaded when a `#/design/<id>` opens.

fn main() {
    sdp_kit_web::bundle::start::<sdp_designs::view::DesignsApp>();
}
