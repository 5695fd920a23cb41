//! Downloads of the site's own files (URLs relative to the page, so they work under any
//! sub-path): the body as bytes or text, or which step failed, for the page to put in words.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a download failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// Not in a browser page.
    NoWindow,
    /// The request itself failed (offline, blocked).
    Network,
    /// `fetch` gave something other than a response.
    NotAResponse,
    /// The server answered with this HTTP status (not 2xx).
    Status(u16),
    /// The body could not be asked for.
    Unreadable,
    /// Reading the body failed part-way.
    Interrupted,
}

/// The answer to `url`, if it is a success (2xx).
async fn response(url: &str) -> Result<web_sys::Response, FetchError> {
    let window = web_sys::window().ok_or(FetchError::NoWindow)?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| FetchError::Network)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| FetchError::NotAResponse)?;
    if response.ok() {
        Ok(response)
    } else {
        Err(FetchError::Status(response.status()))
    }
}

/// The body of `url` as bytes.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    let body = response(url)
        .await?
        .array_buffer()
        .map_err(|_| FetchError::Unreadable)?;
    let buffer = JsFuture::from(body)
        .await
        .map_err(|_| FetchError::Interrupted)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The body of `url` as text.
pub async fn fetch_text(url: &str) -> Result<String, FetchError> {
    let text = response(url)
        .await?
        .text()
        .map_err(|_| FetchError::Unreadable)?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or(FetchError::Interrupted)
}
