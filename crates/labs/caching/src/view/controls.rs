//! The controls: the parameter form generated from the URL fields, and the actions typed by
//! hand (a key access in `eviction`, a cache crash in `strategies`).

use crate::url::parse_action;
use crate::{CachingLab, Mode};
use sdp_kit_web::fields_form::FieldsForm;
use sdp_kit_web::use_lab;
use sdp_kit_web::widgets::KeptInput;
use yew::prelude::*;

fn input_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// Properties of [`ActionForm`].
#[derive(Properties, PartialEq)]
struct ActionProps {
    /// Element id of the text field.
    id: AttrValue,
    /// The legend.
    legend: AttrValue,
    /// The field's label.
    label: AttrValue,
    /// The verb written before the text (`get`, `crash`).
    verb: AttrValue,
    /// The button's label.
    button: AttrValue,
    /// Initial text.
    initial: AttrValue,
}

/// One form that appends an action `verb:TEXT`; a refused action keeps the text and says why.
#[component]
fn ActionForm(props: &ActionProps) -> Html {
    let lab = use_lab::<CachingLab>();
    let text = use_node_ref();
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (text, error, lab, verb) =
            (text.clone(), error.clone(), lab.clone(), props.verb.clone());
        let label = props.label.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = input_value(&text);
            let checked = parse_action(&format!("{verb}:{}", typed.trim()))
                .map_err(|_| format!("{label}: not readable"))
                .and_then(|a| {
                    let mut c = crate::Checker::new(&lab.scenario.params);
                    c.apply(&label, &a).map(|()| a).map_err(|e| e.to_string())
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
        <form class="ca-action" {onsubmit}>
            <fieldset>
                <legend>{ &props.legend }</legend>
                <label for={props.id.clone()}>{ &props.label }</label>
                <KeptInput id={props.id.clone()} initial={props.initial.clone()} node={text} />
                <button type="submit">{ &props.button }</button>
                if let Some(m) = &*error { <span class="field-error" role="alert">{ m }</span> }
            </fieldset>
        </form>
    }
}

#[component]
pub(super) fn Controls() -> Html {
    let lab = use_lab::<CachingLab>();
    if lab.embed {
        return html! {};
    }
    let actions = match lab.scenario.params.mode {
        Mode::Eviction => html! {
            <ActionForm id="ca-get" legend="Access a key at the end of the trace" label="Key" verb="get" button="Access" initial="a" />
        },
        Mode::Strategies => html! {
            <ActionForm id="ca-crash" legend="Crash the cache" label="At ms" verb="crash" button="Crash" initial="100" />
        },
        Mode::Ttl
        | Mode::Stampede
        | Mode::MultiLevel
        | Mode::HotKeys
        | Mode::Cdn
        | Mode::Negative => html! {},
    };
    html! {
        <div class="controls">
            <FieldsForm<CachingLab> prefix="ca" />
            { actions }
        </div>
    }
}
