//! `negative`: the bit array drawn in stretches shaded by the share of bits set (this step's key
//! positions marked), the request path through filter, cache and database, database load per
//! variant, and the false-positive rate measured against the formula.

use crate::layout::{Frame, bars};
use crate::negative::{Outcome, Variant};
use crate::trace::{NegState, PROBES, pct2};
use sdp_kit::bloom::false_positive;
use yew::prelude::*;

const W: f64 = 640.0;

fn bit_strip(s: &NegState) -> Html {
    let m = f64::from(s.world.params.m.max(1));
    let n = s.bits.len().max(1);
    let bw = (W - 20.0) / n as f64;
    let positions = s.request.as_ref().map_or(&[][..], |(_, p, _)| p.as_slice());
    html! {
        <figure class="ca-bits">
            <svg viewBox={format!("0 0 {W} 46")} role="img"
                aria-label={format!("{} of {} bits set, drawn in {} stretches{}", s.ones, s.world.params.m, n,
                    if positions.is_empty() { String::new() } else {
                        format!("; this key's positions {}", positions.iter().map(|(p, set)| format!("{p} ({})", if *set { "set" } else { "clear" })).collect::<Vec<_>>().join(", "))
                    })}>
                <rect class="ca-bits-bg" x="10" y="6" width={format!("{:.1}", W - 20.0)} height="24" />
                { for s.bits.iter().enumerate().filter(|(_, d)| **d > 0.0).map(|(i, d)| html! {
                    <rect key={i} class="ca-bits-on" x={format!("{:.2}", 10.0 + bw * i as f64)} y="6"
                        width={format!("{:.2}", bw + 0.05)} height="24" fill-opacity={format!("{:.3}", d.min(1.0))} />
                }) }
                { for positions.iter().enumerate().map(|(i, (p, set))| {
                    let x = 10.0 + (W - 20.0) * (*p as f64 + 0.5) / m;
                    html! {
                        <g key={i} class={classes!("ca-bit-mark", if *set { "set" } else { "clear" })}>
                            <line x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1="2" y2="34" />
                            <text x={format!("{x:.1}")} y="44" text-anchor="middle">{ if *set { "1" } else { "0" } }</text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption>{ format!("Bit array, {} bits in {} stretches: {} set ({}), {} ids inserted", s.world.params.m, n, s.ones,
                pct2(s.ones as f64 / m), s.inserted) }</figcaption>
        </figure>
    }
}

fn path(s: &NegState) -> Html {
    let narrate = s.world.params.narrate;
    let served = s.request.as_ref().map(|(_, _, out)| out[narrate.lane()]);
    let stop = served.map(|o| o.outcome);
    let reached = |stage: usize| match stop {
        None => false,
        Some(Outcome::Filtered) => stage == 0 && narrate.filters(),
        Some(Outcome::Hit | Outcome::NegativeHit) => stage <= 1,
        Some(_) => true,
    };
    let boxes = [
        (
            if narrate.filters() {
                "Bloom filter"
            } else {
                "(no filter)"
            },
            20.0,
        ),
        ("cache", 240.0),
        ("database", 460.0),
    ];
    html! {
        <figure class="ca-tiers ca-neg-path">
            <svg viewBox={format!("0 0 {W} 50")} role="img"
                aria-label={format!("{}: {}", narrate.name(), stop.map_or("no request shown".to_string(), |o| format!("{o:?}")))}>
                { for boxes.iter().enumerate().map(|(i, (name, x))| html! {
                    <g key={i} class={classes!("ca-tier", reached(i).then_some("on"))}>
                        <rect x={format!("{x}")} y="8" width="160" height="32" rx="4" />
                        <text x={format!("{}", x + 80.0)} y="29" text-anchor="middle">{ *name }</text>
                    </g>
                }) }
                if reached(1) { <line class="ca-path" x1="180" y1="24" x2="240" y2="24" /> }
                if reached(2) { <line class="ca-path" x1="400" y1="24" x2="460" y2="24" /> }
            </svg>
            <figcaption>{ match (&s.request, served) {
                (Some((r, _, _)), Some(o)) => format!("{} user:{} ({}): {}", if r.create { "create_user" } else { "get_user" }, r.id,
                    if o.absent { "does not exist" } else { "exists" }, match o.outcome {
                        Outcome::Filtered => "definitely not",
                        Outcome::Hit => "cache hit",
                        Outcome::NegativeHit => "cached “not found”",
                        Outcome::Found => "database: found",
                        Outcome::NotFound => if o.false_positive { "database: not found (a false positive)" } else { "database: not found" },
                        Outcome::Created => "inserted, bloom.add",
                    }),
                _ => format!("{} of {} requests done", s.done, s.world.total),
            } }</figcaption>
        </figure>
    }
}

fn load(s: &NegState) -> Html {
    let values: Vec<u32> = s.counts.iter().map(|c| c.db).collect();
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    let f = Frame {
        x0: 10.0,
        y0: 6.0,
        w: W - 20.0,
        h: 74.0,
    };
    let narrated = s.world.params.narrate.lane();
    html! {
        <figure class="ca-neg-load">
            <figcaption>{"Database requests per variant"}</figcaption>
            <svg viewBox={format!("0 0 {W} 100")} role="img" aria-label={format!("database requests: {}",
                Variant::ALL.iter().zip(&values).map(|(v, n)| format!("{} {n}", v.name())).collect::<Vec<_>>().join(", "))}>
                { for bars(&f, &values, max).into_iter().enumerate().map(|(i, (x, y, w, h))| html! {
                    <g key={i}>
                        <rect class={classes!("ca-bar", (i == narrated).then_some("hot"))} x={format!("{:.1}", x + 8.0)} y={format!("{y:.1}")}
                            width={format!("{:.1}", (w - 16.0).max(1.0))} height={format!("{h:.1}")} />
                        <text class="axis" x={format!("{:.1}", x + w / 2.0)} y="96" text-anchor="middle">
                            { format!("{}: {}", Variant::ALL[i].name(), values[i]) }</text>
                    </g>
                }) }
            </svg>
        </figure>
    }
}

/// The step's picture.
pub(super) fn view(s: &NegState) -> Html {
    let p = &s.world.params;
    let narrated = p.narrate.lane();
    let rows = Variant::ALL.iter().zip(&s.counts).enumerate().map(|(i, (v, c))| html! {
        <tr key={i} class={classes!((i == narrated).then_some("narrated"))}>
            <th scope="row">{ v.name() }</th>
            <td>{ c.db }</td>
            <td class={classes!((c.db_absent > 0).then_some("bad"))}>{ c.db_absent }</td>
            <td>{ if v.filters() { c.filtered.to_string() } else { "–".into() } }</td>
            <td>{ if v.filters() { c.false_positives.to_string() } else { "–".into() } }</td>
            <td>{ c.hits }</td>
            <td>{ if v.caches_misses() { c.negative_hits.to_string() } else { "–".into() } }</td>
            <td>{ if v.caches_misses() { c.negatives.to_string() } else { "–".into() } }</td>
        </tr>
    });
    let b = &s.counts[Variant::Bloom.lane()];
    let formula = false_positive(u64::from(p.m), s.inserted, p.k);
    html! {
        <div class="ca-neg">
            { bit_strip(s) }
            { path(s) }
            { load(s) }
            <table class="ca-table ca-neg-table" aria-label="Per variant">
                <thead><tr><th scope="col">{"variant"}</th><th scope="col">{"database requests"}</th>
                    <th scope="col">{"lookups of missing ids"}</th><th scope="col">{"definitely not"}</th>
                    <th scope="col">{"false positives"}</th><th scope="col">{"cache hits"}</th>
                    <th scope="col">{"cached “not found”"}</th><th scope="col">{"negative entries held"}</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <table class="ca-table ca-fp" aria-label="False-positive rate">
                <thead><tr><th scope="col">{"false-positive rate"}</th><th scope="col">{"value"}</th></tr></thead>
                <tbody>
                    <tr><th scope="row">{ format!("formula (1 − e^(−kn/m))^k, n = {}", s.inserted) }</th><td>{ pct2(formula) }</td></tr>
                    <tr><th scope="row">{ format!("{PROBES} ids never inserted, after the users / after the last request") }</th>
                        <td>{ format!("{} / {}", pct2(s.world.probed.0), pct2(s.world.probed.1)) }</td></tr>
                    <tr><th scope="row">{"lookups of missing ids answered “maybe” so far"}</th>
                        <td>{ format!("{} of {} ({})", b.false_positives, b.absent_reads, pct2(b.fp_rate())) }</td></tr>
                </tbody>
            </table>
            <p class="ca-legend">{ format!("Filter: {} bits ({} KB), k = {}; a negative entry per missing id asked for, TTL {} s. Missing lookups pick from {} ids, so repeats let the negative cache help; many distinct ids defeat it, not the filter.",
                p.m, u64::from(p.m).div_ceil(8 * 1024), p.k, p.neg_ttl, p.absent) }</p>
        </div>
    }
}
