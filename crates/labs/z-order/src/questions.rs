//! Predict-then-run questions, answered from the trace: the Z-value after a bit is placed,
//! the cell the Z curve jumps to, and whether min/max statistics let a layout skip files.

use crate::skipping::{Layout, layout_name};
use crate::{
    Action, BitsFocus, BitsState, CurvePhase, CurveState, Params, SkipFocus, SkipState, State,
};
use sdp_kit::lab::{Scenario, Trace};
use sdp_kit::quiz::Question;

/// The questions on `trace`: in `bits`, the Z-value after the first 1 bit placed beyond the
/// lowest two; in `curves`, the cell after each Z jump longer than every earlier one; in
/// `skip`, whether the one-column sort and Z-order skip files for each query.
pub fn questions(_scenario: &Scenario<Params, Action>, trace: &Trace<State>) -> Vec<Question> {
    let mut out = Vec::new();
    let mut bits_asked = false;
    let mut longest_jump = 0u32;
    for (k, pair) in trace.steps.windows(2).enumerate() {
        let step = k + 1;
        let q = match (&pair[0].state, &pair[1].state) {
            (State::Bits(before), State::Bits(now)) if !bits_asked => {
                let q = bits_question(step, before, now);
                bits_asked = q.is_some();
                q
            }
            (State::Curves(before), State::Curves(now)) => {
                curve_question(step, before, now, &mut longest_jump)
            }
            (State::Skip(_), State::Skip(now)) => skip_question(step, now),
            _ => None,
        };
        out.extend(q);
    }
    out
}

fn binary(z: u64, width: u32) -> String {
    let w = width.clamp(1, 64) as usize;
    format!("{z:0w$b}")
}

/// "What is the Z-value once this bit is placed?"
fn bits_question(step: usize, before: &BitsState, now: &BitsState) -> Option<Question> {
    let BitsFocus::Place {
        bit,
        column,
        target,
        set,
    } = now.focus
    else {
        return None;
    };
    if !set || !(2..63).contains(&target) {
        return None;
    }
    let name = now.names.get(usize::from(column))?;
    let value = *now.values.get(usize::from(column))?;
    let width = u32::from(now.bits) * now.values.len() as u32;
    Some(Question::number(
        step,
        format!(
            "The Z-value so far is {} ({}). Next, bit {bit} of {name} = {value} ({}) is copied to Z bit {target}. What is the Z-value then?",
            before.z,
            binary(before.z, width),
            binary(value, u32::from(now.bits)),
        ),
        now.z,
        1u64 << target,
        format!(
            "Bit {bit} of {name} is 1, so Z bit {target} is set: {} + 2^{target} = {} ({}).",
            before.z,
            now.z,
            binary(now.z, width)
        ),
    ))
}

/// "Which cell does the Z curve visit next?", at a jump longer than every earlier one.
fn curve_question(
    step: usize,
    before: &CurveState,
    now: &CurveState,
    longest: &mut u32,
) -> Option<Question> {
    if before.phase != CurvePhase::Walk && before.phase != CurvePhase::Start {
        return None;
    }
    if now.phase != CurvePhase::Walk || now.from != now.cursor || now.cursor != before.cursor + 1 {
        return None;
    }
    let grid = &now.grid;
    let (d, from) = (now.cursor, before.cursor);
    let (a, b) = (*grid.z.get(from as usize)?, *grid.z.get(d as usize)?);
    let length = u32::from(a.0.abs_diff(b.0)) + u32::from(a.1.abs_diff(b.1));
    if length <= 1 || length <= *longest {
        return None;
    }
    *longest = length;
    let side = u16::try_from(grid.side).unwrap_or(u16::MAX);
    let mut cells = vec![b];
    let mut offer = |c: (u16, u16)| {
        if c.0 < side && c.1 < side && !cells.contains(&c) && cells.len() < 4 {
            cells.push(c);
        }
    };
    offer((a.0 + 1, a.1));
    offer((a.0, a.1 + 1));
    if let Some(h) = grid.hilbert.get(d as usize) {
        offer(*h);
    }
    offer((a.0.saturating_sub(1), a.1 + 1));
    offer((0, a.1 + 1));
    if cells.len() < 2 {
        return None;
    }
    cells.sort_unstable();
    let answer = cells.iter().position(|&c| c == b)?;
    let labels: Vec<String> = cells
        .iter()
        .map(|c| format!("({}, {})", c.0, c.1))
        .collect();
    let choices: Vec<&str> = labels.iter().map(String::as_str).collect();
    Some(Question::pick(
        step,
        format!(
            "The Z curve is at cell ({}, {}), index d = {from}. Which cell does it visit at d = {d}?",
            a.0, a.1
        ),
        &choices,
        answer,
        format!(
            "De-interleaving d = {d} (even bits → x, odd bits → y) gives ({}, {}): the curve jumps {length} cells, the longest jump so far, because a carry flips a higher bit.",
            b.0, b.1
        ),
    ))
}

/// "Will min/max statistics let this layout skip any file?"
fn skip_question(step: usize, now: &SkipState) -> Option<Question> {
    let SkipFocus::Query { query, layout } = now.focus else {
        return None;
    };
    if !matches!(layout, Layout::Linear | Layout::ZOrder) {
        return None;
    }
    let world = &now.world;
    let result = world.queries.get(query as usize)?;
    let index = crate::skipping::LAYOUTS.iter().position(|&l| l == layout)?;
    let scan = result.scans.get(index)?;
    let files = world.layouts.get(index).map(|l| l.files.len())?;
    let scanned = scan.scanned.len();
    let name = layout_name(layout, world.params.sort_column);
    let skipped = files.saturating_sub(scanned);
    Some(Question::yes_no(
        step,
        format!(
            "Laid out {name}, the table is {files} files, each with its min/max per column. For {}, will any file be skipped?",
            result.predicate.describe()
        ),
        skipped > 0,
        format!(
            "{scanned} of {files} files have ranges that overlap the predicate on every constrained column, so {skipped} {} skipped.",
            if skipped == 1 { "is" } else { "are" }
        ),
    ))
}
