//! Neighbours mode's drawing: the block's extent, the neighbours revealed so far, where a
//! "none (beyond the pole)" label goes, and the map's text alternative.

use super::frame::widened;
use crate::codec::{BBox, Cell, Direction, LatLng};
use crate::{Block, NeighbourInfo, NeighbourPhase, NeighbourState};

/// The block's extent: the centre cell widened by one cell on every side.
pub fn block_extent(b: &Block) -> BBox {
    widened(b.bbox, 1.0)
}

/// The neighbours revealed so far.
pub fn revealed(s: &NeighbourState) -> &[NeighbourInfo] {
    &s.block.neighbours[..usize::from(s.revealed).min(s.block.neighbours.len())]
}

/// The neighbour this step reveals, if any.
pub fn current_dir(s: &NeighbourState) -> Option<Direction> {
    match s.phase {
        NeighbourPhase::Neighbour(d) => Some(d),
        _ => None,
    }
}

/// True when this step shows the F4 §6 grid beside the correct one.
pub fn shows_document_grid(s: &NeighbourState) -> bool {
    s.block.document_grid.is_some()
        && matches!(
            s.phase,
            NeighbourPhase::DocumentGrid | NeighbourPhase::Discontinuity
        )
}

/// Where the label of a neighbour beyond the pole goes: half a cell past the pole, above or
/// below where the cell would be.
pub fn beyond_pole_spot(block: &Block, n: &NeighbourInfo) -> LatLng {
    let (dlat, dlng) = Cell::size_deg(block.centre.precision);
    let (dy, dx) = n.direction.offset();
    let c = block.bbox.centre();
    let lat = if dy > 0 {
        90.0 + dlat / 2.0
    } else {
        -90.0 - dlat / 2.0
    };
    LatLng::new(lat, c.lng + f64::from(dx) * dlng)
}

/// The map's text alternative.
pub fn describe(s: &NeighbourState) -> String {
    let shown: Vec<String> = revealed(s)
        .iter()
        .map(|n| {
            format!(
                "{} {}",
                n.direction.label(),
                n.hash.as_deref().unwrap_or("none (beyond the pole)")
            )
        })
        .collect();
    format!(
        "Map of cell {} and its neighbours{}{}.",
        s.block.hash,
        if shown.is_empty() { "" } else { ": " },
        shown.join(", ")
    )
}
