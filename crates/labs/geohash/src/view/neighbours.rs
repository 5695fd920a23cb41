//! Neighbours mode: the 3×3 block north-up with the edge cases marked in words (date line,
//! pole, parent change, shared prefix), the F4 §6 grid beside the correct one, and the prefix
//! discontinuity.

use super::map::{
    GridChoice, Overlay, Shape, Style, WORLD, geo_map, map_aspect, toolbar, use_map_ctl,
};
use super::{StepProps, km, legend, pick_hint, picker, point_text};
use crate::layout::neighbours::{
    beyond_pole_spot, block_extent, current_dir, describe, revealed, shows_document_grid,
};
use crate::{
    Action, Block, GeohashLab, NeighbourPhase, NeighbourState, State, discontinuity_examples,
};
use sdp_kit_web::use_lab;
use std::rc::Rc;
use yew::prelude::*;

/// The neighbours view.
#[component]
pub fn NeighboursView(props: &StepProps) -> Html {
    let lab = use_lab::<GeohashLab>();
    let state = match props.state() {
        Some(State::Neighbours(s)) => Some(s),
        _ => None,
    };
    let fit = state.map_or(WORLD, |s| block_extent(&s.block));
    let auto = state.map_or(1, |s| s.block.centre.precision);
    let ctl = use_map_ctl(fit, map_aspect(2.0), true, GridChoice::Auto);
    let Some(s) = state else {
        return html! {};
    };
    let overlay = {
        let s = s.clone();
        Overlay {
            key: props.key(0),
            draw: Rc::new(move |p| draw(p, &s)),
        }
    };
    let show_doc = shows_document_grid(s);
    html! {
        <>
            <p class="geohash-summary">{ format!("Block {} of this scenario: cell ", s.block_index + 1) }<code class="geohash-hash">{ &s.block.hash }</code>
                { format!(" (precision {}), {} of 8 neighbours revealed.", s.block.centre.precision, s.revealed) }</p>
            <div class="geohash-grids">
                <figure>
                    <figcaption>{ if show_doc { "Correct block" } else { "The 3×3 block, north up" } }</figcaption>
                    { block_table(s) }
                </figure>
                if show_doc {
                    { document_table(&s.block) }
                }
            </div>
            if show_doc {
                <p class="geohash-explain">{"F4 §6 prints the grid on the right for u0b. Only E (u0c), S (u08) and SE (u09) are right, and u09 appears twice. u0b's west edge is the prime meridian (longitude 0) and its north edge is the top of its parent u0, so the cells to its west belong to parent gb… (g for the western hemisphere) and those to its north to u1…: neighbours are found by moving a cell's width or height and re-encoding, not by changing the last character."}</p>
            }
            if s.phase == NeighbourPhase::Discontinuity {
                { discontinuity(&s.block) }
            }
            { toolbar(&ctl, auto, pick_hint(&lab, &format!("to take the block of that point's precision-{auto} cell")), None) }
            { geo_map(&ctl, auto, None, overlay, describe(s).into(), picker(&lab, Action::Point)) }
            { legend(&[
                ("focus", "■", "centre cell"),
                ("cells", "■", "neighbours found so far (the outlined one: this step)"),
                ("parent", "━", "parent cell boundaries (toggle: Parent cells)"),
            ]) }
        </>
    }
}

fn draw(p: &super::map::Painter, s: &NeighbourState) {
    let ink = p.ink;
    let cur = current_dir(s);
    for n in revealed(s) {
        match (&n.bbox, n.cell) {
            (Some(b), Some(cell)) => {
                let label = p
                    .cell_label(cell)
                    .map(|h| format!("{} {h}", n.direction.label()));
                let style = if Some(n.direction) == cur {
                    Style::area(ink.cells, 0.35, 3.0)
                } else {
                    Style::area(ink.cells, 0.15, 1.0)
                };
                p.rect(*b, &style, label.as_deref());
            }
            _ => {
                p.text_at(
                    beyond_pole_spot(&s.block, n),
                    0.0,
                    0.0,
                    &format!("{}: none", n.direction.label()),
                );
            }
        }
    }
    let label = p.cell_label(s.block.centre);
    p.rect(
        s.block.bbox,
        &Style::area(ink.focus, 0.35, 3.0),
        label.as_deref(),
    );
    if s.phase == NeighbourPhase::Discontinuity {
        if let Some(d) = &s.block.discontinuity {
            p.marker(d.a, Shape::Diamond, ink.miss, Some("a | b"));
        }
    }
}

/// The block as a table, north row first; unrevealed cells show "?".
fn block_table(s: &NeighbourState) -> Html {
    let b = &s.block;
    let cur = current_dir(s);
    let shown = revealed(s);
    let cell = |r: usize, c: usize| -> Html {
        if (r, c) == (1, 1) {
            return html! {
                <td class="centre"><span class="dir">{"centre"}</span><code>{ &b.hash }</code></td>
            };
        }
        let Some(n) = b
            .neighbours
            .iter()
            .find(|n| n.direction.grid_position() == (r, c))
        else {
            return html! { <td /> };
        };
        let is_shown = shown.iter().any(|x| x.direction == n.direction);
        let is_cur = Some(n.direction) == cur;
        let class = classes!(
            is_cur.then_some("current"),
            (!is_shown).then_some("hidden"),
            n.beyond_pole.then_some("pole")
        );
        if !is_shown {
            return html! { <td {class}><span class="dir">{ n.direction.label() }</span><code>{"?"}</code></td> };
        }
        let Some(h) = &n.hash else {
            return html! {
                <td {class}><span class="dir">{ n.direction.label() }</span><span class="none">{"—"}</span>
                    <span class="flag">{"beyond the pole: no cell"}</span></td>
            };
        };
        let k = usize::from(n.common_prefix).min(h.len());
        html! {
            <td {class}>
                <span class="dir">{ n.direction.label() }</span>
                <code><span class="geohash-prefix" title="shared with the centre">{ &h[..k] }</span>{ &h[k..] }</code>
                <span class="flag">{ format!("shares {k}") }</span>
                if n.wrapped { <span class="flag">{"⇆ wraps the date line"}</span> }
                if n.parent_changed { <span class="flag">{"other parent"}</span> }
            </td>
        }
    };
    html! {
        <table class="geohash-grid3" aria-label={format!("Neighbours of {}, north row first", b.hash)}>
            <tbody>
                { for (0..3).map(|r| html! { <tr>{ for (0..3).map(|c| cell(r, c)) }</tr> }) }
            </tbody>
        </table>
    }
}

/// F4 §6's printed grid with the wrong cells marked.
fn document_table(b: &Block) -> Html {
    let Some(doc) = &b.document_grid else {
        return html! {};
    };
    html! {
        <figure>
            <figcaption>{"F4 §6 prints"}</figcaption>
            <table class="geohash-grid3 document" aria-label="The grid F4 section 6 prints for u0b; wrong cells are marked">
                <tbody>
                    { for (0..3).map(|r| html! { <tr>{ for (0..3).map(|c| {
                        let printed = doc.get(r).and_then(|row| row.get(c)).cloned().unwrap_or_default();
                        let right = b.grid.get(r).and_then(|row| row.get(c)).cloned().flatten();
                        let ok = right.as_deref() == Some(printed.as_str());
                        html! {
                            <td class={classes!(if ok { "ok" } else { "wrong" }, ((r, c) == (1, 1)).then_some("centre"))}>
                                <code>{ &printed }</code>
                                <span class="flag">{ if (r, c) == (1, 1) { "centre".to_string() } else if ok { "✓ right".to_string() } else { format!("✗ wrong: {}", right.unwrap_or_default()) } }</span>
                            </td>
                        }
                    }) }</tr> }) }
                </tbody>
            </table>
        </figure>
    }
}

/// Two points metres apart with different prefixes, and the fixed examples.
fn discontinuity(b: &Block) -> Html {
    let pair = |d: &crate::Discontinuity, name: String| {
        let k = usize::from(d.common_prefix);
        let split = |h: &str| -> Html {
            let k = k.min(h.len());
            html! { <code><span class="geohash-prefix">{ &h[..k] }</span>{ &h[k..] }</code> }
        };
        html! {
            <tr>
                <th scope="row">{ name }</th>
                <td>{ point_text(d.a) }<br />{ split(&d.hash_a) }</td>
                <td>{ point_text(d.b) }<br />{ split(&d.hash_b) }</td>
                <td>{ km(d.km) }</td>
                <td>{ k }</td>
            </tr>
        }
    };
    html! {
        <div class="table-scroll">
            <table class="geohash-table geohash-disc">
                <caption>{"Prefix discontinuity: close points, different prefixes (shared prefix underlined)"}</caption>
                <thead><tr><th>{"Where"}</th><th>{"Point a"}</th><th>{"Point b"}</th><th>{"Apart"}</th><th>{"Shared"}</th></tr></thead>
                <tbody>
                    if let Some(d) = &b.discontinuity {
                        { pair(d, format!("across {}'s {} edge", b.hash, d.direction.map_or("", |x| x.label()))) }
                    }
                    { for discontinuity_examples().iter().zip(["the equator", "the prime meridian (Greenwich)", "the date line"]).map(|(d, name)| pair(d, name.to_string())) }
                </tbody>
            </table>
        </div>
    }
}
