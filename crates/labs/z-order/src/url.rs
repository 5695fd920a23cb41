//! The z-order scenario in the URL. One mode and its own fields (a key of another mode is an
//! unknown key):
//!
//! * `mode=bits&values=5,3&bits=4`
//! * `mode=curves&order=3&box=2,1,5,4` (or `box=none`)
//! * `mode=skip&rows=10000&columns=2&value_bits=8&rows_per_file=250&sort=x&data=uniform&batch=200&width=10&kind=mixed&seed=42&a=q:40-79,100-139&a=q:*,30-49`
//!
//! A query action gives one piece per column: `lo-hi`, a single value, or `*` (no constraint).
//!
//! Fields are read in this order, so a range that depends on another field (the box on the
//! order, rows per file on the rows, the sort column and query kind on the columns) is read
//! after it. `values` is written before `bits` (as the lab always wrote it), so whether the
//! values fit the bits is checked afterwards, by [`crate::check::repair`].

use crate::check::min_rows_per_file;
use crate::skipping::{COLUMN_NAMES, DataShape, Predicate, QueryKind};
use crate::{
    Action, BITS_RANGE, GridBox, MAX_BATCH, MAX_QUERIES, MAX_ROWS, ORDER_RANGE, Params,
    VALUE_BITS_RANGE,
};
use sdp_kit::field::{Field, Kind, Modes, Word, or_list, range_text, read_number};
use sdp_kit::lab::ActionSyntax;
use sdp_kit::query::{not_an, shorten};
use sdp_kit::{whole, word};

const BITS: Modes = Modes::Only(&["bits"]);
const CURVES: Modes = Modes::Only(&["curves"]);
const SKIP: Modes = Modes::Only(&["skip"]);

impl Word for DataShape {
    const WORDS: &'static [(Self, &'static str)] = &[
        (DataShape::Uniform, "uniform"),
        (DataShape::Clustered, "clustered"),
    ];
}

/// The URL fields, in URL order.
pub const FIELDS: &[Field<Params>] = &[
    Field::in_modes(
        "values",
        "column values x,y or x,y,z, each between 0 and 2^bits − 1",
        BITS,
        Kind {
            write: |p| values_text(&p.bits.values),
            read: |p, text| {
                p.bits.values = parse_values(text).ok_or_else(|| {
                    format!(
                        "must be 2 or 3 comma-separated values between 0 and 2^bits − 1 (got {})",
                        shorten(text)
                    )
                })?;
                Ok(())
            },
            allowed: |_| "2 or 3 comma-separated whole numbers".to_string(),
        },
    ),
    whole!(
        "bits",
        bits.bits,
        BITS_RANGE.0,
        BITS_RANGE.1,
        "bits per column",
        BITS
    ),
    whole!(
        "order",
        curves.order,
        ORDER_RANGE.0,
        ORDER_RANGE.1,
        "grid order k: the grid is 2^k × 2^k cells",
        CURVES
    ),
    Field::in_modes(
        "box",
        "query box of cells x0,y0,x1,y1 (each below 2^order), or `none`",
        CURVES,
        Kind {
            write: |p| box_text(p.curves.query.as_ref()),
            read: read_box,
            allowed: |p| {
                format!(
                    "`none` or x0,y0,x1,y1 with x0 ≤ x1, y0 ≤ y1, cells {}",
                    range_text(0, (1u32 << p.curves.order.clamp(1, 8)) - 1)
                )
            },
        },
    ),
    whole!("rows", skip.rows, 1, MAX_ROWS, "rows in the table", SKIP),
    whole!(
        "columns",
        skip.columns,
        2u8,
        3,
        "columns x, y (2) or x, y, z (3)",
        SKIP
    ),
    whole!(
        "value_bits",
        skip.value_bits,
        VALUE_BITS_RANGE.0,
        VALUE_BITS_RANGE.1,
        "bits per value: values are 0 … 2^value_bits − 1",
        SKIP
    ),
    Field::in_modes(
        "rows_per_file",
        "rows per file (at least rows ÷ 1 000 rounded up: at most 1 000 files)",
        SKIP,
        Kind {
            write: |p| p.skip.rows_per_file.to_string(),
            read: |p, text| {
                let min = min_rows_per_file(p.skip.rows);
                read_number(&mut p.skip.rows_per_file, text, min, MAX_ROWS)
            },
            allowed: |p| range_text(min_rows_per_file(p.skip.rows), MAX_ROWS),
        },
    ),
    Field::in_modes(
        "sort",
        "column of the one-column sort (`z` needs 3 columns)",
        SKIP,
        Kind {
            write: |p| column_text(p.skip.sort_column),
            read: |p, text| {
                p.skip.sort_column = column_index(text, p.skip.columns)
                    .ok_or_else(|| must_be(&column_words(p.skip.columns), text))?;
                Ok(())
            },
            allowed: |_| "`x`, `y`, `z`".to_string(),
        },
    ),
    word!(
        "data",
        skip.data,
        "how values spread: `uniform` or `clustered` (six seeded centres)",
        SKIP
    ),
    whole!(
        "batch",
        skip.batch,
        0,
        MAX_BATCH,
        "seeded random queries in the batch",
        SKIP
    ),
    whole!(
        "width",
        skip.width_pct,
        1u8,
        100,
        "width of each random range, % of the domain",
        SKIP
    ),
    Field::in_modes(
        "kind",
        "shape of the random queries: `mixed` (box, then each column), `box` on x and y, or one column",
        SKIP,
        Kind {
            write: |p| kind_text(p.skip.kind),
            read: |p, text| {
                p.skip.kind = read_kind(text, p.skip.columns)?;
                Ok(())
            },
            allowed: |_| "`mixed`, `box`, `x`, `y`, `z`".to_string(),
        },
    ),
];

/// The repeated `a=` actions (`skip` mode only).
pub const ACTIONS: ActionSyntax = ActionSyntax {
    max: MAX_QUERIES,
    noun: "queries",
    expected: "a query (q:RANGE,RANGE[,RANGE] with RANGE = lo-hi, a value or *)",
    forms: &[(
        "q:RANGE,RANGE[,RANGE]",
        "runs a query on every layout (`skip` mode); RANGE = lo-hi, a value or `*`",
    )],
};

/// `5,3`.
pub fn values_text(values: &[u64]) -> String {
    let parts: Vec<String> = values.iter().map(u64::to_string).collect();
    parts.join(",")
}

/// Parses the column values `5,3` or `5,3,6` (2 or 3 whole numbers).
///
/// ```
/// use sdp_lab_z_order::url::parse_values;
/// assert_eq!(parse_values("5, 3"), Some(vec![5, 3]));
/// assert_eq!(parse_values("5"), None);
/// ```
pub fn parse_values(text: &str) -> Option<Vec<u64>> {
    let v: Option<Vec<u64>> = text.split(',').map(|s| s.trim().parse().ok()).collect();
    v.filter(|v| (2..=3).contains(&v.len()))
}

/// `2,1,5,4`, or `none`.
pub fn box_text(b: Option<&GridBox>) -> String {
    match b {
        None => "none".to_string(),
        Some(b) => format!("{},{},{},{}", b.x0, b.y0, b.x1, b.y1),
    }
}

/// True when the box lies on a grid of `2^order` cells a side, corners in order.
pub fn box_fits(b: &GridBox, order: u8) -> bool {
    let side = 1u32 << order.clamp(ORDER_RANGE.0, ORDER_RANGE.1);
    b.x0 <= b.x1 && b.y0 <= b.y1 && b.x1 < side && b.y1 < side
}

/// Reads `box` against the order read before it.
fn read_box(p: &mut Params, text: &str) -> Result<(), String> {
    if text.trim() == "none" {
        p.curves.query = None;
        return Ok(());
    }
    let order = p.curves.order;
    let parsed: Option<Vec<u32>> = text.split(',').map(|v| v.trim().parse().ok()).collect();
    match parsed.as_deref() {
        Some(&[x0, y0, x1, y1]) if box_fits(&GridBox { x0, y0, x1, y1 }, order) => {
            p.curves.query = Some(GridBox { x0, y0, x1, y1 });
            Ok(())
        }
        _ => Err(format!(
            "must be none or x0,y0,x1,y1 with x0 ≤ x1 and y0 ≤ y1, all between 0 and {} (got {})",
            (1u32 << order.clamp(ORDER_RANGE.0, ORDER_RANGE.1)) - 1,
            shorten(text)
        )),
    }
}

/// "must be a, b or c (got x)".
fn must_be(words: &[&str], text: &str) -> String {
    format!("must be {} (got {})", or_list(words), shorten(text))
}

/// The names of the first `columns` columns.
fn column_words(columns: u8) -> Vec<&'static str> {
    COLUMN_NAMES
        .iter()
        .take(usize::from(columns.clamp(2, 3)))
        .copied()
        .collect()
}

/// The column named `text` among the first `columns`.
fn column_index(text: &str, columns: u8) -> Option<u8> {
    column_words(columns)
        .iter()
        .position(|n| *n == text.trim())
        .map(|c| c as u8)
}

/// A column's name (its number when there is no such column, which then does not read back).
fn column_text(c: u8) -> String {
    COLUMN_NAMES
        .get(usize::from(c))
        .map_or_else(|| c.to_string(), |n| (*n).to_string())
}

/// `mixed`, `box` or a column name.
pub fn kind_text(k: QueryKind) -> String {
    match k {
        QueryKind::Mixed => "mixed".to_string(),
        QueryKind::Box => "box".to_string(),
        QueryKind::Column(c) => column_text(c),
    }
}

/// Reads `kind` against the column count read before it.
fn read_kind(text: &str, columns: u8) -> Result<QueryKind, String> {
    match text.trim() {
        "mixed" => Ok(QueryKind::Mixed),
        "box" => Ok(QueryKind::Box),
        other => column_index(other, columns)
            .map(QueryKind::Column)
            .ok_or_else(|| {
                let mut words = vec!["mixed", "box"];
                words.extend(column_words(columns));
                must_be(&words, text)
            }),
    }
}

fn range_text_of(r: Option<(u32, u32)>) -> String {
    match r {
        None => "*".to_string(),
        Some((lo, hi)) if lo == hi => lo.to_string(),
        Some((lo, hi)) => format!("{lo}-{hi}"),
    }
}

/// One column's piece of a query action: a range, or `*` (no constraint).
enum Piece {
    /// `*`.
    Any,
    /// `lo-hi` or a single value.
    Range(u32, u32),
}

impl Piece {
    fn range(self) -> Option<(u32, u32)> {
        match self {
            Piece::Any => None,
            Piece::Range(lo, hi) => Some((lo, hi)),
        }
    }
}

/// Parses one column's range of a query action: `lo-hi`, a single value, or `*`.
fn parse_range(text: &str) -> Option<Piece> {
    let t = text.trim();
    if t == "*" {
        return Some(Piece::Any);
    }
    if let Some((lo, hi)) = t.split_once('-') {
        Some(Piece::Range(
            lo.trim().parse().ok()?,
            hi.trim().parse().ok()?,
        ))
    } else {
        let v = t.parse().ok()?;
        Some(Piece::Range(v, v))
    }
}

/// Reads an action (see [`ACTIONS`]).
pub(crate) fn parse_action(text: &str) -> Result<Action, String> {
    let parsed = text.strip_prefix("q:").and_then(|rest| {
        rest.split(',')
            .map(|piece| parse_range(piece).map(Piece::range))
            .collect::<Option<Vec<_>>>()
            .map(|ranges| Action::Query(Predicate { ranges }))
    });
    parsed.ok_or_else(|| not_an(text, ACTIONS.expected))
}

/// An action's text: `q:40-79,*`.
pub(crate) fn action_text(a: &Action) -> String {
    let Action::Query(q) = a;
    let parts: Vec<String> = q.ranges.iter().copied().map(range_text_of).collect();
    format!("q:{}", parts.join(","))
}
