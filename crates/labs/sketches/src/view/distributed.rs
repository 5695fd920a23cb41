//! `distributed`: each partition's counts with its local top-K marked, the reducer's summed
//! table, and the three merged answers side by side.

use crate::topk::Entry;
use crate::trace::{DistState, DistStep, DistWorld};
use sdp_kit::fmt::group;
use yew::prelude::*;

/// Items shown in the counts table: the most frequent overall, at most this many.
const SHOWN: usize = 16;

fn name(w: &DistWorld, item: u32) -> &str {
    w.names.get(item as usize).map_or("", String::as_str)
}

/// The items worth a row: every item of any local list or answer, then the most frequent.
fn shown_items(w: &DistWorld) -> Vec<u32> {
    let m = &w.merged;
    let mut items: Vec<u32> = Vec::new();
    let lists = m
        .local
        .iter()
        .flatten()
        .chain(&m.exact)
        .chain(&m.reduced)
        .chain(&m.sketched);
    for e in lists {
        if !items.contains(&e.item) {
            items.push(e.item);
        }
    }
    let total = |i: u32| {
        w.counts
            .iter()
            .map(|c| c.get(i as usize).copied().unwrap_or(0))
            .sum::<u64>()
    };
    let mut rest: Vec<u32> = (0..w.names.len() as u32)
        .filter(|i| !items.contains(i))
        .collect();
    rest.sort_by_key(|&i| (std::cmp::Reverse(total(i)), i));
    items.extend(rest.into_iter().take(SHOWN.saturating_sub(items.len())));
    items.sort_by_key(|&i| (std::cmp::Reverse(total(i)), i));
    items
}

fn counts_table(w: &DistWorld, step: DistStep) -> Html {
    let items = shown_items(w);
    let local_of = |p: usize, item: u32| {
        w.merged
            .local
            .get(p)
            .is_some_and(|l| l.iter().any(|e| e.item == item))
    };
    let shown_upto = match step {
        DistStep::Data => None,
        DistStep::Local(i) => Some(i),
        DistStep::Reduce | DistStep::Compare => Some(usize::MAX),
    };
    html! {
        <table class="sk-table sk-dist" aria-label="Counts per partition">
            <caption>{ format!("Exact counts per partition ({} of {} items); marked: in that partition's local top {}",
                items.len(), w.names.len(), w.params.k) }</caption>
            <thead><tr>
                <th scope="col">{"item"}</th>
                { for (0..w.counts.len()).map(|p| html! { <th scope="col" key={p}>{ format!("P{}", p + 1) }</th> }) }
                <th scope="col">{"total"}</th>
            </tr></thead>
            <tbody>
                { for items.iter().map(|&item| {
                    let total: u64 = w.counts.iter().map(|c| c.get(item as usize).copied().unwrap_or(0)).sum();
                    html! {
                        <tr key={item}>
                            <th scope="row">{ name(w, item) }</th>
                            { for w.counts.iter().enumerate().map(|(p, c)| {
                                let local = shown_upto.is_some_and(|u| p <= u) && local_of(p, item);
                                let current = step == DistStep::Local(p);
                                html! {
                                    <td key={p} class={classes!(local.then_some("local"), current.then_some("current"))}>
                                        { group(c.get(item as usize).copied().unwrap_or(0)) }
                                    </td>
                                }
                            }) }
                            <td>{ group(total) }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

fn list(w: &DistWorld, title: &str, entries: &[Entry], exact: &[Entry]) -> Html {
    html! {
        <section class="sk-card" aria-label={title.to_string()}>
            <h3>{ title }</h3>
            <ol class="sk-list">
                { for entries.iter().map(|e| {
                    let right = exact.iter().any(|x| x.item == e.item);
                    html! { <li key={e.item} class={classes!(if right { "hit" } else { "miss" })}>{ format!("{} {}", name(w, e.item), group(e.count)) }</li> }
                }) }
            </ol>
        </section>
    }
}

/// The step's picture.
pub(super) fn view(s: &DistState) -> Html {
    let w = &*s.world;
    let m = &w.merged;
    html! {
        <div class="sk-distributed">
            { counts_table(w, s.step) }
            if matches!(s.step, DistStep::Reduce | DistStep::Compare) {
                <div class="sk-cards">
                    { list(w, "Reducer's table (summed local lists)", &m.table, &m.exact) }
                    if s.step == DistStep::Compare {
                        { list(w, "F4's merge: top K of the table", &m.reduced, &m.exact) }
                        { list(w, "Exact global top K", &m.exact, &m.exact) }
                        { list(w, "Merged count-min sketches", &m.sketched, &m.exact) }
                    }
                </div>
            }
        </div>
    }
}
