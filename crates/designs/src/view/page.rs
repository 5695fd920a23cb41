//! One design walkthrough (`#/design/<id>?flow=…&in.<input>=…&step=k[&embed=1]`): the four
//! steps, with the flow in the kit's player. Embedded, only the flow's diagram and the player.

use super::calc::{Calculator, Sheet};
use super::diagram::DiagramSvg;
use super::sections;
use crate::Design;
use crate::flow::{FlowState, flow_trace};
use crate::layout::calc::CalcState;
use crate::light::design_link;
use crate::url::{page_hash, read};
use sdp_kit::lab::Trace;
use sdp_kit_web::dom;
use sdp_kit_web::player::{Player, PlayerAction, PlayerState};
use sdp_kit_web::route::PlayerQuery;
use sdp_kit_web::widgets::{EmbedSnippet, Messages, MetricsTable};
use std::rc::Rc;
use yew::prelude::*;

/// A design's data (fetched once per session, [`super::data`]), compared by address.
#[derive(Clone, Copy, Debug)]
pub struct DesignRef(pub &'static Design);

impl PartialEq for DesignRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

/// What a design page's URL asks for, and what was wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// Flow and estimation overrides.
    pub query: crate::url::DesignQuery,
    /// `step` and `embed`.
    pub player: PlayerQuery,
    /// Messages about junk in the URL.
    pub messages: Vec<String>,
}

/// Reads a design page's query (never fails: junk falls back to defaults, with messages).
pub fn load(design: &Design, raw: &str) -> Loaded {
    let (query, mut messages) = read(design, raw);
    let player = PlayerQuery::read(&sdp_kit::query::parse(raw));
    messages.extend(player.errors.iter().cloned());
    Loaded {
        query,
        player,
        messages,
    }
}

type FlowTrace = Result<Rc<Trace<FlowState>>, String>;

fn build_trace(design: &Design, flow: &str) -> FlowTrace {
    match flow_trace(design, flow) {
        Ok(t) if !t.is_empty() => Ok(Rc::new(t)),
        Ok(_) => Err(format!("flow “{flow}” has no steps")),
        Err(e) => Err(e.to_string()),
    }
}

/// Properties of [`DesignPage`].
#[derive(Properties, PartialEq)]
pub struct DesignPageProps {
    /// The design.
    pub design: DesignRef,
    /// Raw query after `?`.
    pub query: AttrValue,
    /// Embed mode (decided by the route).
    pub embed: bool,
}

/// Scrolls a step's section into view and focuses it (the section links: the hash holds the
/// route, so in-page anchors cannot be used).
fn scroll_to(section: NodeRef) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        if let Some(el) = section.cast::<web_sys::HtmlElement>() {
            el.scroll_into_view();
            let _ = el.focus();
        }
    })
}

/// A design walkthrough.
#[component]
pub fn DesignPage(props: &DesignPageProps) -> Html {
    let design = props.design.0;
    let initial = use_memo((), {
        let raw = props.query.to_string();
        move |()| load(design, &raw)
    });
    let embed = props.embed;
    let sections = [
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    ];
    let flow = use_state(|| initial.query.flow.clone());
    let calc = use_state(|| Rc::new(CalcState::with_values(initial.query.inputs.clone())));
    let messages = use_state(|| initial.messages.clone());
    let trace = use_memo((*flow).clone(), move |f| build_trace(design, f));
    let len = trace.as_ref().as_ref().map_or(1, |t| t.len());
    let player = use_reducer({
        let wanted = initial.player.step.map_or(0, |k| k - 1);
        move || PlayerState::new(wanted, len)
    });
    // A step beyond the end is clamped; say so once.
    use_effect_with((), {
        let (messages, wanted) = (messages.clone(), initial.player.step);
        move |()| {
            if let Some(k) = wanted.filter(|&k| k > len) {
                let mut m = (*messages).clone();
                m.push(format!(
                    "step: this flow has {len} steps (got {k}); showing the last"
                ));
                messages.set(m);
            }
        }
    });
    // Keep the URL in step with what is on screen.
    use_effect_with(
        (
            (*flow).clone(),
            calc.inputs.values.clone(),
            player.cursor,
            embed,
        ),
        move |(flow, values, cursor, embed)| {
            dom::replace_hash(&page_hash(design, flow, values, *cursor, *embed));
        },
    );
    let on_flow = {
        let (flow, dispatch) = (flow.clone(), player.dispatcher());
        Callback::from(move |id: String| {
            if let Some(f) = design.flow(&id) {
                if *flow != id {
                    dispatch.dispatch(PlayerAction::Load {
                        len: f.steps.len(),
                        cursor: 0,
                    });
                    flow.set(id);
                }
            }
        })
    };
    let on_edit = {
        let calc = calc.clone();
        Callback::from(move |(id, text): (String, String)| {
            let mut next = (**calc).clone();
            next.edit(design, &id, &text);
            calc.set(Rc::new(next));
        })
    };
    let on_reset = {
        let calc = calc.clone();
        Callback::from(move |id: Option<String>| {
            let mut next = (**calc).clone();
            next.reset(id.as_deref());
            calc.set(Rc::new(next));
        })
    };
    let dismiss = {
        let messages = messages.clone();
        Callback::from(move |()| messages.set(Vec::new()))
    };
    let trace = match trace.as_ref() {
        Ok(t) => t.clone(),
        Err(e) => {
            return html! { <p class="error" role="alert">{ format!("This flow could not be built: {e}") }</p> };
        }
    };
    let cursor = player.cursor.min(trace.len().saturating_sub(1));
    let Some(step) = trace.get(cursor) else {
        return html! { <p class="error">{"This flow has no steps."}</p> };
    };
    let Some(current_flow) = design.flow(&flow) else {
        return html! { <p class="error">{"Unknown flow."}</p> };
    };
    let narration = AttrValue::from(step.narration.clone());
    let full_hash = page_hash(design, &flow, &calc.inputs.values, cursor, false);
    let embed_hash = page_hash(design, &flow, &calc.inputs.values, cursor, true);
    let flow_title = current_flow.title.as_str();
    let title: &'static str = design.title.as_str();

    if embed {
        return html! {
            <article class="designs-page embed" aria-labelledby="designs-title">
                <header class="designs-embed-head">
                    <h1 id="designs-title">{ title }<span class="designs-embed-flow">{ format!(" — {flow_title}") }</span></h1>
                </header>
                <Messages messages={(*messages).clone()} on_dismiss={dismiss} />
                <Player state={player.clone()} {narration} />
                <DiagramSvg title={AttrValue::from(title)} trace={trace.clone()} {cursor} />
                <p class="open-full"><a href={full_hash} target="_blank" rel="noopener">{"Open in the System Design Playground ↗"}</a></p>
            </article>
        };
    }

    let (prev, next) = crate::light::neighbours(&design.id);
    let seek = |k: usize| {
        let d = player.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(PlayerAction::Seek(k)))
    };
    let label = |id: &str| {
        design
            .component(id)
            .map_or(id.to_string(), |c| c.label.clone())
    };
    html! {
        <article class="designs-page" aria-labelledby="designs-title">
            <nav class="designs-crumbs" aria-label="Designs">
                <a href="#/designs">{"All designs"}</a>
                if let Some(p) = prev { {" · "}<a href={design_link(p.id)} rel="prev">{ format!("← {}", p.title) }</a> }
                if let Some(n) = next { {" · "}<a href={design_link(n.id)} rel="next">{ format!("{} →", n.title) }</a> }
            </nav>
            <header class="designs-head">
                <h1 id="designs-title">{ title }
                    if !design.subtitle.is_empty() { <span class="designs-subtitle">{ format!(" ({})", design.subtitle) }</span> }
                </h1>
                <p class="lab-summary">{ &design.summary }
                    <span class="badge">{ design.theme.label() }</span>
                    <span class="badge">{ format!("catalogue {}", design.source.catalogue) }</span>
                </p>
                <p class="designs-src">{ format!("Source: {} “{}”, section “{}”, lines {}–{}.", design.source.document, crate::model::document_title(&design.source.document).unwrap_or(""), design.source.heading.trim_start_matches('#').trim(), design.source.lines[0], design.source.lines[1]) }</p>
                <nav class="designs-toc" aria-label="The four steps">
                    <a href={full_hash.clone()} onclick={scroll_to(sections[0].clone())}>{"1. Requirements"}</a>
                    <a href={full_hash.clone()} onclick={scroll_to(sections[1].clone())}>{"2. Estimation"}</a>
                    <a href={full_hash.clone()} onclick={scroll_to(sections[2].clone())}>{"3. Architecture and flows"}</a>
                    <a href={full_hash.clone()} onclick={scroll_to(sections[3].clone())}>{"4. Deep dive and trade-offs"}</a>
                </nav>
            </header>
            <Messages messages={(*messages).clone()} on_dismiss={dismiss} />
            { sections::counterpart(design) }

            <section class="designs-step" id="designs-step-1" ref={sections[0].clone()} tabindex="-1" aria-labelledby="designs-step-1-h">
                <h2 id="designs-step-1-h">{"1. Requirements"}</h2>
                { sections::requirements(&design.requirements) }
            </section>

            <section class="designs-step" id="designs-step-2" ref={sections[1].clone()} tabindex="-1" aria-labelledby="designs-step-2-h">
                <h2 id="designs-step-2-h">{"2. Back-of-envelope estimation"}</h2>
                <Calculator sheet={Sheet::Design(design)} state={(*calc).clone()} {on_edit} {on_reset} />
            </section>

            <section class="designs-step" id="designs-step-3" ref={sections[2].clone()} tabindex="-1" aria-labelledby="designs-step-3-h">
                <h2 id="designs-step-3-h">{"3. Architecture and request flows"}</h2>
                <FlowPicker design={props.design} current={(*flow).clone()} on_pick={on_flow} />
                <p class="designs-flow-summary">{ &current_flow.summary }
                    { sections::src_note(&current_flow.source) }</p>
                <Player state={player.clone()} {narration} />
                <figure class="designs-figure-diagram">
                    <DiagramSvg title={AttrValue::from(title)} trace={trace.clone()} {cursor} />
                    <figcaption>{"Bold arrow: this step's message, numbered; faint numbered arrows: the messages before it; “sends” and “receives” mark the two components; faded boxes are not involved yet. Shapes: cylinders store data, hexagons are gateways and load balancers, pills are clients, boxes with bars are queues."}</figcaption>
                </figure>
                <div class="designs-flow-side">
                    <section class="procedure designs-hops" aria-label="Messages of this flow">
                        <h3>{ format!("Messages: {flow_title}") }</h3>
                        <ol>
                            { for current_flow.steps.iter().enumerate().map(|(k, s)| {
                                let active = k == cursor;
                                html! {
                                    <li class={classes!("line", active.then_some("active"))} aria-current={active.then_some("step")} key={k}>
                                        <button type="button" class="designs-hop" onclick={seek(k)}>
                                            <span class="designs-hop-route">{ format!("{} → {}", label(&s.from), label(&s.to)) }</span>
                                            <span class="designs-hop-msg">{ &s.message }</span>
                                        </button>
                                    </li>
                                }
                            }) }
                        </ol>
                    </section>
                    <MetricsTable metrics={step.metrics.clone()} />
                </div>
                { sections::data_model(design) }
                <EmbedSnippet hash={embed_hash} {title} />
            </section>

            <section class="designs-step" id="designs-step-4" ref={sections[3].clone()} tabindex="-1" aria-labelledby="designs-step-4-h">
                <h2 id="designs-step-4-h">{"4. Deep dive and trade-offs"}</h2>
                { sections::deep_dive(design) }
                { sections::notes(design) }
            </section>
        </article>
    }
}

/// Properties of [`FlowPicker`].
#[derive(Properties, PartialEq)]
struct FlowPickerProps {
    design: DesignRef,
    current: String,
    on_pick: Callback<String>,
}

/// One radio button per request flow.
#[component]
fn FlowPicker(props: &FlowPickerProps) -> Html {
    let design = props.design.0;
    html! {
        <fieldset class="designs-flows">
            <legend>{"Request flow"}</legend>
            { for design.flows.iter().map(|f| {
                let id = format!("designs-flow-{}", f.id);
                let onchange = {
                    let (pick, fid) = (props.on_pick.clone(), f.id.clone());
                    Callback::from(move |_: Event| pick.emit(fid.clone()))
                };
                html! {
                    <label class={classes!("designs-flow-option", (f.id == props.current).then_some("checked"))} for={id.clone()} key={f.id.clone()}>
                        <input type="radio" name="designs-flow" id={id} value={f.id.clone()} checked={f.id == props.current} {onchange} />
                        { format!(" {}", f.title) }
                        <span class="designs-flow-len">{ format!(" ({} steps)", f.steps.len()) }</span>
                    </label>
                }
            }) }
        </fieldset>
    }
}
