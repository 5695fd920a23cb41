//! What the view draws, computed here so it is tested natively: the bit slots of the weave, the
//! grid and scatter geometry (y up on the grid, down on the canvas), drags as boxes and
//! predicates, jump counts, the reason a file is skipped, typed inputs, and the mode links.

pub mod bits;
pub mod curves;
pub mod input;
pub mod skip;

use crate::{Action, Mode, Params, ZOrderLab};
use sdp_kit::lab::{Contract, Scenario};
use sdp_kit::query;

/// The three modes as tabs: the mode and the scenario its tab opens (the mode's defaults and
/// example actions).
pub fn mode_tabs() -> Vec<(Mode, Scenario<Params, Action>)> {
    Mode::ALL
        .into_iter()
        .map(|m| (m, ZOrderLab::mode_scenario(m.index())))
        .collect()
}

/// The hash that opens `scenario` (keeping embed mode when the page is embedded).
///
/// ```
/// use sdp_lab_z_order::layout::{mode_href, mode_tabs};
/// let (_, curves) = &mode_tabs()[1];
/// assert_eq!(mode_href(curves, false), "#/lab/z-order?mode=curves&order=3&box=2%2C1%2C5%2C4&seed=42");
/// ```
pub fn mode_href(scenario: &Scenario<Params, Action>, embed: bool) -> String {
    let mut pairs = ZOrderLab::to_query(scenario);
    if embed {
        pairs.push(("embed".into(), "1".into()));
    }
    format!("#/lab/{}?{}", crate::INFO.id, query::encode(&pairs))
}
