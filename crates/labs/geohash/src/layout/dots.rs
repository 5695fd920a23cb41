//! Many points on the map (places, hotels, candidates): up to [`MAX_SHAPES`] visible ones are
//! drawn as shapes; beyond, every point is plotted into one image the size of the canvas, so
//! 100 000 stay fast.

use super::view::Proj;
use crate::codec::LatLng;

/// Points drawn as shapes up to this many; more are plotted as pixels.
pub const MAX_SHAPES: usize = 2500;

/// An RGBA image the size of the canvas in device pixels, with square dots plotted into it.
#[derive(Clone, Debug, PartialEq)]
pub struct Pixels {
    /// Row-major RGBA bytes (transparent where nothing was plotted).
    pub buf: Vec<u8>,
    /// Width, device pixels.
    pub w: usize,
    /// Height, device pixels.
    pub h: usize,
    dpr: f64,
    size: isize,
    rgba: [u8; 4],
}

impl Pixels {
    /// A transparent image for `proj`'s canvas at `dpr`, plotting in colour `rgb`; `buf` is
    /// reused (cleared and resized) so a redraw allocates nothing.
    pub fn new(proj: &Proj, dpr: f64, rgb: [u8; 3], mut buf: Vec<u8>) -> Pixels {
        let (w, h) = (
            (proj.w * dpr).round().max(1.0) as usize,
            (proj.h * dpr).round().max(1.0) as usize,
        );
        buf.clear();
        buf.resize(w * h * 4, 0);
        Pixels {
            buf,
            w,
            h,
            dpr,
            size: if dpr > 1.5 { 3 } else { 2 },
            rgba: [rgb[0], rgb[1], rgb[2], 235],
        }
    }

    /// Plots a dot centred at CSS pixel (x, y) (clipped to the image).
    pub fn plot(&mut self, x: f64, y: f64) {
        let (px, py) = (
            (x * self.dpr) as isize - self.size / 2,
            (y * self.dpr) as isize - self.size / 2,
        );
        let (w, h) = (self.w as isize, self.h as isize);
        for yy in py.max(0)..(py + self.size).min(h) {
            let row = yy as usize * self.w;
            for xx in px.max(0)..(px + self.size).min(w) {
                let i = (row + xx as usize) * 4;
                if let Some(px) = self.buf.get_mut(i..i + 4) {
                    px.copy_from_slice(&self.rgba);
                }
            }
        }
    }
}

/// What to draw for a set of points.
#[derive(Clone, Debug, PartialEq)]
pub enum Dots {
    /// Nothing is in view.
    None,
    /// At most [`MAX_SHAPES`] positions (CSS px), each drawn as a shape.
    Shapes(Vec<(f64, f64)>),
    /// Too many for shapes: one image.
    Dense(Pixels),
}

/// Places points (longitudes in [−180, 180]) of radius `r` CSS px on `proj`'s canvas, in every
/// copy of the globe in view. `rgb` and `buf` are for the image if they turn out too many for
/// shapes (see [`Pixels::new`]; the buffer is taken from `buf` only then).
pub fn place_dots(
    proj: &Proj,
    pts: &mut dyn Iterator<Item = LatLng>,
    r: f64,
    (dpr, rgb, buf): (f64, [u8; 3], &mut Vec<u8>),
) -> Dots {
    let m = r / proj.k;
    let (west, east) = (proj.west - m, proj.east() + m);
    let (south, north) = (proj.south() - m, proj.north + m);
    let lo = ((west - 180.0) / 360.0).ceil() as i64;
    let hi = (((east + 180.0) / 360.0).floor() as i64).min(lo + 3);
    let shifts: Vec<f64> = (lo..=hi).map(|k| k as f64 * 360.0).collect();
    let mut shapes: Vec<(f64, f64)> = Vec::new();
    let mut dense: Option<Pixels> = None;
    for p in pts {
        if p.lat < south || p.lat > north {
            continue;
        }
        let y = proj.y(p.lat);
        for s in &shifts {
            let lng = p.lng + s;
            if lng < west || lng > east {
                continue;
            }
            let x = proj.x(lng);
            if let Some(d) = &mut dense {
                d.plot(x, y);
                continue;
            }
            shapes.push((x, y));
            if shapes.len() > MAX_SHAPES {
                let mut d = Pixels::new(proj, dpr, rgb, std::mem::take(buf));
                for &(x, y) in &shapes {
                    d.plot(x, y);
                }
                shapes.clear();
                dense = Some(d);
            }
        }
    }
    match dense {
        Some(d) => Dots::Dense(d),
        None if shapes.is_empty() => Dots::None,
        None => Dots::Shapes(shapes),
    }
}

/// The points sorted by latitude (what [`lat_band`] searches).
pub fn sorted_by_lat(pts: &[LatLng]) -> Vec<LatLng> {
    let mut v = pts.to_vec();
    crate::sort::sort_by(&mut v, |a, b| a.lat.total_cmp(&b.lat));
    v
}

/// The points of a latitude-sorted slice within `margin_px` of `proj`'s canvas, north to
/// south: only the band in view is visited.
pub fn lat_band<'a>(sorted: &'a [LatLng], proj: &Proj, margin_px: f64) -> &'a [LatLng] {
    let m = margin_px / proj.k;
    let lo = sorted.partition_point(|p| p.lat < proj.south() - m);
    let hi = sorted.partition_point(|p| p.lat <= proj.north + m);
    &sorted[lo..hi.max(lo)]
}
