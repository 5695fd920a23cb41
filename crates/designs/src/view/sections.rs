//! Steps 1 and 4 of a walkthrough (requirements; deep dive and trade-offs with lab links), the
//! data model, and the document notes. Plain functions of the design: nothing here changes.

use crate::catalogue::{MechanismLink, lab_href, lab_title, mechanism_link, mechanism_text};
use crate::index_view::{cell, table};
use crate::model::{Design, Requirements};
use yew::prelude::*;

fn mechanism_chip(design: &Design, m: &str) -> Html {
    let text = mechanism_text(m);
    match mechanism_link(design, m) {
        MechanismLink::Lab(lab_id, k) => {
            let href = design
                .labs
                .get(k)
                .map_or_else(|| lab_href(lab_id, ""), |l| lab_href(&l.lab, &l.query));
            html! { <li class="designs-mech has-lab"><a href={href}>{ text }</a>{" "}<span class="designs-badge">{ format!("lab: {lab_id}") }</span></li> }
        }
        MechanismLink::LabOnly(lab_id) => html! {
            <li class="designs-mech has-lab"><a href={lab_href(lab_id, "")}>{ text }</a>{" "}<span class="designs-badge">{ format!("lab: {lab_id}") }</span></li>
        },
        MechanismLink::Name => {
            html! { <li class="designs-mech">{ text }{" "}<span class="designs-badge">{"no lab yet"}</span></li> }
        }
    }
}

/// A line reference after a text, " (l.207–209)", or nothing when there is none.
#[inline(never)]
pub fn src_note(source: &str) -> Html {
    if source.is_empty() {
        return html! {};
    }
    html! { <span class="designs-src">{ format!(" ({source})") }</span> }
}

/// Step 1.
pub fn requirements(req: &Requirements) -> Html {
    html! {
        <div class="designs-req">
            <section>
                <h3>{"Functional"}</h3>
                <ul>{ for req.functional.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
            </section>
            <section>
                <h3>{"Non-functional"}</h3>
                <ul>{ for req.non_functional.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
            </section>
            if !req.scale.is_empty() {
                <section>
                    <h3>{"Scale"}</h3>
                    <ul>{ for req.scale.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
                </section>
            }
            <p class="designs-src">{ format!("As the document states them ({}).", req.source) }</p>
        </div>
    }
}

/// The data model table, if the design has one.
pub fn data_model(design: &Design) -> Html {
    if design.data_model.is_empty() {
        return html! {};
    }
    html! {
        <section class="designs-data-model" aria-labelledby="designs-dm-h">
            <h3 id="designs-dm-h">{"Data model"}</h3>
            <dl class="designs-dm">
                { for design.data_model.iter().map(|m| html! { <>
                    <dt><code>{ &m.name }</code></dt>
                    <dd><code class="designs-dm-fields">{ &m.fields }</code>
                        if !m.store.is_empty() { <p>{ &m.store }</p> }</dd>
                </> }) }
            </dl>
        </section>
    }
}

/// Step 4: deep dive, trade-offs, labs, mechanisms.
pub fn deep_dive(design: &Design) -> Html {
    let unlinked: Vec<&String> = design
        .mechanisms
        .iter()
        .filter(|m| mechanism_link(design, m) == MechanismLink::Name)
        .collect();
    html! {
        <>
            <section class="designs-deep" aria-labelledby="designs-deep-h">
                <h3 id="designs-deep-h">{"Deep dive"}</h3>
                <ul class="designs-deep-list">
                    { for design.deep_dive.iter().map(|d| html! {
                        <li>
                            <strong>{ &d.title }</strong>{" — "}{ &d.text }
                            if !d.mechanisms.is_empty() {
                                <ul class="designs-mechs" aria-label="Mechanisms">
                                    { for d.mechanisms.iter().map(|m| mechanism_chip(design, m)) }
                                </ul>
                            }
                        </li>
                    }) }
                </ul>
            </section>
            <section class="designs-tradeoffs" aria-labelledby="designs-to-h">
                <h3 id="designs-to-h">{"Trade-offs"}</h3>
                { tradeoffs_table(design) }
            </section>
            <section class="designs-labs" aria-labelledby="designs-labs-h">
                <h3 id="designs-labs-h">{"Try the mechanisms in a lab"}</h3>
                if design.labs.is_empty() {
                    <p>{"No lab covers this design's mechanisms yet."}</p>
                } else {
                    <ul class="designs-lab-links">
                        { for design.labs.iter().map(|l| {
                            let title = lab_title(&l.lab);
                            html! {
                                <li>
                                    <a href={lab_href(&l.lab, &l.query)}>{ &l.label }</a>
                                    <span class="designs-badge">{ format!("lab: {title}") }</span>
                                    if !l.why.is_empty() { <p class="designs-why">{ &l.why }</p> }
                                    <p class="designs-src">{ format!("Shows: {}", l.covers.iter().map(|m| mechanism_text(m)).collect::<Vec<_>>().join("; ")) }</p>
                                </li>
                            }
                        }) }
                    </ul>
                }
                if !unlinked.is_empty() {
                    <h4>{"Mechanisms without a lab yet"}</h4>
                    <ul class="designs-mechs designs-nolab">
                        { for unlinked.iter().map(|m| html! { <li class="designs-mech">{ mechanism_text(m) }</li> }) }
                    </ul>
                }
            </section>
        </>
    }
}

/// Places outside the estimate where the document is wrong or misleading.
pub fn notes(design: &Design) -> Html {
    if design.notes.is_empty() {
        return html! {};
    }
    html! {
        <section class="designs-notes notes" aria-labelledby="designs-notes-h">
            <h3 id="designs-notes-h">{"Where the document is wrong or misleading"}</h3>
            { for design.notes.iter().map(|n| html! {
                <details>
                    <summary><span class="badge warn">{"differs from the document"}</span>{" "}{ &n.title }</summary>
                    <dl>
                        <dt>{"The document says"}</dt><dd>{ &n.document_says }</dd>
                        <dt>{"Correct"}</dt><dd>{ &n.correct }</dd>
                        <dt>{"Why"}</dt><dd>{ &n.why }</dd>
                        if !n.catalogue.is_empty() { <dt>{"Catalogue"}</dt><dd>{ &n.catalogue }</dd> }
                    </dl>
                </details>
            }) }
        </section>
    }
}

/// The design's trade-offs: decision, options, what the document says.
fn tradeoffs_table(design: &Design) -> Html {
    let rows = design
        .tradeoffs
        .iter()
        .map(|t| {
            let options = html! {
                <ul class="designs-options">{ for t.options.iter().map(|o| html! { <li>{ o }</li> }) }</ul>
            };
            (cell(&t.decision), vec![options, cell(&t.text)])
        })
        .collect();
    table(
        &[
            ("Decision", ""),
            ("Options", "Options"),
            ("What the document says", "The document"),
        ],
        rows,
    )
}

/// "The other document's version": the counterpart design (from either file's `[counterpart]`,
/// [`crate::light::counterpart`]) with a link and the table of differences.
pub fn counterpart(design: &Design) -> Html {
    let Some(c) = crate::light::counterpart(&design.id) else {
        return html! {};
    };
    let here = crate::model::document_title(&design.source.document).unwrap_or("");
    let there = c.other.document_title();
    let rows = c
        .rows
        .iter()
        .map(|(topic, h, o, cat)| {
            let head = if cat.is_empty() {
                cell(topic)
            } else {
                html! { <>{ *topic }<span class="designs-src">{ format!(" ({cat})") }</span></> }
            };
            (head, vec![cell(h), cell(o)])
        })
        .collect();
    html! {
        <section class="designs-counterpart" aria-labelledby="designs-cp-h">
            <h2 id="designs-cp-h">{"The other document's version"}</h2>
            <p>{ format!("{} “{there}” designs the same system: ", c.other.document) }
                <a href={crate::light::design_link(c.other.id)} class="designs-cp-link">{ format!("{}{} ({}, {})", c.other.title, c.other.subtitle_text(), c.other.document, c.other.catalogue) }</a>
                {". Where the two differ:"}</p>
            { table(
                &[
                    ("Topic", ""),
                    ("This document", "This document"),
                    ("The other", "The other"),
                ],
                rows,
            ) }
            <p class="designs-src">{ format!("This document: {} “{here}”; the other: {} “{there}” (catalogue A.4, C.1).", design.source.document, c.other.document) }</p>
        </section>
    }
}
