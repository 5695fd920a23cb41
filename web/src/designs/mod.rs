//! Design walkthroughs: `#/designs` (the index) and `#/design/<id>` (one design's four steps).
//! Placeholder until the walkthrough views land.

use yew::prelude::*;

/// The design index (`#/designs?<query>`).
pub fn index_page(_query: &str) -> Html {
    html! {
        <section class="page">
            <h1>{"Design walkthroughs"}</h1>
            <p>{ format!("{} designs are being prepared.", sdp_designs::designs().len()) }</p>
        </section>
    }
}

/// One design (`#/design/<id>?<query>`).
pub fn design_page(id: &str, query: &str) -> Html {
    let _ = query;
    html! {
        <section class="page">
            <h1>{ sdp_designs::design(id).map(|d| d.title.clone()).unwrap_or_else(|| "Design not found".into()) }</h1>
        </section>
    }
}
