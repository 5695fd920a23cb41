//! Validation for the three modes, and the dispatch to their trace builders.

use super::skipping::{Predicate, QueryKind};
use super::{
    Action, BITS_RANGE, BitsParams, CurvesParams, MAX_BATCH, MAX_FILES, MAX_QUERIES, MAX_ROWS,
    ORDER_RANGE, Params, SkipParams, State, VALUE_BITS_RANGE, bits, skipstep, walk,
};
use sdp_core::lab::{ParamError, Scenario, Trace};

pub(super) fn validate_bits(p: &BitsParams) -> Vec<ParamError> {
    let mut errors = Vec::new();
    if !(2..=3).contains(&p.values.len()) {
        errors.push(ParamError::new(
            "values",
            format!("must be 2 or 3 column values (got {})", p.values.len()),
        ));
    }
    let (lo, hi) = BITS_RANGE;
    if !(lo..=hi).contains(&p.bits) {
        errors.push(ParamError::range("bits", lo, hi, &p.bits.to_string()));
    } else {
        let max = (1u64 << p.bits) - 1;
        for (c, v) in p.values.iter().enumerate() {
            if *v > max {
                errors.push(ParamError::new(
                    "values",
                    format!(
                        "{} = {v} does not fit in {} bits (must be between 0 and {max})",
                        super::skipping::COLUMN_NAMES.get(c).unwrap_or(&"?"),
                        p.bits
                    ),
                ));
            }
        }
    }
    errors
}

pub(super) fn validate_curves(p: &CurvesParams) -> Vec<ParamError> {
    let mut errors = Vec::new();
    let (lo, hi) = ORDER_RANGE;
    if !(lo..=hi).contains(&p.order) {
        errors.push(ParamError::range("order", lo, hi, &p.order.to_string()));
    } else if let Some(b) = p.query {
        let side = 1u32 << p.order;
        if !(b.x0 <= b.x1 && b.y0 <= b.y1 && b.x1 < side && b.y1 < side) {
            errors.push(ParamError::new(
                "box",
                format!(
                    "must be x0,y0,x1,y1 with x0 ≤ x1 and y0 ≤ y1, all between 0 and {} (got {},{},{},{})",
                    side - 1,
                    b.x0,
                    b.y0,
                    b.x1,
                    b.y1
                ),
            ));
        }
    }
    errors
}

/// The smallest rows-per-file that keeps `rows` within [`MAX_FILES`] files.
pub(super) fn min_rows_per_file(rows: u32) -> u32 {
    rows.div_ceil(MAX_FILES).max(1)
}

pub(super) fn validate_skip(p: &SkipParams) -> Vec<ParamError> {
    let mut errors = Vec::new();
    if !(1..=MAX_ROWS).contains(&p.rows) {
        errors.push(ParamError::range("rows", 1, MAX_ROWS, &p.rows.to_string()));
    }
    if !(2..=3).contains(&p.columns) {
        errors.push(ParamError::range("columns", 2, 3, &p.columns.to_string()));
    }
    let (lo, hi) = VALUE_BITS_RANGE;
    if !(lo..=hi).contains(&p.value_bits) {
        errors.push(ParamError::range(
            "value_bits",
            lo,
            hi,
            &p.value_bits.to_string(),
        ));
    }
    let min_rpf = min_rows_per_file(p.rows.min(MAX_ROWS));
    if !(min_rpf..=MAX_ROWS).contains(&p.rows_per_file) {
        errors.push(ParamError::range(
            "rows_per_file",
            min_rpf,
            MAX_ROWS,
            &p.rows_per_file.to_string(),
        ));
    }
    if p.sort_column >= p.columns.clamp(2, 3) {
        errors.push(ParamError::new(
            "sort",
            format!(
                "must be one of the {} columns (got column {})",
                p.columns.clamp(2, 3),
                p.sort_column
            ),
        ));
    }
    if p.batch > MAX_BATCH {
        errors.push(ParamError::range(
            "batch",
            0,
            MAX_BATCH,
            &p.batch.to_string(),
        ));
    }
    if !(1..=100).contains(&p.width_pct) {
        errors.push(ParamError::range("width", 1, 100, &p.width_pct.to_string()));
    }
    match p.kind {
        QueryKind::Column(c) if c >= p.columns.clamp(2, 3) => errors.push(ParamError::new(
            "kind",
            format!(
                "column {c} does not exist (the table has {} columns)",
                p.columns
            ),
        )),
        _ => {}
    }
    errors
}

pub(super) fn validate_params(p: &Params) -> Vec<ParamError> {
    match p {
        Params::Bits(b) => validate_bits(b),
        Params::Curves(c) => validate_curves(c),
        Params::Skip(s) => validate_skip(s),
    }
}

/// Checks one predicate against a table of `columns` columns of `value_bits` bits.
pub(super) fn check_predicate(
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
                    super::skipping::COLUMN_NAMES.get(c).unwrap_or(&"?")
                ),
            ));
        }
    }
    Ok(())
}

/// Tracks what actions can see.
pub(super) struct Checker {
    skip: Option<(usize, u8)>,
    queries: usize,
}

impl Checker {
    pub(super) fn new(p: &Params) -> Self {
        Checker {
            skip: match p {
                Params::Skip(s) => Some((
                    usize::from(s.columns.clamp(2, 3)),
                    s.value_bits.clamp(VALUE_BITS_RANGE.0, VALUE_BITS_RANGE.1),
                )),
                _ => None,
            },
            queries: 0,
        }
    }

    pub(super) fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
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

pub(super) fn validate(s: &Scenario<Params, Action>) -> Vec<ParamError> {
    let mut errors = validate_params(&s.params);
    if s.actions.len() > MAX_QUERIES {
        errors.push(ParamError::new(
            "actions",
            format!("at most {MAX_QUERIES} actions"),
        ));
    }
    let mut checker = Checker::new(&s.params);
    for (i, a) in s.actions.iter().enumerate() {
        if let Err(e) = checker.apply(&format!("actions[{i}]"), a) {
            errors.push(e);
        }
    }
    errors
}

pub(super) fn build_trace(s: &Scenario<Params, Action>) -> Trace<State> {
    match &s.params {
        Params::Bits(p) => bits::build(p),
        Params::Curves(p) => walk::build(p),
        Params::Skip(p) => skipstep::build(p, s.seed, &s.actions),
    }
}
