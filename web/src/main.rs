//! Mounts the app.

fn main() {
    yew::Renderer::<sdp_web::App>::new().render();
}
