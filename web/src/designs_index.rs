//! The design index (`#/designs?q=<filter>`): every design walkthrough grouped by theme, filtered
//! live as the learner types (the filter is kept in the URL), with the four-step framework
//! summary. It reads the light index of `sdp_designs` (generated at build time), so the `home`
//! bundle carries none of the full catalogue; the walkthroughs are the `designs` bundle's.

use sdp_designs::index_view::{FilteredList, steps_table};
use sdp_designs::light::{FRAMEWORK_ID, design_link, filter_of, framework_steps, index_hash};
use sdp_kit_web::dom;
use yew::prelude::*;

/// The filter in the current URL (`#/designs?q=…`). The route the app matched drops the
/// index's query, so the page reads it from the hash once, when it mounts.
fn filter_from_url() -> String {
    let hash = dom::location_hash();
    filter_of(hash.split_once('?').map_or("", |(_, q)| q))
}

/// Every design, grouped by theme, with a filter box kept in the URL and the framework summary.
#[component]
pub fn DesignIndex() -> Html {
    let filter = use_state(filter_from_url);
    use_effect_with((*filter).clone(), |f| dom::replace_hash(&index_hash(f)));
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |f: String| filter.set(f))
    };
    html! {
        <section class="page designs-index-page">
            <style>{ sdp_designs::INDEX_STYLE }</style>
            <section class="designs-index" aria-labelledby="designs-index-h">
                <h1 id="designs-index-h">{"Design walkthroughs"}</h1>
                <p class="lead">{"The 21 designs of the System Design Interview Guide, each in the document's four steps: requirements, a live estimate whose figures recompute as you change the inputs (and say where the document's arithmetic is wrong), the architecture with request flows you can step through, and the deep dive with links into the labs."}</p>
                <FilteredList filter={AttrValue::from((*filter).clone())} {on_filter} />
                <FrameworkSummary />
            </section>
        </section>
    }
}

/// The four steps of the framework, with a link to the full framework page.
#[component]
fn FrameworkSummary() -> Html {
    let steps = framework_steps();
    if steps.is_empty() {
        return html! {};
    }
    html! {
        <section class="designs-framework" aria-labelledby="designs-fw-h">
            <h2 id="designs-fw-h">{"The four steps every walkthrough follows"}</h2>
            { steps_table(steps) }
            <p><a href={design_link(FRAMEWORK_ID)}>{"The framework in full: checklist, estimation templates as a calculator, building blocks and common trade-offs"}</a></p>
        </section>
    }
}
