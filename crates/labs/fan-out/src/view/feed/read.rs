//! A feed read: the sources merged, the page returned, and the ranking funnel with the
//! document's worked example.

use super::super::{g, strategy_colour};
use super::{arrow, arrow_defs, node, plural};
use crate::FanOutLab;
use crate::layout::feed::{Rows, SCORE_ZERO, W, f, score_segments};
use crate::ranking::{
    DOCUMENT_CANDIDATES, DOCUMENT_EXAMPLE, DOCUMENT_PAGE, DOCUMENT_STATED_SCORE, DOCUMENT_WEIGHTS,
    Scored, score, score_terms,
};
use crate::state::{FeedEntry, FeedState, ReadView, SourceKind, Via};
use sdp_kit_web::{palette, use_lab};
use yew::prelude::*;

/// Page entries listed in a read (the rest are counted).
const PAGE_SHOWN: usize = 10;

/// Where to turn the ranking funnel on (nothing in embed mode, which has no controls).
#[component]
fn RankHint() -> Html {
    if !use_lab::<FanOutLab>().editable() {
        return html! {};
    }
    html! {
        <p class="hint">{"Turn on “Rank feed reads” in the controls to see the M7.3 ranking funnel and each post's score."}</p>
    }
}

/// A feed read: sources, merge, page and (when on) the ranking funnel.
pub(super) fn read_view(r: &ReadView, s: &FeedState) -> Html {
    let strategy = s.world.strategy;
    let colour = strategy_colour(strategy);
    let marker = "fanout-arrow-read";
    let shown = r.sources.len();
    let more = r.sources_total.saturating_sub(shown as u32);
    let rows = shown + usize::from(more > 0);
    let layout = Rows::new(rows, 110.0);
    let (h, mid) = (layout.height, layout.mid);
    let max_c = r
        .sources
        .iter()
        .map(|x| x.contributed)
        .max()
        .unwrap_or(0)
        .max(1);
    let from_cache = r.feed.iter().filter(|e| e.via == Via::Cache).count();
    let pulled = r.feed.len() - from_cache;
    let (sx, sw) = (6.0, 150.0);
    let y0 = |i: usize| layout.y(i);
    let merge_title = if r.funnel.is_some() {
        "rank"
    } else if r.sources_total <= 1 {
        "newest first"
    } else {
        "merge"
    };
    let label = format!(
        "User {} reads: {} sources merged ({} drawn), {} posts returned ({} from the cache, {} pulled){}.",
        r.user,
        r.sources_total,
        shown,
        r.feed.len(),
        from_cache,
        pulled,
        if r.missing > 0 {
            format!("; {} posts missing, not fanned out yet", r.missing)
        } else {
            String::new()
        }
    );
    html! {
        <>
            <h2 class="fanout-h">{ format!("User {} loads their feed{}", r.user, if r.active { "" } else { " (normally inactive)" }) }</h2>
            <svg class="fanout-diagram" viewBox={format!("0 0 {W} {h}")} role="img" aria-label={label}>
                { arrow_defs(marker) }
                { for r.sources.iter().enumerate().map(|(i, src)| {
                    let y = y0(i);
                    let (title, class) = match src.kind {
                        SourceKind::Cache => (format!("feed cache: {} → {}", src.available, src.contributed), "cache"),
                        SourceKind::Author { user, celebrity } => (
                            format!("user {user}{}: {} → {}", if celebrity { " ★" } else { "" }, src.available, src.contributed),
                            if celebrity { "celebrity" } else { "author" },
                        ),
                    };
                    let width = 1.0 + 3.0 * f64::from(src.contributed) / f64::from(max_c);
                    html! {
                        <g key={i}>
                            { node(sx, y, sw, 18.0, class, title, String::new()) }
                            if src.contributed > 0 {
                                { arrow((sx + sw, y + 9.0), (218.0, mid), marker, "fanout-edge", colour, width) }
                            } else {
                                { arrow((sx + sw, y + 9.0), (218.0, mid), marker, "fanout-edge unused", colour, 1.0) }
                            }
                        </g>
                    }
                }) }
                if more > 0 {
                    { node(sx, y0(shown), sw, 18.0, "more", format!("+ {} more sources", g(more)), String::new()) }
                    { arrow((sx + sw, y0(shown) + 9.0), (218.0, mid), marker, "fanout-edge", colour, 1.0) }
                }
                { node(220.0, mid - 24.0, 110.0, 48.0, "merge", merge_title.to_string(), plural(r.sources_total as usize, "source", "sources")) }
                { arrow((330.0, mid), (350.0, mid), marker, "fanout-edge", colour, 2.5) }
                { node(352.0, mid - 30.0, 122.0, 60.0, "page", format!("page: {} posts", r.feed.len()), format!("cache {from_cache} · pulled {pulled}")) }
                if r.missing > 0 {
                    <text x="413" y={f(mid + 46.0)} text-anchor="middle" class="fanout-svg-strong fanout-warn-text">{ format!("⚠ {} missing", r.missing) }</text>
                }
            </svg>
            <p class="fanout-legend-line">{"Source boxes: posts available → posts taken into the page; arrow width ∝ posts taken; dashed: taken none. ★ celebrity."}</p>
            if r.missing > 0 {
                <p class="fanout-warn" role="note">{ format!("⚠ {} that pull already shows {} missing from this page: still waiting in the fan-out queue, not yet written into this follower's feed.",
                    plural(r.missing as usize, "post", "posts"), if r.missing == 1 { "is" } else { "are" }) }</p>
            }
            { page_list(&r.feed, r.funnel.is_some()) }
            if let Some(funnel) = r.funnel {
                { ranking_panel(r, funnel.candidates, funnel.returned) }
            } else {
                <RankHint />
            }
        </>
    }
}

/// The page a read returned (the first entries, with their scores when ranked).
pub(super) fn page_list(feed: &[FeedEntry], ranked: bool) -> Html {
    if feed.is_empty() {
        return html! { <p class="fanout-small">{"The page is empty: nobody this user follows has posted yet."}</p> };
    }
    html! {
        <div class="table-scroll">
            <table class="fanout-table fanout-page">
                <caption>{ format!("The page returned{} (first {} of {})", if ranked { ", best score first" } else { ", newest first" }, feed.len().min(PAGE_SHOWN), feed.len()) }</caption>
                <thead><tr>
                    <th scope="col">{"#"}</th><th scope="col">{"post"}</th><th scope="col">{"author"}</th><th scope="col">{"tick"}</th><th scope="col">{"from"}</th>
                    if ranked { <th scope="col">{"score (split by term)"}</th> }
                </tr></thead>
                <tbody>
                    { for feed.iter().take(PAGE_SHOWN).enumerate().map(|(i, e)| html! {
                        <tr key={e.post} class={classes!((e.post == 0).then_some("fanout-example-row"))}>
                            <td>{ i + 1 }</td>
                            <td>{ format!("p{}", e.post) }</td>
                            <td>{ format!("user {}", e.author) }</td>
                            <td class="num">{ g(e.tick) }</td>
                            <td>{ match e.via { Via::Cache => html! { <span class="fanout-via cache">{"cache"}</span> }, Via::Pull => html! { <span class="fanout-via pull">{"pulled"}</span> } } }</td>
                            if ranked {
                                <td>{ e.score.map(score_cell).unwrap_or_default() }</td>
                            }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

const TERM_NAMES: [&str; 5] = ["like", "comment", "share", "save", "hide"];
const TERM_COLOURS: [usize; 5] = [4, 1, 2, 3, 5];

/// A split bar of the five terms (hide drawn left of zero) and the score.
fn score_bar(terms: &[f64; 5], total: f64) -> Html {
    let segments = score_segments(terms);
    let title = TERM_NAMES
        .iter()
        .zip(terms)
        .map(|(n, t)| format!("{n} {t:+.4}"))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <svg class="fanout-scorebar" viewBox="0 0 170 14" role="img" aria-label={format!("score {total:.4}: {title}")}>
            <title>{ title.clone() }</title>
            { for segments.iter().take(4).enumerate().map(|(i, &(x, w))| html! {
                <rect key={i} x={f(x)} y="2" width={f(w)} height="10" fill={palette::series(TERM_COLOURS[i])} />
            }) }
            <rect x={f(segments[4].0)} y="2" width={f(segments[4].1)} height="10" fill="url(#fanout-hatch-neg)" class="fanout-neg" />
            <line x1={f(SCORE_ZERO)} x2={f(SCORE_ZERO)} y1="0" y2="14" class="fanout-zero" />
        </svg>
    }
}

fn score_cell(s: Scored) -> Html {
    html! {
        <span class="fanout-score">
            { score_bar(&s.terms, s.score) }
            <span class="num">{ format!("{:.4}", s.score) }</span>
            <span class="fanout-muted">{ format!(" (was #{} by time)", s.chrono_rank + 1) }</span>
        </span>
    }
}

fn ranking_panel(r: &ReadView, candidates: u32, returned: u32) -> Html {
    let example = r.feed.iter().find(|e| e.post == 0).and_then(|e| e.score);
    html! {
        <section class="fanout-rank" aria-label="Ranking funnel">
            <h3 class="fanout-h3">{"Ranking funnel (M7.3)"}</h3>
            <svg width="0" height="0" aria-hidden="true" class="fanout-defs">
                <defs>
                    <pattern id="fanout-hatch-neg" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="4" height="4" fill={palette::series(5)} fill-opacity="0.3" />
                        <line x1="0" y1="0" x2="0" y2="4" stroke={palette::series(5)} stroke-width="2" />
                    </pattern>
                </defs>
            </svg>
            <ol class="fanout-funnel">
                <li style="--w:100%"><strong>{ format!("Stage 1, retrieval: {} candidates", g(candidates)) }</strong>
                    <span class="fanout-muted">{ format!(" (the newest, up to the cache cap; document: 1000s → {DOCUMENT_CANDIDATES})") }</span></li>
                <li style={format!("--w:{:.0}%", (f64::from(returned) / f64::from(candidates.max(1)) * 100.0).max(30.0))}>
                    <strong>{ format!("Stage 2, ranking: best {} kept", g(returned)) }</strong>
                    <span class="fanout-muted">{ format!(" (document: {DOCUMENT_CANDIDATES} → {DOCUMENT_PAGE})") }</span></li>
            </ol>
            <p class="fanout-small">{"Final score = 0.4·P(like) + 0.3·P(comment) + 0.2·P(share) + 0.2·P(save) − 1.0·P(hide). Bar segments, left to right: "}
                { for TERM_NAMES.iter().enumerate().map(|(i, n)| html! {
                    <span class="fanout-term"><span class="swatch" style={format!("background:{}", palette::series(TERM_COLOURS[i]))}></span>{ if i == 4 { format!("{n} (hatched, left of zero, subtracted)") } else { n.to_string() } }{" "}</span>
                }) }
            </p>
            { worked_example(example) }
        </section>
    }
}

fn worked_example(in_page: Option<Scored>) -> Html {
    let terms = score_terms(&DOCUMENT_WEIGHTS, &DOCUMENT_EXAMPLE);
    let total = score(&DOCUMENT_WEIGHTS, &DOCUMENT_EXAMPLE);
    let p = [
        DOCUMENT_EXAMPLE.like,
        DOCUMENT_EXAMPLE.comment,
        DOCUMENT_EXAMPLE.share,
        DOCUMENT_EXAMPLE.save,
        DOCUMENT_EXAMPLE.hide,
    ];
    let wts = [
        DOCUMENT_WEIGHTS.like,
        DOCUMENT_WEIGHTS.comment,
        DOCUMENT_WEIGHTS.share,
        DOCUMENT_WEIGHTS.save,
        -DOCUMENT_WEIGHTS.hide,
    ];
    html! {
        <div class="table-scroll">
            <table class="fanout-table fanout-example">
                <caption>{"The document's worked example (post p0 carries these probabilities)"}</caption>
                <thead><tr><th scope="col">{"head"}</th><th scope="col">{"P"}</th><th scope="col">{"weight"}</th><th scope="col">{"term"}</th></tr></thead>
                <tbody>
                    { for (0..5).map(|i| html! {
                        <tr key={i}><td>{ TERM_NAMES[i] }</td><td class="num">{ p[i].to_string() }</td><td class="num">{ format!("{:+.1}", wts[i]).replace('-', "−") }</td><td class="num">{ format!("{:+.3}", terms[i]).replace('-', "−") }</td></tr>
                    }) }
                    <tr class="fanout-sum">
                        <th scope="row" colspan="3">{"Final score (the terms summed)"}</th>
                        <td class="num"><strong>{ format!("{total:.3}") }</strong></td>
                    </tr>
                    <tr>
                        <th scope="row" colspan="3">{"The document states"}</th>
                        <td class="num"><s>{ format!("{DOCUMENT_STATED_SCORE:.3}") }</s>{" ✗"}</td>
                    </tr>
                </tbody>
            </table>
            <p class="fanout-fidelity"><span class="badge warn">{"differs from source"}</span>
                { format!(" The document says {DOCUMENT_STATED_SCORE:.3}; its five terms sum to {total:.3} (an arithmetic slip).") }
                { match in_page {
                    Some(s) => format!(" p0 is on this page: its score is {:.4}.", s.score),
                    None => " p0 is not on this page.".to_string(),
                } }
            </p>
            { score_bar(&terms, total) }
        </div>
    }
}
