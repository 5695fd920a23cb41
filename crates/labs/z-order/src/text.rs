//! The z-order lab's text: the source procedures shown beside the drawing, and where the
//! documents are wrong or silent.

use sdp_kit::lab::{FidelityNote, Procedure};

pub(crate) const PROCEDURES: &[Procedure] = &[
    Procedure {
        title: "Z-Value Calculation (bit interleaving)",
        source: "F0 DP12 “Z-Ordering Algorithm” l.2748–2760",
        lines: &[
            "CONCEPT: Interleave bits of two coordinates to create single Z-value",
            "  - Points close in 2D space have similar Z-values",
            "  - Creates space-filling curve (Morton curve)",
            "Interleave bits: take alternating bits from x and y",
            "  y3 x3 y2 x2 y1 x1 y0 x0",
        ],
    },
    Procedure {
        title: "MULTI-COLUMN",
        source: "F0 DP12 “Z-Ordering Algorithm” l.2762–2767",
        lines: &[
            "For N columns, interleave bits from all columns",
            "For each bit position (0 to bits_per_col):",
            "  For each column:",
            "    If that bit is set in column value, set corresponding bit in Z-value",
            "Result: single integer encoding all column values",
        ],
    },
    Procedure {
        title: "Hilbert xy2d (not in source: standard rotate/flip)",
        source: "catalogue M2.6 (F0 Q15 l.2294 names the Hilbert curve; F0 DP12 l.2742 “Z-order or Hilbert curve clustering”)",
        lines: &[
            "d = 0; for s = n/2, n/4, …, 1:",
            "  rx = (x & s) > 0; ry = (y & s) > 0",
            "  d += s·s·((3·rx) XOR ry)",
            "  if ry = 0: (if rx = 1: x = n−1−x, y = n−1−y); swap x and y",
        ],
    },
    Procedure {
        title: "How Data Skipping Works",
        source: "F0 DP12 l.2776–2784, deep dive l.2802",
        lines: &[
            "File 1: date=[2024-01-01, 2024-01-03], user_id=[100, 500]",
            "File 2: date=[2024-01-01, 2024-01-03], user_id=[501, 900]",
            "File 3: date=[2024-01-04, 2024-01-06], user_id=[100, 500]",
            "Query: WHERE date = '2024-01-02' AND user_id = 250 → Only scan File 1 (skip Files 2, 3 based on min/max stats)",
            "Data skipping via min/max stats (skip files where predicate cannot match); Z-ordering co-locates related data to maximize skipping effectiveness",
        ],
    },
    Procedure {
        title: "When NOT to use Z-order",
        source: "F0 DP12 l.2786–2789",
        lines: &[
            "Single-column filters (use regular partitioning instead)",
            "Highly skewed columns (one value dominates)",
            "Very high cardinality columns (>1M distinct values)",
        ],
    },
];

pub(crate) const NOTES: &[FidelityNote] = &[
    FidelityNote {
        title: "Z-order of (5, 3)",
        document_says: "F0 DP12 l.2750–2760: y3 x3 y2 x2 y1 x1 y0 x0 = 0 0 0 1 1 1 0 1 = 29 (0x1D)",
        lab_shows: "0 0 0 1 1 0 1 1 = 27 (0x1B)",
        why: "x = 5 = 0101 and y = 3 = 0011 give y3=0 x3=0 y2=0 x2=1 y1=1 x1=0 y0=1 x0=1. The document's string swaps x1 and y0: 29 would need x1 = 1 and y0 = 0. The MULTI-COLUMN rule with columns [x, y] also gives 27 (catalogue Part D #1).",
    },
    FidelityNote {
        title: "“0 to bits_per_col”",
        document_says: "F0 DP12 l.2764: for each bit position (0 to bits_per_col)",
        lab_shows: "bit positions 0 … bits_per_col − 1 (half-open)",
        why: "A column of b bits has positions 0 … b−1; column c's bit i goes to Z bit i·N + c.",
    },
    FidelityNote {
        title: "Hilbert algorithm",
        document_says: "F0 names the Hilbert curve (S2, “Z-order or Hilbert curve clustering”) but gives no procedure",
        lab_shows: "not in source: the standard xy2d/d2xy (starts at (0,0), ends at (n−1,0)); 3 columns use Skilling's transpose algorithm",
        why: "The catalogue's vectors use this orientation: n = 4 rows [0,1,14,15] [3,2,13,12] [4,7,8,11] [5,6,9,10]; n = 8: (5,3) = 52.",
    },
    FidelityNote {
        title: "Z-value annotations in the skipping example",
        document_says: "F0 DP12 l.2778–2780: files with “Z-values: 0-1000 / 1001-2000 / 2001-3000”",
        lab_shows: "each file's real min/max sort key",
        why: "The document's Z ranges are illustrative only; skipping uses the per-column min/max, not the key range.",
    },
    FidelityNote {
        title: "Skipping rule",
        document_says: "F0 DP12: skip files where the predicate cannot match (min/max stats)",
        lab_shows: "not in source: skip a file when, for some constrained column, its [min, max] does not overlap the predicate's range",
        why: "That is exactly “cannot match” for a conjunction of ranges, so a skipped file never holds a matching row.",
    },
];

/// Index of each procedure in [`PROCEDURES`].
pub(crate) mod proc_ids {
    pub(crate) const ZVALUE: usize = 0;
    pub(crate) const MULTI: usize = 1;
    pub(crate) const HILBERT: usize = 2;
    pub(crate) const SKIPPING: usize = 3;
    pub(crate) const WHEN_NOT: usize = 4;
}
