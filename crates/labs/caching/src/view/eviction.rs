//! `eviction`: one card per policy with its resident keys in eviction order (the LRU list, the
//! LFU frequency buckets, Belady's next uses), this access's hit or miss and eviction, and the
//! hit-rate curve against capacity.

use super::charts::{Series, line_chart};
use crate::layout::log_pos;
use crate::policy::{Entry, Policy};
use crate::trace::{EvictPhase, EvictState, Lane, pct};
use yew::prelude::*;

fn name(s: &EvictState, k: u32) -> String {
    s.world.names.get(k as usize).cloned().unwrap_or_default()
}

fn chip(s: &EvictState, e: &Entry, current: Option<u32>, tag: Option<String>) -> Html {
    let on = current == Some(e.key);
    html! {
        <li class={classes!("ca-chip", on.then_some("on"))}>
            { name(s, e.key) }
            if let Some(t) = tag { <small>{ t }</small> }
        </li>
    }
}

fn entries(s: &EvictState, l: &Lane) -> Html {
    let cur = s.key;
    match l.policy {
        Policy::Lfu => {
            let mut buckets: Vec<(u64, Vec<&Entry>)> = Vec::new();
            for e in &l.entries {
                match buckets.last_mut() {
                    Some((f, list)) if *f == e.tag => list.push(e),
                    _ => buckets.push((e.tag, vec![e])),
                }
            }
            html! {
                <div class="ca-buckets">
                    { for buckets.iter().enumerate().map(|(i, (f, list))| html! {
                        <div class={classes!("ca-bucket", (i == 0).then_some("min"))}>
                            <span class="ca-freq">{ format!("freq {f}{}", if i == 0 { " (min)" } else { "" }) }</span>
                            <ol class="ca-chips">{ for list.iter().map(|e| chip(s, e, cur, None)) }</ol>
                        </div>
                    }) }
                </div>
            }
        }
        Policy::Belady => html! {
            <ol class="ca-chips">
                { for l.entries.iter().map(|e| {
                    let tag = if e.tag == u64::MAX { "never".to_string() } else { format!("@{}", e.tag + 1) };
                    chip(s, e, cur, Some(tag))
                }) }
            </ol>
        },
        _ => {
            html! { <ol class="ca-chips">{ for l.entries.iter().map(|e| chip(s, e, cur, None)) }</ol> }
        }
    }
}

fn order_text(p: Policy) -> &'static str {
    match p {
        Policy::Lru => "least recently used → most recently used",
        Policy::Lfu => "frequency buckets, oldest first in each",
        Policy::Fifo => "oldest inserted → newest",
        Policy::Random => "slots (the victim is drawn at random)",
        Policy::Belady => "next use farthest → soonest",
    }
}

fn card(s: &EvictState, l: &Lane) -> Html {
    let narrated = s.world.params.narrate == l.policy;
    let more = (l.len as usize).saturating_sub(l.entries.len());
    html! {
        <section class={classes!("ca-card", narrated.then_some("narrated"), (l.policy == Policy::Belady).then_some("doc"))}
            aria-label={l.policy.name()}>
            <h3>{ l.policy.name() }
                if let Some(h) = l.hit {
                    <span class={classes!("ca-badge", if h { "hit" } else { "miss" })}>{ if h { "hit" } else { "miss" } }</span>
                }
            </h3>
            if l.policy == Policy::Belady { <p class="ca-note">{"not in source: needs the future"}</p> }
            <p class="ca-order">{ order_text(l.policy) }</p>
            { entries(s, l) }
            if more > 0 { <p class="ca-more">{ format!("+ {more} more") }</p> }
            if let Some(e) = l.evicted { <p class="ca-evicted">{ format!("evicted {}", name(s, e)) }</p> }
            <p class="ca-size">{ format!("{} hits of {} · {} evictions · {} / {} keys", l.hits, s.done, l.evictions, l.len, s.world.params.capacity) }</p>
        </section>
    }
}

fn curve(s: &EvictState) -> Html {
    let w = &s.world;
    let max = w.sweep.last().map_or(1, |p| p.capacity).max(1);
    let len = w.length.max(1) as f64;
    let series: Vec<Series> = Policy::ALL
        .iter()
        .enumerate()
        .map(|(i, p)| Series {
            name: p.name().to_string(),
            points: w
                .sweep
                .iter()
                .map(|pt| {
                    (
                        log_pos(f64::from(pt.capacity), f64::from(max)),
                        pt.hits[i] as f64 / len,
                    )
                })
                .collect(),
            strong: *p == w.params.narrate,
        })
        .collect();
    let cursor = log_pos(f64::from(w.params.capacity), f64::from(max));
    line_chart(
        "ca-curve",
        format!("Hit rate against capacity, 1 to {max} keys, for five policies"),
        &series,
        "100 %",
        &format!(
            "capacity, 1 to {max} keys (log scale); line: capacity {}",
            w.params.capacity
        ),
        Some(cursor),
    )
}

fn sweep_table(s: &EvictState) -> Html {
    let w = &s.world;
    let len = w.length.max(1) as f64;
    html! {
        <table class="ca-table ca-sweep" aria-label="Hit rate against capacity">
            <thead><tr><th scope="col">{"capacity"}</th>
                { for Policy::ALL.iter().map(|p| html! { <th scope="col">{ p.name() }</th> }) }</tr></thead>
            <tbody>
                { for w.sweep.iter().map(|pt| html! {
                    <tr class={classes!((pt.capacity == w.params.capacity).then_some("current"))}>
                        <td>{ pt.capacity }</td>
                        { for pt.hits.iter().map(|h| html! { <td>{ pct(*h as f64 / len) }</td> }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// The step's picture.
pub(super) fn view(s: &EvictState) -> Html {
    let head = match (s.phase, s.key) {
        (EvictPhase::Access, Some(k)) => {
            format!("Access {} of {}: {}", s.done, s.world.length, name(s, k))
        }
        (EvictPhase::Start, _) => format!(
            "{} accesses, capacity {}",
            s.world.length, s.world.params.capacity
        ),
        _ => format!("{} of {} accesses done", s.done, s.world.length),
    };
    html! {
        <div class="ca-evict">
            <p class="ca-head">{ head }</p>
            <div class="ca-cards">{ for s.lanes.iter().map(|l| card(s, l)) }</div>
            { curve(s) }
            if s.phase == EvictPhase::Sweep { { sweep_table(s) } }
        </div>
    }
}
