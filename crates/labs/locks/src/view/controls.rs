//! The controls: the parameter form generated from the URL fields, a form that adds a GC
//! pause (race modes, renewal), one that adds any action (redlock, renewal), and each mode's
//! named schedules as links.

use crate::{LocksLab, Mode};
use sdp_kit_web::fields_form::FieldsForm;
use sdp_kit_web::use_lab;
use sdp_kit_web::widgets::KeptInput;
use yew::prelude::*;

fn input_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// Adds a GC pause: `pause:CLIENT@T:S`; a refused pause keeps the text and says why.
#[component]
fn PauseForm() -> Html {
    let lab = use_lab::<LocksLab>();
    let (client, at, len) = (use_node_ref(), use_node_ref(), use_node_ref());
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (client, at, len, error, lab) = (
            client.clone(),
            at.clone(),
            len.clone(),
            error.clone(),
            lab.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = format!(
                "pause:{}@{}:{}",
                input_value(&client).trim().to_uppercase(),
                input_value(&at).trim(),
                input_value(&len).trim()
            );
            let checked = crate::url::parse_action(&text)
                .map_err(|_| "Pause: a client letter and two whole numbers of seconds".to_string())
                .and_then(|a| {
                    let mut checker = crate::Checker::new(&lab.scenario.params);
                    checker
                        .apply("pause", &a)
                        .map(|()| a)
                        .map_err(|e| e.message)
                });
            match checked {
                Ok(a) => {
                    error.set(None);
                    lab.act(a);
                }
                Err(m) => error.set(Some(m)),
            }
        })
    };
    html! {
        <form class="lk-action" {onsubmit}>
            <fieldset>
                <legend>{"Add a GC pause"}</legend>
                <label for="lk-pause-client">{"Client"}</label>
                <KeptInput id="lk-pause-client" initial="B" node={client} />
                <label for="lk-pause-at">{"At s"}</label>
                <KeptInput id="lk-pause-at" initial="33" node={at} inputmode="numeric" />
                <label for="lk-pause-len">{"For s"}</label>
                <KeptInput id="lk-pause-len" initial="35" node={len} inputmode="numeric" />
                <button type="submit">{"Pause"}</button>
                if let Some(m) = &*error { <span class="field-error" role="alert">{ m }</span> }
            </fieldset>
        </form>
    }
}

/// Adds any action by its text (`crash:M4@0:15000`); a refused one keeps the text and says why.
#[component]
fn ActionForm() -> Html {
    let lab = use_lab::<LocksLab>();
    let text = use_node_ref();
    let error = use_state(|| None::<String>);
    let example = match lab.scenario.params.mode {
        Mode::Redlock => "jump:M3@5000:30000",
        _ => "cut:A@25:40",
    };
    let onsubmit = {
        let (text, error, lab) = (text.clone(), error.clone(), lab.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let t = input_value(&text).trim().to_string();
            let checked = crate::url::parse_action(&t).and_then(|a| {
                let mut checker = crate::Checker::new(&lab.scenario.params);
                checker
                    .apply("action", &a)
                    .map(|()| a)
                    .map_err(|e| e.message)
            });
            match checked {
                Ok(a) => {
                    error.set(None);
                    lab.act(a);
                }
                Err(m) => error.set(Some(m)),
            }
        })
    };
    html! {
        <form class="lk-action" {onsubmit}>
            <fieldset>
                <legend>{"Add an action"}</legend>
                <label for="lk-action-text">{"Action"}</label>
                <KeptInput id="lk-action-text" initial={example} node={text} />
                <button type="submit">{"Add"}</button>
                if let Some(m) = &*error { <span class="field-error" role="alert">{ m }</span> }
            </fieldset>
        </form>
    }
}

/// Named schedules of the mode, as links.
fn presets(mode: Mode) -> Html {
    let list: &[(&str, &str)] = match mode {
        Mode::Redlock => &[
            (
                "GC pause past validity",
                "mode=redlock&a=pause:A@1000:56000",
            ),
            (
                "split vote (3 clients at once)",
                "mode=redlock&clients=3&stagger=0",
            ),
            (
                "clock jump breaks it",
                "mode=redlock&work=29000&a=crash:M4@0:20000&a=crash:M5@0:20000&a=jump:M3@5000:30000",
            ),
            (
                "same, clocks behave",
                "mode=redlock&work=29000&a=crash:M4@0:20000&a=crash:M5@0:20000",
            ),
            (
                "restart without persistence",
                "mode=redlock&work=29000&a=crash:M4@0:20000&a=crash:M5@0:20000&a=crash:M3@5000:1000",
            ),
        ],
        Mode::Renewal => &[
            ("process pause", "mode=renewal&a=pause:A@25:40"),
            ("network cut, A stops", "mode=renewal&a=cut:A@25:40"),
            (
                "network cut, A ignores",
                "mode=renewal&onlost=ignore&a=cut:A@25:40",
            ),
            (
                "exponential backoff",
                "mode=renewal&policy=backoff&contenders=2&a=pause:A@25:40",
            ),
        ],
        Mode::Claims => &[
            ("conditional UPDATE", "mode=claims"),
            ("read then write", "mode=claims&claim=naive"),
            (
                "slots by INSERT",
                "mode=claims&claim=insert&jobs=3&order=shuffled",
            ),
        ],
        Mode::Bookings => &[
            ("all four layers", "mode=bookings"),
            (
                "all off",
                "mode=bookings&lock=off&constraints=off&serializable=off&version=off",
            ),
            (
                "only 1: the lock",
                "mode=bookings&constraints=off&serializable=off&version=off",
            ),
            (
                "only 2: constraints",
                "mode=bookings&lock=off&serializable=off&version=off",
            ),
            (
                "only 3: SERIALIZABLE",
                "mode=bookings&lock=off&constraints=off&version=off",
            ),
            (
                "only 4: version",
                "mode=bookings&lock=off&constraints=off&serializable=off",
            ),
            ("seat hold expires", "mode=bookings&flow=hold&bookers=2"),
            (
                "hold, unchecked confirm",
                "mode=bookings&flow=hold&bookers=2&confirm=off",
            ),
            (
                "hold, no sweeper",
                "mode=bookings&flow=hold&bookers=2&sweeper=off",
            ),
        ],
        _ => &[],
    };
    if list.is_empty() {
        return html! {};
    }
    html! {
        <nav class="lk-presets" aria-label="Schedules">
            <span>{"Schedules:"}</span>
            { for list.iter().map(|(label, q)| html! { <a href={format!("#/lab/locks?{q}")}>{ *label }</a> }) }
        </nav>
    }
}

#[component]
pub(super) fn Controls() -> Html {
    let lab = use_lab::<LocksLab>();
    if lab.embed {
        return html! {};
    }
    html! {
        <div class="controls">
            <FieldsForm<LocksLab> prefix="lk" />
            if matches!(lab.scenario.params.mode, Mode::Fencing | Mode::Redis | Mode::Renewal) { <PauseForm /> }
            if matches!(lab.scenario.params.mode, Mode::Redlock | Mode::Renewal) { <ActionForm /> }
            { presets(lab.scenario.params.mode) }
        </div>
    }
}
