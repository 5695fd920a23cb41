//! What the view draws, computed natively: the plane's viewport (degrees ↔ pixels), how a click
//! and a drag become actions, what a step zooms on, a query's marks, the tree panel's
//! aggregates and the controls' text parsing.
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::{Contract, Trace};
use sdp_lab_quadtree::layout::form::{bounds_text, coordinate, parse_bounds};
use sdp_lab_quadtree::layout::marks::{Mark, query_marks};
use sdp_lab_quadtree::layout::plane::{
    self, COMPARE_H, COMPARE_W, PLANE_W, Viewport, click_point, compare_viewport, describe,
    drag_query, focus_rect, is_drag, main_viewport, plane_height, query_rect,
};
use sdp_lab_quadtree::layout::tree::{focus_node, node_marks, node_stats, path_to};
use sdp_lab_quadtree::tree::Rect;
use sdp_lab_quadtree::{Action, Focus, QuadtreeLab, QueryPhase, State, WORLD};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn default_trace() -> Trace<State> {
    QuadtreeLab::run(&QuadtreeLab::default_scenario()).unwrap()
}

fn query_step(t: &Trace<State>, phase: QueryPhase) -> &State {
    &t.steps
        .iter()
        .find(|s| matches!(s.state.query(), Some((_, c)) if c.phase == phase))
        .unwrap()
        .state
}

#[test]
fn viewport_maps_degrees_to_pixels_and_back() {
    let vp = Viewport::fit(WORLD, PLANE_W, plane_height(&WORLD));
    assert_eq!(plane_height(&WORLD), 480.0);
    assert!(close(vp.scale, 960.0 / 360.0));
    // North up: the top-left corner is (-180, 90), the bottom-right (180, -90).
    assert_eq!(vp.to_px(-180.0, 90.0), (0.0, 0.0));
    let (x, y) = vp.to_px(180.0, -90.0);
    assert!(close(x, 960.0) && close(y, 480.0));
    let (lng, lat) = vp.to_deg(480.0, 240.0);
    assert!(close(lng, 0.0) && close(lat, 0.0));
    // A tall view is letterboxed: one scale for both axes, centred.
    let tall = Viewport::fit(Rect::new(0.0, 0.0, 10.0, 40.0), 960.0, 480.0);
    assert!(close(tall.scale, 12.0));
    let (x0, _) = tall.to_px(0.0, 0.0);
    let (x1, _) = tall.to_px(10.0, 0.0);
    assert!(close(x0 + x1, 960.0), "centred: {x0} {x1}");
    for (lng, lat) in [(10.75, 59.91), (-122.4, 37.8), (179.9, -89.9)] {
        let (px, py) = vp.to_px(lng, lat);
        let (a, b) = vp.to_deg(px, py);
        assert!(close(a, lng) && close(b, lat));
    }
    let (x, y, w, h) = vp.rect_px(&WORLD);
    assert!(close(x, 0.0) && close(y, 0.0) && close(w, 960.0) && close(h, 480.0));
    let seen = vp.visible();
    assert!(close(seen.width(), 360.0) && close(seen.height(), 180.0));
}

#[test]
fn the_canvas_keeps_degrees_square_within_limits() {
    // Europe (70° × 38°) is wider than tall; a thin strip is clamped to 0.3 of the width.
    assert_eq!(plane_height(&Rect::new(-25.0, 34.0, 45.0, 72.0)), 521.0);
    assert_eq!(plane_height(&Rect::new(0.0, 0.0, 100.0, 1.0)), 288.0);
    assert_eq!(plane_height(&Rect::new(0.0, 0.0, 1.0, 100.0)), 720.0);
}

#[test]
fn a_click_becomes_a_point_rounded_to_what_a_pixel_resolves() {
    let vp = Viewport::fit(WORLD, PLANE_W, 480.0);
    // 0.375° per pixel: one decimal.
    assert_eq!(vp.decimals(), 1);
    let (lng, lat) = click_point(&vp, &WORLD, 480.0, 240.0).unwrap();
    assert_eq!((lng, lat), (0.0, 0.0));
    let (lng, lat) = click_point(&vp, &WORLD, 100.3, 50.9).unwrap();
    assert_eq!(lng, ((100.3 * 0.375 - 180.0) * 10.0f64).round() / 10.0);
    assert_eq!(lat, ((90.0 - 50.9 * 0.375) * 10.0f64).round() / 10.0);
    // The corner pixel stays inside the boundary after rounding.
    let (lng, lat) = click_point(&vp, &WORLD, 0.0, 0.0).unwrap();
    assert!(WORLD.contains(lng, lat));
    // A close-up resolves more decimals.
    let zoom = Viewport::fit(Rect::new(10.0, 59.0, 11.0, 60.0), 960.0, 480.0);
    assert_eq!(zoom.decimals(), 3);
    assert_eq!(click_point(&vp, &WORLD, f64::NAN, 0.0), None);
}

#[test]
fn a_drag_becomes_a_query_whose_radius_is_the_great_circle_distance() {
    let vp = Viewport::fit(WORLD, PLANE_W, 480.0);
    let (cx, cy) = vp.to_px(0.0, 0.0);
    let (ex, ey) = vp.to_px(10.0, 0.0);
    let (lng, lat, km) = drag_query(&vp, cx, cy, ex, ey).unwrap();
    assert_eq!((lng, lat), (0.0, 0.0));
    // 10° along the equator is 1 111.95 km.
    assert!((km - 1112.0).abs() <= 1.0, "{km}");
    let (_, _, tiny) = drag_query(&vp, cx, cy, cx, cy).unwrap();
    assert!(tiny > 0.0, "the radius is never 0");
    // More than 6 CSS pixels is a drag, whatever the canvas scale.
    assert!(!is_drag((0.0, 0.0), (5.0, 0.0), 1.0));
    assert!(is_drag((0.0, 0.0), (7.0, 0.0), 1.0));
    assert!(!is_drag((0.0, 0.0), (10.0, 0.0), 2.0));
}

#[test]
fn the_action_a_click_makes_is_accepted_by_the_lab() {
    let vp = Viewport::fit(WORLD, PLANE_W, 480.0);
    let (lng, lat) = click_point(&vp, &WORLD, 300.0, 120.0).unwrap();
    let mut s = QuadtreeLab::default_scenario();
    s.actions.push(Action::AddPoint { lng, lat });
    assert!(QuadtreeLab::validate(&s).is_empty());
    let (_, _, km) = drag_query(&vp, 300.0, 120.0, 330.0, 140.0).unwrap();
    s.actions.push(Action::Query {
        lng,
        lat,
        radius_km: km,
    });
    assert!(QuadtreeLab::validate(&s).is_empty());
}

#[test]
fn the_plane_zooms_on_the_query_and_tree_aggregates_add_up() {
    let trace = default_trace();
    let s = query_step(&trace, QueryPhase::Walk);
    let view = focus_rect(s, true);
    assert!(
        view.width() < 60.0 && view.contains(10.75, 59.91),
        "{view:?}"
    );
    assert_eq!(focus_rect(s, false), WORLD);
    assert_eq!(
        main_viewport(s, false),
        Viewport::fit(WORLD, PLANE_W, 480.0)
    );
    let w = &s.world;
    let stats = node_stats(w, s.epoch);
    let alive = plane::alive_points(w, s.epoch) as u32;
    assert_eq!(stats.points[0], alive, "the root holds every point");
    // Each point is in exactly one leaf: leaf counts add up to all points.
    let leaves: u32 = (0..stats.points.len())
        .filter(|&i| w.nodes[i].split > s.epoch)
        .map(|i| stats.points[i])
        .sum();
    assert_eq!(leaves, alive);
    assert_eq!(stats.nodes[0] as usize, stats.points.len());
    assert_eq!(stats.points.len(), plane::alive_nodes(w, s.epoch));
    // The panel expands down to the node being tested.
    let node = focus_node(s).unwrap();
    let path = path_to(w, node);
    assert_eq!(path.first(), Some(&0));
    assert_eq!(path.last(), Some(&node));
    // The first walk step tests the root and visits it.
    assert_eq!(node_marks(s).get(&0), Some(&true));
    // Every insert step's focus is a node on the plane.
    for st in &trace.steps {
        if let Focus::Placed { path, .. } = &st.state.focus {
            assert_eq!(focus_node(&st.state), path.last().copied());
        }
    }
}

#[test]
fn a_query_step_marks_its_points_and_the_comparison_fits_both_shapes() {
    let trace = default_trace();
    let s = query_step(&trace, QueryPhase::Compare);
    let (q, c) = s.query().unwrap();
    // The default query at 60° N: the document's circle misses 26 of 51 true hits.
    let marks = query_marks(q, c.count as usize, c.phase, &q.doc);
    let missed = marks.iter().filter(|(_, m)| *m == Mark::Missed).count();
    let results = marks.iter().filter(|(_, m)| *m == Mark::Result).count();
    assert_eq!((missed, results, q.truth.len()), (26, 25, 51));
    assert!(
        query_marks(q, c.count as usize, QueryPhase::Filter, &q.doc)
            .iter()
            .all(|(_, m)| *m != Mark::Missed),
        "missed points belong to the comparison step"
    );
    assert!(query_marks(q, 0, QueryPhase::Start, &q.doc).is_empty());
    // The comparison canvases hold both shapes and the true circle.
    let vp = compare_viewport(q);
    assert_eq!((vp.w, vp.h), (COMPARE_W, COMPARE_H));
    let need = query_rect(q);
    let seen = vp.visible();
    assert!(seen.contains(need.min_x, need.min_y) && seen.contains(need.max_x, need.max_y));
    assert!(
        describe(s).contains("Radius query of 500 km"),
        "{}",
        describe(s)
    );
}

#[test]
fn the_walk_marks_checked_points_as_candidates_or_outside() {
    let trace = default_trace();
    let walk: Vec<&State> = trace
        .steps
        .iter()
        .map(|st| &st.state)
        .filter(|s| matches!(s.query(), Some((_, c)) if c.phase == QueryPhase::Walk))
        .collect();
    let last = walk.last().unwrap();
    let (q, c) = last.query().unwrap();
    let marks = query_marks(q, c.count as usize, c.phase, q.stepped_outcome());
    let candidates = marks.iter().filter(|(_, m)| *m == Mark::Candidate).count();
    assert_eq!(candidates, q.stepped_outcome().candidates.len());
    assert!(
        marks
            .iter()
            .all(|(_, m)| matches!(m, Mark::Candidate | Mark::Outside))
    );
}

#[test]
fn the_boundary_text_round_trips_and_junk_is_refused() {
    let r = parse_bounds("-25, 34, 45, 72").unwrap();
    assert_eq!(r, Rect::new(-25.0, 34.0, 45.0, 72.0));
    assert_eq!(parse_bounds(&bounds_text(&r)).unwrap(), r);
    let e = parse_bounds("1,2,three,4").unwrap_err();
    assert!(e.contains("four numbers"), "{e}");
    assert!(parse_bounds("1,2,3").is_err());
    assert_eq!(
        coordinate("Longitude", "east").unwrap_err(),
        "Longitude: type a number (got “east”)"
    );
    assert!(coordinate("Radius", "inf").is_err());
}
