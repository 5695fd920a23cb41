//! `ulid`: the example's characters with their 5-bit values, the 48 + 80 layout, the generated
//! ULIDs with their time and random parts, the sort, and the lifetime.

use crate::date::{iso, year};
use crate::trace::{Generated, UlidState, UlidStep, UlidWorld};
use crate::ulid::{MAX_TIME, Made, span_years};
use yew::prelude::*;

fn parts(text: &str) -> Html {
    let (time, random) = text.split_at(text.len().min(10));
    html! { <span class="mono"><span class="u-time">{ time }</span><span class="u-rand">{ random }</span></span> }
}

fn digits_table(w: &UlidWorld) -> Html {
    let text: Vec<char> = w.params.decode.chars().collect();
    html! {
        <table class="ids-table ids-digits" aria-label="Characters and their 5-bit values">
            <thead><tr><th scope="col">{"#"}</th><th scope="col">{"character"}</th><th scope="col">{"value"}</th><th scope="col">{"bits"}</th></tr></thead>
            <tbody>
                { for w.digits.iter().enumerate().map(|(i, d)| html! {
                    <tr key={i} class={if i < 10 { "u-time" } else { "u-rand" }}>
                        <td>{ i + 1 }</td><td class="mono">{ text.get(i).copied().unwrap_or(' ') }</td><td>{ d }</td>
                        <td class="mono">{ if i == 0 { format!("{d:03b}") } else { format!("{d:05b}") } }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn decoded(w: &UlidWorld) -> Html {
    html! {
        <table class="ids-table ids-decoded" aria-label="Decoded">
            <tbody>
                <tr><th scope="row">{"text"}</th><td>{ parts(&w.params.decode.to_ascii_uppercase()) }</td></tr>
                <tr><th scope="row">{"timestamp (48 bits, 10 characters)"}</th>
                    <td>{ format!("{} ms = {}", w.decoded.time, iso(w.decoded.time as i64)) }</td></tr>
                <tr><th scope="row">{"randomness (80 bits, 16 characters)"}</th><td class="mono">{ format!("0x{:020X}", w.decoded.random) }</td></tr>
            </tbody>
        </table>
    }
}

fn made_word(m: Made) -> &'static str {
    match m {
        Made::Fresh => "new ms: fresh bits",
        Made::Incremented => "same ms: + 1",
        Made::Waited => "overflow: next ms",
    }
}

fn list(w: &UlidWorld, done: usize) -> Html {
    let from = done.saturating_sub(12);
    let rows: Vec<(usize, &Generated)> = w.made.iter().enumerate().take(done).skip(from).collect();
    html! {
        <table class="ids-table ids-made" aria-label="Generated ULIDs">
            <thead><tr><th scope="col">{"#"}</th><th scope="col">{"clock"}</th><th scope="col">{"ULID"}</th><th scope="col">{"how"}</th></tr></thead>
            <tbody>
                { for rows.into_iter().map(|(i, g)| html! {
                    <tr key={i} class={classes!((i + 1 == done).then_some("current"), (g.made == Made::Waited).then_some("waited"))}>
                        <td>{ i + 1 }</td><td>{ g.clock }</td><td>{ parts(&g.text) }</td><td>{ made_word(g.made) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn sorted(w: &UlidWorld) -> Html {
    html! {
        <table class="ids-table ids-sort" aria-label="Sorted as strings">
            <thead><tr><th scope="col">{"made #"}</th><th scope="col">{"sorted as strings"}</th></tr></thead>
            <tbody>
                { for w.by_text.iter().take(16).enumerate().map(|(k, &i)| html! {
                    <tr key={k} class={classes!((k != i).then_some("bad"))}>
                        <td>{ i + 1 }</td><td>{ w.made.get(i).map(|g| parts(&g.text)).unwrap_or_default() }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn lifetime() -> Html {
    html! {
        <table class="ids-table ids-life" aria-label="Lifetime of 48 bits of milliseconds">
            <tbody>
                <tr><th scope="row">{"2^48 ms"}</th><td>{"281,474,976,710,656 ms"}</td></tr>
                <tr><th scope="row">{"in years (365.25 days)"}</th><td>{ format!("{:.1}", span_years()) }</td></tr>
                <tr><th scope="row">{"the last timestamp"}</th><td>{ format!("{} (year {})", iso(MAX_TIME as i64), year(MAX_TIME as i64)) }</td></tr>
                <tr class="doc"><th scope="row">{"the document says"}</th><td>{"“good for 10889 years”: the year, not the span"}</td></tr>
            </tbody>
        </table>
    }
}

/// The step's picture.
pub(super) fn view(s: &UlidState) -> Html {
    let w = &*s.world;
    let body = match s.step {
        UlidStep::Decode => html! { <div class="ids-cols">{ digits_table(w) }{ decoded(w) }</div> },
        UlidStep::Layout => html! {
            <>
                <p class="ids-ulid-layout">{ parts(&w.params.decode.to_ascii_uppercase()) }</p>
                <p class="ids-legend"><span class="u-time">{"48-bit timestamp (10 characters)"}</span>{" + "}
                    <span class="u-rand">{"80 random bits (16 characters)"}</span>{" = 128 bits in 130"}</p>
                { decoded(w) }
            </>
        },
        UlidStep::Generate(k) => list(w, k),
        UlidStep::Sort => sorted(w),
        UlidStep::Lifetime => lifetime(),
    };
    html! { <div class="ids-ulid">{ body }</div> }
}
