//! Seeded businesses (or hotels): uniform over the globe or clustered around cities.

use crate::codec::LatLng;
use crate::distance::KM_PER_DEGREE;
use rand::RngExt;
use serde::{Deserialize, Serialize};

/// Most businesses in one scenario.
pub const MAX_PLACES: u32 = 100_000;

/// How businesses are spread.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Distribution {
    /// Uniform over the sphere's surface (equal area, so fewer per degree near the poles).
    Uniform,
    /// Clustered around [`CITIES`] (95%, Gaussian-like spread), plus 5% uniform background.
    #[default]
    Cities,
}

impl Distribution {
    /// URL text: `uniform` or `cities`.
    pub fn as_str(self) -> &'static str {
        match self {
            Distribution::Uniform => "uniform",
            Distribution::Cities => "cities",
        }
    }

    /// Parses the URL text.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "uniform" => Some(Distribution::Uniform),
            "cities" => Some(Distribution::Cities),
            _ => None,
        }
    }
}

/// A city businesses cluster around.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct City {
    /// Name.
    pub name: &'static str,
    /// Centre.
    pub at: LatLng,
    /// Relative share of the clustered businesses.
    pub weight: f64,
    /// Spread (standard deviation of each offset), km.
    pub spread_km: f64,
}

const fn city(name: &'static str, lat: f64, lng: f64, weight: f64, spread_km: f64) -> City {
    City {
        name,
        at: LatLng::new(lat, lng),
        weight,
        spread_km,
    }
}

/// The cities of the clustered distribution; several sit on geohash trouble spots (London on
/// the prime meridian, Quito and Singapore near the equator, Suva near the date line,
/// Reykjavík far north).
pub const CITIES: &[City] = &[
    city("San Francisco", 37.7749, -122.4194, 8.0, 12.0),
    city("Los Angeles", 34.0522, -118.2437, 9.0, 30.0),
    city("New York", 40.7128, -74.0060, 10.0, 20.0),
    city("Chicago", 41.8781, -87.6298, 5.0, 20.0),
    city("Mexico City", 19.4326, -99.1332, 6.0, 20.0),
    city("São Paulo", -23.5505, -46.6333, 7.0, 25.0),
    city("Quito", -0.1807, -78.4678, 2.0, 8.0),
    city("London", 51.5074, -0.1278, 9.0, 18.0),
    city("Paris", 48.8566, 2.3522, 8.0, 12.0),
    city("Accra", 5.6037, -0.1870, 2.0, 10.0),
    city("Lagos", 6.5244, 3.3792, 5.0, 15.0),
    city("Cairo", 30.0444, 31.2357, 5.0, 15.0),
    city("Reykjavík", 64.1466, -21.9426, 1.0, 6.0),
    city("Moscow", 55.7558, 37.6173, 6.0, 20.0),
    city("Mumbai", 19.0760, 72.8777, 8.0, 15.0),
    city("Singapore", 1.3521, 103.8198, 4.0, 10.0),
    city("Beijing", 39.9042, 116.4074, 8.0, 25.0),
    city("Tokyo", 35.6762, 139.6503, 10.0, 25.0),
    city("Sydney", -33.8688, 151.2093, 5.0, 20.0),
    city("Auckland", -36.8485, 174.7633, 2.0, 10.0),
    city("Suva", -18.1248, 178.4501, 1.0, 6.0),
];

/// A standard-normal-like sample: the sum of four uniforms, centred and scaled to variance 1
/// (bounded at ±3.46, so no far outliers; uses only exact arithmetic).
fn normalish(rng: &mut sdp_kit::rng::LabRng) -> f64 {
    let s: f64 = (0..4).map(|_| rng.random::<f64>()).sum();
    (s - 2.0) * 3f64.sqrt()
}

/// A point uniform over the sphere.
fn uniform_point(rng: &mut sdp_kit::rng::LabRng) -> LatLng {
    let z: f64 = rng.random_range(-1.0..=1.0);
    let lng: f64 = rng.random_range(-180.0..180.0);
    LatLng::new(z.asin().to_degrees(), lng)
}

/// A point around a city, offsets in km turned into degrees at the city's latitude; latitude
/// is clamped to ±90 and longitude wrapped into [−180, 180).
fn city_point(rng: &mut sdp_kit::rng::LabRng, c: &City) -> LatLng {
    let north = normalish(rng) * c.spread_km;
    let east = normalish(rng) * c.spread_km;
    let lat = (c.at.lat + north / KM_PER_DEGREE).clamp(-90.0, 90.0);
    let cos = c.at.lat.to_radians().cos().max(0.01);
    let lng = (c.at.lng + east / (KM_PER_DEGREE * cos) + 180.0).rem_euclid(360.0) - 180.0;
    LatLng::new(lat, lng)
}

/// Picks a city by weight.
pub fn pick_city(rng: &mut sdp_kit::rng::LabRng) -> &'static City {
    let total: f64 = CITIES.iter().map(|c| c.weight).sum();
    let mut x = rng.random::<f64>() * total;
    for c in CITIES {
        if x < c.weight {
            return c;
        }
        x -= c.weight;
    }
    &CITIES[CITIES.len() - 1]
}

/// `n` (capped at [`MAX_PLACES`]) seeded places.
///
/// ```
/// use sdp_lab_geohash::places::{generate, Distribution};
/// let a = generate(1000, Distribution::Cities, 7);
/// assert_eq!(a, generate(1000, Distribution::Cities, 7));
/// assert_eq!(a.len(), 1000);
/// ```
pub fn generate(n: u32, dist: Distribution, seed: u64) -> Vec<LatLng> {
    let mut rng = sdp_kit::rng::seeded(seed);
    (0..n.min(MAX_PLACES))
        .map(|_| match dist {
            Distribution::Uniform => uniform_point(&mut rng),
            Distribution::Cities => {
                if rng.random::<f64>() < 0.05 {
                    uniform_point(&mut rng)
                } else {
                    let c = pick_city(&mut rng);
                    city_point(&mut rng, c)
                }
            }
        })
        .collect()
}

/// A point near a city drawn like the clustered places (used for query streams).
pub fn near_city(rng: &mut sdp_kit::rng::LabRng, c: &City) -> LatLng {
    city_point(rng, c)
}
