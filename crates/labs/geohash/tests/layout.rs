//! What the view draws, computed natively (the browser tests only mount the page): the map's
//! projection, zoom, pan and picks, the grid's drawability rule, lines and labels, clipping
//! across the date line, the coastline parser, gestures, and each mode's framing.

use sdp_kit::lab::Contract;
use sdp_lab_geohash::codec::{BBox, Cell, LatLng};
use sdp_lab_geohash::layout::clip::{
    PathPiece, clip_polygon, clip_segment, path_pieces, rect_pieces, unwrap_ring,
};
use sdp_lab_geohash::layout::coast::{self, CoastStatus, coast_pieces, tile_size};
use sdp_lab_geohash::layout::frame::{bbox_of_points, near, stretch_note, widened};
use sdp_lab_geohash::layout::gesture::Gesture;
use sdp_lab_geohash::layout::grid::{
    GridChoice, MIN_CELL_PX, clampf, grid_labels, grid_lines, label_width, resolve_grid,
};
use sdp_lab_geohash::layout::view::{View, WORLD, map_aspect, wheel_factor, wrap_lng};
use sdp_lab_geohash::layout::{encode, search, shards, sizes, svg_path};
use sdp_lab_geohash::{GeohashLab, Mode, State, example_scenario};

fn close(a: f64, b: f64, eps: f64) -> bool {
    (a - b).abs() <= eps
}

#[test]
fn projection_round_trips_and_fits() {
    let b = BBox {
        south: 49.21875,
        north: 50.625,
        west: 0.0,
        east: 1.40625,
    };
    let v = View::fit(b, 2.0);
    let p = v.projection(800.0, 400.0);
    // The box is inside the view, and the view is not much bigger.
    assert!(p.west <= b.west && p.east() >= b.east && p.north >= b.north && p.south() <= b.south);
    assert!(p.north - p.south() < 3.0 * b.height());
    // Pixel → degrees → pixel.
    for (x, y) in [(0.0, 0.0), (400.0, 200.0), (799.0, 13.5)] {
        let (lat, lng) = p.unproject(x, y);
        assert!(close(p.x(lng), x, 1e-6) && close(p.y(lat), y, 1e-6));
    }
    // Same scale on both axes (plate carrée).
    assert!(close(
        p.x(p.west + 1.0) - p.x(p.west),
        p.y(0.0) - p.y(1.0),
        1e-9
    ));
}

#[test]
fn a_pick_wraps_rounds_and_clamps() {
    // A view centred on the date line: the right half is east of 180.
    let v = View {
        centre: LatLng::new(0.0, 179.0),
        lat_span: 10.0,
    };
    let p = v.projection(200.0, 100.0);
    let east = p.pick(180.0, 50.0);
    assert!(east.lng < 0.0 && east.lng > -180.0, "{east:?}");
    assert!(close(east.lng, wrap_lng(p.unproject(180.0, 50.0).1), 1e-6));
    // Rounded to 6 decimals.
    let q = View {
        centre: LatLng::new(37.123456789, -122.987654321),
        lat_span: 0.001,
    }
    .projection(300.0, 300.0)
    .pick(150.0, 150.0);
    assert_eq!(q, LatLng::new(37.123457, -122.987654));
    // Beyond the pole clamps to it.
    let w = View::fit(WORLD, 1.0).projection(100.0, 100.0);
    assert_eq!(w.pick(50.0, 0.0).lat, 90.0);
}

#[test]
fn zoom_keeps_the_point_under_the_cursor_and_pan_moves_the_content() {
    let v = View {
        centre: LatLng::new(40.0, -100.0),
        lat_span: 20.0,
    };
    let (w, h) = (600.0, 300.0);
    let before = v.projection(w, h).unproject(120.0, 80.0);
    let z = v.zoom_at(0.5, 120.0, 80.0, w, h);
    assert!(close(z.lat_span, 10.0, 1e-12));
    let after = z.projection(w, h).unproject(120.0, 80.0);
    assert!(close(before.0, after.0, 1e-9) && close(before.1, after.1, 1e-9));
    // Dragging right by 30 px moves the map east: the centre goes west by 30/k degrees.
    let k = h / v.lat_span;
    let d = v.dragged(30.0, 0.0, h);
    assert!(close(d.centre.lng, -100.0 - 30.0 / k, 1e-9));
    // Limits: no zooming out past the limit, no wandering off the globe.
    assert!(v.zoom(1e9).lat_span <= 400.0);
    assert!(v.pan_by(0.0, 100.0).centre.lat < 90.0);
    assert!(v.pan_by(10.0, 0.0).centre.lng >= -180.0 && v.pan_by(10.0, 0.0).centre.lng < 180.0);
}

#[test]
fn keys_wheel_and_window_width_move_the_view_as_the_toolbar_says() {
    let v = View {
        centre: LatLng::new(0.0, 0.0),
        lat_span: 20.0,
    };
    assert!(v.after_key("ArrowRight").unwrap().centre.lng > 0.0);
    assert!(v.after_key("ArrowUp").unwrap().centre.lat > 0.0);
    assert!(close(v.after_key("+").unwrap().lat_span, 10.0, 1e-12));
    assert!(close(v.after_key("-").unwrap().lat_span, 40.0, 1e-12));
    assert_eq!(v.after_key("x"), None);
    // A wheel turn down zooms out, up zooms in; lines and pages count more than pixels.
    assert!(wheel_factor(100.0, 0) > 1.0 && wheel_factor(-100.0, 0) < 1.0);
    assert!(wheel_factor(3.0, 1) > wheel_factor(3.0, 0));
    assert!(wheel_factor(1e9, 2) <= std::f64::consts::E);
    assert_eq!(map_aspect(2.0, 1280.0), 2.0);
    assert_eq!(map_aspect(2.0, 390.0), 1.3);
}

#[test]
fn shifts_repeat_shapes_across_the_date_line() {
    let p = View {
        centre: LatLng::new(0.0, 180.0),
        lat_span: 20.0,
    }
    .clamped()
    .projection(400.0, 200.0);
    // A cell just west of 180 and one just east of −180 are both visible, side by side.
    let west: Vec<f64> = p.shifts(179.0, 180.0).collect();
    let east: Vec<f64> = p.shifts(-180.0, -179.0).collect();
    assert_eq!(west.len(), 1);
    assert_eq!(east.len(), 1);
    let x_west = p.x(180.0 + west[0]);
    let x_east = p.x(-180.0 + east[0]);
    assert!(close(x_west, x_east, 1e-6), "{x_west} {x_east}");
    // The same box drawn as rectangles: one copy on each side of the line, touching.
    let cell = BBox {
        south: -1.0,
        north: 1.0,
        west: 179.0,
        east: 180.0,
    };
    let pieces = rect_pieces(&p, &cell, &p.clip_box(10.0));
    assert_eq!(pieces.len(), 1);
    assert!(close(pieces[0].full.1, p.w / 2.0, 1e-6), "{pieces:?}");
}

#[test]
fn the_grid_is_drawn_only_where_its_cells_show() {
    let world = View::fit(WORLD, 2.0).projection(1000.0, 500.0);
    assert_eq!(resolve_grid(GridChoice::Fixed(2), 1, &world).0, Some(2));
    let (none, note) = resolve_grid(GridChoice::Fixed(6), 1, &world);
    assert_eq!(none, None);
    assert!(note.unwrap().contains("zoom in"));
    // Auto falls back to the finest precision whose cells are at least MIN_CELL_PX wide.
    let (p, note) = resolve_grid(GridChoice::Auto, 8, &world);
    let p = p.unwrap();
    let (dlat, dlng) = Cell::size_deg(p);
    assert!(dlat.min(dlng) * world.k >= MIN_CELL_PX);
    let (dlat, dlng) = Cell::size_deg(p + 1);
    assert!(dlat.min(dlng) * world.k < MIN_CELL_PX);
    assert!(note.is_some());
    assert_eq!(resolve_grid(GridChoice::Off, 3, &world), (None, None));
    // The toolbar's menu values round-trip.
    for c in [GridChoice::Off, GridChoice::Auto, GridChoice::Fixed(7)] {
        assert_eq!(GridChoice::from_value(&c.value()), c);
    }
    assert_eq!(GridChoice::from_value("junk"), GridChoice::Auto);
}

#[test]
fn grid_lines_and_labels_cover_the_view_at_every_precision() {
    assert_eq!(clampf(5.0, 10.0, 0.0), 5.0);
    assert_eq!(clampf(-1.0, 0.0, 10.0), 0.0);
    for p in 1..=12u8 {
        let (dlat, dlng) = Cell::size_deg(p);
        // Cells exactly as wide as their labels need, exactly as tall, and just drawable.
        for k in [
            (label_width(usize::from(p)) + 8.0) / dlng,
            18.0 / dlat,
            MIN_CELL_PX / dlat.min(dlng),
        ] {
            let proj = View {
                centre: LatLng::new(-33.9, 151.2),
                lat_span: 360.0 / k,
            }
            .clamped()
            .projection(640.0, 360.0);
            let lines = grid_lines(&proj, p, 2.0, 2.0).expect("the globe is in view");
            assert!(lines.xs.len() >= 2 && lines.ys.len() >= 2, "p{p}");
            assert!(lines.top >= 0.0 && lines.bottom <= proj.h);
            if let Some(labels) = grid_labels(&proj, p) {
                assert!(!labels.cells.is_empty());
                for (cell, x, y) in &labels.cells {
                    assert_eq!(cell.precision, p);
                    assert!(x.is_finite() && y.is_finite());
                }
            }
        }
    }
}

#[test]
fn clipping_keeps_what_is_inside() {
    let b = BBox {
        south: 0.0,
        north: 10.0,
        west: 0.0,
        east: 10.0,
    };
    let square = [(-5.0, -5.0), (15.0, -5.0), (15.0, 15.0), (-5.0, 15.0)];
    let clipped = clip_polygon(&square, &b);
    assert_eq!(clipped.len(), 4);
    assert!(
        clipped
            .iter()
            .all(|&(x, y)| (0.0..=10.0).contains(&x) && (0.0..=10.0).contains(&y))
    );
    assert!(clip_polygon(&[(20.0, 20.0), (30.0, 20.0), (30.0, 30.0)], &b).is_empty());
    let (a, c) = clip_segment((-10.0, 5.0), (20.0, 5.0), &b).unwrap();
    assert_eq!((a, c), ((0.0, 5.0), (10.0, 5.0)));
    assert!(clip_segment((-10.0, 20.0), (20.0, 20.0), &b).is_none());
    // A ring around the North Pole is closed along the pole.
    let ring: Vec<LatLng> = (0..12)
        .map(|i| LatLng::new(80.0, -180.0 + 30.0 * f64::from(i)))
        .collect();
    let u = unwrap_ring(&ring);
    assert_eq!(u.last().unwrap().1, 90.0);
    // An open line is cut into segments inside the clip box, in pixels.
    let proj = View::fit(b, 1.0).projection(100.0, 100.0);
    let pieces = path_pieces(&proj, &[(-5.0, 5.0), (5.0, 5.0), (15.0, 5.0)], false, &b);
    assert_eq!(pieces.len(), 2);
    assert!(pieces.iter().all(|p| matches!(p, PathPiece::Segment(..))));
}

#[test]
fn the_coastline_parser_accepts_the_asset_format_and_refuses_damage() {
    let c = coast::parse(r#"{"unit":0.5,"rings":[[2,4,2,0,0,2],[-2,-2,1,0,0,-1]]}"#).unwrap();
    assert_eq!(c.rings.len(), 2);
    assert_eq!(c.rings[0].pts, vec![(1.0, 2.0), (2.0, 2.0), (2.0, 3.0)]);
    assert_eq!(c.rings[1].bbox.west, -1.0);
    assert_eq!(c.points(), 6);
    for bad in [
        "",
        "garbage",
        r#"{"unit":0.5,"rings":[]}"#,
        r#"{"unit":0.5,"rings":[[1,2,3]]}"#,
        r#"{"unit":0.5,"rings":[[1000,2,0,0,0,0]]}"#,
    ] {
        assert!(coast::parse(bad).is_err(), "{bad}");
    }
    // What the map says about it.
    let ready =
        CoastStatus::from_download(Ok(r#"{"unit":0.5,"rings":[[2,4,2,0,0,2]]}"#.to_string()));
    assert_eq!(ready.word(), "ready");
    assert!(ready.note().is_none());
    let damaged = CoastStatus::from_download(Ok(r#"{"nonsense": true}"#.to_string()));
    assert_eq!(damaged.word(), "failed");
    assert!(
        damaged
            .note()
            .unwrap()
            .starts_with("The coastline could not be loaded (the file is damaged")
    );
    assert_eq!(CoastStatus::Loading.word(), "loading");
    // Rings in view, in every copy of the globe; tiles only while they stay small.
    let proj = View::fit(WORLD, 2.0).projection(800.0, 400.0);
    assert_eq!(coast_pieces(&proj, &c, &proj.clip_box(20.0)).len(), 2);
    assert!(tile_size(1.0, 1.0, 800.0 * 400.0).is_some());
    assert!(tile_size(100.0, 2.0, 800.0 * 400.0).is_none());
    // A tile much larger than the map costs more than the land in view.
    assert!(tile_size(2.2, 1.0, 800.0 * 400.0).is_some());
    assert!(tile_size(4.0, 1.0, 800.0 * 400.0).is_none());
}

#[test]
fn a_press_is_a_click_until_it_moves_and_two_pointers_pinch() {
    let view = View {
        centre: LatLng::new(0.0, 0.0),
        lat_span: 20.0,
    };
    let size = (400.0, 200.0);
    let mut g = Gesture::default();
    g.down(1, 100.0, 100.0);
    assert_eq!(g.moved_to(1, (102.0, 101.0), size, view), None);
    assert!(g.up(1, true), "a small wobble is still a click");
    let mut g = Gesture::default();
    g.down(1, 100.0, 100.0);
    let dragged = g.moved_to(1, (140.0, 100.0), size, view).unwrap();
    assert!(
        dragged.centre.lng < 0.0,
        "dragging right shows what lies west"
    );
    assert!(!g.up(1, true), "a drag is not a click");
    let mut g = Gesture::default();
    g.down(1, 100.0, 100.0);
    g.down(2, 200.0, 100.0);
    let pinched = g.moved_to(2, (300.0, 100.0), size, view).unwrap();
    assert!(
        pinched.lat_span < view.lat_span,
        "spreading the fingers zooms in"
    );
    assert!(!g.up(2, true) && !g.up(1, true));
    let mut g = Gesture::default();
    g.down(1, 100.0, 100.0);
    assert!(!g.up(1, false), "a cancelled press is not a click");
}

#[test]
fn frames_join_boxes_across_the_date_line() {
    let b = bbox_of_points(&[LatLng::new(0.0, 170.0), LatLng::new(1.0, -170.0)]).unwrap();
    assert_eq!((b.west, b.east), (170.0, 190.0));
    let moved = near(b, -175.0);
    assert!(close(moved.west, -190.0, 1e-9) && close(moved.east, -170.0, 1e-9));
    let w = widened(b, 1.0);
    assert!(close(w.height(), 3.0 * b.height(), 1e-9));
    assert!(stretch_note(10.0).is_none());
    assert!(stretch_note(60.0).unwrap().contains("2.00 times wider"));
    assert_eq!(svg_path([(0.0, 1.0), (2.0, 3.0)]), "M0.0,1.0L2.0,3.0");
}

fn states(mode: Mode) -> Vec<State> {
    GeohashLab::run(&example_scenario(mode))
        .unwrap()
        .steps
        .into_iter()
        .map(|s| s.state)
        .collect()
}

#[test]
fn encode_frames_the_box_of_the_character_being_worked_on() {
    let all = states(Mode::Encode);
    let mut saw_bit = false;
    for st in &all {
        let State::Encode(s) = st else {
            panic!("encode state")
        };
        let (fit, precision) = encode::encode_fit(s);
        assert!((1..=12).contains(&precision));
        let c = s.current;
        assert!(
            fit.south <= c.south + 1e-9 && fit.north >= c.north - 1e-9,
            "the current box is framed"
        );
        if let Some((before, bit)) = encode::before_bit(s) {
            saw_bit = true;
            assert!(before.height() >= c.height() && before.width() >= c.width());
            assert!(bit.lo <= bit.mid && bit.mid <= bit.hi);
        }
        assert!(encode::describe(s).starts_with("World map."));
        for axis in [
            sdp_lab_geohash::codec::Axis::Lng,
            sdp_lab_geohash::codec::Axis::Lat,
        ] {
            let row = encode::axis_row(s, axis);
            assert!(row.interval.0 <= row.interval.1);
            assert!(row.describe().starts_with(row.name));
        }
    }
    assert!(saw_bit);
    assert_eq!(encode::bar_x(0.0, (-180.0, 180.0), 420.0, 10.0), 210.0);
}

#[test]
fn search_and_shards_stages_advance_rule_by_rule() {
    for st in states(Mode::Search) {
        let State::Search(s) = st else {
            panic!("search state")
        };
        if let (Some(q), Some(r)) = (&s.query, s.rule) {
            assert!(search::stage(&s, r).is_some());
            let fit = search::search_fit(q, s.rule, s.phase);
            assert!(fit.south <= q.centre.lat && fit.north >= q.centre.lat);
            for later in r + 1..q.runs.len() {
                assert!(search::stage(&s, later).is_none() || s.rule.is_none());
            }
        }
    }
    assert_eq!(search::recall(0, 0), "100.0%");
    for st in states(Mode::Shards) {
        let State::Shards(s) = st else {
            panic!("shards state")
        };
        let buckets = shards::choropleth(&s.world.shards);
        let drawn: usize = buckets.iter().map(|(_, cells)| cells.len()).sum();
        assert_eq!(drawn, s.world.shards.len(), "every shard in one bucket");
    }
}

#[test]
fn the_size_chart_scales_are_monotone() {
    let c = sizes::SIZE_CHART;
    assert!(c.x(1) < c.x(12));
    assert!(c.y(1.0) < c.y(0.001), "longer is higher");
    assert_eq!(sizes::tick_text(3), "1000 km");
    assert_eq!(sizes::tick_text(-5), "1 cm");
}
