//! Small shared pieces of the lab page: messages, metrics, procedure listing, fidelity notes,
//! embed snippet, and a number field that keeps what the user typed.

use crate::dom;
use sdp_kit::lab::{FidelityNote, LinesRun, Metric, Procedure};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`Messages`].
#[derive(Properties, PartialEq)]
pub struct MessagesProps {
    /// Messages to show (nothing is drawn when empty).
    pub messages: Vec<String>,
    /// Called when the learner dismisses them.
    pub on_dismiss: Callback<()>,
}

/// Problems with the URL or with an input, with a dismiss button.
#[component]
pub fn Messages(props: &MessagesProps) -> Html {
    if props.messages.is_empty() {
        return html! {};
    }
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="messages" role="alert">
            <ul>{ for props.messages.iter().map(|m| html! { <li>{ m }</li> }) }</ul>
            <button type="button" class="dismiss" onclick={dismiss}>{"Dismiss"}</button>
        </div>
    }
}

/// Properties of [`MetricsTable`].
#[derive(Properties, PartialEq)]
pub struct MetricsProps {
    /// The step's metrics.
    pub metrics: Vec<Metric>,
}

/// The step's metrics as a table.
#[component]
pub fn MetricsTable(props: &MetricsProps) -> Html {
    html! {
        <section class="metrics" aria-label="Metrics at this step">
            <h2>{"Metrics"}</h2>
            <table>
                <tbody>
                    { for props.metrics.iter().map(|m| html! {
                        <tr><th scope="row">{ &m.label }</th><td>{ &m.text }</td></tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

/// Properties of [`ProcedurePanel`].
#[derive(Properties, PartialEq)]
pub struct ProcedureProps {
    /// The lab's procedures.
    pub procedures: &'static [Procedure],
    /// The lines that ran in this step.
    pub lines: LinesRun,
}

/// The source document's procedure, with the lines that ran highlighted.
#[component]
pub fn ProcedurePanel(props: &ProcedureProps) -> Html {
    let Some(p) = props.procedures.get(props.lines.procedure) else {
        return html! {};
    };
    html! {
        <section class="procedure" aria-label="Procedure from the source">
            <h2>{ p.title }</h2>
            <p class="source">{ p.source }</p>
            <pre><code>
                { for p.lines.iter().enumerate().map(|(i, line)| {
                    let active = props.lines.lines.contains(&i);
                    html! { <span class={classes!("line", active.then_some("active"))} aria-current={active.then_some("step")}>{ line }{"\n"}</span> }
                }) }
            </code></pre>
        </section>
    }
}

/// Properties of [`NotesPanel`].
#[derive(Properties, PartialEq)]
pub struct NotesProps {
    /// The lab's fidelity notes.
    pub notes: &'static [FidelityNote],
}

/// Where the documents are wrong or silent, and what the lab does.
#[component]
pub fn NotesPanel(props: &NotesProps) -> Html {
    // A blank note stands for one this bundle leaves out (a lab split by mode).
    if props.notes.iter().all(|n| n.title.is_empty()) {
        return html! {};
    }
    html! {
        <section class="notes" aria-label="Faithful to the source">
            <h2>{"Faithful to the source"}</h2>
            { for props.notes.iter().filter(|n| !n.title.is_empty()).map(|n| html! {
                <details>
                    <summary><span class="badge warn">{"differs from source"}</span>{" "}{ n.title }</summary>
                    <dl>
                        <dt>{"The document says"}</dt><dd>{ n.document_says }</dd>
                        <dt>{"This lab shows"}</dt><dd>{ n.lab_shows }</dd>
                        <dt>{"Why"}</dt><dd>{ n.why }</dd>
                    </dl>
                </details>
            }) }
        </section>
    }
}

/// Properties of [`EmbedSnippet`].
#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    /// The hash of the embedded view (with `embed=1`).
    pub hash: String,
    /// Title for the iframe.
    pub title: &'static str,
}

/// An iframe snippet for this exact state, and a button that copies it.
#[component]
pub fn EmbedSnippet(props: &EmbedProps) -> Html {
    let status = use_state(String::new);
    // A height that fits the embedded page: what it shows is this page's stage (the player and
    // the drawing) under the title, measured once drawn; hosts that listen to the resize
    // messages (crate::embed) adjust it anyway.
    let height = use_state(|| 720);
    {
        let height = height.clone();
        use_effect_with((), move |()| {
            let stage = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(".lab-stage").ok().flatten());
            if let Some(stage) = stage {
                height.set((stage.scroll_height() + 120).clamp(320, 2400) / 10 * 10);
            }
        });
    }
    let snippet = format!(
        "<iframe src=\"{}{}\" title=\"{}\" width=\"100%\" height=\"{}\" style=\"border:0\" loading=\"lazy\"></iframe>",
        dom::page_base_url(),
        props.hash,
        props.title,
        *height
    );
    let copy = {
        let (status, snippet) = (status.clone(), snippet.clone());
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            dom::copy_to_clipboard(snippet.clone(), move |ok| {
                status.set(if ok {
                    "Copied.".into()
                } else {
                    "Copy refused by the browser: select the text above.".into()
                });
            });
        })
    };
    html! {
        <section class="embed" aria-label="Embed">
            <h2>{"Embed this step"}</h2>
            <textarea readonly=true rows="3" aria-label="Embed snippet" value={snippet} />
            <button type="button" onclick={copy}>{"Copy embed snippet"}</button>
            <span class="status" aria-live="polite">{ (*status).clone() }</span>
        </section>
    }
}

/// Properties of [`NumberField`].
#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// Field label.
    pub label: AttrValue,
    /// Current value.
    pub value: u64,
    /// Smallest allowed value.
    pub min: u64,
    /// Largest allowed value.
    pub max: u64,
    /// Called with a valid value when the learner commits (change event).
    pub on_commit: Callback<u64>,
}

/// A number input that validates on commit: out of range or not a number shows a message naming
/// the range and keeps the text, so nothing typed is lost.
#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let (label, min, max) = (props.label.clone(), props.min, props.max);
    let on_commit = props.on_commit.clone();
    let commit = Callback::from(move |typed: String| match typed.trim().parse::<u64>() {
        Ok(v) if (min..=max).contains(&v) => {
            on_commit.emit(v);
            None
        }
        _ => Some(format!(
            "{label}: must be a whole number between {min} and {max} (got “{}”)",
            sdp_kit::query::shorten(&typed)
        )),
    });
    html! {
        <CommitField label={props.label.clone()}
            id={format!("field-{}", props.label.to_ascii_lowercase().replace(' ', "-"))}
            value={props.value.to_string()} inputmode="numeric"
            hint={format!("{}–{}", props.min, props.max)} {commit} />
    }
}

/// Properties of [`FloatField`].
#[derive(Properties, PartialEq)]
pub struct FloatFieldProps {
    /// Label.
    pub label: AttrValue,
    /// Element id.
    pub id: AttrValue,
    /// Committed value.
    pub value: f64,
    /// Smallest allowed.
    pub min: f64,
    /// Largest allowed.
    pub max: f64,
    /// What the value means, shown after the range (optional).
    #[prop_or_default]
    pub hint: AttrValue,
    /// Called with a valid value on commit (change event).
    pub on_commit: Callback<f64>,
}

/// A decimal input that validates on commit (like [`NumberField`]): not a number or out of range
/// shows a message naming the range and keeps the text.
#[component]
pub fn FloatField(props: &FloatFieldProps) -> Html {
    let (label, min, max) = (props.label.clone(), props.min, props.max);
    let on_commit = props.on_commit.clone();
    let commit = Callback::from(move |typed: String| match typed.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (min..=max).contains(&v) => {
            on_commit.emit(v);
            None
        }
        _ => Some(format!(
            "{label}: must be a number between {min} and {max} (got “{}”)",
            sdp_kit::query::shorten(&typed)
        )),
    });
    let range = format!("{}–{}", props.min, props.max);
    let hint = if props.hint.is_empty() {
        range
    } else {
        format!("{range}: {}", props.hint)
    };
    html! {
        <CommitField label={props.label.clone()} id={props.id.clone()} value={props.value.to_string()}
            inputmode="decimal" {hint} {commit} />
    }
}

#[derive(Properties, PartialEq)]
struct CommitFieldProps {
    label: AttrValue,
    id: AttrValue,
    /// The committed value as text; a new one replaces what is typed.
    value: AttrValue,
    inputmode: AttrValue,
    hint: AttrValue,
    /// Called with the typed text on commit; returns the message to show, or `None` if accepted.
    commit: Callback<String, Option<String>>,
}

/// The input behind [`NumberField`] and [`FloatField`]: keeps the typed text, validates it on
/// commit (change event) and shows the message beside the field.
#[component]
fn CommitField(props: &CommitFieldProps) -> Html {
    let error = use_state(|| None::<String>);
    let text = use_state(|| props.value.to_string());
    // A new committed value (from the URL or another control) replaces the text.
    use_effect_with(props.value.clone(), {
        let text = text.clone();
        move |v| text.set(v.to_string())
    });
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                text.set(input.value());
            }
        })
    };
    let onchange = {
        let (error, commit) = (error.clone(), props.commit.clone());
        Callback::from(move |e: Event| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                error.set(commit.emit(input.value()));
            }
        })
    };
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={props.id.clone()}>{ &props.label }</label>
            <input id={props.id.clone()} type="text" inputmode={props.inputmode.clone()} value={(*text).clone()} {oninput} {onchange}
                aria-invalid={error.is_some().to_string()} />
            <span class="hint">{ props.hint.clone() }</span>
            if let Some(e) = &*error { <span class="field-error" role="alert">{ e }</span> }
        </div>
    }
}

/// Properties of [`KeptInput`].
#[derive(Properties, PartialEq)]
pub struct KeptProps {
    /// Element id (for the label).
    pub id: AttrValue,
    /// The text shown first, and again whenever it changes.
    pub initial: AttrValue,
    /// Reference the form reads the value through.
    pub node: NodeRef,
    /// `inputmode` hint for on-screen keyboards.
    #[prop_or(AttrValue::Static("text"))]
    pub inputmode: AttrValue,
    /// Id of the hint describing the field.
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
    /// Placeholder text.
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
}

/// A text input that keeps what the learner typed across re-renders (a refused action must not
/// wipe the text), and takes a new `initial` text when that changes.
#[component]
pub fn KeptInput(props: &KeptProps) -> Html {
    let text = use_state(|| props.initial.to_string());
    {
        let text = text.clone();
        use_effect_with(props.initial.clone(), move |v| text.set(v.to_string()));
    }
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                text.set(input.value());
            }
        })
    };
    html! {
        <input id={props.id.clone()} ref={props.node.clone()} type="text" inputmode={props.inputmode.clone()}
            value={(*text).clone()} {oninput} aria-describedby={props.describedby.clone()}
            placeholder={props.placeholder.clone()} />
    }
}
