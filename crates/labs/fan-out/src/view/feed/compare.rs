//! The focused strategy's fan-out queue, and push, pull and hybrid side by side.

use super::super::{g, strategy_colour};
use super::plural;
use crate::sim::{Strategy, StrategyStats};
use crate::state::{FeedState, FeedWorld, QueueView};
use sdp_kit::fmt::percent;
use yew::prelude::*;

/// The focused strategy's queue (pull has none: what the others hold instead).
pub(super) fn queue_panel(s: &FeedState) -> Html {
    let w = &s.world;
    if w.strategy == Strategy::Pull {
        let push = &s.stats[Strategy::Push.index()];
        let hybrid = &s.stats[Strategy::Hybrid.index()];
        return html! {
            <section class="fanout-queue" aria-label="Fan-out queue">
                <h3 class="fanout-h3">{"Fan-out queue"}</h3>
                <p class="fanout-small">{ format!("Pull has no queue: a post waits in its author's list until someone reads. Meanwhile on the same workload the push queue holds {} writes and hybrid's {}.",
                    g(push.backlog_writes), g(hybrid.backlog_writes)) }</p>
            </section>
        };
    }
    queue_view(&s.queue, w)
}

fn queue_view(q: &QueueView, w: &FeedWorld) -> Html {
    let rate = u64::from(w.workers) * u64::from(w.batch);
    let ticks = q.pending_writes.div_ceil(rate.max(1));
    html! {
        <section class="fanout-queue" aria-label="Fan-out queue">
            <h3 class="fanout-h3">{ format!("Fan-out queue ({})", w.strategy.as_str()) }</h3>
            <p class="fanout-small">
                { format!("{} · {} writes pending · {} workers × {} followers per batch = {} writes per tick",
                    plural(q.jobs as usize, "job", "jobs"), g(q.pending_writes), w.workers, g(w.batch), g(rate)) }
                if q.pending_writes > 0 { { format!(" → at least {} to drain", plural(ticks as usize, "tick", "ticks")) } }
            </p>
            if !q.head.is_empty() {
                <ol class="fanout-jobs">
                    { for q.head.iter().map(|j| {
                        let pct = f64::from(j.done) / f64::from(j.total.max(1)) * 100.0;
                        html! {
                            <li key={j.post}>
                                <span class="fanout-job-label">{ format!("p{} by user {} (tick {}): {} of {} written", j.post, j.author, g(j.tick), g(j.done), g(j.total)) }</span>
                                <span class="fanout-progress small" aria-hidden="true"><span style={format!("width:{pct:.1}%")}></span></span>
                            </li>
                        }
                    }) }
                    if q.jobs > q.head.len() as u64 {
                        <li>{ format!("+ {} more jobs", g(q.jobs - q.head.len() as u64)) }</li>
                    }
                </ol>
            }
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Side by side

struct Row {
    name: &'static str,
    what: &'static str,
    value: fn(&StrategyStats) -> f64,
    text: fn(&StrategyStats) -> String,
    sub: fn(&StrategyStats, &FeedWorld) -> String,
}

fn rows() -> [Row; 8] {
    [
        Row {
            name: "Writes per post",
            what: "write amplification",
            value: |s| s.writes_per_post(),
            text: |s| format!("{:.2}", s.writes_per_post()),
            sub: |s, _| format!("{} writes", g(s.feed_writes)),
        },
        Row {
            name: "Work per feed read",
            what: "sources merged",
            value: |s| s.sources_per_read(),
            text: |s| format!("{:.2}", s.sources_per_read()),
            sub: |s, _| format!("max {}", g(s.max_sources)),
        },
        Row {
            name: "Feed-cache storage",
            what: "entries held",
            value: |s| s.cache_entries as f64,
            text: |s| g(s.cache_entries),
            sub: |s, w| format!("longest {} of {}", s.max_cache_len, w.cache),
        },
        Row {
            name: "Wasted writes",
            what: "into inactive users' feeds",
            value: |s| s.wasted_writes as f64,
            text: |s| g(s.wasted_writes),
            sub: |s, _| format!("{} of writes", percent(s.wasted_writes, s.feed_writes)),
        },
        Row {
            name: "Visible to all followers after",
            what: "ticks, worst post",
            value: |s| s.latency_max as f64,
            text: |s| g(s.latency_max),
            sub: |s, _| {
                let waiting = s.posts - s.visible_posts.min(s.posts);
                if waiting > 0 {
                    format!("mean {:.1}; {} not yet", s.mean_latency(), g(waiting))
                } else {
                    format!("mean {:.1}", s.mean_latency())
                }
            },
        },
        Row {
            name: "Queue backlog now",
            what: "feed writes waiting",
            value: |s| s.backlog_writes as f64,
            text: |s| g(s.backlog_writes),
            sub: |s, _| {
                format!(
                    "{}, peak {}",
                    plural(s.backlog_jobs as usize, "job", "jobs"),
                    g(s.peak_backlog)
                )
            },
        },
        Row {
            name: "Backlog after a celebrity post",
            what: "right after the latest one",
            value: |s| s.backlog_after_celebrity.unwrap_or(0) as f64,
            text: |s| s.backlog_after_celebrity.map_or("—".to_string(), g),
            sub: |s, _| {
                if s.backlog_after_celebrity.is_some() {
                    String::new()
                } else {
                    "no celebrity post yet".into()
                }
            },
        },
        Row {
            name: "Stale reads",
            what: "missed a post not yet fanned out",
            value: |s| s.stale_reads as f64,
            text: |s| g(s.stale_reads),
            sub: |s, _| {
                format!(
                    "of {} reads; {} posts missed",
                    g(s.reads),
                    g(s.missing_posts)
                )
            },
        },
    ]
}

/// The eight figures of push, pull and hybrid side by side.
pub(super) fn compare_table(s: &FeedState) -> Html {
    let w = &s.world;
    let focus = w.strategy;
    let st = &s.stats;
    html! {
        <section class="fanout-compare" aria-label="Push, pull and hybrid side by side">
            <h2 class="fanout-h">{"Side by side on the identical workload"}</h2>
            <p class="fanout-small">{ format!("All three strategies ran the same {} posts and {} reads so far; bars compare each row.", g(st[0].posts), g(st[0].reads)) }</p>
            <div class="table-scroll">
                <table class="fanout-table fanout-cmp">
                    <thead><tr>
                        <th scope="col">{"metric"}</th>
                        { for Strategy::ALL.iter().map(|&x| html! {
                            <th scope="col" class={classes!(format!("fanout-col-{}", x.as_str()), (x == focus).then_some("focus"))}>
                                <span class="swatch" style={format!("background:{}", strategy_colour(x))}></span>
                                { x.as_str() }
                                if x == focus { <span class="fanout-narrated">{" (narrated)"}</span> }
                            </th>
                        }) }
                    </tr></thead>
                    <tbody>
                        { for rows().iter().map(|row| {
                            let values: Vec<f64> = st.iter().map(row.value).collect();
                            let max = values.iter().copied().fold(0.0f64, f64::max);
                            html! {
                                <tr key={row.name}>
                                    <th scope="row">{ row.name }<span class="fanout-what">{ row.what }</span></th>
                                    { for Strategy::ALL.iter().map(|&x| {
                                        let v = values[x.index()];
                                        let pct = if max > 0.0 { v / max * 100.0 } else { 0.0 };
                                        let sub = (row.sub)(&st[x.index()], w);
                                        html! {
                                            <td class={classes!((x == focus).then_some("focus"))}>
                                                <span class="num fanout-val">{ (row.text)(&st[x.index()]) }</span>
                                                <span class="fanout-cell-bar" aria-hidden="true"><span style={format!("width:{pct:.1}%;background:{}", strategy_colour(x))}></span></span>
                                                if !sub.is_empty() { <span class="fanout-sub">{ sub }</span> }
                                            </td>
                                        }
                                    }) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
