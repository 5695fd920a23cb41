//! The z-order scenario in the URL. One mode and its fields:
//!
//! * `mode=bits&values=5,3&bits=4`
//! * `mode=curves&order=3&box=2,1,5,4` (or `box=none`)
//! * `mode=skip&rows=10000&columns=2&value_bits=8&rows_per_file=250&sort=x&data=uniform&batch=200&width=10&kind=mixed&seed=42&a=q:40-79,100-139&a=q:*,30-49`
//!
//! A query action gives one piece per column: `lo-hi`, a single value, or `*` (no constraint).

use super::run::{Checker, min_rows_per_file, validate_params};
use super::skipping::{COLUMN_NAMES, DataShape, Predicate, QueryKind};
use super::{
    Action, BITS_RANGE, BitsParams, CurvesParams, GridBox, MAX_BATCH, MAX_QUERIES, MAX_ROWS,
    ORDER_RANGE, Params, SkipParams, VALUE_BITS_RANGE, ZOrderLab,
};
use sdp_core::lab::{Lab, ParamError, Scenario};
use sdp_core::query::{PLAYER_KEYS, Reader, only_player_keys, parsed_or, shorten};

fn range_text(r: &Option<(u32, u32)>) -> String {
    match r {
        None => "*".to_string(),
        Some((lo, hi)) if lo == hi => lo.to_string(),
        Some((lo, hi)) => format!("{lo}-{hi}"),
    }
}

fn parse_range(text: &str) -> Option<Option<(u32, u32)>> {
    let t = text.trim();
    if t == "*" {
        return Some(None);
    }
    match t.split_once('-') {
        Some((lo, hi)) => Some(Some((lo.trim().parse().ok()?, hi.trim().parse().ok()?))),
        None => {
            let v = t.parse().ok()?;
            Some(Some((v, v)))
        }
    }
}

fn parse_action(text: &str) -> Option<Action> {
    let rest = text.strip_prefix("q:")?;
    let ranges = rest
        .split(',')
        .map(parse_range)
        .collect::<Option<Vec<_>>>()?;
    Some(Action::Query(Predicate { ranges }))
}

fn action_text(a: &Action) -> String {
    let Action::Query(q) = a;
    let parts: Vec<String> = q.ranges.iter().map(range_text).collect();
    format!("q:{}", parts.join(","))
}

fn kind_text(k: QueryKind) -> &'static str {
    match k {
        QueryKind::Mixed => "mixed",
        QueryKind::Box => "box",
        QueryKind::Column(c) => COLUMN_NAMES.get(usize::from(c)).copied().unwrap_or("x"),
    }
}

fn pair(k: &str, v: impl ToString) -> (String, String) {
    (k.to_string(), v.to_string())
}

pub(super) fn to_query(s: &Scenario<Params, Action>) -> Vec<(String, String)> {
    let mut q = vec![pair("mode", s.params.mode())];
    match &s.params {
        Params::Bits(b) => {
            let values: Vec<String> = b.values.iter().map(u64::to_string).collect();
            q.push(pair("values", values.join(",")));
            q.push(pair("bits", b.bits));
        }
        Params::Curves(c) => {
            q.push(pair("order", c.order));
            q.push(pair(
                "box",
                match c.query {
                    None => "none".to_string(),
                    Some(b) => format!("{},{},{},{}", b.x0, b.y0, b.x1, b.y1),
                },
            ));
        }
        Params::Skip(p) => {
            q.push(pair("rows", p.rows));
            q.push(pair("columns", p.columns));
            q.push(pair("value_bits", p.value_bits));
            q.push(pair("rows_per_file", p.rows_per_file));
            q.push(pair(
                "sort",
                COLUMN_NAMES
                    .get(usize::from(p.sort_column))
                    .copied()
                    .unwrap_or("x"),
            ));
            q.push(pair("data", p.data.as_str()));
            q.push(pair("batch", p.batch));
            q.push(pair("width", p.width_pct));
            q.push(pair("kind", kind_text(p.kind)));
        }
    }
    q.push(pair("seed", s.seed));
    q.extend(s.actions.iter().map(|a| pair("a", action_text(a))));
    q
}

fn read_bits(r: &mut Reader<'_>) -> BitsParams {
    let d = BitsParams::default();
    let bits = r.number("bits", BITS_RANGE.0, BITS_RANGE.1, d.bits);
    let max = (1u64 << bits) - 1;
    let fallback: Vec<u64> = d.values.iter().map(|v| v & max).collect();
    let values = match r.raw("values") {
        None => fallback,
        Some(text) => {
            let parsed: Option<Vec<u64>> = text.split(',').map(|v| v.trim().parse().ok()).collect();
            match parsed {
                Some(v) if (2..=3).contains(&v.len()) && v.iter().all(|&x| x <= max) => v,
                _ => {
                    r.errors.push(ParamError::new(
                        "values",
                        format!(
                            "must be 2 or 3 comma-separated values between 0 and {max} (got {})",
                            shorten(text)
                        ),
                    ));
                    fallback
                }
            }
        }
    };
    BitsParams { values, bits }
}

fn read_curves(r: &mut Reader<'_>) -> CurvesParams {
    let d = CurvesParams::default();
    let order = r.number("order", ORDER_RANGE.0, ORDER_RANGE.1, d.order);
    let side = 1u32 << order;
    let fits = |b: &GridBox| b.x0 <= b.x1 && b.y0 <= b.y1 && b.x1 < side && b.y1 < side;
    let fallback = d.query.filter(fits);
    let query = match r.raw("box") {
        None => fallback,
        Some("none") => None,
        Some(text) => {
            let parsed: Option<Vec<u32>> = text.split(',').map(|v| v.trim().parse().ok()).collect();
            match parsed.as_deref() {
                Some(&[x0, y0, x1, y1]) if fits(&GridBox { x0, y0, x1, y1 }) => {
                    Some(GridBox { x0, y0, x1, y1 })
                }
                _ => {
                    r.errors.push(ParamError::new(
                        "box",
                        format!(
                            "must be none or x0,y0,x1,y1 with x0 ≤ x1 and y0 ≤ y1, all between 0 and {} (got {})",
                            side - 1,
                            shorten(text)
                        ),
                    ));
                    fallback
                }
            }
        }
    };
    CurvesParams { order, query }
}

fn column_index(text: &str, columns: u8) -> Option<u8> {
    COLUMN_NAMES
        .iter()
        .take(usize::from(columns))
        .position(|n| *n == text)
        .map(|c| c as u8)
}

fn read_skip(r: &mut Reader<'_>) -> SkipParams {
    let d = SkipParams::default();
    let rows = r.number("rows", 1, MAX_ROWS, d.rows);
    let min_rpf = min_rows_per_file(rows);
    let columns = r.number("columns", 2u8, 3, d.columns);
    let mut p = SkipParams {
        rows,
        columns,
        value_bits: r.number(
            "value_bits",
            VALUE_BITS_RANGE.0,
            VALUE_BITS_RANGE.1,
            d.value_bits,
        ),
        rows_per_file: r.number(
            "rows_per_file",
            min_rpf,
            MAX_ROWS,
            d.rows_per_file.max(min_rpf),
        ),
        batch: r.number("batch", 0, MAX_BATCH, d.batch),
        width_pct: r.number("width", 1u8, 100, d.width_pct),
        ..d
    };
    let names = COLUMN_NAMES[..usize::from(columns)].join(", ");
    if let Some(text) = r.raw("sort") {
        match column_index(text, columns) {
            Some(c) => p.sort_column = c,
            None => r.errors.push(ParamError::new(
                "sort",
                format!("must be one of {names} (got {})", shorten(text)),
            )),
        }
    }
    match r.raw("data") {
        None => {}
        Some("uniform") => p.data = DataShape::Uniform,
        Some("clustered") => p.data = DataShape::Clustered,
        Some(other) => r.errors.push(ParamError::new(
            "data",
            format!("must be uniform or clustered (got {})", shorten(other)),
        )),
    }
    match r.raw("kind") {
        None => {}
        Some("mixed") => p.kind = QueryKind::Mixed,
        Some("box") => p.kind = QueryKind::Box,
        Some(other) => match column_index(other, columns) {
            Some(c) => p.kind = QueryKind::Column(c),
            None => r.errors.push(ParamError::new(
                "kind",
                format!(
                    "must be mixed, box or one of {names} (got {})",
                    shorten(other)
                ),
            )),
        },
    }
    p
}

pub(super) fn from_query(
    pairs: &[(String, String)],
) -> (Scenario<Params, Action>, Vec<ParamError>) {
    if only_player_keys(pairs) {
        return (ZOrderLab::default_scenario(), Vec::new());
    }
    let mut r = Reader::new(pairs);
    let params = match r.raw("mode") {
        None | Some("bits") => Params::Bits(read_bits(&mut r)),
        Some("curves") => Params::Curves(read_curves(&mut r)),
        Some("skip") => Params::Skip(read_skip(&mut r)),
        Some(other) => {
            r.errors.push(ParamError::new(
                "mode",
                format!("must be bits, curves or skip (got {})", shorten(other)),
            ));
            Params::Bits(read_bits(&mut r))
        }
    };
    debug_assert!(validate_params(&params).is_empty());
    let seed = r.number("seed", 0u64, u64::MAX, 42);
    let mut checker = Checker::new(&params);
    let actions = r.actions(MAX_QUERIES, "queries", |field, text| {
        let action = parsed_or(
            field,
            text,
            parse_action(text),
            "a query (q:RANGE,RANGE[,RANGE] with RANGE = lo-hi, a value or *)",
        )?;
        checker.apply(field, &action).map_err(|e| vec![e])?;
        Ok(action)
    });
    r.report_unknown(PLAYER_KEYS);
    (
        Scenario {
            params,
            seed,
            actions,
        },
        r.errors,
    )
}
