//! Cell-size mode: one row per precision at a latitude, with the documents' figures beside the
//! real ones.

use crate::format::{deg, km};
use crate::sizes::{CellSize, DOC_FIGURES, DocFigure, Verdict, cell_sizes};
use crate::text::proc_ids::SIZES;
use crate::{Action, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::sync::Arc;

/// A document's figure (owned copy of [`DocFigure`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Precision it is about.
    pub precision: u8,
    /// Where it is stated.
    pub source: String,
    /// The words.
    pub quote: String,
    /// Stated value, km.
    pub stated_km: f64,
    /// Stated as a ± error (true) or as a cell size (false).
    pub plus_minus: bool,
    /// Correct, half a cell, or rough.
    pub verdict: Verdict,
    /// The real value in words.
    pub real: String,
}

impl From<&DocFigure> for Figure {
    fn from(f: &DocFigure) -> Self {
        Figure {
            precision: f.precision,
            source: f.source.into(),
            quote: f.quote.into(),
            stated_km: f.stated_km,
            plus_minus: f.plus_minus,
            verdict: f.verdict,
            real: f.real.into(),
        }
    }
}

/// The table at one latitude, shared by its steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SizeTable {
    /// Latitude the E–W sizes and block reaches are computed at, degrees.
    pub lat: f64,
    /// Rows for precisions 1–12.
    pub rows: Vec<CellSize>,
    /// Every figure the documents state (draw each beside its precision's row).
    pub figures: Vec<Figure>,
}

/// What a cell-size step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SizesPhase {
    /// The empty table.
    Start,
    /// Row `precision` was added (highlight it and its figures).
    Row(u8),
}

/// The state of a cell-size step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SizesState {
    /// The table.
    pub table: Arc<SizeTable>,
    /// Which table of the scenario (0 = from the parameters, then one per action).
    pub table_index: u32,
    /// Rows shown: precisions `1…rows_shown`.
    pub rows_shown: u8,
    /// What this step highlights.
    pub phase: SizesPhase,
}

fn verdict_text(f: &DocFigure) -> &'static str {
    match f.verdict {
        Verdict::Correct => "correct",
        Verdict::HalfCell => "wrong: that is the ± error, half a cell",
        Verdict::Rough => "rough",
    }
}

fn row_sentence(r: &CellSize, lat: f64) -> String {
    let mut s = format!(
        "Precision {}: {} bits ({} longitude, {} latitude), {}° × {}°: {} N–S × {} E–W at {}°; ±{} at the equator; a 3×3 block reaches {} here.",
        r.precision,
        5 * u32::from(r.precision),
        r.lng_bits,
        r.lat_bits,
        deg(r.dlat_deg),
        deg(r.dlng_deg),
        km(r.ns_km),
        km(r.ew_km),
        deg(lat),
        km(r.max_error_km),
        km(r.block_radius_km),
    );
    for f in DOC_FIGURES.iter().filter(|f| f.precision == r.precision) {
        let _ = write!(
            s,
            " {} “{}”: {} (real: {}).",
            f.source,
            f.quote,
            verdict_text(f),
            f.real
        );
    }
    s
}

fn table_steps(steps: &mut Vec<Step<State>>, lat: f64, table_index: u32) {
    let table = Arc::new(SizeTable {
        lat,
        rows: cell_sizes(lat),
        figures: DOC_FIGURES.iter().map(Figure::from).collect(),
    });
    let push = |steps: &mut Vec<Step<State>>, rows_shown: u8, phase, narration, lines: &[usize]| {
        let metrics = match phase {
            SizesPhase::Row(p) => row_metrics(&table.rows[usize::from(p) - 1]),
            SizesPhase::Start => vec![Metric::new("latitude", lat, format!("{}°", deg(lat)))],
        };
        steps.push(Step {
            state: State::Sizes(SizesState {
                table: table.clone(),
                table_index,
                rows_shown,
                phase,
            }),
            narration,
            lines: LinesRun::new(SIZES, lines),
            metrics,
        });
    };
    push(
        steps,
        0,
        SizesPhase::Start,
        format!(
            "Cell sizes at latitude {}°: each character adds 5 bits, alternately to longitude and latitude; east–west sizes shrink with cos φ = {:.3}.",
            deg(lat),
            lat.to_radians().cos()
        ),
        &[1, 2],
    );
    for r in &table.rows {
        let has_pm = DOC_FIGURES
            .iter()
            .any(|f| f.precision == r.precision && f.plus_minus);
        let lines: &[usize] = if has_pm { &[0, 1, 2] } else { &[1, 2] };
        push(
            steps,
            r.precision,
            SizesPhase::Row(r.precision),
            row_sentence(r, lat),
            lines,
        );
    }
}

fn row_metrics(r: &CellSize) -> Vec<Metric> {
    vec![
        Metric::new("N–S", r.ns_km, km(r.ns_km)),
        Metric::new("E–W here", r.ew_km, km(r.ew_km)),
        Metric::new("± error (equator)", r.max_error_km, km(r.max_error_km)),
        Metric::new("3×3 block reach", r.block_radius_km, km(r.block_radius_km)),
    ]
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Vec<Step<State>> {
    let mut steps = Vec::new();
    table_steps(&mut steps, s.params.lat, 0);
    let mut index = 0;
    for a in &s.actions {
        if let Action::Point(p) = a {
            index += 1;
            table_steps(&mut steps, p.lat, index);
        }
    }
    steps
}
