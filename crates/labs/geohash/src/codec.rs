//! Geohash encoding and decoding (catalogue M2.1) and neighbours (M2.2).
//!
//! A geohash cell is held as a [`Cell`]: its `5 × precision` interleaved bits (longitude first)
//! as an integer. Encoding bisects each axis exactly as F0 Q15 l.2189–2197 says (coordinate ≥
//! midpoint → bit 1, upper half); every midpoint is a dyadic fraction, so the comparisons are
//! exact and the boundaries of a decoded box are exact too.

use sdp_kit::lab::ParamError;
use serde::{Deserialize, Serialize};

/// The geohash base-32 alphabet (not given by the documents; the standard one, which their
/// example strings `u0b`, `u09` use). It omits `a`, `i`, `l` and `o`.
pub const BASE32: &[u8; 32] = b"0123456789bcdefghjkmnpqrstuvwxyz";
/// Shortest geohash.
pub const MIN_PRECISION: u8 = 1;
/// Longest geohash (60 bits).
pub const MAX_PRECISION: u8 = 12;

/// A point in degrees: latitude north-positive in [−90, 90], longitude east-positive in
/// [−180, 180].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatLng {
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lng: f64,
}

impl LatLng {
    /// A point (not validated; see [`check_point`]).
    pub const fn new(lat: f64, lng: f64) -> Self {
        LatLng { lat, lng }
    }
}

/// A latitude/longitude box in degrees. For a cell, `south ≤ lat < north` and
/// `west ≤ lng < east` (the top row and the easternmost column also include 90 and 180).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    /// Southern edge (lowest latitude).
    pub south: f64,
    /// Northern edge.
    pub north: f64,
    /// Western edge (lowest longitude).
    pub west: f64,
    /// Eastern edge.
    pub east: f64,
}

impl BBox {
    /// The centre (the decoded point of a cell).
    pub fn centre(&self) -> LatLng {
        LatLng::new(
            f64::midpoint(self.south, self.north),
            f64::midpoint(self.west, self.east),
        )
    }

    /// True if the point is inside the box, edges included.
    pub fn contains(&self, p: LatLng) -> bool {
        (self.south..=self.north).contains(&p.lat) && (self.west..=self.east).contains(&p.lng)
    }

    /// Height in degrees of latitude.
    pub fn height(&self) -> f64 {
        self.north - self.south
    }

    /// Width in degrees of longitude.
    pub fn width(&self) -> f64 {
        self.east - self.west
    }
}

/// Which coordinate a bit halves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Axis {
    /// Longitude (bits 1, 3, 5, … counting from 1).
    Lng,
    /// Latitude (bits 2, 4, 6, …).
    Lat,
}

/// How many of `total` interleaved bits go to longitude and to latitude: lon = ⌈total/2⌉,
/// lat = ⌊total/2⌋.
pub const fn split_bits(total: u32) -> (u32, u32) {
    (total.div_ceil(2), total / 2)
}

/// A geohash cell: `precision` characters, i.e. `5 × precision` bits.
///
/// ```
/// use sdp_lab_geohash::codec::{Cell, LatLng};
/// let cell = Cell::encode(LatLng::new(57.64911, 10.40744), 11).unwrap();
/// assert_eq!(cell.to_hash(), "u4pruydqqvj");
/// assert_eq!(Cell::parse("u4pruydqqvj").unwrap(), cell);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Cell {
    /// The interleaved bits, right-aligned (the first bit is the most significant of the
    /// `5 × precision` low bits).
    pub bits: u64,
    /// Characters, 1–12.
    pub precision: u8,
}

/// Checks a precision (field `field`).
pub fn check_precision(field: &str, precision: u8) -> Result<(), ParamError> {
    if (MIN_PRECISION..=MAX_PRECISION).contains(&precision) {
        Ok(())
    } else {
        Err(ParamError::range(
            field,
            MIN_PRECISION,
            MAX_PRECISION,
            &precision.to_string(),
        ))
    }
}

/// Checks a point: latitude in [−90, 90] and longitude in [−180, 180], both finite. `field`
/// prefixes the field names (`""` gives `lat`/`lng`, `"to."` gives `to.lat`/`to.lng`).
pub fn check_point(field: &str, p: LatLng) -> Result<(), ParamError> {
    if !(-90.0..=90.0).contains(&p.lat) {
        return Err(ParamError::range(
            &format!("{field}lat"),
            -90,
            90,
            &p.lat.to_string(),
        ));
    }
    if !(-180.0..=180.0).contains(&p.lng) {
        return Err(ParamError::range(
            &format!("{field}lng"),
            -180,
            180,
            &p.lng.to_string(),
        ));
    }
    Ok(())
}

/// Index of the interval of `2^bits` equal parts of `[lo, hi]` that contains `x`: the result
/// of bisecting `bits` times with "x ≥ mid → upper half" (F0 l.2193–2195). `x` must lie in
/// `[lo, hi]`.
///
/// Instead of `bits` unpredictable branches, the index is estimated arithmetically and then
/// corrected against the exact boundaries `lo + k·w`, which are the very midpoints bisection
/// compares with (dyadic fractions of `hi − lo`, exact in f64 for these ranges and up to 30
/// bits), so the result is identical to bisection.
fn bisect(x: f64, lo: f64, hi: f64, bits: u32) -> u32 {
    let n = 1u64 << bits;
    let w = (hi - lo) / n as f64;
    let last = (n - 1) as i64;
    let mut k = (((x - lo) / w).floor() as i64).clamp(0, last);
    while k > 0 && x < lo + k as f64 * w {
        k -= 1;
    }
    while k < last && x >= lo + (k + 1) as f64 * w {
        k += 1;
    }
    k as u32
}

/// The same index by literal bisection, one comparison per bit (kept to check [`bisect`]).
#[cfg(test)]
fn bisect_slow(x: f64, mut lo: f64, mut hi: f64, bits: u32) -> u32 {
    let mut idx = 0u32;
    for _ in 0..bits {
        let mid = (lo + hi) / 2.0;
        if x >= mid {
            idx = (idx << 1) | 1;
            lo = mid;
        } else {
            idx <<= 1;
            hi = mid;
        }
    }
    idx
}

/// Spreads the low 32 bits of `x` to the even bit positions of a u64.
fn spread(x: u32) -> u64 {
    let mut v = u64::from(x);
    v = (v | (v << 16)) & 0x0000_ffff_0000_ffff;
    v = (v | (v << 8)) & 0x00ff_00ff_00ff_00ff;
    v = (v | (v << 4)) & 0x0f0f_0f0f_0f0f_0f0f;
    v = (v | (v << 2)) & 0x3333_3333_3333_3333;
    (v | (v << 1)) & 0x5555_5555_5555_5555
}

/// Gathers the even bit positions of `x` into a u32.
fn squash(x: u64) -> u32 {
    let mut v = x & 0x5555_5555_5555_5555;
    v = (v | (v >> 1)) & 0x3333_3333_3333_3333;
    v = (v | (v >> 2)) & 0x0f0f_0f0f_0f0f_0f0f;
    v = (v | (v >> 4)) & 0x00ff_00ff_00ff_00ff;
    v = (v | (v >> 8)) & 0x0000_ffff_0000_ffff;
    ((v | (v >> 16)) & 0xffff_ffff) as u32
}

impl Cell {
    /// Encodes a point at `precision` characters (1–12); errors name `lat`, `lng` or
    /// `precision`.
    pub fn encode(p: LatLng, precision: u8) -> Result<Cell, ParamError> {
        check_point("", p)?;
        check_precision("precision", precision)?;
        Ok(Self::encode_unchecked(p, precision))
    }

    /// [`Cell::encode`] for a point and precision already known to be valid.
    pub fn encode_unchecked(p: LatLng, precision: u8) -> Cell {
        let (lng_bits, lat_bits) = split_bits(5 * u32::from(precision));
        let x = bisect(p.lng, -180.0, 180.0, lng_bits);
        let y = bisect(p.lat, -90.0, 90.0, lat_bits);
        Self::from_indexes(x, y, precision)
    }

    /// The cell in column `x` (0 = westernmost) and row `y` (0 = southernmost) of the grid at
    /// `precision`.
    pub fn from_indexes(x: u32, y: u32, precision: u8) -> Cell {
        let total = 5 * u32::from(precision);
        let bits = if total % 2 == 0 {
            spread(y) | (spread(x) << 1)
        } else {
            spread(x) | (spread(y) << 1)
        };
        Cell { bits, precision }
    }

    /// (column, row): the longitude and latitude indexes of the cell in its grid.
    pub fn indexes(&self) -> (u32, u32) {
        let total = 5 * u32::from(self.precision);
        if total % 2 == 0 {
            (squash(self.bits >> 1), squash(self.bits))
        } else {
            (squash(self.bits), squash(self.bits >> 1))
        }
    }

    /// Columns and rows of the grid at this precision: (`2^lng_bits`, `2^lat_bits`).
    pub fn grid_size(precision: u8) -> (u32, u32) {
        let (lng_bits, lat_bits) = split_bits(5 * u32::from(precision));
        (1 << lng_bits, 1 << lat_bits)
    }

    /// Cell height and width in degrees at `precision`: (Δlat, Δlng).
    pub fn size_deg(precision: u8) -> (f64, f64) {
        let (cols, rows) = Self::grid_size(precision);
        (180.0 / f64::from(rows), 360.0 / f64::from(cols))
    }

    /// The cell's bounding box (exact).
    pub fn bbox(&self) -> BBox {
        let (x, y) = self.indexes();
        let (dlat, dlng) = Self::size_deg(self.precision);
        let south = -90.0 + f64::from(y) * dlat;
        let west = -180.0 + f64::from(x) * dlng;
        BBox {
            south,
            north: south + dlat,
            west,
            east: west + dlng,
        }
    }

    /// The decoded point: the centre of the box.
    pub fn centre(&self) -> LatLng {
        self.bbox().centre()
    }

    /// The geohash string.
    pub fn to_hash(&self) -> String {
        (0..self.precision)
            .map(|i| self.char_value(i))
            .map(|v| BASE32[usize::from(v)] as char)
            .collect()
    }

    /// The 5-bit value of character `i` (0-based).
    pub fn char_value(&self, i: u8) -> u8 {
        let shift = 5 * u32::from(self.precision - 1 - i.min(self.precision - 1));
        ((self.bits >> shift) & 31) as u8
    }

    /// Parses a geohash (field `hash`). Upper-case letters are accepted and read as lower
    /// case; any other character outside the alphabet (spaces included) is an error.
    ///
    /// ```
    /// let e = sdp_lab_geohash::codec::Cell::parse("u0a").unwrap_err();
    /// assert_eq!(e.field, "hash");
    /// assert!(e.message.contains("'a'"));
    /// ```
    pub fn parse(hash: &str) -> Result<Cell, ParamError> {
        parse_field("hash", hash)
    }

    /// The cell one precision up (None at precision 1).
    pub fn parent(&self) -> Option<Cell> {
        (self.precision > 1).then(|| Cell {
            bits: self.bits >> 5,
            precision: self.precision - 1,
        })
    }

    /// The neighbour in `dir`: same precision, one row/column over. Longitude wraps around
    /// the date line; beyond a pole there is no cell (`None`).
    pub fn neighbour(&self, dir: Direction) -> Option<Cell> {
        let (x, y) = self.indexes();
        let (cols, rows) = Self::grid_size(self.precision);
        let (dy, dx) = dir.offset();
        let ny = i64::from(y) + i64::from(dy);
        if ny < 0 || ny >= i64::from(rows) {
            return None;
        }
        let nx = (i64::from(x) + i64::from(dx)).rem_euclid(i64::from(cols));
        Some(Self::from_indexes(nx as u32, ny as u32, self.precision))
    }

    /// All eight neighbours, in [`Direction::ALL`] order (N, NE, E, SE, S, SW, W, NW).
    pub fn neighbours(&self) -> [Option<Cell>; 8] {
        Direction::ALL.map(|d| self.neighbour(d))
    }

    /// The first bits of the cell's integer at 60-bit resolution: the range of 12-character
    /// keys inside this cell is `[start, end)`.
    pub fn key_range(&self) -> (u64, u64) {
        let shift = 60 - 5 * u32::from(self.precision);
        (self.bits << shift, (self.bits + 1) << shift)
    }
}

/// Parses a geohash, naming `field` in errors.
pub fn parse_field(field: &str, hash: &str) -> Result<Cell, ParamError> {
    let text = hash;
    if text.is_empty() {
        return Err(ParamError::new(
            field,
            "is empty: a geohash has 1–12 characters from 0123456789bcdefghjkmnpqrstuvwxyz",
        ));
    }
    let len = text.chars().count();
    if len > usize::from(MAX_PRECISION) {
        return Err(ParamError::new(
            field,
            format!("has {len} characters; a geohash has 1–12"),
        ));
    }
    let mut bits = 0u64;
    for (i, c) in text.chars().enumerate() {
        let Some(v) = char_value(c) else {
            let why = if matches!(c.to_ascii_lowercase(), 'a' | 'i' | 'l' | 'o') {
                "the geohash alphabet omits a, i, l and o"
            } else {
                "allowed: 0123456789bcdefghjkmnpqrstuvwxyz"
            };
            return Err(ParamError::new(
                field,
                format!(
                    "'{c}' at position {} is not a geohash character ({why})",
                    i + 1
                ),
            ));
        };
        bits = (bits << 5) | u64::from(v);
    }
    Ok(Cell {
        bits,
        precision: len as u8,
    })
}

/// The 5-bit value of a geohash character (either case), None if it is not one.
pub fn char_value(c: char) -> Option<u8> {
    let lower = c.to_ascii_lowercase();
    BASE32
        .iter()
        .position(|&b| b as char == lower)
        .map(|i| i as u8)
}

/// Encodes a point as a geohash string.
///
/// ```
/// use sdp_lab_geohash::codec::{encode, LatLng};
/// assert_eq!(encode(LatLng::new(37.7749, -122.4194), 6).unwrap(), "9q8yyk");
/// assert_eq!(encode(LatLng::new(91.0, 0.0), 6).unwrap_err().field, "lat");
/// ```
pub fn encode(p: LatLng, precision: u8) -> Result<String, ParamError> {
    Cell::encode(p, precision).map(|c| c.to_hash())
}

/// Decodes a geohash to its bounding box.
pub fn decode_bbox(hash: &str) -> Result<BBox, ParamError> {
    Cell::parse(hash).map(|c| c.bbox())
}

/// Decodes a geohash to the centre of its box.
pub fn decode(hash: &str) -> Result<LatLng, ParamError> {
    Cell::parse(hash).map(|c| c.centre())
}

/// The eight neighbours of a geohash (N, NE, E, SE, S, SW, W, NW); `None` beyond a pole.
///
/// ```
/// let n = sdp_lab_geohash::codec::neighbours("u0b").unwrap();
/// let hashes: Vec<String> = n.iter().map(|c| c.clone().unwrap()).collect();
/// assert_eq!(hashes, ["u10", "u11", "u0c", "u09", "u08", "gbx", "gbz", "gcp"]);
/// ```
pub fn neighbours(hash: &str) -> Result<[Option<String>; 8], ParamError> {
    let cell = Cell::parse(hash)?;
    Ok(cell.neighbours().map(|n| n.map(|c| c.to_hash())))
}

/// A compass direction from a cell to one of its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// North.
    N,
    /// North-east.
    NE,
    /// East.
    E,
    /// South-east.
    SE,
    /// South.
    S,
    /// South-west.
    SW,
    /// West.
    W,
    /// North-west.
    NW,
}

impl Direction {
    /// The order F0 l.2199 lists them: N, NE, E, SE, S, SW, W, NW.
    pub const ALL: [Direction; 8] = [
        Direction::N,
        Direction::NE,
        Direction::E,
        Direction::SE,
        Direction::S,
        Direction::SW,
        Direction::W,
        Direction::NW,
    ];

    /// (rows north, columns east): N = (1, 0), SW = (−1, −1).
    pub const fn offset(self) -> (i8, i8) {
        match self {
            Direction::N => (1, 0),
            Direction::NE => (1, 1),
            Direction::E => (0, 1),
            Direction::SE => (-1, 1),
            Direction::S => (-1, 0),
            Direction::SW => (-1, -1),
            Direction::W => (0, -1),
            Direction::NW => (1, -1),
        }
    }

    /// "N", "NE", …
    pub const fn label(self) -> &'static str {
        match self {
            Direction::N => "N",
            Direction::NE => "NE",
            Direction::E => "E",
            Direction::SE => "SE",
            Direction::S => "S",
            Direction::SW => "SW",
            Direction::W => "W",
            Direction::NW => "NW",
        }
    }

    /// Position in a 3×3 grid drawn north-up: (row 0 = north … 2 = south, column 0 = west … 2).
    pub const fn grid_position(self) -> (usize, usize) {
        let (dy, dx) = self.offset();
        ((1 - dy) as usize, (1 + dx) as usize)
    }
}

/// One bisection of an encoding or decoding, as the encode procedure states it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BitStep {
    /// Bit number, 0-based (bit 0 is the first, a longitude bit).
    pub index: u8,
    /// The coordinate this bit halves.
    pub axis: Axis,
    /// Interval before the bit: lower end (degrees).
    pub lo: f64,
    /// Interval before the bit: upper end.
    pub hi: f64,
    /// Midpoint (lo + hi) / 2.
    pub mid: f64,
    /// The bit: 1 = coordinate ≥ mid, upper half kept.
    pub bit: bool,
}

impl BitStep {
    /// The interval kept after this bit: (lo, hi).
    pub fn kept(&self) -> (f64, f64) {
        if self.bit {
            (self.mid, self.hi)
        } else {
            (self.lo, self.mid)
        }
    }
}

/// Every bisection of encoding `p` to `precision` characters (or of decoding `cell`): `5 ×
/// precision` steps, longitude first.
pub fn bit_steps(cell: Cell) -> Vec<BitStep> {
    let total = 5 * u32::from(cell.precision);
    let (mut lat, mut lng) = ((-90.0, 90.0), (-180.0, 180.0));
    (0..total)
        .map(|i| {
            let bit = (cell.bits >> (total - 1 - i)) & 1 == 1;
            let axis = if i % 2 == 0 { Axis::Lng } else { Axis::Lat };
            let range = if axis == Axis::Lng {
                &mut lng
            } else {
                &mut lat
            };
            let step = BitStep {
                index: i as u8,
                axis,
                lo: range.0,
                hi: range.1,
                mid: f64::midpoint(range.0, range.1),
                bit,
            };
            *range = step.kept();
            step
        })
        .collect()
}

/// Length of the longest common prefix of two geohash strings.
pub fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_index_equals_bisection() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for bits in 0..=30 {
            let (n, w) = (1u64 << bits, 360.0 / (1u64 << bits) as f64);
            for _ in 0..2_000 {
                let r = next();
                // Random values, exact boundaries and their neighbours in f64.
                let k = (r % n) as f64;
                let b = -180.0 + k * w;
                for v in [
                    (r >> 11) as f64 / (1u64 << 53) as f64 * 360.0 - 180.0,
                    b,
                    f64::from_bits(b.to_bits().wrapping_add(1)),
                    f64::from_bits(b.to_bits().wrapping_sub(1)),
                    -180.0,
                    180.0,
                ] {
                    if (-180.0..=180.0).contains(&v) {
                        assert_eq!(
                            bisect(v, -180.0, 180.0, bits),
                            bisect_slow(v, -180.0, 180.0, bits),
                            "{v} {bits}"
                        );
                        let lat = v / 2.0;
                        assert_eq!(
                            bisect(lat, -90.0, 90.0, bits),
                            bisect_slow(lat, -90.0, 90.0, bits),
                            "{lat} {bits}"
                        );
                    }
                }
            }
        }
    }
}
