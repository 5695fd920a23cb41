//! A small line chart in SVG shared by the modes: series of `(x, y)` in `[0, 1]²`, a legend,
//! axis labels and an optional cursor line.

use crate::layout::{Frame, polyline};
use sdp_kit_web::palette;
use yew::prelude::*;

const W: f64 = 640.0;
const H: f64 = 220.0;
const FRAME: Frame = Frame {
    x0: 44.0,
    y0: 10.0,
    w: W - 54.0,
    h: H - 40.0,
};

/// One series.
pub(super) struct Series {
    /// Legend text.
    pub name: String,
    /// Points in `[0, 1]²`.
    pub points: Vec<(f64, f64)>,
    /// Drawn thicker.
    pub strong: bool,
}

/// The chart: `series`, the y axis from 0 to `y_max_text`, the x axis labelled `x_text`, and a
/// cursor at `cursor` (x in `[0, 1]`).
pub(super) fn line_chart(
    class: &'static str,
    label: String,
    series: &[Series],
    y_max_text: &str,
    x_text: &str,
    cursor: Option<f64>,
) -> Html {
    let f = FRAME;
    html! {
        <figure class={classes!("ca-chart", class)}>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={label}>
                <line class="axis-line" x1={f.x0.to_string()} x2={f.x0.to_string()} y1={f.y0.to_string()} y2={(f.y0 + f.h).to_string()} />
                <line class="axis-line" x1={f.x0.to_string()} x2={(f.x0 + f.w).to_string()} y1={(f.y0 + f.h).to_string()} y2={(f.y0 + f.h).to_string()} />
                <text class="axis" x="4" y={(f.y0 + 10.0).to_string()}>{ y_max_text.to_string() }</text>
                <text class="axis" x="4" y={(f.y0 + f.h).to_string()}>{"0"}</text>
                <text class="axis" x={(f.x0 + f.w / 2.0).to_string()} y={(H - 8.0).to_string()} text-anchor="middle">{ x_text.to_string() }</text>
                if let Some(c) = cursor {
                    <line class="ca-cursor" x1={format!("{:.1}", f.x(c))} x2={format!("{:.1}", f.x(c))} y1={f.y0.to_string()} y2={(f.y0 + f.h).to_string()} />
                }
                { for series.iter().enumerate().map(|(i, s)| html! {
                    <polyline key={i} class={classes!("ca-series", s.strong.then_some("strong"))}
                        points={polyline(&f, &s.points)} stroke={palette::series(i)} />
                }) }
            </svg>
            <figcaption class="ca-legend">
                { for series.iter().enumerate().map(|(i, s)| html! {
                    <span key={i} class="ca-key" style={format!("--c:{}", palette::series(i))}>{ &s.name }</span>
                }) }
            </figcaption>
        </figure>
    }
}
