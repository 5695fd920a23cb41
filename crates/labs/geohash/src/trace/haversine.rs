//! Haversine mode: Δlat, Δlon, a, c, d one at a time, and the F4 §12 geofence check.

use crate::codec::LatLng;
use crate::distance::{EARTH_RADIUS_KM, HaversineSteps, great_circle_points, haversine_steps};
use crate::format::{deg, km, point};
use crate::text::proc_ids::{GEOFENCE, HAVERSINE};
use crate::{ARC_POINTS, Action, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A geofence around the first point (F4 §12, catalogue M2.9).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fence {
    /// Fence centre (the first point).
    pub centre: LatLng,
    /// Radius, metres.
    pub radius_m: u32,
    /// The second point's distance from the centre, metres.
    pub distance_m: f64,
    /// `distance_m` ≤ `radius_m`: the location is shared.
    pub inside: bool,
    /// What F4's code would answer comparing haversine's km with `radius_meters` unconverted.
    pub unconverted_inside: bool,
}

/// One distance, shared by its steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HaversineCalc {
    /// First point (lat1, lon1).
    pub from: LatLng,
    /// Second point (lat2, lon2).
    pub to: LatLng,
    /// Every intermediate value.
    pub values: HaversineSteps,
    /// The great-circle arc from `from` to `to` (degrees), for drawing.
    pub arc: Vec<LatLng>,
    /// The geofence check, when a fence radius is set.
    pub fence: Option<Fence>,
}

/// What a haversine step shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HaversinePhase {
    /// The two points and R.
    Inputs,
    /// Δlat and Δlon (degrees and radians).
    Deltas,
    /// a.
    A,
    /// c (both forms).
    C,
    /// d = R·c; draw the arc.
    Distance,
    /// The geofence verdict.
    Fence,
}

/// The state of a haversine step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HaversineState {
    /// The calculation.
    pub calc: Arc<HaversineCalc>,
    /// Which calculation (0 = from the parameters, then one per action).
    pub calc_index: u32,
    /// Values revealed so far: show those up to this phase.
    pub phase: HaversinePhase,
}

fn calc(from: LatLng, to: LatLng, fence_m: u32) -> HaversineCalc {
    let values = haversine_steps(from, to, EARTH_RADIUS_KM);
    let fence = (fence_m > 0).then(|| {
        let distance_m = values.d_km * 1000.0;
        Fence {
            centre: from,
            radius_m: fence_m,
            distance_m,
            inside: distance_m <= f64::from(fence_m),
            unconverted_inside: values.d_km <= f64::from(fence_m),
        }
    });
    HaversineCalc {
        from,
        to,
        arc: great_circle_points(from, to, ARC_POINTS),
        values,
        fence,
    }
}

fn metrics(v: &HaversineSteps, phase: HaversinePhase) -> Vec<Metric> {
    let mut m = Vec::new();
    let at_least = |p: HaversinePhase| phase as u8 >= p as u8;
    if at_least(HaversinePhase::Deltas) {
        m.push(Metric::new(
            "Δlat",
            v.dlat_rad,
            format!("{}° = {:.6} rad", deg(v.dlat_deg), v.dlat_rad),
        ));
        m.push(Metric::new(
            "Δlon",
            v.dlng_rad,
            format!("{}° = {:.6} rad", deg(v.dlng_deg), v.dlng_rad),
        ));
    }
    if at_least(HaversinePhase::A) {
        m.push(Metric::new("a", v.a, format!("{:.9}", v.a)));
    }
    if at_least(HaversinePhase::C) {
        m.push(Metric::new("c", v.c, format!("{:.9} rad", v.c)));
    }
    if at_least(HaversinePhase::Distance) {
        m.push(Metric::new("d", v.d_km, format!("{:.3} km", v.d_km)));
    }
    m
}

fn calc_steps(steps: &mut Vec<Step<State>>, c: HaversineCalc, calc_index: u32) {
    let c = Arc::new(c);
    let v = c.values;
    let push = |steps: &mut Vec<Step<State>>, phase, narration: String, lines: LinesRun| {
        steps.push(Step {
            state: State::Haversine(HaversineState {
                calc: c.clone(),
                calc_index,
                phase,
            }),
            narration,
            lines,
            metrics: metrics(&v, phase),
        });
    };
    push(
        steps,
        HaversinePhase::Inputs,
        format!(
            "Distance from {} to {} on a sphere of radius R = {} km.",
            point(c.from),
            point(c.to),
            v.radius_km
        ),
        LinesRun::new(HAVERSINE, &[2]),
    );
    push(
        steps,
        HaversinePhase::Deltas,
        format!(
            "Δlat = {}° = {:.6} rad and Δlon = {}° = {:.6} rad.",
            deg(v.dlat_deg),
            v.dlat_rad,
            deg(v.dlng_deg),
            v.dlng_rad
        ),
        LinesRun::new(HAVERSINE, &[0]),
    );
    push(
        steps,
        HaversinePhase::A,
        format!(
            "a = sin²(Δlat/2) + cos(lat1)·cos(lat2)·sin²(Δlon/2) = {:.9} + {:.6} × {:.6} × {:.9} = {:.9}.",
            (v.dlat_rad / 2.0).sin().powi(2),
            v.cos_lat1,
            v.cos_lat2,
            (v.dlng_rad / 2.0).sin().powi(2),
            v.a
        ),
        LinesRun::new(HAVERSINE, &[0]),
    );
    push(
        steps,
        HaversinePhase::C,
        format!(
            "c = 2·atan2(√a, √(1−a)) = {:.9} rad; F0's 2·asin(√a) gives {:.9}, the same angle.",
            v.c, v.c_asin
        ),
        LinesRun::new(HAVERSINE, &[1, 3]),
    );
    push(
        steps,
        HaversinePhase::Distance,
        format!(
            "d = R·c = {} × {:.9} = {:.3} km ({}).",
            v.radius_km,
            v.c,
            v.d_km,
            km(v.d_km)
        ),
        LinesRun::new(HAVERSINE, &[2]),
    );
    if let Some(f) = c.fence {
        let verdict = if f.inside {
            "inside: shared"
        } else {
            "outside: not shared"
        };
        let unconverted = if f.unconverted_inside == f.inside {
            "Comparing km with metres unconverted happens to agree here".to_string()
        } else {
            format!(
                "Comparing {:.3} (km) with {} (metres) unconverted, as F4's code does, would wrongly say {}",
                v.d_km,
                f.radius_m,
                if f.unconverted_inside {
                    "inside"
                } else {
                    "outside"
                }
            )
        };
        push(
            steps,
            HaversinePhase::Fence,
            format!(
                "Geofence of {} m around {}: {:.0} m → {verdict}. {unconverted}.",
                f.radius_m,
                point(f.centre),
                f.distance_m
            ),
            LinesRun::new(GEOFENCE, &[0, 3, 4, 5]),
        );
    }
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Vec<Step<State>> {
    let p = &s.params;
    let mut steps = Vec::new();
    calc_steps(
        &mut steps,
        calc(
            LatLng::new(p.lat, p.lng),
            LatLng::new(p.to_lat, p.to_lng),
            p.fence_m,
        ),
        0,
    );
    let mut index = 0;
    for a in &s.actions {
        if let Action::Distance { from, to } = a {
            index += 1;
            calc_steps(&mut steps, calc(*from, *to, p.fence_m), index);
        }
    }
    steps
}
