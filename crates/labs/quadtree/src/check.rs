//! What a quadtree scenario may hold: the boundary, the point cap, and actions that can apply in
//! order (points inside the boundary, queries with a sane centre and radius, at most
//! [`MAX_QUERIES`] of them).

use crate::tree::Rect;
use crate::{Action, MAX_POINTS, MAX_QUERIES, MAX_RADIUS_KM, MIN_BOUNDS_SIZE, Params, WORLD};
use sdp_kit::fmt::group;
use sdp_kit::lab::ParamError;
use sdp_kit::query::shorten;

/// Checks the boundary: finite, inside the world, each side at least [`MIN_BOUNDS_SIZE`].
pub fn check_bounds(b: &Rect) -> Option<ParamError> {
    let text = format!("{},{},{},{}", b.min_x, b.min_y, b.max_x, b.max_y);
    let inside = b.is_valid()
        && b.min_x >= WORLD.min_x
        && b.max_x <= WORLD.max_x
        && b.min_y >= WORLD.min_y
        && b.max_y <= WORLD.max_y;
    if !inside || b.width() < MIN_BOUNDS_SIZE || b.height() < MIN_BOUNDS_SIZE {
        Some(ParamError::new(
            "bounds",
            format!(
                "must be min_lng,min_lat,max_lng,max_lat inside −180…180 × −90…90, each side at least {MIN_BOUNDS_SIZE}° (got {})",
                shorten(&text)
            ),
        ))
    } else {
        None
    }
}

/// Tracks what actions can see: the boundary, the point count, the number of queries.
pub struct Checker {
    bounds: Rect,
    points: u32,
    queries: usize,
}

impl Checker {
    /// A checker for a scenario with parameters `p`.
    pub fn new(p: &Params) -> Self {
        Checker {
            bounds: if check_bounds(&p.bounds).is_none() {
                p.bounds
            } else {
                WORLD
            },
            points: p.points.min(MAX_POINTS),
            queries: 0,
        }
    }

    /// Applies `action` if it can apply; otherwise says why.
    pub fn apply(&mut self, field: &str, action: &Action) -> Result<(), ParamError> {
        match *action {
            Action::AddPoint { lng, lat } => {
                let b = self.bounds;
                if !b.contains(lng, lat) {
                    return Err(ParamError::new(
                        field,
                        format!(
                            "point ({lng}, {lat}) is outside the boundary lng {}…{}, lat {}…{}",
                            b.min_x, b.max_x, b.min_y, b.max_y
                        ),
                    ));
                }
                if self.points >= MAX_POINTS {
                    return Err(ParamError::new(
                        field,
                        format!("at most {} points in all", group(u64::from(MAX_POINTS))),
                    ));
                }
                self.points += 1;
            }
            Action::Query {
                lng,
                lat,
                radius_km,
            } => {
                if !(-180.0..=180.0).contains(&lng) {
                    return Err(ParamError::new(
                        field,
                        format!("query longitude must be between -180 and 180 (got {lng})"),
                    ));
                }
                if !(-90.0..=90.0).contains(&lat) {
                    return Err(ParamError::new(
                        field,
                        format!("query latitude must be between -90 and 90 (got {lat})"),
                    ));
                }
                if !(radius_km > 0.0 && radius_km <= MAX_RADIUS_KM) {
                    return Err(ParamError::new(
                        field,
                        format!(
                            "query radius must be more than 0 and at most {MAX_RADIUS_KM} km (got {radius_km})"
                        ),
                    ));
                }
                if self.queries >= MAX_QUERIES {
                    return Err(ParamError::new(
                        field,
                        format!("at most {MAX_QUERIES} queries"),
                    ));
                }
                self.queries += 1;
            }
        }
        Ok(())
    }
}
