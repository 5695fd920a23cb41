//! A page's data, fetched when its route opens: `data/designs/<id>.bin` for a design,
//! `data/designs/framework.bin` for the framework page ([`crate::light::data_url`], relative to
//! the page, so it works under a sub-path), in the compact form of [`crate::codec`]. The bundle
//! embeds none of the catalogue.
//!
//! A decoded file is kept for the rest of the session (at most one per design and the framework,
//! leaked once to a `&'static` so the pages and the calculator keep comparing data by address),
//! so Back and Forward between designs already seen show them at once. A failed download
//! (HTTP error, offline, broken bytes) is an error message for the page, which offers Retry.

use crate::codec::{decode_design, decode_framework};
use crate::light::{FRAMEWORK_ID, data_url};
use crate::model::{Design, Framework};
use sdp_kit_web::fetch::FetchError;
use std::cell::{Cell, RefCell};
use yew::prelude::*;

thread_local! {
    static DESIGNS: RefCell<Vec<&'static Design>> = const { RefCell::new(Vec::new()) };
    static FRAMEWORK: Cell<Option<&'static Framework>> = const { Cell::new(None) };
}

/// The design `id`, if this session has it already.
pub fn cached_design(id: &str) -> Option<&'static Design> {
    DESIGNS.with_borrow(|all| all.iter().find(|d| d.id == id).copied())
}

/// Keeps `design` for the session (the browser tests put embedded designs here, so their pages
/// need no download).
pub fn keep_design(design: &'static Design) {
    if cached_design(&design.id).is_none() {
        DESIGNS.with_borrow_mut(|all| all.push(design));
    }
}

/// The framework, if this session has it already.
pub fn cached_framework() -> Option<&'static Framework> {
    FRAMEWORK.get()
}

/// Keeps the framework for the session.
pub fn keep_framework(framework: &'static Framework) {
    if FRAMEWORK.get().is_none() {
        FRAMEWORK.set(Some(framework));
    }
}

/// The bytes at `url` (relative to the page); the error says what went wrong, for the page.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    sdp_kit_web::fetch::fetch_bytes(url)
        .await
        .map_err(|e| match e {
            FetchError::NoWindow => "no browser window".to_string(),
            FetchError::Network => "the network request failed (offline?)".to_string(),
            FetchError::NotAResponse => "the browser gave no response".to_string(),
            FetchError::Status(status) => format!("the server answered HTTP {status}"),
            FetchError::Unreadable => "the download could not be read".to_string(),
            FetchError::Interrupted => "the download was interrupted".to_string(),
        })
}

/// The bytes of the data file of `id` (a design or [`FRAMEWORK_ID`]).
async fn fetch_file(id: &str) -> Result<Vec<u8>, String> {
    let url = data_url(id).ok_or_else(|| format!("there is no data file for “{id}”"))?;
    fetch_bytes(&url).await
}

/// Design `id`: kept, or downloaded and decoded.
pub async fn load_design(id: String) -> Result<&'static Design, String> {
    if let Some(d) = cached_design(&id) {
        return Ok(d);
    }
    let bytes = fetch_file(&id).await?;
    let design = decode_design(&bytes).map_err(|e| format!("the file is damaged ({e})"))?;
    if design.id != id {
        return Err(format!("the file holds “{}”", design.id));
    }
    // Another download of the same design may have finished meanwhile: keep the first.
    if let Some(d) = cached_design(&id) {
        return Ok(d);
    }
    let design: &'static Design = Box::leak(Box::new(design));
    keep_design(design);
    Ok(design)
}

/// The framework: kept, or downloaded and decoded.
pub async fn load_framework() -> Result<&'static Framework, String> {
    if let Some(f) = cached_framework() {
        return Ok(f);
    }
    let bytes = fetch_file(FRAMEWORK_ID).await?;
    let framework = decode_framework(&bytes).map_err(|e| format!("the file is damaged ({e})"))?;
    if let Some(f) = cached_framework() {
        return Ok(f);
    }
    let framework: &'static Framework = Box::leak(Box::new(framework));
    keep_framework(framework);
    Ok(framework)
}

/// A page's data: a design's or the framework's.
#[derive(Clone, Copy, Debug)]
pub enum PageData {
    /// A design walkthrough.
    Design(&'static Design),
    /// The framework section.
    Framework(&'static Framework),
}

impl PartialEq for PageData {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (PageData::Design(a), PageData::Design(b)) => std::ptr::eq(*a, *b),
            (PageData::Framework(a), PageData::Framework(b)) => std::ptr::eq(*a, *b),
            _ => false,
        }
    }
}

/// The data of page `id` (a design, or [`FRAMEWORK_ID`]), if this session has it already.
pub fn cached(id: &str) -> Option<PageData> {
    if id == FRAMEWORK_ID {
        cached_framework().map(PageData::Framework)
    } else {
        cached_design(id).map(PageData::Design)
    }
}

/// The data of page `id`: kept, or downloaded and decoded.
pub async fn load(id: String) -> Result<PageData, String> {
    if id == FRAMEWORK_ID {
        load_framework().await.map(PageData::Framework)
    } else {
        load_design(id).await.map(PageData::Design)
    }
}

/// Where a page's data is.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Downloading.
    Loading,
    /// Here.
    Ready(PageData),
    /// The download failed: why, for the page.
    Failed(String),
}

/// The data of page `id` (a design, or [`FRAMEWORK_ID`]): at once if kept, else fetched when
/// the page opens and again on each call of the returned retry callback (while not ready).
#[hook]
pub fn use_fetched(id: &str) -> (Status, Callback<MouseEvent>) {
    let status = use_state(|| cached(id).map_or(Status::Loading, Status::Ready));
    let attempt = use_state(|| 0u32);
    use_effect_with((id.to_string(), *attempt), {
        let status = status.clone();
        move |(id, _): &(String, u32)| {
            if !matches!(*status, Status::Ready(_)) {
                status.set(Status::Loading);
                let id = id.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    status.set(match load(id).await {
                        Ok(v) => Status::Ready(v),
                        Err(e) => Status::Failed(e),
                    });
                });
            }
        }
    });
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(attempt.wrapping_add(1)))
    };
    ((*status).clone(), retry)
}

/// What the page shows while its data downloads.
pub fn loading(title: &str) -> Html {
    html! {
        <p class="designs-loading" role="status">{ format!("Loading {title}…") }</p>
    }
}

/// What the page shows when its data did not download: the reason and a Retry button.
pub fn failed(title: &str, message: &str, retry: Callback<MouseEvent>) -> Html {
    html! {
        <section class="page designs-load-error">
            <h1>{ title }</h1>
            <p class="error" role="alert">{ format!("This page could not be loaded: {message}.") }</p>
            <p class="designs-load-actions">
                <button type="button" class="designs-retry" onclick={retry}>{"Retry"}</button>
                {" "}<a href="#/designs">{"All designs"}</a>
            </p>
        </section>
    }
}
