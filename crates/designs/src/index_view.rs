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

/// One row of a [`table`]: the row's heading, then one cell per further column.
pub type Row = (Html, Vec<Html>);

/// A table in the designs' style: `columns` are (heading, label shown before the cell on
/// narrow screens); each row's first cell is its heading (`th scope="row"`), the others are
/// cells labelled with their column's label. One function for every such table keeps the
/// bundles small.
#[inline(never)]
pub fn table(columns: &[(&'static str, &'static str)], rows: Vec<Row>) -> Html {
    let labels: Vec<&'static str> = columns.iter().skip(1).map(|(_, l)| *l).collect();
    html! {
        <div class="table-scroll">
            <table class="designs-table">
                <thead><tr>{ for columns.iter().map(|(h, _)| html! { <th scope="col">{ *h }</th> }) }</tr></thead>
                <tbody>
                    { for rows.into_iter().map(|(head, cells)| html! {
                        <tr>
                            <th scope="row">{ head }</th>
                            { for cells.into_iter().zip(&labels).map(|(c, l)| html! { <td data-label={*l}>{ c }</td> }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// Plain text as a table cell.
pub fn cell(text: &str) -> Html {
    Html::from(text.to_string())
}

/// The framework's steps with their time in a 45- and a 60-minute interview.
pub fn steps_table(steps: &[StepRow]) -> Html {
    let rows = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let head = cell(&format!("{}. {}", i + 1, s.name));
            (
                head,
                vec![cell(s.minutes_45), cell(s.minutes_60), cell(s.focus)],
            )
        })
        .collect();
    table(
        &[
            ("Step", ""),
            ("45 min", "45 min"),
            ("60 min", "60 min"),
            ("Focus", "Focus"),
        ],
        rows,
    )
}
