//! What a z-order scenario may hold beyond each field's own range: column values that fit their
//! bits, rows per file for the rows, and queries (`skip` mode only) that fit the table.

use crate::skipping::{COLUMN_NAMES, Predicate};
use crate::url::{box_fits, values_text};
use crate::{
    Action, BITS_RANGE, BitsParams, CurvesParams, MAX_FILES, MAX_QUERIES, MAX_ROWS, Mode, Params,
    VALUE_BITS_RANGE,
};
use sdp_kit::lab::ParamError;

/// The smallest rows-per-file that keeps `rows` within [`MAX_FILES`] files.
///
/// ```
/// assert_eq!(sdp_lab_z_order::check::min_rows_per_file(100_000), 100);
/// assert_eq!(sdp_lab_z_order::check::min_rows_per_file(7), 1);
/// ```
pub fn min_rows_per_file(rows: u32) -> u32 {
    rows.div_ceil(MAX_FILES).max(1)
}

/// The largest value that fits in `bits` bits.
fn max_value(bits: u8) -> u64 {
    (1u64 << bits.clamp(BITS_RANGE.0, BITS_RANGE.1)) - 1
}

/// Problems between fields that the fields themselves cannot see: the column values against
/// the bits (`values` is read before `bits`), and rows per file against a row count that is
/// itself out of range (the field then reads against the default rows).
pub fn check(p: &Params) -> Vec<ParamError> {
    let mut errors = Vec::new();
    match p.mode {
        Mode::Bits => {
            let b = &p.bits;
            if (BITS_RANGE.0..=BITS_RANGE.1).contains(&b.bits) {
                let max = max_value(b.bits);
                for (c, v) in b.values.iter().enumerate() {
                    if *v > max {
                        errors.push(ParamError::new(
                            "values",
                            format!(
                                "{} = {v} does not fit in {} bits (must be between 0 and {max})",
                                COLUMN_NAMES.get(c).unwrap_or(&"?"),
                                b.bits
                            ),
                        ));
                    }
                }
            }
        }
        Mode::Skip => {
            let s = &p.skip;
            let min = min_rows_per_file(s.rows.min(MAX_ROWS));
            if !(1..=MAX_ROWS).contains(&s.rows) && s.rows_per_file < min {
                errors.push(ParamError::range(
                    "rows_per_file",
                    min,
                    MAX_ROWS,
                    &s.rows_per_file.to_string(),
                ));
            }
        }
        Mode::Curves => {}
    }
    errors
}

/// Makes parameters read from a URL consistent, as the lab always did: column values that do
/// not fit the bits fall back to the default values cut to the bits (silently when the URL gave
/// no values of its own), and the default box is dropped when it does not fit a smaller grid.
/// Anything else [`check`] finds resets the mode's defaults.
pub fn repair(p: &mut Params) -> Vec<ParamError> {
    let mut errors = Vec::new();
    match p.mode {
        Mode::Bits => {
            let d = BitsParams::default();
            let max = max_value(p.bits.bits);
            if p.bits.values.iter().any(|&v| v > max) {
                if p.bits.values != d.values {
                    errors.push(ParamError::new(
                        "values",
                        format!(
                            "must be 2 or 3 comma-separated values between 0 and {max} (got {})",
                            sdp_kit::query::shorten(&values_text(&p.bits.values))
                        ),
                    ));
                }
                p.bits.values = d.values.iter().map(|v| v & max).collect();
            }
        }
        Mode::Curves => {
            let c = &mut p.curves;
            if c.query.is_some_and(|b| !box_fits(&b, c.order)) {
                c.query = CurvesParams::default()
                    .query
                    .filter(|b| box_fits(b, c.order));
            }
        }
        Mode::Skip => {}
    }
    let rest = check(p);
    if !rest.is_empty() {
        *p = Params::for_mode(p.mode);
    }
    errors.extend(rest.into_iter().map(|mut e| {
        e.message.push_str("; using the defaults");
        e
    }));
    errors
}

/// Checks one predicate against a table of `columns` columns of `value_bits` bits.
pub fn check_predicate(
    field: &str,
    q: &Predicate,
    columns: usize,
    value_bits: u8,
) -> Result<(), ParamError> {
    if q.ranges.len() != columns {
        return Err(ParamError::new(
            field,
            format!(
                "the query must give one range (or *) per column: {columns} expected, got {}",
                q.ranges.len()
            ),
        ));
    }
    if q.ranges.iter().all(Option::is_none) {
        return Err(ParamError::new(field, "the query constrains no column"));
    }
    let max = (1u32 << value_bits.clamp(1, 16)) - 1;
    for (c, r) in q.ranges.iter().enumerate() {
        let Some((lo, hi)) = *r else { continue };
        if !(lo <= hi && hi <= max) {
            return Err(ParamError::new(
                field,
                format!(
                    "range {lo}-{hi} on {} must have lo ≤ hi, both between 0 and {max}",
                    COLUMN_NAMES.get(c).unwrap_or(&"?")
                ),
            ));
        }
    }
    Ok(())
}

/// Tracks what the actions can see: the table's shape in `skip` mode, and how many queries ran.
pub struct Checker {
    skip: Option<(usize, u8)>,
    queries: usize,
}

impl Checker {
    /// A checker for a scenario with parameters `p`.
    pub fn new(p: &Params) -> Self {
        Checker {
            skip: (p.mode == Mode::Skip).then(|| {
                (
                    usize::from(p.skip.columns.clamp(2, 3)),
                    p.skip
                        .value_bits
                        .clamp(VALUE_BITS_RANGE.0, VALUE_BITS_RANGE.1),
                )
            }),
            queries: 0,
        }
    }

    /// Applies `action` if it can apply; otherwise says why.
    pub fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        let Action::Query(q) = action;
        let Some((columns, bits)) = self.skip else {
            return Err(ParamError::new(field, "queries apply only in mode=skip"));
        };
        if self.queries >= MAX_QUERIES {
            return Err(ParamError::new(
                field,
                format!("at most {MAX_QUERIES} queries"),
            ));
        }
        check_predicate(field, q, columns, bits)?;
        self.queries += 1;
        Ok(())
    }
}
