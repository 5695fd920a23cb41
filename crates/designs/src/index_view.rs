//! The design index's body (feature `index`), from the light index: the filter box, the count
//! and the designs grouped by theme as cards; and the framework's steps table. The `home`
//! bundle's `#/designs` page keeps the filter in the URL; the walkthroughs' own pages (under the
//! framework page, for an unknown id) keep it on the page.

use crate::light::{IndexEntry, StepRow, count_text, design_link, light_index};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`FilteredList`].
#[derive(Properties, PartialEq)]
pub struct FilteredListProps {
    /// The filter typed so far.
    pub filter: AttrValue,
    /// Called with the new filter as the learner types (and with "" on Clear).
    pub on_filter: Callback<String>,
}

/// The filter box with its count, and every design that matches, grouped by theme.
#[component]
pub fn FilteredList(props: &FilteredListProps) -> Html {
    let oninput = props.on_filter.reform(|e: InputEvent| {
        e.target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|el| el.value())
            .unwrap_or_default()
    });
    let clear = props.on_filter.reform(|_: MouseEvent| String::new());
    let filter = props.filter.as_str();
    let groups = light_index(filter);
    let n: usize = groups.iter().map(|(_, ds)| ds.len()).sum();
    html! {
        <>
            <div class="designs-filter">
                <label for="designs-filter">{"Filter designs"}</label>
                <input id="designs-filter" type="search" placeholder="e.g. cache, geohash, watermark, payment" autocomplete="off"
                    value={props.filter.clone()} {oninput} aria-describedby="designs-count" />
                if !filter.is_empty() {
                    <button type="button" onclick={clear}>{"Clear"}</button>
                }
                <span id="designs-count" class="designs-count" aria-live="polite">{ count_text(n, filter) }</span>
            </div>
            <div class="designs-groups">
                { for groups.iter().map(|(theme, designs)| html! {
                    <section class="designs-group" key={theme.label()} aria-label={theme.label()}>
                        <h3>{ theme.label() }</h3>
                        <ul class="cards designs-cards">{ for designs.iter().map(|d| card(d)) }</ul>
                    </section>
                }) }
            </div>
        </>
    }
}

/// One design's card.
fn card(d: &IndexEntry) -> Html {
    html! {
        <li class="card designs-card" key={d.id}>
            <h4><a href={design_link(d.id)}>{ d.title }</a>
                if !d.subtitle.is_empty() { <span class="designs-subtitle">{ d.subtitle_text() }</span> }</h4>
            <p>{ d.summary }</p>
            <p class="designs-card-meta">
                { for d.badges().into_iter().map(|b| html! {
                    <span class={classes!("badge", b.warn.then_some("warn"))}>{ b.text }</span>
                }) }
            </p>
        </li>
    }
}

/// The framework's steps with their time in a 45- and a 60-minute interview.
pub fn steps_table(steps: &[StepRow]) -> Html {
    html! {
        <div class="table-scroll">
            <table class="designs-table">
                <thead><tr><th scope="col">{"Step"}</th><th scope="col">{"45 min"}</th><th scope="col">{"60 min"}</th><th scope="col">{"Focus"}</th></tr></thead>
                <tbody>
                    { for steps.iter().enumerate().map(|(i, s)| html! {
                        <tr><th scope="row">{ format!("{}. {}", i + 1, s.name) }</th><td data-label="45 min">{ s.minutes_45 }</td><td data-label="60 min">{ s.minutes_60 }</td><td data-label="Focus">{ s.focus }</td></tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
