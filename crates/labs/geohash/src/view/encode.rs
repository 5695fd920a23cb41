//! Encode mode: the characters and their bits, both intervals halving (longitude first), and
//! the box on the map; decoding runs the same steps from the characters.

use super::map::{
    GridChoice, Overlay, Shape, Style, WORLD, geo_map, map_aspect, toolbar, use_map_ctl,
};
use super::{StepProps, deg, km, legend, pick_hint, picker, point_text};
use crate::codec::{Axis, BitStep};
use crate::distance::KM_PER_DEGREE;
use crate::layout::encode::{
    axis_row as axis_model, bar_x, before_bit, current_bit, describe, encode_fit, hash_so_far,
};
use crate::{Action, EncodePhase, EncodeState, GeohashLab, JobKind, State};
use sdp_kit_web::use_lab;
use std::rc::Rc;
use yew::prelude::*;

/// The encode view.
#[component]
pub fn EncodeView(props: &StepProps) -> Html {
    let lab = use_lab::<GeohashLab>();
    let state = match props.state() {
        Some(State::Encode(s)) => Some(s),
        _ => None,
    };
    let (fit, auto) = state.map_or((WORLD, 1), encode_fit);
    let ctl = use_map_ctl(fit, map_aspect(2.0), false, GridChoice::Auto);
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
    let precision = s.job.cell.precision;
    html! {
        <>
            <Summary state={s.clone()} />
            <Chars state={s.clone()} />
            <div class="geohash-axes">
                { axis_row(s, Axis::Lng) }
                { axis_row(s, Axis::Lat) }
            </div>
            { toolbar(&ctl, auto, pick_hint(&lab, &format!("to encode a point at precision {precision}")), None) }
            { geo_map(&ctl, auto, None, overlay, describe(s).into(), picker(&lab, Action::Point)) }
            { legend(&[
                ("focus", "■", "the box after the bits so far"),
                ("dash", "┅", "the box before this bit, split at its midpoint"),
                ("point", "◆", "the point being encoded"),
                ("ring", "○", "the decoded point (the cell's centre), last step"),
            ]) }
        </>
    }
}

fn draw(p: &super::map::Painter, s: &EncodeState) {
    let ink = p.ink;
    if let Some((before, step)) = before_bit(s) {
        p.rect(before, &Style::dashed(ink.text, 1.5), None);
        match step.axis {
            Axis::Lng => p.meridian(
                step.mid,
                before.south,
                before.north,
                &Style::dashed(ink.focus, 2.0),
            ),
            Axis::Lat => p.path(
                &[(before.west, step.mid), (before.east, step.mid)],
                false,
                &Style::dashed(ink.focus, 2.0),
            ),
        }
    }
    let done = s.phase == EncodePhase::Done;
    p.rect(
        s.current,
        &Style::area(ink.focus, if done { 0.35 } else { 0.25 }, 2.5),
        None,
    );
    if done {
        let label = p.cell_label(s.job.cell);
        p.rect(s.job.bbox, &Style::line(ink.text, 2.0), label.as_deref());
        p.marker(s.job.bbox.centre(), Shape::Ring, ink.text, None);
    }
    if let Some(pt) = s.job.point {
        p.marker(pt, Shape::Diamond, ink.cells, Some("point"));
    }
}

#[derive(Properties, PartialEq)]
struct StateProps {
    state: EncodeState,
}

#[component]
fn Summary(props: &StateProps) -> Html {
    let s = &props.state;
    let job = &s.job;
    let hash = hash_so_far(s);
    let what = match (job.kind, job.point) {
        (JobKind::Encode, Some(p)) => format!(
            "Encoding {} to {} characters ({} bits)",
            point_text(p),
            job.cell.precision,
            job.bits.len()
        ),
        _ => format!(
            "Decoding {} ({} characters, {} bits) back to its box",
            job.hash,
            job.cell.precision,
            job.bits.len()
        ),
    };
    let b = job.bbox;
    let ns = b.height() * KM_PER_DEGREE;
    let ew = b.width() * KM_PER_DEGREE * b.centre().lat.to_radians().cos();
    html! {
        <div class="geohash-summary">
            <p>{ what }{ format!(" — job {} of this scenario.", s.job_index + 1) }</p>
            <p class="geohash-hashline">{"Hash so far: "}
                <output class="geohash-hash" aria-label="Hash so far">{ if hash.is_empty() { "—".to_string() } else { hash } }</output>
            </p>
            if s.phase == EncodePhase::Done {
                <dl class="geohash-dl geohash-decoded">
                    <dt>{"Cell"}</dt><dd><code>{ &job.hash }</code></dd>
                    <dt>{"Latitude"}</dt><dd>{ format!("[{}, {}]", deg(b.south, 10), deg(b.north, 10)) }</dd>
                    <dt>{"Longitude"}</dt><dd>{ format!("[{}, {}]", deg(b.west, 10), deg(b.east, 10)) }</dd>
                    <dt>{"Centre (decoded point)"}</dt><dd>{ point_text(b.centre()) }</dd>
                    <dt>{"Size"}</dt><dd>{ format!("{} N–S × {} E–W", km(ns), km(ew)) }</dd>
                </dl>
            }
        </div>
    }
}

/// The characters, each with its value and its five bits (λ longitude, φ latitude).
#[component]
fn Chars(props: &StateProps) -> Html {
    let s = &props.state;
    let job = &s.job;
    let cur_bit = current_bit(s).map(|b| usize::from(b.index));
    let cur_char = match s.phase {
        EncodePhase::Char { index, .. } => Some(usize::from(index)),
        _ => None,
    };
    let chars: Vec<char> = job.hash.chars().collect();
    html! {
        <ol class="geohash-chars" aria-label="Characters and their bits">
            { for (0..usize::from(job.cell.precision)).map(|i| {
                let shown = i < usize::from(s.chars_done);
                let value = job.cell.char_value(i as u8);
                let label = if shown {
                    format!("character {}: {} = {value} = bits {value:05b}", i + 1, chars.get(i).copied().unwrap_or('?'))
                } else {
                    format!("character {}: not yet", i + 1)
                };
                html! {
                    <li class={classes!("geohash-char", (cur_char == Some(i)).then_some("current"), shown.then_some("shown"))} aria-label={label}>
                        <span class="geohash-ch">{ if shown { chars.get(i).copied().unwrap_or('?').to_string() } else { "?".into() } }</span>
                        <span class="geohash-val">{ if shown { format!("= {value}") } else { String::new() } }</span>
                        <span class="geohash-bitrow">
                            { for (0..5).map(|j| {
                                let k = i * 5 + j;
                                let bit = job.bits.get(k);
                                let done = k < usize::from(s.bits_done);
                                let axis = bit.map_or(Axis::Lng, |b| b.axis);
                                let (sym, name) = match axis { Axis::Lng => ("λ", "longitude"), Axis::Lat => ("φ", "latitude") };
                                html! {
                                    <span class={classes!("geohash-bit", if axis == Axis::Lng { "lng" } else { "lat" }, done.then_some("done"), (cur_bit == Some(k)).then_some("current"))}
                                        title={format!("bit {} ({name})", k + 1)}>
                                        { if done { if bit.is_some_and(|b| b.bit) { "1" } else { "0" } } else { "·" } }
                                        <sub>{ sym }</sub>
                                    </span>
                                }
                            }) }
                        </span>
                    </li>
                }
            }) }
        </ol>
    }
}

/// One axis: its whole range with the current interval, and the last bisection zoomed in.
fn axis_row(s: &EncodeState, axis: Axis) -> Html {
    let row = axis_model(s, axis);
    let (name, sym, full) = (row.name, row.symbol, row.full);
    let (lo, hi) = row.interval;
    let (bits_on_axis, last, active, value) = (row.bits, row.last, row.active, row.value);
    let (w, pad) = (420.0, 10.0);
    let x0 = bar_x(lo, full, w, pad);
    let x1 = bar_x(hi, full, w, pad).max(x0 + 3.0);
    let aria = row.describe();
    html! {
        <figure class={classes!("geohash-axis", active.then_some("active"))}>
            <figcaption>
                <strong>{ format!("{name} ({sym})") }</strong>
                { format!(": [{}, {}], {} bit{}", deg(lo, 10), deg(hi, 10), bits_on_axis, if bits_on_axis == 1 { "" } else { "s" }) }
                if active { <span class="badge">{"this step"}</span> }
            </figcaption>
            <svg viewBox={format!("0 0 {w} 74")} role="img" aria-label={aria}>
                <line class="track" x1={pad.to_string()} x2={(w - pad).to_string()} y1="12" y2="12" />
                <rect class="interval" x={format!("{x0:.1}")} y="6" width={format!("{:.1}", x1 - x0)} height="12" />
                <text class="tick" x={pad.to_string()} y="30" text-anchor="start">{ deg(full.0, 0) }</text>
                <text class="tick" x={(w - pad).to_string()} y="30" text-anchor="end">{ deg(full.1, 0) }</text>
                if let Some(b) = last {
                    { zoom_bar(b, value, w, pad) }
                } else {
                    <text class="tick" x={(w / 2.0).to_string()} y="56" text-anchor="middle">{"no bit yet: the whole range"}</text>
                }
            </svg>
        </figure>
    }
}

/// The last bisection on an axis, stretched to the full width.
fn zoom_bar(b: BitStep, value: Option<f64>, w: f64, pad: f64) -> Html {
    let y = 50.0;
    let sx = |v: f64| pad + (v - b.lo) / (b.hi - b.lo) * (w - 2.0 * pad);
    let mid = sx(b.mid);
    let (k0, k1) = if b.bit { (mid, w - pad) } else { (pad, mid) };
    html! {
        <g class="zoom">
            <line class="connector" x1={pad.to_string()} y1="20" x2={pad.to_string()} y2={(y - 6.0).to_string()} />
            <rect class="half" x={pad.to_string()} y={(y - 6.0).to_string()} width={(w - 2.0 * pad).to_string()} height="12" />
            <rect class="kept" x={format!("{k0:.1}")} y={(y - 6.0).to_string()} width={format!("{:.1}", k1 - k0)} height="12" />
            <line class="mid" x1={format!("{mid:.1}")} x2={format!("{mid:.1}")} y1={(y - 10.0).to_string()} y2={(y + 10.0).to_string()} />
            <text class="tick" x={pad.to_string()} y={(y + 20.0).to_string()} text-anchor="start">{ deg(b.lo, 8) }</text>
            <text class="tick mid-label" x={format!("{mid:.1}")} y={(y + 20.0).to_string()} text-anchor="middle">{ format!("mid {}", deg(b.mid, 8)) }</text>
            <text class="tick" x={(w - pad).to_string()} y={(y + 20.0).to_string()} text-anchor="end">{ deg(b.hi, 8) }</text>
            <text class="bitlabel" x={format!("{:.1}", f64::midpoint(k0, k1))} y={(y + 4.0).to_string()} text-anchor="middle">{ format!("bit {} = {} (kept)", b.index + 1, u8::from(b.bit)) }</text>
            if let Some(v) = value {
                <path class="value" d={format!("M {x:.1} {y0} l -5 -8 h 10 z", x = sx(v).clamp(pad, w - pad), y0 = y - 7.0)} />
            }
        </g>
    }
}
