//! The framework section of the document (F0 S1, `#/design/framework?in.<input>=…`): the four
//! steps, the requirements checklist, the estimation templates as a live calculator, the
//! building blocks and the common trade-offs, then the index.

use super::calc::{Calculator, Sheet};
use super::index::{DesignList, steps_table};
use super::sections;
use crate::index_view::{cell, table};
use crate::layout::calc::CalcState;
use crate::light::framework_steps;
use crate::model::Framework;
use crate::url::{framework_hash, framework_values};
use sdp_kit_web::dom;
use sdp_kit_web::widgets::Messages;
use std::rc::Rc;
use yew::prelude::*;

/// The framework's data, compared by address.
#[derive(Clone, Copy, Debug)]
pub struct FrameworkRef(pub &'static Framework);

impl PartialEq for FrameworkRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

/// Properties of [`FrameworkPage`].
#[derive(Properties, PartialEq)]
pub struct FrameworkPageProps {
    /// The framework section's data.
    pub fw: FrameworkRef,
    /// Raw query (`in.<input>=…`).
    pub query: AttrValue,
}

/// The framework section of the document (F0 S1).
#[component]
pub fn FrameworkPage(props: &FrameworkPageProps) -> Html {
    let fw = props.fw.0;
    let initial = use_memo((), {
        let raw = props.query.to_string();
        move |()| framework_values(fw, &raw)
    });
    let calc = use_state(|| Rc::new(CalcState::with_values(initial.0.clone())));
    let messages = use_state(|| initial.1.clone());
    use_effect_with(calc.inputs.values.clone(), move |values| {
        dom::replace_hash(&framework_hash(fw, values));
    });
    let on_edit = {
        let calc = calc.clone();
        Callback::from(move |(id, text): (String, String)| {
            let mut next = (**calc).clone();
            next.edit(fw, &id, &text);
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
    html! {
        <article class="designs-page designs-fw" aria-labelledby="designs-title">
            <nav class="designs-crumbs" aria-label="Designs"><a href="#/designs">{"All designs"}</a></nav>
            <header class="designs-head">
                <h1 id="designs-title">{ &fw.title }</h1>
                <p class="designs-src">{ format!("Source: {} “{}”, lines {}–{}.", fw.source.document, fw.source.heading.trim_start_matches('#').trim(), fw.source.lines[0], fw.source.lines[1]) }</p>
            </header>
            <Messages messages={(*messages).clone()} on_dismiss={dismiss} />
            <section class="designs-step" aria-labelledby="designs-fw-steps">
                <h2 id="designs-fw-steps">{"The four steps"}</h2>
                { steps_table(framework_steps()) }
            </section>
            <section class="designs-step" aria-labelledby="designs-fw-1">
                <h2 id="designs-fw-1">{"1. Requirements checklist"}</h2>
                { sections::requirements(&fw.checklist) }
            </section>
            <section class="designs-step" aria-labelledby="designs-fw-2">
                <h2 id="designs-fw-2">{"2. Estimation templates"}</h2>
                <p>{"The document gives the formulas; the example values are ours, so the calculator has something to show."}</p>
                <Calculator sheet={Sheet::Framework(fw)} state={(*calc).clone()} {on_edit} {on_reset} />
            </section>
            <section class="designs-step" aria-labelledby="designs-fw-3">
                <h2 id="designs-fw-3">{"3. Building blocks"}</h2>
                { blocks_table(fw) }
            </section>
            <section class="designs-step" aria-labelledby="designs-fw-4">
                <h2 id="designs-fw-4">{"4. Common trade-offs"}</h2>
                { tradeoffs_table(fw) }
            </section>
            <DesignList />
        </article>
    }
}

/// The building blocks: component and when to use it.
fn blocks_table(fw: &Framework) -> Html {
    let rows = fw
        .building_blocks
        .iter()
        .map(|b| (cell(&b.component), vec![cell(&b.when)]))
        .collect();
    table(&[("Component", ""), ("When to use", "When")], rows)
}

/// The common trade-offs: decision, the two options and when to choose each.
fn tradeoffs_table(fw: &Framework) -> Html {
    let rows = fw
        .tradeoffs
        .iter()
        .map(|t| {
            let cells = [&t.option_a, &t.option_b, &t.choose_a, &t.choose_b];
            (cell(&t.decision), cells.iter().map(|c| cell(c)).collect())
        })
        .collect();
    table(
        &[
            ("Decision", ""),
            ("Option A", "Option A"),
            ("Option B", "Option B"),
            ("Choose A when", "Choose A when"),
            ("Choose B when", "Choose B when"),
        ],
        rows,
    )
}
