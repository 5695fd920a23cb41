//! The coastline under the world map: `data/coastline.json` (built by `coastline.mjs` from
//! Natural Earth 110 m land), its parser, and what of it a view shows. The view fetches it
//! once, same origin, only when a map is shown; the map draws without it until it arrives, and
//! says so in a note if it cannot be had.

use super::clip::{clip_polygon, inside, intersects, shifted};
use super::view::Proj;
use crate::codec::BBox;
use std::rc::Rc;

/// Where the asset lives, relative to the page's base URL (Trunk's public URL).
pub const COAST_URL: &str = "data/coastline.json";

/// One closed ring of the coastline, in degrees.
#[derive(Clone, Debug, PartialEq)]
pub struct Ring {
    /// (longitude, latitude) vertices; the ring closes back to the first.
    pub pts: Vec<(f64, f64)>,
    /// Its bounding box.
    pub bbox: BBox,
}

/// The decoded coastline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coast {
    /// Land rings (islands and continents; holes are rings of opposite winding).
    pub rings: Vec<Ring>,
}

impl Coast {
    /// Total vertices.
    pub fn points(&self) -> usize {
        self.rings.iter().map(|r| r.pts.len()).sum()
    }
}

/// Loading state.
#[derive(Clone, Debug, PartialEq)]
pub enum CoastStatus {
    /// Not asked for, or on its way.
    Loading,
    /// Arrived and decoded.
    Ready(Rc<Coast>),
    /// Could not be had (the message says why); the map works without it.
    Failed(String),
}

impl CoastStatus {
    /// The `data-coast` attribute of a map canvas: `loading`, `ready` or `failed`.
    pub fn word(&self) -> &'static str {
        match self {
            CoastStatus::Loading => "loading",
            CoastStatus::Ready(_) => "ready",
            CoastStatus::Failed(_) => "failed",
        }
    }

    /// The coastline, once it is ready.
    pub fn coast(&self) -> Option<&Coast> {
        match self {
            CoastStatus::Ready(c) => Some(c),
            _ => None,
        }
    }

    /// The note a map shows when the coastline could not be had.
    pub fn note(&self) -> Option<String> {
        match self {
            CoastStatus::Failed(why) => Some(format!(
                "The coastline could not be loaded ({why}); the map works without it."
            )),
            _ => None,
        }
    }

    /// The status after the asset's download: its text, or why it could not be had.
    pub fn from_download(download: Result<String, String>) -> CoastStatus {
        match download
            .and_then(|text| parse(&text).map_err(|e| format!("the file is damaged ({e})")))
        {
            Ok(coast) => CoastStatus::Ready(Rc::new(coast)),
            Err(why) => CoastStatus::Failed(why),
        }
    }
}

/// Largest coast tile side, device pixels.
pub const MAX_TILE: f64 = 4096.0;

/// Largest coast tile area, in multiples of the map's own area: filling a larger tile costs
/// several times more than filling just the land in view, at every new zoom.
pub const MAX_TILE_AREA: f64 = 2.0;

/// The size in device pixels of a tile holding the whole world's land at `k` CSS pixels per
/// degree and `dpr` device pixels per CSS pixel, for a map of `view_area` device pixels;
/// `None` when it would be too large (the land is then drawn directly, only what is in view).
pub fn tile_size(k: f64, dpr: f64, view_area: f64) -> Option<(u32, u32)> {
    let (tw, th) = ((360.0 * k * dpr).ceil(), (180.0 * k * dpr).ceil());
    (tw <= MAX_TILE
        && th <= MAX_TILE
        && tw >= 1.0
        && th >= 1.0
        && tw * th <= MAX_TILE_AREA * view_area)
        .then_some((tw as u32, th as u32))
}

/// A piece of land to trace: a whole ring moved east by a shift, or a ring clipped to the view.
#[derive(Clone, Debug, PartialEq)]
pub enum CoastPiece<'a> {
    /// A ring inside the clip box: its points (lng, lat) and the shift to add to longitudes.
    Whole(&'a [(f64, f64)], f64),
    /// A ring cut to the clip box (lng, lat, already shifted).
    Clipped(Vec<(f64, f64)>),
}

/// The rings of `coast` that meet `clip`, in every copy of the globe in view.
pub fn coast_pieces<'a>(proj: &Proj, coast: &'a Coast, clip: &BBox) -> Vec<CoastPiece<'a>> {
    let mut out = Vec::new();
    for s in proj.shifts(-180.0, 180.0) {
        for ring in &coast.rings {
            let b = shifted(&ring.bbox, s);
            if !intersects(&b, clip) {
                continue;
            }
            if inside(&b, clip) {
                out.push(CoastPiece::Whole(&ring.pts, s));
            } else {
                let moved: Vec<(f64, f64)> = ring.pts.iter().map(|&(x, y)| (x + s, y)).collect();
                out.push(CoastPiece::Clipped(clip_polygon(&moved, clip)));
            }
        }
    }
    out
}

/// Parses the asset: `"unit": U` and `"rings": [[x0, y0, dx1, dy1, …], …]` in units of U
/// degrees, the first point absolute and the others as differences.
///
/// Written by hand (no JSON library in the lab); strict about what it accepts.
pub fn parse(text: &str) -> Result<Coast, String> {
    let unit = number_after(text, "\"unit\"")?;
    if !(unit > 0.0 && unit <= 1.0) {
        return Err(format!("unit {unit} out of range"));
    }
    let start = text.find("\"rings\"").ok_or("no rings")?;
    let rest = &text[start + 7..];
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(':').ok_or("rings: expected ':'")?;
    let bytes = rest.as_bytes();
    let mut i = skip_ws(bytes, 0);
    if bytes.get(i) != Some(&b'[') {
        return Err("rings: expected '['".into());
    }
    i += 1;
    let mut rings = Vec::new();
    loop {
        i = skip_ws(bytes, i);
        match bytes.get(i) {
            Some(b']') => break,
            Some(b',') if !rings.is_empty() => i += 1,
            Some(b'[') => {
                let (ints, next) = int_array(bytes, i + 1)?;
                i = next;
                rings.push(ring(&ints, unit)?);
            }
            _ => return Err(format!("rings: unexpected character at {i}")),
        }
    }
    if rings.is_empty() {
        return Err("no rings".into());
    }
    Ok(Coast { rings })
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

fn number_after(text: &str, key: &str) -> Result<f64, String> {
    let at = text.find(key).ok_or_else(|| format!("no {key}"))?;
    let rest = text[at + key.len()..].trim_start();
    let rest = rest
        .strip_prefix(':')
        .ok_or_else(|| format!("{key}: expected ':'"))?
        .trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
        .unwrap_or(rest.len());
    rest[..end]
        .parse::<f64>()
        .map_err(|_| format!("{key}: not a number"))
}

/// Integers up to the closing ']' (the opening one already consumed).
fn int_array(b: &[u8], mut i: usize) -> Result<(Vec<i64>, usize), String> {
    let mut out = Vec::new();
    loop {
        i = skip_ws(b, i);
        match b.get(i) {
            Some(b']') => return Ok((out, i + 1)),
            Some(b',') if !out.is_empty() => i += 1,
            Some(c) if *c == b'-' || c.is_ascii_digit() => {
                let neg = *c == b'-';
                if neg {
                    i += 1;
                }
                let mut v: i64 = 0;
                let mut digits = 0;
                while let Some(d) = b.get(i).filter(|d| d.is_ascii_digit()) {
                    v = v
                        .checked_mul(10)
                        .and_then(|v| v.checked_add(i64::from(d - b'0')))
                        .ok_or("number too large")?;
                    i += 1;
                    digits += 1;
                }
                if digits == 0 {
                    return Err(format!("expected a digit at {i}"));
                }
                out.push(if neg { -v } else { v });
            }
            _ => return Err(format!("unexpected character at {i}")),
        }
    }
}

fn ring(ints: &[i64], unit: f64) -> Result<Ring, String> {
    if ints.len() < 6 || ints.len() % 2 != 0 {
        return Err("a ring needs at least 3 points".into());
    }
    let (mut x, mut y) = (0i64, 0i64);
    let mut pts = Vec::with_capacity(ints.len() / 2);
    let mut bbox = BBox {
        south: f64::INFINITY,
        north: f64::NEG_INFINITY,
        west: f64::INFINITY,
        east: f64::NEG_INFINITY,
    };
    for pair in ints.chunks_exact(2) {
        x += pair[0];
        y += pair[1];
        let (lng, lat) = (x as f64 * unit, y as f64 * unit);
        if !(-180.5..=180.5).contains(&lng) || !(-90.5..=90.5).contains(&lat) {
            return Err(format!("point ({lat}, {lng}) is off the globe"));
        }
        bbox.south = bbox.south.min(lat);
        bbox.north = bbox.north.max(lat);
        bbox.west = bbox.west.min(lng);
        bbox.east = bbox.east.max(lng);
        pts.push((lng, lat));
    }
    Ok(Ring { pts, bbox })
}
