//! The index on the `designs` bundle's own pages (under the framework page and on the page for
//! an unknown id), with a filter that stays on the page, and the page for a design id that does
//! not exist (the list itself is [`crate::index_view`]). The `#/designs` page itself
//! is drawn by `web/home.js` (no wasm) from the light index.

use crate::index_view::FilteredList;
use crate::light::design_link;
use sdp_kit::query;
use yew::prelude::*;

pub use crate::index_view::steps_table;

/// Every design, grouped by theme, with a filter box (not kept in the URL: the page's URL is a
/// design's).
#[component]
pub fn DesignList() -> Html {
    let filter = use_state(String::new);
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |f: String| filter.set(f))
    };
    html! {
        <section class="designs-index" aria-labelledby="designs-index-h">
            <h2 id="designs-index-h">{"Design walkthroughs"}</h2>
            <FilteredList filter={AttrValue::from((*filter).clone())} {on_filter} />
        </section>
    }
}

/// The page for a design id that does not exist: suggestions and the index.
pub fn not_found(e: &crate::NotFound) -> Html {
    html! {
        <section class="page not-found designs-not-found">
            <h1>{"Design not found"}</h1>
            <p class="error" role="alert">{ format!("There is no design called “{}”.", query::shorten(&e.id)) }
                if e.suggestions.is_empty() { {" Pick one from the index below."} }
            </p>
            if !e.suggestions.is_empty() {
                <p class="designs-suggest">{"Did you mean "}
                    { for e.suggestions.iter().enumerate().map(|(i, id)| {
                        let title = crate::light::entry(id).map_or(*id, |d| d.title);
                        html! { <>
                            if i > 0 { { if i + 1 == e.suggestions.len() { " or " } else { ", " } } }
                            <a href={design_link(id)}>{ title }</a>
                        </> }
                    }) }
                    {"?"}
                </p>
            }
            <DesignList />
        </section>
    }
}
