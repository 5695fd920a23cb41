//! Cell sizes per precision at a latitude (catalogue M2.1 table, M2.3 and Part D #5), with the
//! figures the documents state beside the real ones.

use crate::codec::{Cell, MAX_PRECISION, split_bits};
use crate::distance::{EARTH_RADIUS_KM, KM_PER_DEGREE};
use serde::{Deserialize, Serialize};

/// Real dimensions of a cell at one precision and latitude.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellSize {
    /// Characters, 1–12.
    pub precision: u8,
    /// Longitude bits, ⌈5p/2⌉.
    pub lng_bits: u8,
    /// Latitude bits, ⌊5p/2⌋.
    pub lat_bits: u8,
    /// Cell height, degrees of latitude.
    pub dlat_deg: f64,
    /// Cell width, degrees of longitude.
    pub dlng_deg: f64,
    /// North–south size, km (the same at every latitude).
    pub ns_km: f64,
    /// East–west size at the chosen latitude, km (Δlon · 111.195 km · cos φ).
    pub ew_km: f64,
    /// East–west size at the equator, km.
    pub ew_equator_km: f64,
    /// The usual "±" figure: half the larger dimension at the equator, km.
    pub max_error_km: f64,
    /// Radius around any centre at this latitude that a 3×3 block (centre + 8 neighbours) is
    /// guaranteed to cover, km (see [`block_radius_km`]).
    pub block_radius_km: f64,
    /// Number of cells in the world grid, 32^p (as f64: 32^12 ≈ 1.15e18).
    pub cells: f64,
}

/// The radius a 3×3 block of precision `precision` is guaranteed to cover around a centre at
/// latitude `lat`: R · min(Δlat, asin(sin Δlon · cos φ)) (angles in radians). Latitude reach
/// is one cell height; longitude reach is one cell width, and a circle of angular radius δ
/// spans asin(sin δ / cos φ) of longitude.
///
/// ```
/// // Precision 5 at the equator: 4.89 km, less than the 10 km that F0 uses p5 for.
/// let r = sdp_lab_geohash::sizes::block_radius_km(5, 0.0);
/// assert!((r - 4.89).abs() < 0.01);
/// ```
pub fn block_radius_km(precision: u8, lat: f64) -> f64 {
    let (dlat, dlng) = Cell::size_deg(precision);
    let lat_reach = dlat.to_radians();
    let lng_reach = (dlng.to_radians().sin() * lat.to_radians().cos())
        .clamp(0.0, 1.0)
        .asin();
    EARTH_RADIUS_KM * lat_reach.min(lng_reach)
}

/// Real cell dimensions at `precision` (1–12, clamped) and latitude `lat`.
pub fn cell_size(precision: u8, lat: f64) -> CellSize {
    let p = precision.clamp(1, MAX_PRECISION);
    let (lng_bits, lat_bits) = split_bits(5 * u32::from(p));
    let (dlat, dlng) = Cell::size_deg(p);
    let ns = dlat * KM_PER_DEGREE;
    let ew_eq = dlng * KM_PER_DEGREE;
    CellSize {
        precision: p,
        lng_bits: lng_bits as u8,
        lat_bits: lat_bits as u8,
        dlat_deg: dlat,
        dlng_deg: dlng,
        ns_km: ns,
        ew_km: ew_eq * lat.to_radians().cos().max(0.0),
        ew_equator_km: ew_eq,
        max_error_km: ns.max(ew_eq) / 2.0,
        block_radius_km: block_radius_km(p, lat),
        cells: 32f64.powi(i32::from(p)),
    }
}

/// The table for precisions 1–12 at latitude `lat`.
pub fn cell_sizes(lat: f64) -> Vec<CellSize> {
    (1..=MAX_PRECISION).map(|p| cell_size(p, lat)).collect()
}

/// How a document figure compares with the real cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Correct as stated (✅).
    Correct,
    /// Stated as a cell size but it is the ± error, half a cell (❌, Part D #5).
    HalfCell,
    /// Roughly right but misleading: one dimension only or rounded (⚠️).
    Rough,
}

/// A cell-size figure one of the documents states.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocFigure {
    /// Precision it is about.
    pub precision: u8,
    /// Where ("F0 Q15 l.2214").
    pub source: &'static str,
    /// The words ("precision 3 (~78 km cells)").
    pub quote: &'static str,
    /// The stated figure, km.
    pub stated_km: f64,
    /// True when the document gives it as a ± error rather than a cell size.
    pub plus_minus: bool,
    /// Verdict.
    pub verdict: Verdict,
    /// The real value, in words ("156 km × 156 km").
    pub real: &'static str,
}

/// Every cell-size figure the two documents state, in precision order.
pub const DOC_FIGURES: &[DocFigure] = &[
    DocFigure {
        precision: 1,
        source: "F0 Q15 l.2185",
        quote: "1 char = ±2500 km",
        stated_km: 2500.0,
        plus_minus: true,
        verdict: Verdict::Correct,
        real: "±2502 km (cell 5004 × 5004 km at the equator)",
    },
    DocFigure {
        precision: 2,
        source: "F0 Q15 l.2324",
        quote: "precision 2 = ~600 km regions",
        stated_km: 600.0,
        plus_minus: false,
        verdict: Verdict::Rough,
        real: "1251 km E–W × 625 km N–S at the equator (600 km is the N–S size only)",
    },
    DocFigure {
        precision: 3,
        source: "F0 Q15 l.2214",
        quote: ">100 km → precision 3 (~78 km cells)",
        stated_km: 78.0,
        plus_minus: false,
        verdict: Verdict::HalfCell,
        real: "156 × 156 km at the equator (78 km is the ± error)",
    },
    DocFigure {
        precision: 3,
        source: "F4 §6 l.754",
        quote: "Precision 3 (~156km)",
        stated_km: 156.0,
        plus_minus: false,
        verdict: Verdict::Correct,
        real: "156 km N–S (× 101 km E–W at 49.9° N, the u0b example)",
    },
    DocFigure {
        precision: 4,
        source: "F0 Q15 l.2185",
        quote: "4 chars = ±20 km",
        stated_km: 20.0,
        plus_minus: true,
        verdict: Verdict::Correct,
        real: "±19.5 km (cell 39.1 × 19.5 km at the equator)",
    },
    DocFigure {
        precision: 4,
        source: "F0 Q15 l.2215",
        quote: ">10 km → precision 4 (~20 km cells)",
        stated_km: 20.0,
        plus_minus: false,
        verdict: Verdict::HalfCell,
        real: "39.1 km E–W × 19.5 km N–S at the equator",
    },
    DocFigure {
        precision: 5,
        source: "F0 Q15 l.2216",
        quote: ">1 km → precision 5 (~2.4 km cells)",
        stated_km: 2.4,
        plus_minus: false,
        verdict: Verdict::HalfCell,
        real: "4.89 × 4.89 km at the equator (2.4 km is the ± error)",
    },
    DocFigure {
        precision: 6,
        source: "F0 Q15 l.2185",
        quote: "6 chars = ±0.6 km",
        stated_km: 0.6,
        plus_minus: true,
        verdict: Verdict::Correct,
        real: "±0.61 km (cell 1.22 × 0.61 km at the equator)",
    },
    DocFigure {
        precision: 6,
        source: "F0 Q15 l.2206 and l.2217",
        quote: "precision 6 = ~600m cells; else → precision 6 (~0.6 km cells)",
        stated_km: 0.6,
        plus_minus: false,
        verdict: Verdict::HalfCell,
        real: "1.22 km E–W × 0.61 km N–S at the equator",
    },
    DocFigure {
        precision: 6,
        source: "F0 Q11 l.1233",
        quote: "precision 6 = ~1km cells",
        stated_km: 1.0,
        plus_minus: false,
        verdict: Verdict::Rough,
        real: "1.22 × 0.61 km at the equator",
    },
    DocFigure {
        precision: 6,
        source: "F4 §6 l.713 and l.771",
        quote: "precision=6 # ~1.2km cell",
        stated_km: 1.2,
        plus_minus: false,
        verdict: Verdict::Correct,
        real: "1.22 km E–W (× 0.61 km N–S) at the equator",
    },
    DocFigure {
        precision: 8,
        source: "F0 Q15 l.2185",
        quote: "8 chars = ±19 m",
        stated_km: 0.019,
        plus_minus: true,
        verdict: Verdict::Correct,
        real: "±19.1 m (cell 38.2 × 19.1 m at the equator)",
    },
];

/// The document figures about `precision`.
pub fn doc_figures(precision: u8) -> impl Iterator<Item = &'static DocFigure> {
    DOC_FIGURES.iter().filter(move |f| f.precision == precision)
}
