//! The controls: the parameter form generated from the URL fields, and one line to type an
//! action in (a fault, a cart edit, a CRDT operation), with examples for the mode.

use crate::url::parse_action;
use crate::{Mode, ReplicationLab};
use sdp_kit::lab::Lab;
use sdp_kit_web::fields_form::FieldsForm;
use sdp_kit_web::use_lab;
use sdp_kit_web::widgets::KeptInput;
use yew::prelude::*;

fn examples(mode: Mode) -> &'static str {
    match mode {
        Mode::Quorum => {
            "crash:C@3, recover:C@5, cut:B@2, heal:B@4, drop:A@3, delay:B+300@2 (node @ operation)"
        }
        Mode::Clocks => "set:1:x*2, rm:2:y, sync:1-2 (replica 1–3)",
        Mode::Crdt => "inc:1, dec:2, add:1:x, rm:2:x, put:1:A@100, merge:1>2",
        Mode::Merkle | Mode::Lag => "",
        Mode::Consistency => {
            "w:1:x=2@20-24, r:2:x=1@21-23, del:2 (client:register=value@invoke-response)"
        }
    }
}

/// The action line: a refused action keeps the text and says why.
#[component]
fn ActionForm() -> Html {
    let lab = use_lab::<ReplicationLab>();
    let text = use_node_ref();
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (text, error, lab) = (text.clone(), error.clone(), lab.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = text
                .cast::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let checked = parse_action(typed.trim()).and_then(|a| {
                let mut checker = ReplicationLab::checker(&lab.scenario.params);
                for (i, done) in lab.scenario.actions.iter().enumerate() {
                    let _ = ReplicationLab::check_action(&mut checker, &format!("a[{i}]"), done);
                }
                if lab.scenario.actions.len() >= ReplicationLab::ACTIONS.max {
                    return Err(format!("at most {} actions", ReplicationLab::ACTIONS.max));
                }
                ReplicationLab::check_action(&mut checker, "action", &a)
                    .map(|()| a)
                    .map_err(|e| e.to_string())
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
    let mode = lab.scenario.params.mode;
    html! {
        <form class="rp-action" {onsubmit}>
            <fieldset>
                <legend>{"Add an action"}</legend>
                <label for="rp-action-text">{"Action"}</label>
                <KeptInput id="rp-action-text" initial="" node={text} placeholder={Some(AttrValue::from(examples(mode)))} />
                <button type="submit">{"Apply"}</button>
                <span class="rp-hint">{ examples(mode) }</span>
                if let Some(m) = &*error { <span class="field-error" role="alert">{ m }</span> }
            </fieldset>
        </form>
    }
}

#[component]
pub(super) fn Controls() -> Html {
    let lab = use_lab::<ReplicationLab>();
    if lab.embed {
        return html! {};
    }
    html! {
        <div class="controls">
            <FieldsForm<ReplicationLab> prefix="rp" />
            if !matches!(lab.scenario.params.mode, Mode::Merkle | Mode::Lag) { <ActionForm /> }
        </div>
    }
}
