//! Min/max data skipping (catalogue M17.2, F0 DP12 "How Data Skipping Works") as plain functions:
//! a table of small integer columns is ordered by a layout, cut into files of equal row counts,
//! each file keeps the min/max of every column, and a predicate skips every file whose ranges
//! cannot match.
//!
//! ```
//! use sdp_lab_z_order::skipping::{FileStats, Predicate};
//! // The document's example: File 1 date [1, 3] user [100, 500], File 2 date [1, 3] user
//! // [501, 900], File 3 date [4, 6] user [100, 500]; date = 2 AND user_id = 250 → File 1 only.
//! let file = |d: (u32, u32), u: (u32, u32)| FileStats {
//!     first: 0, rows: 1, min: vec![d.0, u.0], max: vec![d.1, u.1], key_min: 0, key_max: 0,
//! };
//! let files = [file((1, 3), (100, 500)), file((1, 3), (501, 900)), file((4, 6), (100, 500))];
//! let q = Predicate { ranges: vec![Some((2, 2)), Some((250, 250))] };
//! let scanned: Vec<bool> = files.iter().map(|f| q.may_match(f)).collect();
//! assert_eq!(scanned, [true, false, false]);
//! ```

use crate::curves::{hilbert_xy2d, hilbert3_index, interleave, z_encode2, z_encode3};
use rand::RngExt;
use sdp_kit::rng::LabRng;
use serde::{Deserialize, Serialize};

/// How rows are ordered before they are cut into files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Layout {
    /// In arrival (generation) order: the baseline, nothing clusters.
    Unsorted,
    /// Sorted by one column (the "sort column").
    Linear,
    /// Sorted by the Z-value of all columns (column 0 holds the least significant bit).
    ZOrder,
    /// Sorted by the Hilbert index of all columns.
    Hilbert,
}

/// The layouts in display order.
pub const LAYOUTS: [Layout; 4] = [
    Layout::Unsorted,
    Layout::Linear,
    Layout::ZOrder,
    Layout::Hilbert,
];

impl Layout {
    /// Short name for narration and metrics.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Unsorted => "unsorted",
            Layout::Linear => "sorted by one column",
            Layout::ZOrder => "Z-order",
            Layout::Hilbert => "Hilbert",
        }
    }
}

/// Name of a layout, with the sort column for the one-column sort ("sorted by x").
///
/// ```
/// use sdp_lab_z_order::skipping::{Layout, layout_name};
/// assert_eq!(layout_name(Layout::Linear, 1), "sorted by y");
/// assert_eq!(layout_name(Layout::ZOrder, 1), "Z-order");
/// ```
pub fn layout_name(layout: Layout, sort_column: u8) -> String {
    match layout {
        Layout::Linear => format!(
            "sorted by {}",
            COLUMN_NAMES.get(usize::from(sort_column)).unwrap_or(&"?")
        ),
        other => other.name().to_string(),
    }
}

/// Column names used by the lab (column `c` is `COLUMN_NAMES[c]`).
pub const COLUMN_NAMES: [&str; 3] = ["x", "y", "z"];

/// A table of `columns` integer columns, each value in `0..2^value_bits`, stored column-major.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Bits per value (values are `0 ..= 2^value_bits − 1`).
    pub value_bits: u8,
    /// `columns[c][row]`.
    pub columns: Vec<Vec<u32>>,
}

impl Table {
    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, Vec::len)
    }

    /// Values of row `row` (column order).
    pub fn row(&self, row: usize) -> Vec<u32> {
        self.columns.iter().map(|c| c[row]).collect()
    }
}

/// How generated values spread.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataShape {
    /// Every value uniform over the domain.
    #[default]
    Uniform,
    /// Rows gather around six seeded centres (spread ±3/16 of the domain).
    Clustered,
}

impl DataShape {
    /// The URL value.
    pub fn as_str(self) -> &'static str {
        match self {
            DataShape::Uniform => "uniform",
            DataShape::Clustered => "clustered",
        }
    }
}

/// A seeded table (`columns` 1–3, `value_bits` 1–16).
pub fn generate_table(
    rng: &mut LabRng,
    rows: usize,
    columns: usize,
    value_bits: u8,
    shape: DataShape,
) -> Table {
    let domain = 1u32 << value_bits.clamp(1, 16);
    let mut cols = vec![Vec::with_capacity(rows); columns];
    match shape {
        DataShape::Uniform => {
            for _ in 0..rows {
                for c in &mut cols {
                    c.push(rng.random_range(0..domain));
                }
            }
        }
        DataShape::Clustered => {
            let centres: Vec<Vec<u32>> = (0..6)
                .map(|_| (0..columns).map(|_| rng.random_range(0..domain)).collect())
                .collect();
            let spread = f64::from(domain) / 8.0;
            for _ in 0..rows {
                let centre = &centres[rng.random_range(0..centres.len())];
                for (c, col) in cols.iter_mut().enumerate() {
                    let s: f64 = rng.random::<f64>() + rng.random::<f64>() + rng.random::<f64>();
                    let v = f64::from(centre[c]) + (s - 1.5) * spread;
                    col.push(v.round().clamp(0.0, f64::from(domain - 1)) as u32);
                }
            }
        }
    }
    Table {
        value_bits: value_bits.clamp(1, 16),
        columns: cols,
    }
}

/// The sort key of `row` under `layout` (`sort_column` for [`Layout::Linear`]).
pub fn sort_key(table: &Table, layout: Layout, sort_column: usize, row: usize) -> u64 {
    let bits = u32::from(table.value_bits);
    let col = |c: usize| table.columns.get(c).map_or(0, |v| v[row]);
    match layout {
        Layout::Unsorted => row as u64,
        Layout::Linear => u64::from(col(sort_column)),
        Layout::ZOrder => match table.columns.len() {
            0 | 1 => u64::from(col(0)),
            // The MULTI-COLUMN rule, with the fast encoders (values have at most 16 bits).
            2 => z_encode2(col(0), col(1)),
            3 => z_encode3(col(0), col(1), col(2)),
            _ => {
                let values: Vec<u64> = table.columns.iter().map(|c| u64::from(c[row])).collect();
                interleave(&values, bits)
            }
        },
        Layout::Hilbert => match table.columns.len() {
            0 | 1 => u64::from(col(0)),
            2 => hilbert_xy2d(bits, col(0), col(1)),
            _ => hilbert3_index(bits, [col(0), col(1), col(2)]),
        },
    }
}

/// One file's statistics.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStats {
    /// Position of its first row in the layout's order.
    pub first: u32,
    /// Number of rows.
    pub rows: u32,
    /// Smallest value of each column.
    pub min: Vec<u32>,
    /// Largest value of each column.
    pub max: Vec<u32>,
    /// Smallest sort key (the document's "Z-values: 0-1000" annotation).
    pub key_min: u64,
    /// Largest sort key.
    pub key_max: u64,
}

/// A table laid out in one order and cut into files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayoutData {
    /// The ordering.
    pub layout: Layout,
    /// Row ids in file order (file `f` holds `order[first .. first + rows]`).
    pub order: Vec<u32>,
    /// The file of each row id.
    pub row_file: Vec<u32>,
    /// The files, in order.
    pub files: Vec<FileStats>,
}

/// Orders the table by `layout` (ties by row id), cuts it into files of `rows_per_file` rows
/// (the last may be shorter) and records min/max per column and of the sort key.
pub fn lay_out(
    table: &Table,
    layout: Layout,
    sort_column: usize,
    rows_per_file: usize,
) -> LayoutData {
    let n = table.rows();
    let per_file = rows_per_file.max(1);
    let mut keyed: Vec<(u64, u32)> = (0..n)
        .map(|r| (sort_key(table, layout, sort_column, r), r as u32))
        .collect();
    keyed.sort_unstable();
    let mut row_file = vec![0u32; n];
    let mut files = Vec::with_capacity(n.div_ceil(per_file));
    for (f, chunk) in keyed.chunks(per_file).enumerate() {
        let mut min = vec![u32::MAX; table.columns.len()];
        let mut max = vec![0u32; table.columns.len()];
        for &(_, r) in chunk {
            row_file[r as usize] = f as u32;
            for (c, col) in table.columns.iter().enumerate() {
                let v = col[r as usize];
                min[c] = min[c].min(v);
                max[c] = max[c].max(v);
            }
        }
        files.push(FileStats {
            first: (f * per_file) as u32,
            rows: chunk.len() as u32,
            min,
            max,
            key_min: chunk.first().map_or(0, |k| k.0),
            key_max: chunk.last().map_or(0, |k| k.0),
        });
    }
    LayoutData {
        layout,
        order: keyed.into_iter().map(|(_, r)| r).collect(),
        row_file,
        files,
    }
}

/// Mean width of each column's file range (`max − min + 1`), as a fraction of the domain of
/// `2^value_bits` values.
pub fn mean_widths(l: &LayoutData, columns: usize, value_bits: u8) -> Vec<f64> {
    let domain = f64::from(1u32 << value_bits.clamp(1, 16));
    let n = l.files.len().max(1) as f64;
    (0..columns)
        .map(|c| {
            l.files
                .iter()
                .map(|f| {
                    let (lo, hi) = (
                        f.min.get(c).copied().unwrap_or(0),
                        f.max.get(c).copied().unwrap_or(0),
                    );
                    f64::from(hi.saturating_sub(lo) + 1) / domain
                })
                .sum::<f64>()
                / n
        })
        .collect()
}

/// A conjunction of inclusive ranges, one per column (`None` = the column is not constrained).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Predicate {
    /// `ranges[c] = Some((lo, hi))` means `lo ≤ column c ≤ hi`.
    pub ranges: Vec<Option<(u32, u32)>>,
}

impl Predicate {
    /// True when the row's values satisfy every range.
    pub fn matches(&self, values: &[u32]) -> bool {
        self.ranges.iter().enumerate().all(|(c, r)| match r {
            None => true,
            Some((lo, hi)) => values.get(c).is_some_and(|v| lo <= v && v <= hi),
        })
    }

    /// True when row `row` of `table` matches.
    pub fn matches_row(&self, table: &Table, row: usize) -> bool {
        self.ranges.iter().enumerate().all(|(c, r)| match r {
            None => true,
            Some((lo, hi)) => table
                .columns
                .get(c)
                .is_some_and(|col| *lo <= col[row] && col[row] <= *hi),
        })
    }

    /// The skipping rule: a file may hold a matching row unless, for some constrained column,
    /// its `[min, max]` does not overlap the range. Skipped files never hold a match.
    pub fn may_match(&self, file: &FileStats) -> bool {
        self.ranges
            .iter()
            .zip(file.min.iter().zip(&file.max))
            .all(|(r, (fmin, fmax))| match r {
                None => true,
                Some((lo, hi)) => fmin <= hi && lo <= fmax,
            })
    }

    /// "10 ≤ x ≤ 40 AND y = 7".
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self
            .ranges
            .iter()
            .enumerate()
            .filter_map(|(c, r)| {
                let name = COLUMN_NAMES.get(c).copied().unwrap_or("?");
                r.map(|(lo, hi)| {
                    if lo == hi {
                        format!("{name} = {lo}")
                    } else {
                        format!("{lo} ≤ {name} ≤ {hi}")
                    }
                })
            })
            .collect();
        if parts.is_empty() {
            "no predicate".to_string()
        } else {
            parts.join(" AND ")
        }
    }
}

/// Files scanned by one predicate on one layout.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scan {
    /// Ids of the files that may match (scanned); the others are skipped.
    pub scanned: Vec<u32>,
    /// Rows in the scanned files (rows read).
    pub rows_read: u32,
}

impl Scan {
    /// Number of files scanned.
    pub fn files_scanned(&self) -> u32 {
        self.scanned.len() as u32
    }
}

/// Checks every file's min/max against the predicate (only the constrained columns).
pub fn scan(files: &[FileStats], predicate: &Predicate) -> Scan {
    let constrained: Vec<(usize, u32, u32)> = predicate
        .ranges
        .iter()
        .enumerate()
        .filter_map(|(c, r)| r.map(|(lo, hi)| (c, lo, hi)))
        .collect();
    let mut s = Scan::default();
    for (i, f) in files.iter().enumerate() {
        let may = constrained
            .iter()
            .all(|&(c, lo, hi)| match (f.min.get(c), f.max.get(c)) {
                (Some(&fmin), Some(&fmax)) => fmin <= hi && lo <= fmax,
                _ => true,
            });
        if may {
            s.scanned.push(i as u32);
            s.rows_read += f.rows;
        }
    }
    s
}

/// The shape of a random query.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueryKind {
    /// A box on columns x and y.
    Box,
    /// A range on one column.
    Column(u8),
    /// Cycles: box, then each column in turn.
    #[default]
    Mixed,
}

/// The `i`-th random query of a batch: each constrained column gets a range of
/// `max(1, round(width_pct% of the domain))` values at a uniform position.
pub fn random_query(
    rng: &mut LabRng,
    i: usize,
    kind: QueryKind,
    columns: usize,
    value_bits: u8,
    width_pct: u8,
) -> Predicate {
    let domain = 1u32 << value_bits.clamp(1, 16);
    let span = ((f64::from(domain) * f64::from(width_pct.clamp(1, 100)) / 100.0).round() as u32)
        .clamp(1, domain);
    let constrained: Vec<usize> = match concrete_kind(kind, i, columns) {
        QueryKind::Column(c) => vec![usize::from(c).min(columns.saturating_sub(1))],
        _ => (0..columns.min(2)).collect(),
    };
    let ranges = (0..columns)
        .map(|c| {
            constrained.contains(&c).then(|| {
                let lo = rng.random_range(0..=domain - span);
                (lo, lo + span - 1)
            })
        })
        .collect();
    Predicate { ranges }
}

/// The kind of the `i`-th query of a batch of `kind` (resolves [`QueryKind::Mixed`]).
pub fn concrete_kind(kind: QueryKind, i: usize, columns: usize) -> QueryKind {
    match kind {
        QueryKind::Mixed => match i % (columns + 1) {
            0 => QueryKind::Box,
            c => QueryKind::Column((c - 1) as u8),
        },
        k => k,
    }
}
