//! A post (the author, the queue or the author's store, arrows to a sample of followers) and
//! the fan-out workers' batches.

use super::super::{g, strategy_colour};
use super::{arrow, arrow_defs, node, plural};
use crate::layout::feed::{Rows, W, f, more_width};
use crate::state::{BatchView, FeedState, PostView, Route};
use sdp_kit::fmt::percent;
use yew::prelude::*;

/// Batches drawn with arrows in a fan-out step.
const BATCHES_DRAWN: usize = 4;
/// Batches listed in words.
const BATCHES_LISTED: usize = 8;
/// Height of one batch in the fan-out drawing.
const BATCH_H: f64 = 112.0;

/// A post: author, queue or store, and arrows to a sample of followers.
pub(super) fn post_view(p: &PostView, s: &FeedState) -> Html {
    let strategy = s.world.strategy;
    let colour = strategy_colour(strategy);
    let shown = p.sample.len();
    let more = p.followers.saturating_sub(shown as u32);
    let rows = shown + usize::from(more > 0);
    let layout = Rows::new(rows, 150.0);
    let (h, mid) = (layout.height, layout.mid);
    let (mid_title, mid_sub, pushed) = match p.route {
        Route::Queued { writes, .. } => (
            "fan-out queue".to_string(),
            format!("job: {} writes", g(writes)),
            true,
        ),
        Route::NoFollowers => (
            "fan-out service".into(),
            "no followers: nothing".into(),
            true,
        ),
        Route::StoredForPull => ("author's posts".into(), "stored once".into(), false),
        Route::CelebrityPull => (
            "author's posts".into(),
            "celebrity: not pushed".into(),
            false,
        ),
    };
    let marker = "fanout-arrow-post";
    let who = format!("user {}{}", p.author, if p.celebrity { " ★" } else { "" });
    let y0 = |i: usize| layout.y(i);
    let (fx, fw) = (336.0, 136.0);
    let label = format!(
        "User {} posts p{} to {} followers ({} drawn{}). {}",
        p.author,
        p.post,
        p.followers,
        shown,
        if more > 0 {
            format!(", {more} more counted")
        } else {
            String::new()
        },
        if pushed {
            "The post goes through the fan-out queue; workers will write it into each follower's feed."
        } else {
            "No feed is written: followers merge the author's posts when they read."
        }
    );
    let inactive = p.inactive_followers;
    let active = p.followers - inactive.min(p.followers);
    html! {
        <>
            <h2 class="fanout-h">{ format!("Post p{} by {}", p.post, who) }</h2>
            <svg class="fanout-diagram" viewBox={format!("0 0 {W} {h}")} role="img" aria-label={label}>
                { arrow_defs(marker) }
                { node(6.0, mid - 24.0, 116.0, 48.0, if p.celebrity { "celebrity" } else { "author" }, who.clone(), format!("{} followers", g(p.followers))) }
                { arrow((122.0, mid), (160.0, mid), marker, "fanout-edge", colour, 2.0) }
                { node(162.0, mid - 24.0, 136.0, 48.0, if pushed { "queue" } else { "store" }, mid_title, mid_sub) }
                { for p.sample.iter().enumerate().map(|(i, u)| {
                    let y = y0(i);
                    html! {
                        <g key={*u}>
                            if pushed {
                                { arrow((298.0, mid), (fx - 2.0, y + 9.0), marker, "fanout-edge queued", colour, 1.2) }
                            } else {
                                { arrow((fx - 2.0, y + 9.0), (298.0, mid), marker, "fanout-edge pulled", colour, 1.2) }
                            }
                            { node(fx, y, fw, 18.0, "feed", format!("feed:{u}"), String::new()) }
                        </g>
                    }
                }) }
                if more > 0 {
                    if pushed {
                        { arrow((298.0, mid), (fx - 2.0, y0(shown) + 9.0), marker, "fanout-edge queued", colour, more_width(more)) }
                    } else {
                        { arrow((fx - 2.0, y0(shown) + 9.0), (298.0, mid), marker, "fanout-edge pulled", colour, more_width(more)) }
                    }
                    { node(fx, y0(shown), fw, 18.0, "more", format!("+ {} more feeds", g(more)), String::new()) }
                }
            </svg>
            <p class="fanout-legend-line">{ if pushed {
                "Dashed arrows: writes queued for the fan-out workers (drawn in the next steps). Thicker last arrow: all the other followers, counted rather than drawn."
            } else {
                "Dotted arrows point back: nothing is written now; each follower's feed read will merge this author's posts."
            } }</p>
            { split_bar(active, inactive, pushed) }
        </>
    }
}

/// Active against inactive followers, with what it costs.
fn split_bar(active: u32, inactive: u32, pushed: bool) -> Html {
    let total = (active + inactive).max(1);
    let a = f64::from(active) / f64::from(total) * 100.0;
    let text = if pushed {
        format!(
            "{} active followers · {} inactive: pushing writes {} entries nobody reads ({})",
            g(active),
            g(inactive),
            g(inactive),
            percent(inactive.into(), total.into())
        )
    } else {
        format!(
            "{} active followers · {} inactive: no writes, so the inactive ones cost nothing",
            g(active),
            g(inactive)
        )
    };
    html! {
        <div class="fanout-split-wrap">
            <div class="fanout-split" aria-hidden="true">
                <span class="active" style={format!("width:{a:.1}%")}></span>
                <span class="inactive" style={format!("width:{:.1}%", 100.0 - a)}></span>
            </div>
            <p class="fanout-small">{ text }</p>
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// Fan-out batches

/// The fan-out workers' batches of one tick.
pub(super) fn fanout_view(batches: &[BatchView], s: &FeedState) -> Html {
    let colour = strategy_colour(s.world.strategy);
    let drawn = &batches[..batches.len().min(BATCHES_DRAWN)];
    let group_h = BATCH_H;
    let h = drawn.len() as f64 * group_h + 6.0;
    let marker = "fanout-arrow-batch";
    let writes: u32 = batches.iter().map(|b| b.count).sum();
    let wasted: u32 = batches.iter().map(|b| b.inactive).sum();
    let label = format!(
        "{} workers wrote {} batches: {} feed entries, {} into inactive users' feeds.",
        s.world.workers,
        batches.len(),
        writes,
        wasted
    );
    html! {
        <>
            <h2 class="fanout-h">{ format!("Fan-out workers write {} ({})", plural(batches.len(), "batch", "batches"), plural(writes as usize, "feed entry", "feed entries")) }</h2>
            <svg class="fanout-diagram" viewBox={format!("0 0 {W} {h}")} role="img" aria-label={label}>
                { arrow_defs(marker) }
                { for drawn.iter().enumerate().map(|(i, b)| batch_group(b, 4.0 + i as f64 * group_h, colour, marker)) }
            </svg>
            <p class="fanout-legend-line">{"Each worker takes one batch per tick. Bar: the author's follower list — written before (grey), this batch (colour), still queued (empty). Feed boxes: feed:user (entries in it after the write); dashed, “✗ inactive”: a user who never reads, so the write is wasted."}</p>
            <ul class="fanout-batches">
                { for batches.iter().take(BATCHES_LISTED).map(|b| html! {
                    <li key={format!("{}-{}", b.worker, b.post)}>
                        { format!("worker {}: p{} (user {}) → followers {}–{} of {}; {} inactive",
                            b.worker, b.post, b.author, g(b.offset + 1), g(b.offset + b.count), g(b.total), g(b.inactive)) }
                        { evictions(b) }
                        if let Some(l) = b.latency {
                            <strong class="fanout-done">{ format!(" ✓ visible to all followers {}", if l == 0 { "in the tick it was posted".to_string() } else { format!("{} after it was posted", plural(l as usize, "tick", "ticks")) }) }</strong>
                        }
                    </li>
                }) }
                if batches.len() > BATCHES_LISTED {
                    <li>{ format!("+ {} more batches ({} writes)", batches.len() - BATCHES_LISTED,
                        g(batches[BATCHES_LISTED..].iter().map(|b| u64::from(b.count)).sum::<u64>())) }</li>
                }
            </ul>
        </>
    }
}

fn evictions(b: &BatchView) -> Html {
    let trimmed: Vec<String> = b
        .targets
        .iter()
        .filter_map(|t| t.evicted.map(|p| format!("p{p} from feed:{}", t.user)))
        .collect();
    if trimmed.is_empty() {
        return html! {};
    }
    html! { <span>{ format!("; cache full, oldest trimmed: {}", trimmed.join(", ")) }</span> }
}

fn batch_group(b: &BatchView, y: f64, colour: &str, marker: &str) -> Html {
    let (bx, bw, bh) = (6.0, 168.0, 62.0);
    let total = f64::from(b.total.max(1));
    let bar_w = bw - 16.0;
    let done = f64::from(b.offset) / total * bar_w;
    let this = (f64::from(b.count) / total * bar_w).max(1.5);
    let shown = b.targets.len();
    let more = b.count.saturating_sub(shown as u32);
    let (tx, tw, th, step) = (226.0, 168.0, 15.0, 17.0);
    let mid = y + BATCH_H / 2.0 - 4.0;
    let by = mid - bh / 2.0;
    let first = mid - shown as f64 * step / 2.0;
    html! {
        <g key={format!("{}-{}", b.worker, b.post)}>
            <g class="fanout-node queue">
                <rect x={f(bx)} y={f(by)} width={f(bw)} height={f(bh)} rx="5" />
            </g>
            <text x={f(bx + 8.0)} y={f(by + 16.0)} class="fanout-svg-strong">{ format!("worker {} → p{}", b.worker, b.post) }</text>
            <text x={f(bx + 8.0)} y={f(by + 32.0)} class="fanout-svg-small">{ format!("followers {}–{} of {}", g(b.offset + 1), g(b.offset + b.count), g(b.total)) }</text>
            <rect x={f(bx + 8.0)} y={f(by + 40.0)} width={f(bar_w)} height="9" class="fanout-bar-empty" />
            <rect x={f(bx + 8.0)} y={f(by + 40.0)} width={f(done)} height="9" class="fanout-bar-done" />
            <rect x={f(bx + 8.0 + done)} y={f(by + 40.0)} width={f(this)} height="9" fill={colour.to_string()} />
            if b.done {
                <text x={f(bx + 8.0)} y={f(by + 59.0)} class="fanout-svg-small">{"✓ last batch: visible to all"}</text>
            }
            { for b.targets.iter().enumerate().map(|(i, t)| {
                let yy = first + i as f64 * step;
                html! {
                    <g key={t.user}>
                        { arrow((bx + bw, mid), (tx - 2.0, yy + th / 2.0), marker, "fanout-edge", colour, 1.2) }
                        <g class={classes!("fanout-node", "feed", (!t.active).then_some("inactive"))}>
                            <rect x={f(tx)} y={f(yy)} width={f(tw)} height={f(th)} rx="4" />
                            <text x={f(tx + tw / 2.0)} y={f(yy + 11.5)} text-anchor="middle" class="fanout-svg-small">
                                { format!("feed:{} ({}){}", t.user, t.cache_len, if t.active { "" } else { " ✗ inactive" }) }
                            </text>
                        </g>
                    </g>
                }
            }) }
            if more > 0 {
                <text x={f(tx + tw + 6.0)} y={f(mid - 2.0)} class="fanout-svg-small fanout-muted">{ format!("+ {}", g(more)) }</text>
                <text x={f(tx + tw + 6.0)} y={f(mid + 11.0)} class="fanout-svg-small fanout-muted">{"more"}</text>
            }
        </g>
    }
}
