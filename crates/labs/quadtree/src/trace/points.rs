//! The seeded points of a scenario.

use crate::cities::CITIES;
use crate::geo::KM_PER_DEGREE_LAT;
use crate::{CLUSTER_SIGMA_KM, Distribution, MAX_POINTS, Params};
use rand::RngExt;

/// The seeded points: uniform over the boundary, or clustered around the cities inside it
/// (eight seeded centres when no city is inside). Cluster offsets are Irwin–Hall (sum of three
/// uniforms) with standard deviation [`CLUSTER_SIGMA_KM`] per axis, so no platform `cos`/`ln`
/// is involved.
pub(crate) fn generate_points(p: &Params, seed: u64) -> Vec<(f64, f64)> {
    let mut rng = sdp_kit::rng::seeded(seed);
    let b = p.bounds;
    let n = p.points.min(MAX_POINTS) as usize;
    let clamp = |x: f64, y: f64| (x.clamp(b.min_x, b.max_x), y.clamp(b.min_y, b.max_y));
    match p.dist {
        Distribution::Uniform => (0..n)
            .map(|_| {
                let (u, v): (f64, f64) = (rng.random(), rng.random());
                clamp(b.min_x + u * b.width(), b.min_y + v * b.height())
            })
            .collect(),
        Distribution::Cities => {
            let mut centres: Vec<(f64, f64, f64)> = CITIES
                .iter()
                .filter(|c| b.contains(c.lng, c.lat))
                .map(|c| (c.lng, c.lat, c.cos_lat))
                .collect();
            if centres.is_empty() {
                centres = (0..8)
                    .map(|_| {
                        let (u, v): (f64, f64) = (rng.random(), rng.random());
                        (b.min_x + u * b.width(), b.min_y + v * b.height(), 1.0)
                    })
                    .collect();
            }
            (0..n)
                .map(|_| {
                    let (cx, cy, cos_lat) = centres[rng.random_range(0..centres.len())];
                    let mut irwin = || {
                        let s: f64 =
                            rng.random::<f64>() + rng.random::<f64>() + rng.random::<f64>();
                        (s - 1.5) * 2.0 * CLUSTER_SIGMA_KM
                    };
                    let (dx_km, dy_km) = (irwin(), irwin());
                    clamp(
                        cx + dx_km / (KM_PER_DEGREE_LAT * cos_lat),
                        cy + dy_km / KM_PER_DEGREE_LAT,
                    )
                })
                .collect()
        }
    }
}
