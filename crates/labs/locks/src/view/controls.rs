//! The controls: the parameter form generated from the URL fields, and in the race modes a
//! form that adds a GC pause.

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

#[component]
pub(super) fn Controls() -> Html {
    let lab = use_lab::<LocksLab>();
    if lab.embed {
        return html! {};
    }
    html! {
        <div class="controls">
            <FieldsForm<LocksLab> prefix="lk" />
            if matches!(lab.scenario.params.mode, Mode::Fencing | Mode::Redis) { <PauseForm /> }
        </div>
    }
}
