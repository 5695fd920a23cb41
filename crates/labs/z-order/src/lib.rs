//! Z-order / Hilbert lab (catalogue M17.1, M17.2, M2.6; route `#/lab/z-order`), in three modes:
//!
//! * `bits`: the bits of 2–3 column values woven into a Z-value one bit per step (the
//!   document's example (x=5, y=3) gives 27, not 29), then decoded back.
//! * `curves`: the Z curve and the Hilbert curve over a `2^k × 2^k` grid with a cursor walking
//!   both; the Z curve's jumps are listed; an optional box counts the 1-D ranges each curve needs.
//! * `skip`: min/max data skipping: one seeded table laid out four ways (unsorted, sorted by one
//!   column, Z-order, Hilbert), cut into files with min/max statistics, queried side by side,
//!   plus a batch of seeded random queries for a chart.
//!
//! [`Params`] holds the mode and the fields of every mode; each mode's keys are known only in
//! that mode (see [`url`]'s fields), so a key of another mode is reported as unknown.

pub mod check;
pub mod curves;
pub mod layout;
mod questions;
pub mod skipping;
mod text;
mod trace;
pub mod url;
#[cfg(feature = "view")]
pub mod view;

use sdp_kit::field::Field;
use sdp_kit::lab::{
    ActionSyntax, FidelityNote, Lab, LabInfo, ModeInfo, ParamError, Procedure, Scenario, Trace,
};
use serde::{Deserialize, Serialize};
use skipping::{DataShape, FileStats, Layout, LayoutData, Predicate, QueryKind, Scan, Table};
use std::sync::Arc;

/// Bits per column in `bits` mode: the allowed range.
pub const BITS_RANGE: (u8, u8) = (1, 16);
/// Grid order `k` in `curves` mode (grid `2^k × 2^k`): the allowed range.
pub const ORDER_RANGE: (u8, u8) = (1, 8);
/// Most cursor steps in `curves` mode (larger grids advance several cells per step).
pub const MAX_WALK_STEPS: u32 = 256;
/// Most rows in `skip` mode.
pub const MAX_ROWS: u32 = 100_000;
/// Most files in `skip` mode (rows ÷ rows per file, rounded up).
pub const MAX_FILES: u32 = 1_000;
/// Bits per value in `skip` mode: the allowed range.
pub const VALUE_BITS_RANGE: (u8, u8) = (1, 16);
/// Most random queries in a batch.
pub const MAX_BATCH: u32 = 1_000;
/// Most user queries (actions) in `skip` mode.
pub const MAX_QUERIES: usize = 16;

/// Parameters of `bits` mode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BitsParams {
    /// Column values in column order x, y[, z] (2–3 values, each `< 2^bits`; URL `values=5,3`).
    /// Column 0 holds the least significant bit of each group.
    pub values: Vec<u64>,
    /// Bits per column (1–16; URL `bits`).
    pub bits: u8,
}

/// An inclusive box of grid cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridBox {
    /// Left column.
    pub x0: u32,
    /// Bottom row.
    pub y0: u32,
    /// Right column (≥ `x0`).
    pub x1: u32,
    /// Top row (≥ `y0`).
    pub y1: u32,
}

/// Parameters of `curves` mode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurvesParams {
    /// Grid order k: the grid is `2^k × 2^k` (1–8; URL `order`).
    pub order: u8,
    /// A box whose cells are covered by 1-D ranges of each curve (URL `box=x0,y0,x1,y1` or
    /// `box=none`).
    pub query: Option<GridBox>,
}

/// Parameters of `skip` mode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkipParams {
    /// Rows in the table (1–[`MAX_ROWS`]; URL `rows`).
    pub rows: u32,
    /// Columns x, y[, z] (2–3; URL `columns`).
    pub columns: u8,
    /// Bits per value: values are `0 … 2^value_bits − 1` (1–16; URL `value_bits`).
    pub value_bits: u8,
    /// Rows per file (1–rows, at most [`MAX_FILES`] files; URL `rows_per_file`).
    pub rows_per_file: u32,
    /// Column of the one-column sort (0 = x; URL `sort=x|y|z`).
    pub sort_column: u8,
    /// Value distribution (URL `data`).
    pub data: DataShape,
    /// Random queries in the batch (0–[`MAX_BATCH`]; URL `batch`).
    pub batch: u32,
    /// Width of each random range, % of the domain (1–100; URL `width`).
    pub width_pct: u8,
    /// Shape of the random queries (URL `kind=mixed|box|x|y|z`).
    pub kind: QueryKind,
}

impl Default for BitsParams {
    fn default() -> Self {
        BitsParams {
            values: vec![5, 3],
            bits: 4,
        }
    }
}

impl Default for CurvesParams {
    fn default() -> Self {
        CurvesParams {
            order: 3,
            query: Some(GridBox {
                x0: 2,
                y0: 1,
                x1: 5,
                y1: 4,
            }),
        }
    }
}

impl Default for SkipParams {
    fn default() -> Self {
        SkipParams {
            rows: 10_000,
            columns: 2,
            value_bits: 8,
            rows_per_file: 250,
            sort_column: 0,
            data: DataShape::Uniform,
            batch: 200,
            width_pct: 10,
            kind: QueryKind::Mixed,
        }
    }
}

/// A mode of the lab (URL `mode=bits|curves|skip`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Bit interleaving step by step.
    #[default]
    Bits,
    /// The Z and Hilbert curves walked side by side.
    Curves,
    /// Data skipping with four layouts.
    Skip,
}

impl Mode {
    /// Every mode, in [`MODES`] order.
    pub const ALL: [Mode; 3] = [Mode::Bits, Mode::Curves, Mode::Skip];

    /// Position in [`Mode::ALL`] and [`MODES`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The mode at `index` (the first for an index out of range).
    pub fn from_index(index: usize) -> Mode {
        Mode::ALL.get(index).copied().unwrap_or_default()
    }

    /// The URL word (`bits`, `curves`, `skip`).
    pub fn id(self) -> &'static str {
        MODES[self.index()].id
    }

    /// The tab label.
    pub fn title(self) -> &'static str {
        MODES[self.index()].title
    }
}

/// The modes: URL word and tab label.
pub const MODES: &[ModeInfo] = &[
    ModeInfo {
        id: "bits",
        title: "Bit interleaving",
    },
    ModeInfo {
        id: "curves",
        title: "Z and Hilbert curves",
    },
    ModeInfo {
        id: "skip",
        title: "Data skipping",
    },
];

/// Lab parameters: the mode and the fields of every mode. Only the mode's own fields are read
/// from and written to the URL; the others keep their defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Params {
    /// The mode (URL `mode`).
    pub mode: Mode,
    /// The fields of `bits` mode.
    pub bits: BitsParams,
    /// The fields of `curves` mode.
    pub curves: CurvesParams,
    /// The fields of `skip` mode.
    pub skip: SkipParams,
}

impl Params {
    /// The defaults of mode `mode`.
    pub fn for_mode(mode: Mode) -> Params {
        Params {
            mode,
            ..Params::default()
        }
    }

    /// `bits` mode with these fields.
    pub fn with_bits(bits: BitsParams) -> Params {
        Params {
            bits,
            ..Params::for_mode(Mode::Bits)
        }
    }

    /// `curves` mode with these fields.
    pub fn with_curves(curves: CurvesParams) -> Params {
        Params {
            curves,
            ..Params::for_mode(Mode::Curves)
        }
    }

    /// `skip` mode with these fields.
    pub fn with_skip(skip: SkipParams) -> Params {
        Params {
            skip,
            ..Params::for_mode(Mode::Skip)
        }
    }
}

/// Something the learner does (only in `skip` mode).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Run a predicate on every layout (URL `a=q:10-40,*` : per column `lo-hi`, a single value,
    /// or `*` for no constraint).
    Query(Predicate),
}

/// The document's stated result for its worked example, shown beside the correct one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentExample {
    /// The document's bit layout, "y3 x3 y2 x2 y1 x1 y0 x0".
    pub layout: String,
    /// The document's bit string, "00011101".
    pub stated_bits: String,
    /// The document's value, 29.
    pub stated_value: u64,
    /// The correct value, 27.
    pub correct_value: u64,
}

/// What a `bits` step highlights.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BitsFocus {
    /// The columns in binary; nothing placed yet.
    Start,
    /// Bit `bit` of column `column` was copied to Z bit `target` (`set` = it is a 1).
    Place {
        /// Bit position within the column (0 = least significant).
        bit: u8,
        /// Column index.
        column: u8,
        /// Bit position in the Z-value (`bit × columns + column`).
        target: u8,
        /// The bit's value.
        set: bool,
    },
    /// The Z-value is complete (and compared with the document when it is its example).
    Done,
    /// The Z-value was decoded back to the column values (every `columns`-th bit).
    Decode,
}

/// The state of a `bits` step. Draw one row of `bits` boxes per column (most significant bit on
/// the left, column `c` named `names[c]`) and a row of `values.len() × bits` boxes for the
/// Z-value; Z bits `0..placed` are filled from `z`; an arrow goes from the focused column bit to
/// its Z bit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BitsState {
    /// Column values.
    pub values: Vec<u64>,
    /// Column names ("x", "y", "z").
    pub names: Vec<String>,
    /// Bits per column.
    pub bits: u8,
    /// Z bits placed so far (bits `0..placed`).
    pub placed: u32,
    /// The Z-value made of the placed bits.
    pub z: u64,
    /// What this step highlights.
    pub focus: BitsFocus,
    /// The document's stated answer when the inputs are its example (x=5, y=3, 4 bits).
    pub document: Option<DocumentExample>,
}

/// Everything a `curves` trace shares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurveGrid {
    /// Grid order k.
    pub order: u8,
    /// Cells per side, `2^k`; cell `(x, y)` has x to the right and y upwards.
    pub side: u32,
    /// Cell of each Z index `d` (`z[d] = (x, y)`).
    pub z: Vec<(u16, u16)>,
    /// Cell of each Hilbert index `d`.
    pub hilbert: Vec<(u16, u16)>,
    /// Indexes `d` where the Z curve jumps: cell `d + 1` is not a neighbour of cell `d`.
    pub z_jumps: Vec<u32>,
    /// The same for the Hilbert curve (always empty: every Hilbert step is to a neighbour).
    pub hilbert_jumps: Vec<u32>,
    /// The query box, if any.
    pub query: Option<GridBox>,
    /// Maximal runs `(first d, last d)` of Z indexes whose cells are in the box.
    pub z_ranges: Vec<(u32, u32)>,
    /// The same for the Hilbert curve.
    pub hilbert_ranges: Vec<(u32, u32)>,
}

/// What a `curves` step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CurvePhase {
    /// The empty grid.
    Start,
    /// The cursor walks both curves.
    Walk,
    /// The whole curves with their jumps.
    Summary,
    /// The box and the ranges that cover it.
    Ranges,
}

/// The state of a `curves` step. Draw two grids side by side; on each, the path through cells
/// `0..=cursor` in curve order (cells `from..=cursor` are this step's new segment, cell
/// `cursor` is the cursor), Z jumps (`z_jumps`) in a warning colour; in `Ranges`, the box and
/// each range in its own colour.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurveState {
    /// The shared grid data.
    pub grid: Arc<CurveGrid>,
    /// First index walked in this step.
    pub from: u32,
    /// The cursor's index (cells `0..=cursor` are walked).
    pub cursor: u32,
    /// The phase.
    pub phase: CurvePhase,
}

/// The results of one user query on every layout.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryResult {
    /// The predicate.
    pub predicate: Predicate,
    /// Rows that match (the same for every layout).
    pub matching_rows: u32,
    /// One scan per layout, in [`skipping::LAYOUTS`] order.
    pub scans: Vec<Scan>,
}

/// Aggregates of one layout over the batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchLayout {
    /// The layout.
    pub layout: Layout,
    /// Files scanned by each query (for the chart).
    pub files_scanned: Vec<u32>,
    /// Rows read by each query.
    pub rows_read: Vec<u32>,
    /// Mean files scanned per query.
    pub mean_files: f64,
    /// Mean files scanned per query, per kind (aligned with [`BatchResult::kind_labels`]).
    pub mean_files_by_kind: Vec<f64>,
    /// Files skipped ÷ files considered, over the whole batch.
    pub skip_ratio: f64,
    /// Rows read over the whole batch.
    pub rows_read_total: u64,
}

/// A batch of seeded random queries run on every layout.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchResult {
    /// The queries.
    pub queries: Vec<Predicate>,
    /// Kind index of each query (into `kind_labels`).
    pub kinds: Vec<u8>,
    /// Kind labels: "box x,y", "x only", "y only", …
    pub kind_labels: Vec<String>,
    /// One entry per layout, in [`skipping::LAYOUTS`] order.
    pub layouts: Vec<BatchLayout>,
}

/// Everything a `skip` trace shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkipWorld {
    /// The parameters.
    pub params: SkipParams,
    /// The rows (column-major).
    pub table: Table,
    /// The four layouts in [`skipping::LAYOUTS`] order.
    pub layouts: Vec<LayoutData>,
    /// The user's queries.
    pub queries: Vec<QueryResult>,
    /// The batch, if any.
    pub batch: Option<BatchResult>,
}

/// What a `skip` step highlights.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkipFocus {
    /// The generated rows (scatter of x against y).
    Table,
    /// A layout was built: rows coloured by file, each file's min/max box.
    Layout(Layout),
    /// Query `query` on layout `layout`: scanned vs skipped files.
    Query {
        /// Index into [`SkipWorld::queries`].
        query: u32,
        /// The layout.
        layout: Layout,
    },
    /// Query `query` on all layouts side by side.
    Compare {
        /// Index into [`SkipWorld::queries`].
        query: u32,
    },
    /// The batch results (chart).
    Batch,
}

/// The state of a `skip` step. Draw the rows as a scatter (x right, y up; values
/// `0 … 2^value_bits − 1`); for the focused layout colour rows by file and outline each file's
/// min/max box (`files[f].min/max` of x and y); for a query draw its box and grey the skipped
/// files (those not in `Scan::scanned`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkipState {
    /// Shared data.
    pub world: Arc<SkipWorld>,
    /// Layouts built so far (a prefix of [`skipping::LAYOUTS`]).
    pub layouts_shown: u8,
    /// What this step highlights.
    pub focus: SkipFocus,
}

impl SkipState {
    /// The layout data of `layout`.
    pub fn layout(&self, layout: Layout) -> Option<&LayoutData> {
        self.world.layouts.iter().find(|l| l.layout == layout)
    }

    /// The files of `layout`.
    pub fn files(&self, layout: Layout) -> &[FileStats] {
        self.layout(layout).map_or(&[], |l| &l.files)
    }
}

/// The state a step's view draws: one variant per mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum State {
    /// `bits` mode.
    Bits(BitsState),
    /// `curves` mode.
    Curves(CurveState),
    /// `skip` mode.
    Skip(SkipState),
}

/// The Z-order / Hilbert lab.
pub struct ZOrderLab;

/// Lab index entry.
pub const INFO: LabInfo = LabInfo {
    id: "z-order",
    title: "Z-order, Hilbert and data skipping",
    summary: "Interleave bits into a Z-value, walk the Z and Hilbert curves over a grid, and lay a \
              table out by one column, by Z-order or by Hilbert order to see how many files \
              min/max statistics let a query skip.",
    catalogue: "M17.1, M17.2, M2.6",
};

impl Lab for ZOrderLab {
    type Params = Params;
    type Action = Action;
    type State = State;
    type Checker = check::Checker;

    const INFO: LabInfo = INFO;
    const MODES: &'static [ModeInfo] = MODES;
    const ACTIONS: ActionSyntax = url::ACTIONS;

    fn procedures() -> &'static [Procedure] {
        text::PROCEDURES
    }

    fn notes() -> &'static [FidelityNote] {
        text::NOTES
    }

    fn fields() -> &'static [Field<Params>] {
        url::FIELDS
    }

    fn mode(params: &Params) -> usize {
        params.mode.index()
    }

    fn defaults(mode: usize) -> Params {
        Params::for_mode(Mode::from_index(mode))
    }

    fn default_actions(mode: usize) -> Vec<Action> {
        match Mode::from_index(mode) {
            Mode::Skip => vec![
                Action::Query(Predicate {
                    ranges: vec![Some((40, 79)), Some((100, 139))],
                }),
                Action::Query(Predicate {
                    ranges: vec![None, Some((30, 49))],
                }),
            ],
            Mode::Bits | Mode::Curves => Vec::new(),
        }
    }

    fn check(params: &Params) -> Vec<ParamError> {
        check::check(params)
    }

    fn repair(params: &mut Params) -> Vec<ParamError> {
        check::repair(params)
    }

    fn parse_action(text: &str) -> Result<Action, String> {
        url::parse_action(text)
    }

    fn action_text(action: &Action) -> String {
        url::action_text(action)
    }

    fn checker(params: &Params) -> check::Checker {
        check::Checker::new(params)
    }

    fn check_action(
        checker: &mut check::Checker,
        field: &str,
        action: &Action,
    ) -> Result<(), ParamError> {
        checker.apply(field, action)
    }

    fn build(scenario: &Scenario<Params, Action>) -> Trace<State> {
        trace::build(scenario)
    }

    fn questions(
        scenario: &Scenario<Params, Action>,
        trace: &Trace<State>,
    ) -> Vec<sdp_kit::quiz::Question> {
        questions::questions(scenario, trace)
    }
}

/// The default `skip` scenario: 10 000 uniform rows, 40 files, a box and a `y`-only query
/// (what the `skip` tab opens).
pub fn default_skip_scenario() -> Scenario<Params, Action> {
    <ZOrderLab as sdp_kit::Contract>::mode_scenario(Mode::Skip.index())
}
