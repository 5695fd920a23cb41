//! The controls: the parameter form generated from the URL fields, and in `snowflake` a form
//! that sets a node's clock back.

use crate::{Action, IdsLab, Mode};
use sdp_kit_web::fields_form::FieldsForm;
use sdp_kit_web::use_lab;
use sdp_kit_web::widgets::KeptInput;
use yew::prelude::*;

fn input_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// Sets a node's clock back: `back:NODE@T:MS`; a refused jump keeps the text and says why.
#[component]
fn JumpForm() -> Html {
    let lab = use_lab::<IdsLab>();
    let (node, at, back) = (use_node_ref(), use_node_ref(), use_node_ref());
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (node, at, back, error, lab) = (
            node.clone(),
            at.clone(),
            back.clone(),
            error.clone(),
            lab.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let read = |r: &NodeRef, name: &str| {
                input_value(r)
                    .trim()
                    .parse::<u64>()
                    .map_err(|_| format!("{name}: a whole number"))
            };
            let action = read(&node, "Node").and_then(|n| {
                Ok(Action::Back {
                    node: u32::try_from(n).map_err(|_| "Node: too large".to_string())?,
                    at: read(&at, "At ms")?,
                    back: read(&back, "Back ms")?,
                })
            });
            let checked = action.and_then(|a| {
                let mut checker = crate::Checker::new(&lab.scenario.params);
                checker.apply("jump", &a).map(|()| a).map_err(|e| e.message)
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
        <form class="ids-action" {onsubmit}>
            <fieldset>
                <legend>{"Set a node's clock back"}</legend>
                <label for="ids-jump-node">{"Node"}</label>
                <KeptInput id="ids-jump-node" initial="0" node={node} inputmode="numeric" />
                <label for="ids-jump-at">{"At ms"}</label>
                <KeptInput id="ids-jump-at" initial="2" node={at} inputmode="numeric" />
                <label for="ids-jump-back">{"Back ms"}</label>
                <KeptInput id="ids-jump-back" initial="10" node={back} inputmode="numeric" />
                <button type="submit">{"Set back"}</button>
                if let Some(m) = &*error { <span class="field-error" role="alert">{ m }</span> }
            </fieldset>
        </form>
    }
}

/// Crashes a server: `crash:S@T`.
#[component]
fn CrashForm() -> Html {
    let lab = use_lab::<IdsLab>();
    let (server, at) = (use_node_ref(), use_node_ref());
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (server, at, error, lab) = (server.clone(), at.clone(), error.clone(), lab.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let read = |r: &NodeRef, name: &str| {
                input_value(r)
                    .trim()
                    .parse::<u32>()
                    .map_err(|_| format!("{name}: a whole number"))
            };
            let checked = read(&server, "Server")
                .and_then(|s| {
                    Ok(Action::Crash {
                        server: s,
                        at: read(&at, "Tick")?,
                    })
                })
                .and_then(|a| {
                    let mut checker = crate::Checker::new(&lab.scenario.params);
                    checker
                        .apply("crash", &a)
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
        <form class="ids-action" {onsubmit}>
            <fieldset>
                <legend>{"Crash a server or node"}</legend>
                <label for="ids-crash-server">{"Number"}</label>
                <KeptInput id="ids-crash-server" initial="1" node={server} inputmode="numeric" />
                <label for="ids-crash-at">{"At tick"}</label>
                <KeptInput id="ids-crash-at" initial="5" node={at} inputmode="numeric" />
                <button type="submit">{"Crash"}</button>
                if let Some(m) = &*error { <span class="field-error" role="alert">{ m }</span> }
            </fieldset>
        </form>
    }
}

#[component]
pub(super) fn Controls() -> Html {
    let lab = use_lab::<IdsLab>();
    if lab.embed {
        return html! {};
    }
    html! {
        <div class="controls">
            <FieldsForm<IdsLab> prefix="ids" />
            if lab.scenario.params.mode == Mode::Snowflake { <JumpForm /> }
            if matches!(lab.scenario.params.mode, Mode::Ranges | Mode::NodeIds) { <CrashForm /> }
        </div>
    }
}
