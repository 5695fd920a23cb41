//! The coastline under the world map: `data/coastline.json` (built by `scripts/coastline.mjs`
//! from Natural Earth 110 m land), fetched once, same origin, only when a map is shown. The map
//! draws without it until it arrives; if it cannot be had, the map says so in a note.

use sdp_geo::codec::BBox;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

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

thread_local! {
    static STATUS: RefCell<(bool, CoastStatus)> = const { RefCell::new((false, CoastStatus::Loading)) };
    static WAITERS: RefCell<Vec<Callback<()>>> = const { RefCell::new(Vec::new()) };
}

/// The current status.
pub fn status() -> CoastStatus {
    STATUS.with(|s| s.borrow().1.clone())
}

/// Starts loading (once) and calls `notify` when the status changes.
pub fn request(notify: Callback<()>) {
    let started = STATUS.with(|s| {
        let mut s = s.borrow_mut();
        let was = s.0;
        s.0 = true;
        was
    });
    if matches!(status(), CoastStatus::Loading) {
        WAITERS.with(|w| w.borrow_mut().push(notify));
    }
    if !started {
        wasm_bindgen_futures::spawn_local(async {
            let result = fetch_text(COAST_URL)
                .await
                .and_then(|text| parse(&text).map_err(|e| format!("the file is damaged ({e})")));
            let next = match result {
                Ok(coast) => CoastStatus::Ready(Rc::new(coast)),
                Err(e) => CoastStatus::Failed(e),
            };
            STATUS.with(|s| s.borrow_mut().1 = next);
            let waiters = WAITERS.with(|w| std::mem::take(&mut *w.borrow_mut()));
            for w in waiters {
                w.emit(());
            }
        });
    }
}

/// Installs a coastline directly (tests and benchmarks), as if it had been fetched.
pub fn install(coast: Coast) {
    STATUS.with(|s| *s.borrow_mut() = (true, CoastStatus::Ready(Rc::new(coast))));
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| "it could not be downloaded".to_string())?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "unexpected fetch result".to_string())?;
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let text = response
        .text()
        .map_err(|_| "its body could not be read".to_string())?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "its body could not be read".to_string())
}

/// Parses the asset: `"unit": U` and `"rings": [[x0, y0, dx1, dy1, …], …]` in units of U
/// degrees, the first point absolute and the others as differences.
///
/// Written by hand (no JSON library in the web crate); strict about what it accepts.
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
            Some(b',') if !rings.is_empty() => {
                i += 1;
                continue;
            }
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
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_delta_encoded_rings() {
        let c = parse(r#"{"source":"x","unit":0.5,"rings":[[2,4,2,0,0,2],[ -2 , -2 ,1,0,0,-1]]}"#)
            .unwrap();
        assert_eq!(c.rings.len(), 2);
        assert_eq!(c.rings[0].pts, vec![(1.0, 2.0), (2.0, 2.0), (2.0, 3.0)]);
        assert_eq!(
            c.rings[1].pts,
            vec![(-1.0, -1.0), (-0.5, -1.0), (-0.5, -1.5)]
        );
        assert_eq!(c.rings[0].bbox.north, 3.0);
    }

    #[test]
    fn rejects_damaged_files() {
        for bad in [
            "",
            "garbage",
            r#"{"unit":0.5}"#,
            r#"{"unit":0.5,"rings":[]}"#,
            r#"{"unit":0.5,"rings":[[1,2,3]]}"#,
            r#"{"unit":0.5,"rings":[[1,2,x,3,4,5]]}"#,
            r#"{"unit":0.5,"rings":[[1000,2,0,0,0,0]]}"#,
            r#"{"unit":-1,"rings":[[1,2,0,0,0,0]]}"#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
