//! Thin wrappers over browser APIs. Each degrades to a no-op when the API is missing, so a page
//! never dies on an old or locked-down browser.

use wasm_bindgen::JsCast;

/// The current `location.hash` ("" if none).
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the hash without adding a history entry and without firing `hashchange`.
pub fn replace_hash(hash: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if location_hash() == hash {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// Goes to `hash` without adding a history entry, firing `hashchange`: the loader then mounts
/// the bundle the new route needs (a mode of a split lab that this bundle does not draw).
pub fn move_to_hash(hash: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(hash);
    }
}

/// Page URL without the hash (`origin + pathname + search`), for embed snippets.
pub fn page_base_url() -> String {
    let Some(window) = web_sys::window() else {
        return String::new();
    };
    let l = window.location();
    format!(
        "{}{}{}",
        l.origin().unwrap_or_default(),
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default()
    )
}

/// True if a media query matches (false if it cannot be evaluated).
pub fn media_matches(query: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// True when the user prefers a dark colour scheme.
pub fn prefers_dark() -> bool {
    media_matches("(prefers-color-scheme: dark)")
}

/// True when the user prefers reduced motion.
pub fn prefers_reduced_motion() -> bool {
    media_matches("(prefers-reduced-motion: reduce)")
}

/// Device pixels per CSS pixel, for sharp canvases (1 if unknown, at most 3).
pub fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 3.0)
}

/// Milliseconds from `performance.now()` (0 if unavailable).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Copies `text` to the clipboard; calls `done(true)` on success, `done(false)` if refused.
pub fn copy_to_clipboard(text: String, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        return done(false);
    };
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done(ok);
    });
}

/// True if keyboard shortcuts must not fire for this event: the user is typing in a field, or a
/// modifier key is held.
pub fn is_typing(event: &web_sys::KeyboardEvent) -> bool {
    if event.ctrl_key() || event.meta_key() || event.alt_key() {
        return true;
    }
    let Some(el) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "textarea" | "select") || el.is_content_editable()
}

/// True if the event's target is a button or link (which handle Space and Enter themselves).
pub fn target_is_control(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| {
            matches!(
                el.tag_name().to_ascii_lowercase().as_str(),
                "button" | "a" | "summary"
            )
        })
}
