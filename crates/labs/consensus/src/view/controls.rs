//! The controls: the parameter form generated from the URL fields; in `raft` buttons that add
//! a fault or a request right after the step shown (like `RaftScope`'s); in `detectors` the
//! documents' timing presets.

use crate::{Action, ConsensusLab, DetParams, Mode, State};
use sdp_kit_web::fields_form::FieldsForm;
use sdp_kit_web::widgets::KeptInput;
use sdp_kit_web::{Change, use_lab, use_step};
use yew::prelude::*;

fn input_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// Which button was pressed.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Request,
    Crash,
    Restart,
    Cut,
    Heal,
}

/// The Raft buttons: the action happens 1 ms after the step shown.
#[component]
fn RaftActions() -> Html {
    let lab = use_lab::<ConsensusLab>();
    let step = use_step::<ConsensusLab>();
    let (server, sess) = (use_node_ref(), use_node_ref());
    let error = use_state(|| None::<String>);
    let now = step
        .as_ref()
        .and_then(|s| s.trace.get(s.cursor))
        .map_or(0, |st| match &st.state {
            State::Raft(r) => r.cluster().t,
            State::Detectors(_) | State::TwoPhase(_) => 0,
        });
    let press = |kind: Kind| {
        let (server, sess, error, lab) = (server.clone(), sess.clone(), error.clone(), lab.clone());
        Callback::from(move |_: MouseEvent| {
            let who = input_value(&server);
            let at = now + 1;
            let text = match kind {
                Kind::Request => format!("req:{}@{at}", input_value(&sess).trim().to_lowercase()),
                Kind::Crash => format!("crash:{}@{at}", who.trim()),
                Kind::Restart if who.trim().eq_ignore_ascii_case("L") => format!("restart@{at}"),
                Kind::Restart => format!("restart:{}@{at}", who.trim()),
                Kind::Cut => format!("part:{}@{at}", who.trim()),
                Kind::Heal => format!("heal@{at}"),
            };
            let checked = crate::url::parse_action(&text)
                .map_err(|_| {
                    "Server: S1–S7 or L (several with +); session: one letter a–z".to_string()
                })
                .and_then(|a: Action| {
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
        <div class="cs-action">
            <fieldset>
                <legend>{ format!("Act at {} ms", now + 1) }</legend>
                <label for="cs-act-server">{"Server"}</label>
                <KeptInput id="cs-act-server" initial="L" node={server.clone()} />
                <button type="button" class="cs-crash" onclick={press(Kind::Crash)}>{"Crash"}</button>
                <button type="button" class="cs-restart" onclick={press(Kind::Restart)}>{"Restart"}</button>
                <button type="button" class="cs-cut" onclick={press(Kind::Cut)}>{"Cut off"}</button>
                <button type="button" class="cs-heal" onclick={press(Kind::Heal)}>{"Heal"}</button>
                <label for="cs-act-session">{"Session"}</label>
                <KeptInput id="cs-act-session" initial="a" node={sess.clone()} />
                <button type="button" class="cs-req" onclick={press(Kind::Request)}>{"Client request"}</button>
                if let Some(m) = &*error { <span class="field-error" role="alert">{ m }</span> }
            </fieldset>
        </div>
    }
}

/// The documents' detector timings.
#[component]
fn Presets() -> Html {
    let lab = use_lab::<ConsensusLab>();
    let set = |d: DetParams| {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| {
            let mut p = lab.scenario.params.clone();
            p.det = d.clone();
            lab.send(Change::Params(p, lab.scenario.seed));
        })
    };
    html! {
        <div class="cs-presets">
            <span>{"Presets:"}</span>
            <button type="button" class="cs-f0" onclick={set(DetParams::f0())}>{"F0: 1 s, 3 missed, 10 s"}</button>
            <button type="button" class="cs-f4" onclick={set(DetParams::f4())}>{"F4: 5 s, check 10 s, 30 s"}</button>
            <button type="button" class="cs-jittery" onclick={set(DetParams::jittery())}>{"F0 with jitter and loss"}</button>
        </div>
    }
}

#[component]
pub(super) fn Controls() -> Html {
    let lab = use_lab::<ConsensusLab>();
    if lab.embed {
        return html! {};
    }
    html! {
        <div class="controls">
            <FieldsForm<ConsensusLab> prefix="cs" />
            if lab.scenario.params.mode == Mode::Raft { <RaftActions /> }
            if lab.scenario.params.mode == Mode::Detectors { <Presets /> }
        </div>
    }
}
