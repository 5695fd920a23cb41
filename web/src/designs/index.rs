//! The design index (grouped by theme, filtered live as the learner types) and the framework
//! section of the document (the four steps every walkthrough follows).

use crate::dom;
use sdp_designs::Design;
use sdp_designs::model::Theme;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Id of the framework page: `#/design/framework`.
pub const FRAMEWORK_ID: &str = "framework";

/// The link to a design.
pub fn design_link(id: &str) -> String {
    format!("#/design/{id}")
}

/// The index groups for `filter`: (theme, designs), themes without a match left out.
pub fn groups(filter: &str) -> Vec<(Theme, Vec<&'static Design>)> {
    sdp_designs::index(filter)
}

/// "21 designs", "1 design", "No design matches".
pub fn count_text(n: usize, filter: &str) -> String {
    match (n, filter.trim().is_empty()) {
        (0, _) => format!(
            "No design matches “{}”.",
            sdp_core::query::shorten(filter.trim())
        ),
        (1, true) => "1 design".to_string(),
        (n, true) => format!("{n} designs"),
        (1, false) => "1 design matches".to_string(),
        (n, false) => format!("{n} designs match"),
    }
}

/// The filter in the current URL (`#/designs?q=…`).
fn filter_from_url() -> String {
    let hash = dom::location_hash();
    let query = hash.split_once('?').map_or("", |(_, q)| q);
    sdp_core::query::parse(query)
        .into_iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v)
        .unwrap_or_default()
}

/// Properties of [`DesignIndex`].
#[derive(Properties, PartialEq)]
pub struct IndexProps {
    /// Keep the filter in the URL (`#/designs?q=…`); off when the index is part of another page.
    #[prop_or(true)]
    pub sync_url: bool,
    /// Heading level 1 (the index page) or 2 (inside another page).
    #[prop_or(true)]
    pub main: bool,
}

/// Every design, grouped by theme, with a filter box.
#[component]
pub fn DesignIndex(props: &IndexProps) -> Html {
    let sync = props.sync_url;
    let filter = use_state(move || {
        if sync {
            filter_from_url()
        } else {
            String::new()
        }
    });
    use_effect_with(((*filter).clone(), sync), |(f, sync)| {
        if *sync {
            let hash = if f.is_empty() {
                "#/designs".to_string()
            } else {
                format!(
                    "#/designs?{}",
                    sdp_core::query::encode(&[("q".to_string(), f.clone())])
                )
            };
            dom::replace_hash(&hash);
        }
    });
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                filter.set(el.value());
            }
        })
    };
    let clear = {
        let filter = filter.clone();
        Callback::from(move |_: MouseEvent| filter.set(String::new()))
    };
    let groups = groups(&filter);
    let n: usize = groups.iter().map(|(_, ds)| ds.len()).sum();
    let heading = if props.main {
        html! { <h1 id="designs-index-h">{"Design walkthroughs"}</h1> }
    } else {
        html! { <h2 id="designs-index-h">{"Design walkthroughs"}</h2> }
    };
    html! {
        <section class="designs-index" aria-labelledby="designs-index-h">
            { heading }
            if props.main {
                <p class="lead">{"The 21 designs of the System Design Interview Guide, each in the document's four steps: requirements, a live estimate whose figures recompute as you change the inputs (and say where the document's arithmetic is wrong), the architecture with request flows you can step through, and the deep dive with links into the labs."}</p>
            }
            <div class="designs-filter">
                <label for="designs-filter">{"Filter designs"}</label>
                <input id="designs-filter" type="search" placeholder="e.g. cache, geohash, watermark, payment" autocomplete="off"
                    value={(*filter).clone()} {oninput} aria-describedby="designs-count" />
                if !filter.is_empty() {
                    <button type="button" onclick={clear}>{"Clear"}</button>
                }
                <span id="designs-count" class="designs-count" aria-live="polite">{ count_text(n, &filter) }</span>
            </div>
            <div class="designs-groups">
                { for groups.iter().map(|(theme, designs)| html! {
                    <section class="designs-group" key={theme.label()} aria-label={theme.label()}>
                        <h3>{ theme.label() }</h3>
                        <ul class="cards designs-cards">
                            { for designs.iter().map(|d| card(d)) }
                        </ul>
                    </section>
                }) }
            </div>
            if props.main {
                <FrameworkSummary />
            }
        </section>
    }
}

fn card(d: &Design) -> Html {
    let labs: Vec<&str> = {
        let mut v: Vec<&str> = d.labs.iter().map(|l| l.lab.as_str()).collect();
        v.dedup();
        v
    };
    let wrong = d
        .figures
        .iter()
        .filter(|f| {
            f.stated
                .as_ref()
                .is_some_and(|s| s.status == sdp_designs::model::Status::Wrong)
        })
        .count();
    html! {
        <li class="card designs-card" key={d.id.clone()}>
            <h4><a href={design_link(&d.id)}>{ &d.title }</a>
                if !d.subtitle.is_empty() { <span class="designs-subtitle">{ format!(" ({})", d.subtitle) }</span> }</h4>
            <p>{ &d.summary }</p>
            <p class="designs-card-meta">
                <span class="badge">{ &d.source.catalogue }</span>
                <span class="badge">{ format!("{} flows", d.flows.len()) }</span>
                if wrong > 0 {
                    <span class="badge warn">{ format!("{wrong} wrong figure{} corrected", if wrong == 1 { "" } else { "s" }) }</span>
                }
                { for labs.iter().map(|l| html! { <span class="badge">{ format!("lab: {l}") }</span> }) }
            </p>
        </li>
    }
}

/// The four steps of the framework, with a link to the full framework page.
#[component]
pub fn FrameworkSummary() -> Html {
    let Some(fw) = sdp_designs::framework() else {
        return html! {};
    };
    html! {
        <section class="designs-framework" aria-labelledby="designs-fw-h">
            <h2 id="designs-fw-h">{"The four steps every walkthrough follows"}</h2>
            { steps_table(fw) }
            <p><a href={design_link(FRAMEWORK_ID)}>{"The framework in full: checklist, estimation templates as a calculator, building blocks and common trade-offs"}</a></p>
        </section>
    }
}

/// The framework's steps with their time in a 45- and a 60-minute interview.
pub fn steps_table(fw: &sdp_designs::Framework) -> Html {
    html! {
        <div class="table-scroll">
            <table class="designs-table">
                <thead><tr><th scope="col">{"Step"}</th><th scope="col">{"45 min"}</th><th scope="col">{"60 min"}</th><th scope="col">{"Focus"}</th></tr></thead>
                <tbody>
                    { for fw.steps.iter().enumerate().map(|(i, s)| html! {
                        <tr><th scope="row">{ format!("{}. {}", i + 1, s.name) }</th><td data-label="45 min">{ &s.minutes_45 }</td><td data-label="60 min">{ &s.minutes_60 }</td><td data-label="Focus">{ &s.focus }</td></tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
