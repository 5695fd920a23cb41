//! The `designs` bundle's pages (feature `view`): `#/design/<id>` (one design in the document's
//! four steps: requirements, a live estimate, the architecture with request flows in the kit's
//! player, the deep dive with lab links), `#/design/framework` (the document's framework
//! section) and, for an unknown id, a friendly page with suggestions and the index. The index
//! itself (`#/designs`) is drawn by `web/home.js` (no wasm) from the light index.
//!
//! A design's page downloads that design's data when it opens ([`data`]): "Loading…" meanwhile,
//! a message with Retry if the download fails. Whether the id exists, the titles, neighbours
//! and suggestions come from the light index, which is built in.

#[cfg(feature = "bench")]
pub mod bench;
pub mod calc;
pub mod data;
pub mod diagram;
pub mod framework;
pub mod index;
pub mod page;
pub mod sections;

use crate::light::{self, FRAMEWORK_ID};
use data::{PageData, Status, failed, loading, use_fetched};
use sdp_kit_web::route::Route;
use sdp_kit_web::shell::{Shell, use_route};
use yew::prelude::*;

/// The walkthroughs' stylesheet (the folder's `style.css`, without its comments: `build.rs`),
/// present while a design page is on screen; the index's styles are [`crate::INDEX_STYLE`].
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/style.css"));

/// The whole app of the `designs` bundle: the page for `#/design/<id>` inside the site's shell
/// (alone in embed mode), and nothing for other routes (the loader mounts `home` for those).
#[component]
pub fn DesignsApp() -> Html {
    let (route, generation) = use_route();
    let Route::Design { id, query } = &route else {
        return html! {};
    };
    let embed = route.embed();
    html! {
        <Shell {embed}>
            <>
                <style>{ crate::INDEX_STYLE }</style>
                <style>{ STYLE }</style>
                <DesignRoute key={generation} id={AttrValue::from(id.clone())} query={AttrValue::from(query.clone())} {embed} />
            </>
        </Shell>
    }
}

/// Properties of [`DesignRoute`].
#[derive(Properties, PartialEq)]
pub struct DesignRouteProps {
    /// The design id in the route (may not exist).
    pub id: AttrValue,
    /// Raw query after `?`.
    pub query: AttrValue,
    /// Embed mode (decided by `Route::embed`).
    pub embed: bool,
}

/// The page for one `#/design/<id>` route.
#[component]
pub fn DesignRoute(props: &DesignRouteProps) -> Html {
    let title = if props.id == FRAMEWORK_ID {
        "Framework"
    } else if let Some(e) = light::entry(&props.id) {
        e.title
    } else {
        return index::not_found(&crate::NotFound {
            id: props.id.to_string(),
            suggestions: light::suggest(&props.id),
        });
    };
    html! { <Fetched id={props.id.clone()} query={props.query.clone()} embed={props.embed} {title} /> }
}

/// Properties of [`Fetched`].
#[derive(Properties, PartialEq)]
struct FetchedProps {
    id: AttrValue,
    query: AttrValue,
    embed: bool,
    title: &'static str,
}

/// A design that exists, or the framework: its page once its data is here.
#[component]
fn Fetched(props: &FetchedProps) -> Html {
    let (status, retry) = use_fetched(&props.id);
    let query = props.query.clone();
    match status {
        Status::Loading => loading(props.title),
        Status::Failed(message) => failed(props.title, &message, retry),
        Status::Ready(PageData::Design(design)) => html! {
            <page::DesignPage design={page::DesignRef(design)} {query} embed={props.embed} />
        },
        Status::Ready(PageData::Framework(fw)) => html! {
            <framework::FrameworkPage fw={framework::FrameworkRef(fw)} {query} />
        },
    }
}
