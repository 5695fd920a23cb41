//! The controls: the parameter form generated from the URL fields, and the things a learner
//! types by hand in the modes that take them (items, keys, queries).

use crate::url::parse_action;
use crate::{Mode, SketchesLab};
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
    /// Element id prefix.
    id: AttrValue,
    /// The legend.
    legend: AttrValue,
    /// The verb written before the text (`item`, `key`, `ask`, `q`).
    verb: AttrValue,
    /// Whether the action takes a count (`*N`).
    counted: bool,
    /// The button's label.
    button: AttrValue,
    /// Placeholder of the text field.
    placeholder: AttrValue,
}

/// One form that appends an action `verb:TEXT[*N]`; a refused action keeps the text and says why.
#[component]
fn ActionForm(props: &ActionProps) -> Html {
    let lab = use_lab::<SketchesLab>();
    let (text, count) = (use_node_ref(), use_node_ref());
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (text, count, error, lab) = (text.clone(), count.clone(), error.clone(), lab.clone());
        let (verb, counted) = (props.verb.clone(), props.counted);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = input_value(&text);
            let line = if counted {
                format!("{verb}:{typed}*{}", input_value(&count).trim())
            } else {
                format!("{verb}:{typed}")
            };
            let check = crate::url::check_text(&typed).map_err(|m| format!("Text: {m}"));
            match check.and_then(|()| {
                parse_action(&line).map_err(|_| "How many: a whole number".to_string())
            }) {
                Ok(a) => {
                    error.set(None);
                    lab.act(a);
                }
                Err(m) => error.set(Some(m)),
            }
        })
    };
    let text_id = format!("{}-text", props.id);
    let count_id = format!("{}-count", props.id);
    html! {
        <form class="sk-action" {onsubmit}>
            <fieldset>
                <legend>{ &props.legend }</legend>
                <label for={text_id.clone()}>{"Text"}</label>
                <KeptInput id={text_id} initial="" node={text} placeholder={Some(props.placeholder.clone())} />
                if props.counted {
                    <label for={count_id.clone()}>{"How many"}</label>
                    <KeptInput id={count_id} initial="10" node={count} inputmode="numeric" />
                }
                <button type="submit">{ &props.button }</button>
                if let Some(m) = &*error { <span class="field-error" role="alert">{ m }</span> }
            </fieldset>
        </form>
    }
}

#[component]
pub(super) fn Controls() -> Html {
    let lab = use_lab::<SketchesLab>();
    if lab.embed {
        return html! {};
    }
    let actions = match lab.scenario.params.mode {
        Mode::TopK => html! {
            <ActionForm id="sk-item" legend="Add an item at the end of the stream" verb="item" counted=true
                button="Add" placeholder="hot" />
        },
        Mode::Bloom => html! {
            <>
                <ActionForm id="sk-key" legend="Insert a key" verb="key" counted=false button="Insert" placeholder="alice" />
                <ActionForm id="sk-ask" legend="Query a key" verb="ask" counted=false button="Query" placeholder="bob" />
            </>
        },
        Mode::Trie => html! {
            <ActionForm id="sk-q" legend="Log a query" verb="q" counted=true button="Log" placeholder="apple pie" />
        },
        Mode::Cms | Mode::Distributed | Mode::Trending => html! {},
    };
    html! {
        <div class="controls">
            <FieldsForm<SketchesLab> prefix="sk" />
            { actions }
        </div>
    }
}
