//! The controls: the mode, each mode's parameters (they rebuild the trace), the worked examples,
//! and requests added by hand (they append steps).

use crate::algo::Lane;
use crate::datacenters::Split;
use crate::presets::presets;
use crate::rate::Rate;
use crate::tiers::{Commit, Example};
use crate::traffic::{MAX_REQUESTS, Traffic};
use crate::{MAX_DCS, MAX_LIMIT, MAX_SPAN_S, MAX_WINDOW_S, Mode, Params, RateLimiterLab};
use sdp_kit::field::Word;
use sdp_kit_web::widgets::{KeptInput, NumberField};
use sdp_kit_web::{Change, use_lab};
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn input_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

fn select_value(e: &Event) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
}

/// A select over a [`Word`] type that sets it with `set`.
fn word_select<E: Word>(
    id: &str,
    label: &str,
    value: E,
    titles: fn(E) -> &'static str,
    on: Callback<E>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        if let Some(v) = select_value(&e).and_then(|v| E::from_word(&v)) {
            on.emit(v);
        }
    });
    html! {
        <div class="field">
            <label for={id.to_string()}>{ label }</label>
            <select id={id.to_string()} {onchange}>
                { for E::WORDS.iter().map(|(v, w)| html! {
                    <option value={*w} selected={*v == value}>{ titles(*v) }</option>
                }) }
            </select>
        </div>
    }
}

#[component]
pub(super) fn Controls() -> Html {
    let lab = use_lab::<RateLimiterLab>();
    let s = &*lab.scenario;
    let on_mode = {
        let change = lab.change.clone();
        Callback::from(move |e: Event| {
            if let Some(i) =
                select_value(&e).and_then(|v| Mode::ALL.iter().position(|m| mode_id(*m) == v))
            {
                change.emit(Change::Mode(i));
            }
        })
    };
    let body = match s.params.mode {
        Mode::Compare => html! { <CompareControls /> },
        Mode::Tiers => html! { <TierControls /> },
        Mode::Datacenters => html! { <DcControls /> },
    };
    html! {
        <div class="controls">
            <div class="field">
                <label for="rl-mode">{"Mode"}</label>
                <select id="rl-mode" onchange={on_mode}>
                    { for Mode::ALL.iter().map(|&m| html! {
                        <option value={mode_id(m)} selected={m == s.params.mode}>{ mode_title(m) }</option>
                    }) }
                </select>
            </div>
            { body }
        </div>
    }
}

fn mode_id(m: Mode) -> &'static str {
    match m {
        Mode::Compare => "compare",
        Mode::Tiers => "tiers",
        Mode::Datacenters => "datacenters",
    }
}

fn mode_title(m: Mode) -> &'static str {
    match m {
        Mode::Compare => "All algorithms on one trace",
        Mode::Tiers => "Tiers and dimensions (M4.7)",
        Mode::Datacenters => "Several datacenters (M4.9)",
    }
}

/// A callback that edits the parameters and rebuilds.
fn edit<T: 'static>(
    change: &Callback<Change<RateLimiterLab>>,
    p: &Params,
    seed: u64,
    f: fn(&mut Params, T),
) -> Callback<T> {
    let (change, p) = (change.clone(), p.clone());
    Callback::from(move |v: T| {
        let mut next = p.clone();
        f(&mut next, v);
        change.emit(Change::Params(next, seed));
    })
}

#[component]
fn CompareControls() -> Html {
    let lab = use_lab::<RateLimiterLab>();
    let s = &*lab.scenario;
    let (p, seed) = (&s.params, s.seed);
    let c = &p.compare;
    let whole = |f: fn(&mut Params, u64)| edit(&lab.change, p, seed, f);
    let rate_node = use_node_ref();
    let rate_error = use_state(|| None::<String>);
    let on_rate = {
        let (node, error, change, p) = (
            rate_node.clone(),
            rate_error.clone(),
            lab.change.clone(),
            p.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match Rate::parse(&input_value(&node)) {
                Ok(rate) => {
                    error.set(None);
                    let mut next = p.clone();
                    next.compare.rate = rate;
                    change.emit(Change::Params(next, seed));
                }
                Err(m) => error.set(Some(format!("Rate: {m}"))),
            }
        })
    };
    let on_seed = {
        let (change, p) = (lab.change.clone(), p.clone());
        Callback::from(move |v: u64| change.emit(Change::Params(p.clone(), v)))
    };
    let toggle_lane = |lane: Lane| {
        let (change, p) = (lab.change.clone(), p.clone());
        Callback::from(move |_: Event| {
            let mut next = p.clone();
            let lanes = &mut next.compare.lanes;
            if let Some(i) = lanes.iter().position(|&l| l == lane) {
                if lanes.len() > 1 {
                    lanes.remove(i);
                }
            } else {
                lanes.push(lane);
                lanes.sort_by_key(|l| Lane::ALL.iter().position(|x| x == l));
            }
            if !lanes.contains(&next.compare.narrate) {
                next.compare.narrate = lanes[0];
            }
            change.emit(Change::Params(next, seed));
        })
    };
    let on_narrate = {
        let (change, p) = (lab.change.clone(), p.clone());
        Callback::from(move |e: Event| {
            if let Some(l) = select_value(&e).and_then(|v| Lane::from_id(&v)) {
                let mut next = p.clone();
                next.compare.narrate = l;
                change.emit(Change::Params(next, seed));
            }
        })
    };
    let preset = |cp: crate::CompareParams| {
        let (change, p) = (lab.change.clone(), p.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = p.clone();
            next.compare = cp.clone();
            change.emit(Change::Params(next, seed));
        })
    };
    let (at_node, count_node) = (use_node_ref(), use_node_ref());
    let add_error = use_state(|| None::<String>);
    let add = {
        let (at_node, count_node, lab, error) = (
            at_node.clone(),
            count_node.clone(),
            lab.clone(),
            add_error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = format!(
                "req:{}*{}",
                input_value(&at_node).trim(),
                input_value(&count_node).trim()
            );
            match crate::url::parse_action(&text) {
                Ok(a) => {
                    error.set(None);
                    lab.act(a);
                }
                Err(_) => error.set(Some(
                    "At second: a number of seconds from 0 to 86 400; How many: a whole number"
                        .into(),
                )),
            }
        })
    };
    html! {
        <>
            <fieldset>
                <legend>{"Worked examples"}</legend>
                <p class="presets">
                    { for presets().into_iter().map(|(label, cp)| {
                        let on = cp == *c;
                        html! { <button type="button" aria-pressed={on.to_string()} onclick={preset(cp)}>{ label }</button> }
                    }) }
                </p>
            </fieldset>
            <fieldset>
                <legend>{"Traffic and limits (rebuild from the start)"}</legend>
                { word_select("rl-traffic", "Traffic", c.traffic, Traffic::title, edit(&lab.change, p, seed, |p, v| p.compare.traffic = v)) }
                if c.traffic.generated() {
                    <NumberField label="Requests" value={u64::from(c.count)} min=1 max={u64::from(MAX_REQUESTS)} on_commit={whole(|p, v| p.compare.count = v as u32)} />
                    <NumberField label="Over seconds" value={u64::from(c.span_s)} min=1 max={u64::from(MAX_SPAN_S)} on_commit={whole(|p, v| p.compare.span_s = v as u32)} />
                    if c.traffic == Traffic::Burst {
                        <NumberField label="Burst size" value={u64::from(c.burst)} min=1 max=1000 on_commit={whole(|p, v| p.compare.burst = v as u32)} />
                    }
                }
                <NumberField label="Limit per window" value={u64::from(c.limit)} min=1 max={u64::from(MAX_LIMIT)} on_commit={whole(|p, v| p.compare.limit = v as u32)} />
                <NumberField label="Window seconds" value={u64::from(c.window_s)} min=1 max={u64::from(MAX_WINDOW_S)} on_commit={whole(|p, v| p.compare.window_s = v as u32)} />
                <NumberField label="Bucket capacity" value={u64::from(c.capacity)} min=1 max={u64::from(MAX_LIMIT)} on_commit={whole(|p, v| p.compare.capacity = v as u32)} />
                <form class="action" onsubmit={on_rate}>
                    <label for="rl-rate">{"Rate per second"}</label>
                    <KeptInput id="rl-rate" node={rate_node} initial={c.rate.to_string()} describedby="rl-rate-hint" />
                    <button type="submit">{"Set rate"}</button>
                    <span id="rl-rate-hint" class="hint">{"N or N/D: 10, or 100/60 for 100 a minute"}</span>
                    if let Some(m) = &*rate_error { <span class="field-error" role="alert">{ m }</span> }
                </form>
                <NumberField label="Seed" value={seed} min=0 max={u64::MAX} on_commit={on_seed} />
            </fieldset>
            <fieldset class="rl-lane-picker">
                <legend>{"Lanes"}</legend>
                { for Lane::ALL.iter().map(|&lane| html! {
                    <label key={lane.id()} title={lane.source()}>
                        <input type="checkbox" checked={c.lanes.contains(&lane)} onchange={toggle_lane(lane)} />
                        { lane.title() }
                    </label>
                }) }
                <div class="field">
                    <label for="rl-narrate">{"Narrated lane"}</label>
                    <select id="rl-narrate" onchange={on_narrate}>
                        { for c.lanes.iter().map(|&l| html! { <option value={l.id()} selected={l == c.narrate}>{ l.title() }</option> }) }
                    </select>
                </div>
            </fieldset>
            <fieldset>
                <legend>{"Add requests (each adds steps)"}</legend>
                <form class="action rl-add" onsubmit={add}>
                    <label for="rl-at">{"At second"}</label>
                    <KeptInput id="rl-at" node={at_node} initial="59.95" inputmode="decimal" />
                    <label for="rl-count">{"How many"}</label>
                    <KeptInput id="rl-count" node={count_node} initial="1" inputmode="numeric" />
                    <button type="submit">{"Add requests"}</button>
                    if let Some(m) = &*add_error { <span class="field-error" role="alert">{ m }</span> }
                </form>
            </fieldset>
        </>
    }
}

#[component]
fn TierControls() -> Html {
    let lab = use_lab::<RateLimiterLab>();
    let s = &*lab.scenario;
    let (p, seed) = (&s.params, s.seed);
    let t = &p.tiers;
    let whole = |f: fn(&mut Params, u64)| edit(&lab.change, p, seed, f);
    let nodes: [NodeRef; 6] = std::array::from_fn(|_| NodeRef::default());
    let nodes = use_memo((), move |()| nodes);
    let send_error = use_state(|| None::<String>);
    let add = {
        let (nodes, lab, error) = (nodes.clone(), lab.clone(), send_error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let v: Vec<String> = nodes
                .iter()
                .map(|n| input_value(n).trim().to_string())
                .collect();
            let text = format!("send:{}", v.join(","));
            match crate::url::parse_action(&text) {
                Ok(a) => {
                    error.set(None);
                    lab.act(a);
                }
                Err(_) => error.set(Some(
                    "At second: seconds from 0 to 86 400; Requests: a whole number".into(),
                )),
            }
        })
    };
    let fields = [
        ("rl-send-at", "At second", "90"),
        ("rl-send-user", "User", "dave"),
        ("rl-send-tier", "Tier", "basic"),
        ("rl-send-key", "API key", "k4"),
        ("rl-send-ip", "IP", "10.0.0.3"),
        ("rl-send-n", "Requests", "50"),
    ];
    html! {
        <>
            <fieldset>
                <legend>{"Limits (F4 §22; rebuild from the start)"}</legend>
                <NumberField label="Free per hour" value={u64::from(t.free)} min=1 max=1_000_000 on_commit={whole(|p, v| p.tiers.free = v as u32)} />
                <NumberField label="Basic per hour" value={u64::from(t.basic)} min=1 max=1_000_000 on_commit={whole(|p, v| p.tiers.basic = v as u32)} />
                <NumberField label="Premium per hour" value={u64::from(t.premium)} min=1 max=1_000_000 on_commit={whole(|p, v| p.tiers.premium = v as u32)} />
                <NumberField label="User per minute" value={u64::from(t.user)} min=1 max=1_000_000 on_commit={whole(|p, v| p.tiers.user = v as u32)} />
                <NumberField label="API key per minute" value={u64::from(t.key)} min=1 max=1_000_000 on_commit={whole(|p, v| p.tiers.key = v as u32)} />
                <NumberField label="IP per minute" value={u64::from(t.ip)} min=1 max=1_000_000 on_commit={whole(|p, v| p.tiers.ip = v as u32)} />
                <NumberField label="Global per minute" value={u64::from(t.global)} min=1 max=1_000_000 on_commit={whole(|p, v| p.tiers.global = v as u32)} />
                { word_select("rl-commit", "Narrated", t.narrate, Commit::title, edit(&lab.change, p, seed, |p, v| p.tiers.narrate = v)) }
                { word_select("rl-example", "Start with", t.example, |e| match e { Example::Office => "the office example", Example::None => "no requests" }, edit(&lab.change, p, seed, |p, v| p.tiers.example = v)) }
            </fieldset>
            <fieldset>
                <legend>{"Add a burst (10 ms apart; adds steps)"}</legend>
                <form class="action rl-send" onsubmit={add}>
                    { for fields.iter().zip(nodes.iter()).map(|((id, label, initial), node)| html! {
                        <>
                            <label for={*id}>{ *label }</label>
                            <KeptInput id={*id} node={node.clone()} initial={*initial} />
                        </>
                    }) }
                    <button type="submit">{"Send"}</button>
                    if let Some(m) = &*send_error { <span class="field-error" role="alert">{ m }</span> }
                </form>
            </fieldset>
        </>
    }
}

#[component]
fn DcControls() -> Html {
    let lab = use_lab::<RateLimiterLab>();
    let s = &*lab.scenario;
    let (p, seed) = (&s.params, s.seed);
    let d = &p.dcs;
    let whole = |f: fn(&mut Params, u64)| edit(&lab.change, p, seed, f);
    html! {
        <fieldset>
            <legend>{"Datacenters (rebuild from the start)"}</legend>
            <NumberField label="Datacenters" value={u64::from(d.dcs)} min=1 max={u64::from(MAX_DCS)} on_commit={whole(|p, v| p.dcs.dcs = v as u8)} />
            <NumberField label="Limit per window" value={u64::from(d.limit)} min=1 max={u64::from(MAX_LIMIT)} on_commit={whole(|p, v| p.dcs.limit = v as u32)} />
            <NumberField label="Window seconds" value={u64::from(d.window_s)} min=1 max={u64::from(MAX_WINDOW_S)} on_commit={whole(|p, v| p.dcs.window_s = v as u32)} />
            <NumberField label="Requests" value={u64::from(d.count)} min=1 max={u64::from(MAX_REQUESTS)} on_commit={whole(|p, v| p.dcs.count = v as u32)} />
            <NumberField label="Over seconds" value={u64::from(d.span_s)} min=1 max={u64::from(MAX_SPAN_S)} on_commit={whole(|p, v| p.dcs.span_s = v as u32)} />
            <NumberField label="Sync every seconds" value={u64::from(d.sync_s)} min=1 max={u64::from(MAX_SPAN_S)} on_commit={whole(|p, v| p.dcs.sync_s = v as u32)} />
            <NumberField label="Sync lag seconds" value={u64::from(d.lag_s)} min=0 max={u64::from(MAX_SPAN_S)} on_commit={whole(|p, v| p.dcs.lag_s = v as u32)} />
            { word_select("rl-split", "Split", d.split, |s| match s { Split::Even => "even", Split::Skewed => "skewed (4 : 2 : 1 …)" }, edit(&lab.change, p, seed, |p, v| p.dcs.split = v)) }
        </fieldset>
    }
}
