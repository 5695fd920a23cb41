//! The lab's controls: mode, narrated strategy, every parameter, every action.

use super::g;
use crate::sim::Strategy;
use crate::{
    Action, BATCH_RANGE, CACHE_RANGE, DEFAULT_READER, FanOutLab, GROUP_RANGE, MAX_ACTIONS,
    MAX_DETAILED, MAX_MESSAGES, MAX_POSTS, MAX_READS, MAX_THRESHOLD, MAX_USERS, MAX_WAIT,
    MIN_USERS, MSG_BYTES_RANGE, Mode, PAGE_RANGE, Params, REF_BYTES_RANGE, SKEW_RANGE,
    WORKERS_RANGE, max_follows, scaled_threshold,
};
use sdp_kit::lab::{Contract, Lab, Scenario};
use sdp_kit_web::route::Route;
use sdp_kit_web::widgets::{FloatField, KeptInput, NumberField};
use sdp_kit_web::{Change, use_lab};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The link to `scenario` (a fresh page: used to switch mode or drop the actions).
fn link(scenario: &Scenario<Params, Action>) -> String {
    Route::Lab {
        id: <FanOutLab as Lab>::INFO.id.into(),
        query: sdp_kit::query::encode(&FanOutLab::to_query(scenario)),
    }
    .to_hash()
}

fn action_text(a: &Action) -> String {
    match a {
        Action::Post(u) => format!("user {u} posts"),
        Action::Read(u) => format!("user {u} reads"),
        Action::Wait(n) => format!("wait {n} ticks"),
        Action::Send(m) => format!("member {m} sends"),
        Action::Disconnect(m) => format!("member {m} goes offline"),
        Action::Reconnect(m) => format!("member {m} reconnects"),
    }
}

fn input_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

#[component]
pub(super) fn Controls() -> Html {
    let lab = use_lab::<FanOutLab>();
    let s = &*lab.scenario;
    let p = s.params.clone();
    let seed = s.seed;
    let feed = p.mode == Mode::Feed;
    let change = lab.change.clone();
    let set = {
        let (change, p) = (change.clone(), p.clone());
        move |f: fn(&mut Params, u64)| {
            let (change, p) = (change.clone(), p.clone());
            Callback::from(move |v: u64| {
                let mut next = p.clone();
                f(&mut next, v);
                change.emit(Change::Params(next, seed));
            })
        }
    };
    let set_f = {
        let (change, p) = (change.clone(), p.clone());
        move |f: fn(&mut Params, f64)| {
            let (change, p) = (change.clone(), p.clone());
            Callback::from(move |v: f64| {
                let mut next = p.clone();
                f(&mut next, v);
                change.emit(Change::Params(next, seed));
            })
        }
    };
    let on_seed = {
        let (change, p) = (change.clone(), p.clone());
        Callback::from(move |v: u64| change.emit(Change::Params(p.clone(), v)))
    };
    let on_strategy = |st: Strategy| {
        let (change, p) = (change.clone(), p.clone());
        Callback::from(move |_: Event| {
            let mut next = p.clone();
            next.strategy = st;
            change.emit(Change::Params(next, seed));
        })
    };
    let on_rank = {
        let (change, p) = (change.clone(), p.clone());
        Callback::from(move |e: Event| {
            let on = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .is_some_and(|i| i.checked());
            let mut next = p.clone();
            next.ranking = on;
            change.emit(Change::Params(next, seed));
        })
    };
    let scaled = scaled_threshold(p.users, p.follows);
    let on_scale = {
        let (change, p) = (change.clone(), p.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = p.clone();
            next.threshold = scaled;
            change.emit(Change::Params(next, seed));
        })
    };
    let defaults = {
        let change = change.clone();
        Callback::from(move |_: MouseEvent| change.emit(Change::Defaults))
    };
    let mode_link = |mode: Mode| {
        let mut next = s.clone();
        next.params.mode = mode;
        next.actions.clear();
        link(&next)
    };
    let without_actions = {
        let mut next = s.clone();
        next.actions.clear();
        link(&next)
    };
    html! {
        <div class="controls fanout-controls">
            <fieldset>
                <legend>{"Mode"}</legend>
                <nav class="fanout-modes" aria-label="Mode">
                    <a href={mode_link(Mode::Feed)} aria-current={feed.then_some("page")} class={classes!(feed.then_some("current"))}>{"News-feed fan-out"}</a>
                    <a href={mode_link(Mode::Chat)} aria-current={(!feed).then_some("page")} class={classes!((!feed).then_some("current"))}>{"Group chat delivery"}</a>
                </nav>
                if feed {
                    <div class="fanout-radios" role="radiogroup" aria-label="Narrated strategy">
                        <span class="fanout-radios-label">{"Narrate and draw:"}</span>
                        { for Strategy::ALL.iter().map(|&st| {
                            let id = format!("fanout-strategy-{}", st.as_str());
                            html! {
                                <label for={id.clone()} key={st.as_str()}>
                                    <input type="radio" id={id} name="fanout-strategy" value={st.as_str()} checked={p.strategy == st} onchange={on_strategy(st)} />
                                    { st.as_str() }
                                </label>
                            }
                        }) }
                    </div>
                    <p class="hint">{"All three strategies always run on the same workload (the side-by-side table); this picks the one narrated step by step."}</p>
                }
                <button type="button" onclick={defaults}>{"Restore defaults"}</button>
            </fieldset>
            if feed {
                <fieldset>
                    <legend>{"Graph and workload (rebuild from the start)"}</legend>
                    <NumberField label="Users" value={u64::from(p.users)} min={u64::from(MIN_USERS)} max={u64::from(MAX_USERS)} on_commit={set(|p, v| {
                        let follow_scale = p.threshold == scaled_threshold(p.users, p.follows);
                        p.users = v as u32;
                        if follow_scale { p.threshold = scaled_threshold(p.users, p.follows); }
                    })} />
                    <NumberField label="Follows" value={u64::from(p.follows)} min=0 max={u64::from(max_follows(p.users))} on_commit={set(|p, v| {
                        let follow_scale = p.threshold == scaled_threshold(p.users, p.follows);
                        p.follows = v as u32;
                        if follow_scale { p.threshold = scaled_threshold(p.users, p.follows); }
                    })} />
                    <FloatField label="Popularity skew" id="fanout-skew" value={p.skew} min={SKEW_RANGE.0} max={SKEW_RANGE.1} hint="0 uniform, 1 Zipf" on_commit={set_f(|p, v| p.skew = v)} />
                    <FloatField label="Inactive share" id="fanout-inactive" value={p.inactive} min=0.0 max=1.0 hint="users who never read" on_commit={set_f(|p, v| p.inactive = v)} />
                    <NumberField label="Posts" value={u64::from(p.posts)} min=0 max={u64::from(MAX_POSTS)} on_commit={set(|p, v| p.posts = v as u32)} />
                    <NumberField label="Reads" value={u64::from(p.reads)} min=0 max={u64::from(MAX_READS)} on_commit={set(|p, v| p.reads = v as u32)} />
                    <NumberField label="Detailed events" value={u64::from(p.detailed)} min=0 max={u64::from(MAX_DETAILED)} on_commit={set(|p, v| p.detailed = v as u32)} />
                    <NumberField label="Seed" value={seed} min=0 max={u64::MAX} on_commit={on_seed.clone()} />
                    <p class="hint">{"The last “detailed events” are shown one step each; the earlier ones are summarised in at most 10 steps."}</p>
                </fieldset>
                <fieldset>
                    <legend>{"Fan-out and feeds"}</legend>
                    <NumberField label="Celebrity threshold" value={p.threshold.max(0) as u64} min=0 max={MAX_THRESHOLD as u64} on_commit={set(|p, v| p.threshold = v as i64)} />
                    <p class="hint fanout-scale">
                        { format!("The document's 10K, scaled: 10 × mean followers = 10 × {} ÷ {} = {}. ", g(p.follows), g(p.users), g(scaled.max(0) as u64)) }
                        if p.threshold == scaled {
                            <span>{"In use."}</span>
                        } else {
                            <button type="button" onclick={on_scale}>{ format!("Use {}", g(scaled.max(0) as u64)) }</button>
                        }
                    </p>
                    <NumberField label="Workers" value={u64::from(p.workers)} min={u64::from(WORKERS_RANGE.0)} max={u64::from(WORKERS_RANGE.1)} on_commit={set(|p, v| p.workers = v as u32)} />
                    <NumberField label="Batch size" value={u64::from(p.batch)} min={u64::from(BATCH_RANGE.0)} max={u64::from(BATCH_RANGE.1)} on_commit={set(|p, v| p.batch = v as u32)} />
                    <NumberField label="Feed cache cap" value={u64::from(p.cache)} min={u64::from(CACHE_RANGE.0)} max={u64::from(CACHE_RANGE.1)} on_commit={set(|p, v| p.cache = v as u32)} />
                    <NumberField label="Page size" value={u64::from(p.page)} min={u64::from(PAGE_RANGE.0)} max={u64::from(PAGE_RANGE.1.min(p.cache))} on_commit={set(|p, v| p.page = v as u32)} />
                    <div class="field">
                        <label for="fanout-rank">{"Rank feed reads"}</label>
                        <input type="checkbox" id="fanout-rank" checked={p.ranking} onchange={on_rank} />
                        <span class="hint">{"M7.3 two-stage funnel"}</span>
                    </div>
                </fieldset>
                <FeedActions />
            } else {
                <fieldset>
                    <legend>{"Group (rebuild from the start)"}</legend>
                    <NumberField label="Members" value={u64::from(p.group)} min={u64::from(GROUP_RANGE.0)} max={u64::from(GROUP_RANGE.1)} on_commit={set(|p, v| p.group = v as u32)} />
                    <NumberField label="Messages" value={u64::from(p.messages)} min=0 max={u64::from(MAX_MESSAGES)} on_commit={set(|p, v| p.messages = v as u32)} />
                    <FloatField label="Online share" id="fanout-online" value={p.online} min=0.0 max=1.0 hint="members kept online" on_commit={set_f(|p, v| p.online = v)} />
                    <NumberField label="Message bytes" value={u64::from(p.msg_bytes)} min={u64::from(MSG_BYTES_RANGE.0)} max={u64::from(MSG_BYTES_RANGE.1)} on_commit={set(|p, v| p.msg_bytes = v as u32)} />
                    <NumberField label="Reference bytes" value={u64::from(p.ref_bytes)} min={u64::from(REF_BYTES_RANGE.0)} max={u64::from(REF_BYTES_RANGE.1)} on_commit={set(|p, v| p.ref_bytes = v as u32)} />
                    <NumberField label="Seed" value={seed} min=0 max={u64::MAX} on_commit={on_seed} />
                </fieldset>
                <ChatActions />
            }
            <fieldset class="fanout-taken">
                <legend>{ format!("Your actions ({} of {MAX_ACTIONS})", s.actions.len()) }</legend>
                if s.actions.is_empty() {
                    <p class="hint">{"None yet: each action adds steps after the generated workload."}</p>
                } else {
                    <ol>{ for s.actions.iter().map(|a| html! { <li>{ action_text(a) }</li> }) }</ol>
                    <a href={without_actions}>{"Remove my actions"}</a>
                }
            </fieldset>
        </div>
    }
}

/// Parses a whole number typed into an action field.
fn parse_id(text: &str, what: &str, lo: u32, hi: u32) -> Result<u32, String> {
    text.trim().parse::<u32>().map_err(|_| {
        format!(
            "{what}: must be a whole number between {lo} and {hi} (got “{}”)",
            sdp_kit::query::shorten(text)
        )
    })
}

#[component]
fn FeedActions() -> Html {
    let lab = use_lab::<FanOutLab>();
    let p = &lab.scenario.params;
    let (user, wait) = (use_node_ref(), use_node_ref());
    let error = use_state(|| None::<String>);
    let users = p.users;
    let act = |make: fn(u32) -> Action, node: NodeRef, what: &'static str, (lo, hi): (u32, u32)| {
        let (lab, error) = (lab.clone(), error.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            match parse_id(&input_value(&node), what, lo, hi) {
                Ok(v) => {
                    error.set(None);
                    lab.act(make(v));
                }
                Err(m) => error.set(Some(m)),
            }
        })
    };
    let celebrity = {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| lab.act(Action::Post(0)))
    };
    let reader = lab
        .scenario
        .actions
        .iter()
        .rev()
        .find_map(|a| match a {
            Action::Read(u) => Some(*u),
            _ => None,
        })
        .unwrap_or(DEFAULT_READER)
        .min(users.saturating_sub(1));
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());
    html! {
        <fieldset>
            <legend>{"Actions (each adds steps after the workload)"}</legend>
            <form class="action" {onsubmit}>
                <label for="fanout-user">{"User"}</label>
                <KeptInput id="fanout-user" node={user.clone()} inputmode="numeric" initial={reader.to_string()} />
                <button type="submit" onclick={act(Action::Post, user.clone(), "User", (0, users.saturating_sub(1)))}>{"Post"}</button>
                <button type="button" onclick={act(Action::Read, user, "User", (0, users.saturating_sub(1)))}>{"Read feed"}</button>
            </form>
            <form class="action" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label for="fanout-wait">{"Ticks"}</label>
                <KeptInput id="fanout-wait" node={wait.clone()} inputmode="numeric" initial="10" />
                <button type="submit" onclick={act(Action::Wait, wait, "Ticks", (1, MAX_WAIT))}>{"Wait"}</button>
            </form>
            <p class="presets"><button type="button" onclick={celebrity}>{"The most-followed user (0) posts"}</button></p>
            if let Some(e) = &*error { <p class="field-error" role="alert">{ e }</p> }
            <p class="hint">{ format!("Users are 0 … {}; user 0 has the most followers. Wait lets the fan-out workers catch up (1 … {}).", users.saturating_sub(1), g(MAX_WAIT)) }</p>
        </fieldset>
    }
}

#[component]
fn ChatActions() -> Html {
    let lab = use_lab::<FanOutLab>();
    let members = lab.scenario.params.group;
    let member = use_node_ref();
    let error = use_state(|| None::<String>);
    let act = |make: fn(u32) -> Action| {
        let (lab, error, node) = (lab.clone(), error.clone(), member.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            match parse_id(&input_value(&node), "Member", 0, members.saturating_sub(1)) {
                Ok(v) => {
                    error.set(None);
                    lab.act(make(v));
                }
                Err(m) => error.set(Some(m)),
            }
        })
    };
    html! {
        <fieldset>
            <legend>{"Actions (each adds a step before everyone reconnects)"}</legend>
            <form class="action" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label for="fanout-member">{"Member"}</label>
                <KeptInput id="fanout-member" node={member.clone()} inputmode="numeric" initial="0" />
                <button type="submit" onclick={act(Action::Send)}>{"Send message"}</button>
                <button type="button" onclick={act(Action::Disconnect)}>{"Go offline"}</button>
                <button type="button" onclick={act(Action::Reconnect)}>{"Reconnect"}</button>
            </form>
            if let Some(e) = &*error { <p class="field-error" role="alert">{ e }</p> }
            <p class="hint">{ format!("Members are 0 … {}. An offline sender reconnects first.", members.saturating_sub(1)) }</p>
        </fieldset>
    }
}
