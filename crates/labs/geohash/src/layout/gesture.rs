//! Pointer gestures on a map, without the browser: one pointer drags (after 5 px it is no
//! longer a click), two pinch, and a pointer lifted without moving is a click that drops a
//! point.

use super::view::View;

/// Pixels a pointer may move before a press stops being a click.
pub const CLICK_SLOP_PX: f64 = 5.0;

/// The pointers down on a map and what they have done so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gesture {
    /// Pointer id and its last position (CSS px in the canvas).
    pointers: Vec<(i32, f64, f64)>,
    /// Where the single pointer went down.
    start: Option<(f64, f64)>,
    /// True once the press is a drag or a pinch (no click at the end).
    moved: bool,
    /// Distance between the two pointers of a pinch.
    pinch: f64,
}

impl Gesture {
    /// A pointer went down at (x, y).
    pub fn down(&mut self, id: i32, x: f64, y: f64) {
        self.pointers.retain(|p| p.0 != id);
        self.pointers.push((id, x, y));
        match self.pointers.as_slice() {
            [_] => {
                self.start = Some((x, y));
                self.moved = false;
            }
            [a, b] => {
                self.pinch = distance(a, b);
                self.moved = true;
            }
            _ => self.moved = true,
        }
    }

    /// A pointer moved to (x, y) on a `w` × `h` canvas showing `view`: the view it drags or
    /// pinches to, if any.
    pub fn moved_to(
        &mut self,
        id: i32,
        (x, y): (f64, f64),
        (w, h): (f64, f64),
        view: View,
    ) -> Option<View> {
        let i = self.pointers.iter().position(|p| p.0 == id)?;
        let (_, px, py) = self.pointers[i];
        self.pointers[i] = (id, x, y);
        match self.pointers.as_slice() {
            [_] => {
                if let Some((sx, sy)) = self.start {
                    if (x - sx).abs() + (y - sy).abs() > CLICK_SLOP_PX {
                        self.moved = true;
                    }
                }
                self.moved.then(|| view.dragged(x - px, y - py, h))
            }
            [a, b] => {
                let d = distance(a, b);
                let factor = self.pinch / d;
                self.pinch = d;
                Some(view.zoom_at(
                    factor,
                    f64::midpoint(a.1, b.1),
                    f64::midpoint(a.2, b.2),
                    w,
                    h,
                ))
            }
            _ => None,
        }
    }

    /// A pointer went up (`lifted`) or was cancelled: true when that was a click.
    pub fn up(&mut self, id: i32, lifted: bool) -> bool {
        let was = self.pointers.len();
        let known = self.pointers.iter().any(|p| p.0 == id);
        self.pointers.retain(|p| p.0 != id);
        if self.pointers.is_empty() {
            self.start = None;
        }
        known && was == 1 && !self.moved && lifted
    }
}

/// Distance between two pointers (at least 1 px).
fn distance(a: &(i32, f64, f64), b: &(i32, f64, f64)) -> f64 {
    ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt().max(1.0)
}
