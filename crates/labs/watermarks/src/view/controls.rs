//! The lab's controls: the mode, every parameter of each mode, and the form that injects an
//! event "now" (at the processing time of the step on screen).

use crate::backpressure::{self, BackpressureParams};
use crate::checkpoint::{self, Alignment, CheckpointParams, SinkMode};
use crate::layout::wm_state;
use crate::stream::{
    IDLE_TIMEOUT_RANGE, Injected, LatePolicy, MAX_BOUND_MS, MAX_DISORDER_MS, MAX_EVENTS,
    MAX_INTERVAL_MS, MAX_KEYS, MAX_LATENESS_MS, MAX_PARTITIONS, MAX_SPAN_MS, MAX_STRAGGLE_MS,
    MAX_STRAGGLER_PCT, MAX_VALUE, StreamParams, key_name,
};
use crate::time::{format_time, parse_time};
use crate::watermark::IdlePolicy;
use crate::window::{MAX_WINDOW_MS, MAX_WINDOWS_PER_EVENT, WindowKind};
use crate::{Action, Mode, Params, WatermarksLab, action_text};
use sdp_kit_web::widgets::NumberField;
use sdp_kit_web::{Change, use_lab, use_step};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A number field (one copy of the field's construction for every parameter).
fn number(
    label: &'static str,
    value: u64,
    (min, max): (u64, u64),
    on_commit: Callback<u64>,
) -> Html {
    html! { <NumberField {label} {value} {min} {max} {on_commit} /> }
}

/// A labelled select of `(value, text)` options with `current` selected.
fn choice(
    id: &'static str,
    label: &'static str,
    options: &[(&'static str, &'static str)],
    current: &str,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <div class="field">
            <label for={id}>{ label }</label>
            <select {id} {onchange}>
                { for options.iter().map(|&(value, text)| html! {
                    <option {value} selected={value == current}>{ text }</option>
                }) }
            </select>
        </div>
    }
}

fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

fn input_value(e: &InputEvent) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

/// All controls: the scenario and the change callback come from the page ([`use_lab`]).
#[component]
pub fn Controls() -> Html {
    let ctx = use_lab::<WatermarksLab>();
    let scenario = ctx.scenario.clone();
    let seed = scenario.seed;
    let change = ctx.change.clone();
    let on_mode = {
        let change = change.clone();
        Callback::from(move |e: Event| {
            let mode = match select_value(&e).as_str() {
                "checkpoint" => Mode::Checkpoint,
                "backpressure" => Mode::Backpressure,
                _ => Mode::Watermarks,
            };
            change.emit(Change::Params(Params::of_mode(mode), seed));
        })
    };
    let defaults = {
        let change = change.clone();
        Callback::from(move |_: MouseEvent| change.emit(Change::Defaults))
    };
    let mode = scenario.params.mode();
    let params = &scenario.params;
    let body = match params.mode {
        Mode::Watermarks => html! {
            <>
                <StreamControls params={params.watermarks.clone()} {seed} change={change.clone()} />
                <InjectForm params={params.watermarks.clone()} change={change.clone()} actions={scenario.actions.clone()} />
            </>
        },
        Mode::Checkpoint => checkpoint_controls(params.checkpoint, seed, &change),
        Mode::Backpressure => backpressure_controls(params.backpressure, seed, &change),
    };
    html! {
        <div class="controls watermarks-controls">
            <fieldset>
                <legend>{"Scenario"}</legend>
                { choice("watermarks-mode", "Mode", &[("watermarks", "Watermarks and windows (M5.1–M5.4)"), ("checkpoint", "Checkpoint barriers and recovery (M5.5)"), ("backpressure", "Credit-based backpressure (M5.7)")], mode, on_mode) }
                <button type="button" onclick={defaults}>{"Restore defaults"}</button>
            </fieldset>
            { body }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct StreamProps {
    params: StreamParams,
    seed: u64,
    change: Callback<Change<WatermarksLab>>,
}

/// Every parameter of the watermarks mode.
#[component]
fn StreamControls(props: &StreamProps) -> Html {
    let (p, seed) = (props.params.clone(), props.seed);
    let num = |f: fn(&mut StreamParams, u64)| {
        let (change, p) = (props.change.clone(), p.clone());
        Callback::from(move |v: u64| {
            let mut next = p.clone();
            f(&mut next, v);
            change.emit(Change::Params(Params::watermarks(next), seed));
        })
    };
    let pick = |f: fn(&mut StreamParams, &str)| {
        let (change, p) = (props.change.clone(), p.clone());
        Callback::from(move |e: Event| {
            let mut next = p.clone();
            f(&mut next, &select_value(&e));
            change.emit(Change::Params(Params::watermarks(next), seed));
        })
    };
    let on_seed = {
        let (change, p) = (props.change.clone(), p.clone());
        Callback::from(move |v: u64| change.emit(Change::Params(Params::watermarks(p.clone()), v)))
    };
    let span = MAX_SPAN_MS as u64;
    let wmax = MAX_WINDOW_MS as u64;
    let kind = p.window;
    html! {
        <>
            <fieldset>
                <legend>{"Stream (rebuilds from the start)"}</legend>
                { number("Events", u64::from(p.events), (0, u64::from(MAX_EVENTS)), num(|p, v| p.events = v as u32)) }
                { number("Partitions", u64::from(p.partitions), (1, u64::from(MAX_PARTITIONS)), num(|p, v| p.partitions = v as u8)) }
                { number("Keys", u64::from(p.keys), (1, u64::from(MAX_KEYS)), num(|p, v| p.keys = v as u8)) }
                { number("Interval between events (ms)", u64::from(p.interval_ms), (1, u64::from(MAX_INTERVAL_MS)), num(|p, v| p.interval_ms = v as u32)) }
                { number("Disorder: largest delay (ms)", u64::from(p.disorder_ms), (0, u64::from(MAX_DISORDER_MS)), num(|p, v| p.disorder_ms = v as u32)) }
                { number("Stragglers (%)", u64::from(p.straggler_pct), (0, u64::from(MAX_STRAGGLER_PCT)), num(|p, v| p.straggler_pct = v as u8)) }
                { number("Straggler extra delay (ms)", u64::from(p.straggle_ms), (0, u64::from(MAX_STRAGGLE_MS)), num(|p, v| p.straggle_ms = v as u32)) }
                { number("Seed", seed, (0, u64::MAX), on_seed) }
            </fieldset>
            <fieldset class="watermarks-lateness">
                <legend>{"Two different kinds of lateness"}</legend>
                <p class="watermarks-note" role="note">{"The document uses one word, “allowed lateness”, for both of these (F0 l.2616/l.2623 and l.2673). They are separate knobs: the bound delays the watermark, so windows fire later; the allowed lateness keeps a window after it fired, so late events can still update it and re-emit."}</p>
                { number("Out-of-orderness bound (ms)", u64::from(p.bound_ms), (0, u64::from(MAX_BOUND_MS)), num(|p, v| p.bound_ms = v as u32)) }
                <p class="hint">{"watermark = max_seen − bound"}</p>
                { number("Allowed lateness after firing (ms)", u64::from(p.lateness_ms), (0, u64::from(MAX_LATENESS_MS)), num(|p, v| p.lateness_ms = v as u32)) }
                <p class="hint">{"a fired window is purged when watermark ≥ end + allowed lateness"}</p>
                { choice("watermarks-late", "Too late for every window", &[("side", "send to the side output"), ("drop", "drop it")], p.late_policy.as_str(), pick(|p, v| p.late_policy = LatePolicy::parse(v).unwrap_or_default())) }
            </fieldset>
            <fieldset>
                <legend>{"Windows"}</legend>
                { choice("watermarks-window", "Window type", &[("tumbling", "tumbling"), ("sliding", "sliding"), ("session", "session (per key)")], kind.as_str(), pick(|p, v| p.window = WindowKind::parse(v).unwrap_or_default())) }
                if kind != WindowKind::Session {
                    { number("Window size (ms)", u64::from(p.size_ms), (1, wmax), num(|p, v| p.size_ms = v as u32)) }
                }
                if kind == WindowKind::Sliding {
                    { number("Slide (ms)", u64::from(p.slide_ms), (1, wmax), num(|p, v| p.slide_ms = v as u32)) }
                    <p class="hint">{ format!("Rule: 1 ≤ slide ≤ size and the slide divides the size, so each event is in exactly size/slide windows (at most {MAX_WINDOWS_PER_EVENT}).") }</p>
                }
                if kind == WindowKind::Session {
                    { number("Session gap (ms)", u64::from(p.gap_ms), (1, wmax), num(|p, v| p.gap_ms = v as u32)) }
                }
            </fieldset>
            <fieldset>
                <legend>{"Idle partitions"}</legend>
                <div class="field">
                    <label for="watermarks-idle">{"Partition that goes silent"}</label>
                    <select id="watermarks-idle" onchange={pick(|p, v| p.idle_partition = v.parse().ok())}>
                        <option value="none" selected={p.idle_partition.is_none()}>{"none"}</option>
                        { for (0..p.partitions).map(|i| html! {
                            <option value={i.to_string()} selected={p.idle_partition == Some(i)}>{ format!("P{i}") }</option>
                        }) }
                    </select>
                </div>
                { number("Silent from (ms after start)", u64::from(p.idle_from_ms), (0, span), num(|p, v| p.idle_from_ms = v as u32)) }
                { number("Silent for (ms)", u64::from(p.idle_for_ms), (0, span), num(|p, v| p.idle_for_ms = v as u32)) }
                { number("Idle timeout (ms)", u64::from(p.idle_timeout_ms), (u64::from(IDLE_TIMEOUT_RANGE.0), u64::from(IDLE_TIMEOUT_RANGE.1)), num(|p, v| p.idle_timeout_ms = v as u32)) }
                { choice("watermarks-policy", "When the idle timeout fires", &[("advance", "advance to processing time (the document)"), ("exclude", "exclude idle partitions from the minimum (Flink)"), ("wait", "nothing: a silent partition blocks the watermark")], p.idle_policy.as_str(), pick(|p, v| p.idle_policy = IdlePolicy::parse(v).unwrap_or_default())) }
                <p class="hint">{ p.idle_policy.label() }</p>
            </fieldset>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct InjectProps {
    params: StreamParams,
    change: Callback<Change<WatermarksLab>>,
    actions: Vec<Action>,
}

/// "An event with time HH:MM:SS arrives now": a malformed time gives a message and keeps the
/// text. "Now" is the processing time of the step on screen ([`use_step`]).
#[component]
fn InjectForm(props: &InjectProps) -> Html {
    let step = use_step::<WatermarksLab>();
    let now = step
        .as_ref()
        .and_then(|s| wm_state(&s.trace, s.cursor))
        .map(|s| s.clock_ms);
    let text = use_state(|| "10:00:02".to_string());
    let value = use_state(|| "1".to_string());
    let partition = use_state(|| 0u8);
    let key = use_state(|| 0u8);
    let error = use_state(|| None::<String>);
    let p = &props.params;
    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(input_value(&e)))
    };
    let on_value = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| value.set(input_value(&e)))
    };
    let on_partition = {
        let partition = partition.clone();
        Callback::from(move |e: Event| partition.set(select_value(&e).parse().unwrap_or(0)))
    };
    let on_key = {
        let key = key.clone();
        Callback::from(move |e: Event| key.set(select_value(&e).parse().unwrap_or(0)))
    };
    let parts = p.partitions.max(1);
    let keys = p.keys.max(1);
    let onsubmit = {
        let (text, value, error, change, now) = (
            text.clone(),
            value.clone(),
            error.clone(),
            props.change.clone(),
            now,
        );
        let (partition, key) = ((*partition).min(parts - 1), (*key).min(keys - 1));
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(now) = now else {
                error.set(Some(
                    "Not applied: no step of the stream is on screen.".into(),
                ));
                return;
            };
            let event_ms = match parse_time(&text) {
                Ok(ms) => ms,
                Err(m) => {
                    error.set(Some(format!("Event time: {m}. Nothing was injected.")));
                    return;
                }
            };
            let value = match value.trim().parse::<u32>() {
                Ok(v) if (1..=MAX_VALUE).contains(&v) => v,
                _ => {
                    error.set(Some(format!(
                        "Value: must be a whole number between 1 and {MAX_VALUE} (got “{}”). Nothing was injected.",
                        sdp_kit::query::shorten(&value)
                    )));
                    return;
                }
            };
            error.set(None);
            let inj = Injected {
                event_ms,
                arrival_ms: now,
                partition,
                key,
                value,
            };
            change.emit(Change::Action(Action::Inject(inj)));
        })
    };
    let now_text = now.map_or_else(|| "—".to_string(), format_time);
    html! {
        <fieldset class="watermarks-inject">
            <legend>{"Inject an event (adds it to the stream)"}</legend>
            <form class="action watermarks-inject-form" {onsubmit} novalidate=true>
                <label for="watermarks-inject-time">{"An event with time"}</label>
                <input id="watermarks-inject-time" type="text" value={(*text).clone()} oninput={on_text}
                    aria-invalid={error.is_some().to_string()} aria-describedby="watermarks-inject-help"
                    autocomplete="off" spellcheck="false" />
                <span>{ format!("arrives now ({now_text})") }</span>
                <label for="watermarks-inject-partition">{"on partition"}</label>
                <select id="watermarks-inject-partition" onchange={on_partition}>
                    { for (0..parts).map(|i| html! { <option value={i.to_string()} selected={*partition == i}>{ format!("P{i}") }</option> }) }
                </select>
                <label for="watermarks-inject-key">{"key"}</label>
                <select id="watermarks-inject-key" onchange={on_key}>
                    { for (0..keys).map(|i| html! { <option value={i.to_string()} selected={*key == i}>{ key_name(i).to_string() }</option> }) }
                </select>
                <label for="watermarks-inject-value">{"value"}</label>
                <input id="watermarks-inject-value" class="watermarks-short" type="text" inputmode="numeric" value={(*value).clone()} oninput={on_value} />
                <button type="submit">{"Inject event"}</button>
            </form>
            <p id="watermarks-inject-help" class="hint">{"Time as HH:MM:SS or HH:MM:SS.mmm. It arrives at the processing time of the step on screen; the player then jumps to its arrival. Try a time behind the global watermark to make it late."}</p>
            if let Some(e) = &*error { <p class="field-error" role="alert">{ e }</p> }
            if !props.actions.is_empty() {
                <p class="hint">{ format!("Injected so far (event@arrival/partition/key/value): {}", props.actions.iter().map(action_text).collect::<Vec<_>>().join(", ")) }</p>
            }
        </fieldset>
    }
}

fn checkpoint_controls(
    p: CheckpointParams,
    seed: u64,
    change: &Callback<Change<WatermarksLab>>,
) -> Html {
    let num = |f: fn(&mut CheckpointParams, u64)| {
        let change = change.clone();
        Callback::from(move |v: u64| {
            let mut next = p;
            f(&mut next, v);
            change.emit(Change::Params(Params::checkpoint(next), seed));
        })
    };
    let pick = |f: fn(&mut CheckpointParams, &str)| {
        let change = change.clone();
        Callback::from(move |e: Event| {
            let mut next = p;
            f(&mut next, &select_value(&e));
            change.emit(Change::Params(Params::checkpoint(next), seed));
        })
    };
    let on_seed = {
        let change = change.clone();
        Callback::from(move |v: u64| change.emit(Change::Params(Params::checkpoint(p), v)))
    };
    let r = |x: (u32, u32)| (u64::from(x.0), u64::from(x.1));
    html! {
        <fieldset>
            <legend>{"Checkpoint barriers (rebuilds from the start)"}</legend>
            { number("Ticks", u64::from(p.ticks), (r(checkpoint::TICKS_RANGE).0, r(checkpoint::TICKS_RANGE).1), num(|p, v| p.ticks = v as u32)) }
            { number("Records per source", u64::from(p.records), (1, u64::from(checkpoint::MAX_RECORDS)), num(|p, v| p.records = v as u32)) }
            { number("Checkpoint every (ticks)", u64::from(p.every), (r(checkpoint::EVERY_RANGE).0, r(checkpoint::EVERY_RANGE).1), num(|p, v| p.every = v as u32)) }
            { number("Channel 1 delivers every (ticks)", u64::from(p.skew), (r(checkpoint::SKEW_RANGE).0, r(checkpoint::SKEW_RANGE).1), num(|p, v| p.skew = v as u32)) }
            { number("Operator rate (items per tick)", u64::from(p.rate), (r(checkpoint::RATE_RANGE).0, r(checkpoint::RATE_RANGE).1), num(|p, v| p.rate = v as u32)) }
            { number("Failure at tick (0 = none)", u64::from(p.fail_at), (0, u64::from(p.ticks)), num(|p, v| p.fail_at = v as u32)) }
            { choice("watermarks-align", "Barriers", &[("aligned", "aligned (buffer inputs until every barrier arrived)"), ("unaligned", "unaligned (snapshot in-flight records)")], p.alignment.as_str(), pick(|p, v| p.alignment = Alignment::parse(v).unwrap_or_default())) }
            { choice("watermarks-sink", "Sink", &[("exactly", "exactly-once (two-phase commit)"), ("atleast", "at-least-once (visible at once)")], p.sink.as_str(), pick(|p, v| p.sink = SinkMode::parse(v).unwrap_or_default())) }
            { number("Seed", seed, (0, u64::MAX), on_seed) }
        </fieldset>
    }
}

fn backpressure_controls(
    p: BackpressureParams,
    seed: u64,
    change: &Callback<Change<WatermarksLab>>,
) -> Html {
    let num = |f: fn(&mut BackpressureParams, u64)| {
        let change = change.clone();
        Callback::from(move |v: u64| {
            let mut next = p;
            f(&mut next, v);
            change.emit(Change::Params(Params::backpressure(next), seed));
        })
    };
    let (lo, hi) = (
        u64::from(backpressure::RATE_RANGE.0),
        u64::from(backpressure::RATE_RANGE.1),
    );
    let ticks = u64::from(p.ticks);
    html! {
        <fieldset>
            <legend>{"Credit-based backpressure (rebuilds from the start)"}</legend>
            { number("Ticks", ticks, (u64::from(backpressure::TICKS_RANGE.0), u64::from(backpressure::TICKS_RANGE.1)), num(|p, v| p.ticks = v as u32)) }
            { number("Records produced per tick", u64::from(p.produce), (lo, hi), num(|p, v| p.produce = v as u32)) }
            { number("Map rate (per tick)", u64::from(p.map_rate), (lo, hi), num(|p, v| p.map_rate = v as u32)) }
            { number("Sink rate (per tick)", u64::from(p.sink_rate), (lo, hi), num(|p, v| p.sink_rate = v as u32)) }
            { number("Slow sink from tick", u64::from(p.slow_from), (0, ticks), num(|p, v| p.slow_from = v as u32)) }
            { number("Slow sink until tick", u64::from(p.slow_to), (0, ticks), num(|p, v| p.slow_to = v as u32)) }
            { number("Slow sink rate (per tick)", u64::from(p.slow_rate), (0, hi), num(|p, v| p.slow_rate = v as u32)) }
            { number("Buffers per receiver (credits)", u64::from(p.buffers), (u64::from(backpressure::BUFFERS_RANGE.0), u64::from(backpressure::BUFFERS_RANGE.1)), num(|p, v| p.buffers = v as u32)) }
        </fieldset>
    }
}
