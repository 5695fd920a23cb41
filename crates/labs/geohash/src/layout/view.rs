//! The world map's projection: equirectangular (plate carrée) in CSS pixels,
//! `x = (lng − west) · k`, `y = (north − lat) · k`, with `k` pixels per degree on both axes; and
//! what the map looks at ([`View`]): zoom, pan, drag and fit, kept on the globe.

use crate::codec::{BBox, LatLng};

/// Smallest latitude span across the canvas, degrees (a precision-12 cell is 1.7e-7° tall).
pub const MIN_SPAN: f64 = 1e-7;
/// Largest latitude span across the canvas, degrees.
pub const MAX_SPAN: f64 = 400.0;
/// Decimals kept for a point dropped on the map (0.11 m).
pub const PICK_DECIMALS: i32 = 6;

/// The whole globe.
pub const WORLD: BBox = BBox {
    south: -90.0,
    north: 90.0,
    west: -180.0,
    east: 180.0,
};

/// Wraps a longitude into [−180, 180).
///
/// ```
/// use sdp_lab_geohash::layout::view::wrap_lng;
/// assert_eq!(wrap_lng(190.0), -170.0);
/// assert_eq!(wrap_lng(180.0), -180.0);
/// ```
pub fn wrap_lng(lng: f64) -> f64 {
    (lng + 180.0).rem_euclid(360.0) - 180.0
}

/// What the map looks at: its centre and the latitude span across its height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Centre (longitude in [−180, 180)).
    pub centre: LatLng,
    /// Degrees of latitude from the top edge to the bottom edge.
    pub lat_span: f64,
}

impl View {
    /// The view that shows `b` (in any longitude frame) with a margin, on a canvas `aspect`
    /// times as wide as it is tall.
    pub fn fit(b: BBox, aspect: f64) -> View {
        let aspect = if aspect.is_finite() && aspect > 0.1 {
            aspect
        } else {
            2.0
        };
        let span = (b.height().max(b.width() / aspect) * 1.2).max(MIN_SPAN * 4.0);
        View {
            centre: b.centre(),
            lat_span: span,
        }
        .clamped()
    }

    /// Keeps the view sensible: span within [`MIN_SPAN`, `MAX_SPAN`], no more than 15 % of the
    /// height beyond a pole, longitude wrapped.
    pub fn clamped(self) -> View {
        let span = if self.lat_span.is_finite() {
            self.lat_span.clamp(MIN_SPAN, MAX_SPAN)
        } else {
            180.0
        };
        let half = span / 2.0;
        let allow = 0.15 * span;
        let (lo, hi) = (-90.0 - allow + half, 90.0 + allow - half);
        let lat = if !self.centre.lat.is_finite() || lo > hi {
            0.0
        } else {
            self.centre.lat.clamp(lo, hi)
        };
        let lng = if self.centre.lng.is_finite() {
            wrap_lng(self.centre.lng)
        } else {
            0.0
        };
        View {
            centre: LatLng::new(lat, lng),
            lat_span: span,
        }
    }

    /// The projection onto a `w` × `h` CSS-pixel canvas.
    pub fn projection(&self, w: f64, h: f64) -> Proj {
        let (w, h) = (w.max(1.0), h.max(1.0));
        let k = h / self.lat_span;
        Proj {
            west: self.centre.lng - w / 2.0 / k,
            north: self.centre.lat + h / 2.0 / k,
            k,
            w,
            h,
        }
    }

    /// Zoomed by `factor` (< 1 zooms in) keeping the point under (x, y) where it is.
    pub fn zoom_at(&self, factor: f64, x: f64, y: f64, w: f64, h: f64) -> View {
        let proj = self.projection(w, h);
        let (lat, lng) = proj.unproject(x, y);
        let span = (self.lat_span * factor).clamp(MIN_SPAN, MAX_SPAN);
        let r = span / self.lat_span;
        View {
            centre: LatLng::new(
                lat + (self.centre.lat - lat) * r,
                lng + (self.centre.lng - lng) * r,
            ),
            lat_span: span,
        }
        .clamped()
    }

    /// Zoomed by `factor` about the centre.
    pub fn zoom(&self, factor: f64) -> View {
        View {
            lat_span: self.lat_span * factor,
            ..*self
        }
        .clamped()
    }

    /// Moved by a fraction of the span (east and north positive).
    pub fn pan_by(&self, east: f64, north: f64) -> View {
        View {
            centre: LatLng::new(
                self.centre.lat + north * self.lat_span,
                self.centre.lng + east * self.lat_span,
            ),
            lat_span: self.lat_span,
        }
        .clamped()
    }

    /// Moved so that the content follows a drag of (dx, dy) CSS pixels on a canvas `h` tall.
    pub fn dragged(&self, dx: f64, dy: f64, h: f64) -> View {
        let k = h.max(1.0) / self.lat_span;
        View {
            centre: LatLng::new(self.centre.lat + dy / k, self.centre.lng - dx / k),
            lat_span: self.lat_span,
        }
        .clamped()
    }

    /// The view after a key on the focused map (arrows pan, `+`/`=` zoom in, `-`/`_` zoom
    /// out); `None` for any other key.
    pub fn after_key(&self, key: &str) -> Option<View> {
        Some(match key {
            "ArrowLeft" => self.pan_by(-0.15, 0.0),
            "ArrowRight" => self.pan_by(0.15, 0.0),
            "ArrowUp" => self.pan_by(0.0, 0.15),
            "ArrowDown" => self.pan_by(0.0, -0.15),
            "+" | "=" => self.zoom(0.5),
            "-" | "_" => self.zoom(2.0),
            _ => return None,
        })
    }
}

/// The zoom factor of a wheel turn: `delta_y` in the event's `delta_mode` (0 pixels, 1 lines,
/// 2 pages); below 1 zooms in.
pub fn wheel_factor(delta_y: f64, delta_mode: u32) -> f64 {
    let dy = match delta_mode {
        1 => delta_y * 16.0,
        2 => delta_y * 400.0,
        _ => delta_y,
    };
    (dy * 0.002).clamp(-1.0, 1.0).exp()
}

/// A map's width / height: `wide` on a desktop, squarer on a window narrower than 600 px.
pub fn map_aspect(wide: f64, window_width: f64) -> f64 {
    if window_width < 600.0 {
        wide.min(1.3)
    } else {
        wide
    }
}

/// Degrees ↔ CSS pixels for one canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Proj {
    /// Longitude at x = 0 (may be below −180 when the view crosses the date line).
    pub west: f64,
    /// Latitude at y = 0 (may exceed 90).
    pub north: f64,
    /// Pixels per degree.
    pub k: f64,
    /// Width, CSS px.
    pub w: f64,
    /// Height, CSS px.
    pub h: f64,
}

impl Proj {
    /// x of a longitude (in the view's frame).
    pub fn x(&self, lng: f64) -> f64 {
        (lng - self.west) * self.k
    }

    /// y of a latitude.
    pub fn y(&self, lat: f64) -> f64 {
        (self.north - lat) * self.k
    }

    /// Eastern edge.
    pub fn east(&self) -> f64 {
        self.west + self.w / self.k
    }

    /// Southern edge.
    pub fn south(&self) -> f64 {
        self.north - self.h / self.k
    }

    /// (lat, lng) under a pixel, longitude in the view's frame (not wrapped).
    pub fn unproject(&self, x: f64, y: f64) -> (f64, f64) {
        (self.north - y / self.k, self.west + x / self.k)
    }

    /// The point a click at (x, y) drops: latitude clamped to the globe, longitude wrapped,
    /// both rounded to [`PICK_DECIMALS`] decimals.
    pub fn pick(&self, x: f64, y: f64) -> LatLng {
        let (lat, lng) = self.unproject(x, y);
        let round = |v: f64| {
            let f = 10f64.powi(PICK_DECIMALS);
            let r = (v * f).round() / f;
            if r == 0.0 { 0.0 } else { r }
        };
        let lng = round(wrap_lng(lng));
        LatLng::new(
            round(lat.clamp(-90.0, 90.0)),
            if lng >= 180.0 { -180.0 } else { lng },
        )
    }

    /// The visible box.
    pub fn bbox(&self) -> BBox {
        BBox {
            south: self.south(),
            north: self.north,
            west: self.west,
            east: self.east(),
        }
    }

    /// The visible box widened by `px` CSS pixels on every side (what drawings are clipped to).
    pub fn clip_box(&self, px: f64) -> BBox {
        let b = self.bbox();
        let m = px / self.k;
        BBox {
            south: b.south - m,
            north: b.north + m,
            west: b.west - m,
            east: b.east + m,
        }
    }

    /// Multiples of 360° that bring [west, east] into view (at most four).
    pub fn shifts(&self, west: f64, east: f64) -> impl Iterator<Item = f64> + use<> {
        let lo = ((self.west - east) / 360.0).ceil() as i64;
        let hi = ((self.east() - west) / 360.0).floor() as i64;
        (lo..=hi.min(lo + 3)).map(|k| k as f64 * 360.0)
    }

    /// The shift (multiple of 360°) that puts `lng` closest to the view's centre.
    pub fn nearest_shift(&self, lng: f64) -> f64 {
        let c = f64::midpoint(self.west, self.east());
        ((c - lng) / 360.0).round() * 360.0
    }

    /// Where a point shows (once per copy of the globe in view), offset by (dx, dy) pixels and
    /// kept only within `mx` × `my` pixels of the canvas.
    pub fn spots(&self, p: LatLng, (dx, dy): (f64, f64), (mx, my): (f64, f64)) -> Vec<(f64, f64)> {
        self.shifts(p.lng, p.lng)
            .map(|s| (self.x(p.lng + s) + dx, self.y(p.lat) + dy))
            .filter(|&(x, y)| (-mx..self.w + mx).contains(&x) && (-my..self.h + my).contains(&y))
            .collect()
    }
}
