//! The watermarks view model, natively: ticks, scales, the followed window, picking, the
//! window index and the differ counts against brute force, and finding an injected event's
//! arrival step (these ran in the browser before the port).

use sdp_kit::lab::{Contract, Scenario};
use sdp_lab_watermarks::layout::geom::{
    self, Follow, Frame, HitRect, PlotLayout, Scale, nearest, sub_row, tick_step, ticks,
};
use sdp_lab_watermarks::layout::prep::{Prep, differ_timeline};
use sdp_lab_watermarks::layout::{injected_step, landing_step, wm_state};
use sdp_lab_watermarks::stream::StreamParams;
use sdp_lab_watermarks::window::WindowKind;
use sdp_lab_watermarks::{Params, State, WatermarksLab};

fn scenario(window: WindowKind) -> Scenario<Params, sdp_lab_watermarks::Action> {
    let mut s = WatermarksLab::default_scenario();
    s.params = Params::watermarks(StreamParams {
        window,
        size_ms: 4_000,
        slide_ms: 2_000,
        ..StreamParams::default()
    });
    s
}

#[test]
fn ticks_are_nice_and_inside() {
    assert_eq!(tick_step(30_000, 6), 10_000);
    assert_eq!(tick_step(2_000, 10), 250);
    assert_eq!(tick_step(1, 5), 1);
    let (step, t) = ticks(36_000_300, 36_031_000, 6);
    assert_eq!(step, 10_000);
    assert_eq!(t, vec![36_010_000, 36_020_000, 36_030_000]);
    assert!(t.iter().all(|x| x % step == 0));
    // Negative times still land on multiples.
    let (_, t) = ticks(-2_500, 2_500, 6);
    assert_eq!(t, vec![-2_000, -1_000, 0, 1_000, 2_000]);
}

#[test]
fn scales_map_both_ways_and_flip_for_y() {
    let x = Scale::new(1_000, 2_000, 50.0, 150.0);
    assert_eq!(x.px(1_500), 100.0);
    assert_eq!(x.time(125.0), 1_750);
    assert_eq!(x.px_clamped(5_000), 150.0);
    let y = Scale::new(0, 100, 300.0, 100.0);
    assert_eq!(y.px(0), 300.0);
    assert_eq!(y.px(100), 100.0);
    assert!(y.px(75) < y.px(25), "later event times are higher up");
    // An empty range does not divide by zero.
    let z = Scale::new(7, 7, 0.0, 10.0);
    assert!(z.px(7).is_finite());
}

#[test]
fn the_window_follows_the_clock() {
    let f = Follow::Window {
        start: 1_000,
        width: 10_000,
        lag: 3_000,
    };
    assert_eq!(
        f.frame(1_000),
        Frame {
            x0: 1_000,
            x1: 11_000,
            y0: -2_000,
            y1: 11_000
        }
    );
    let later = f.frame(50_000);
    assert_eq!((later.x0, later.x1), (41_000, 51_000));
    assert!(later.x0 < 50_000 && 50_000 < later.x1, "now is inside");
    let whole = Frame {
        x0: 0,
        x1: 9,
        y0: 0,
        y1: 9,
    };
    assert_eq!(Follow::Whole(whole).frame(123), whole);
    assert!(!Follow::Whole(whole).scrolls());
}

#[test]
fn picking_finds_the_closest_point_and_the_top_band() {
    let pts = [(0u32, 10.0, 10.0), (1, 14.0, 10.0), (2, 200.0, 200.0)];
    assert_eq!(nearest(pts.into_iter(), 13.0, 11.0, 8.0), Some(1));
    assert_eq!(nearest(pts.into_iter(), 100.0, 100.0, 8.0), None);
    let rects = [
        HitRect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 10.0,
            what: 1,
        },
        HitRect {
            x: 50.0,
            y: 0.0,
            w: 1.0,
            h: 10.0,
            what: 2,
        },
    ];
    assert_eq!(
        geom::hit(&rects, 52.0, 5.0, 6.0),
        Some(2),
        "thin bands widen"
    );
    assert_eq!(geom::hit(&rects, 20.0, 5.0, 6.0), Some(1));
    assert_eq!(geom::hit(&rects, 20.0, 15.0, 6.0), None);
    assert_eq!(sub_row(10_000, 2_000, 5), 0);
    assert_eq!(sub_row(12_000, 2_000, 5), 1);
    let l = PlotLayout::new(390.0, 16);
    assert!(l.right <= 390.0 && l.left > 0.0 && l.lanes_top > l.bottom);
}

#[test]
fn differ_counts_match_the_comparison_at_every_step() {
    for kind in [WindowKind::Tumbling, WindowKind::Sliding] {
        let trace = WatermarksLab::run(&scenario(kind)).expect("valid");
        let s0 = wm_state(&trace, 0).expect("watermarks");
        let prep = Prep::new(&s0.world);
        let timeline = differ_timeline(&s0.world);
        assert!(!timeline.is_empty());
        let mut saw_difference = false;
        for k in 0..trace.len() {
            let s = wm_state(&trace, k).expect("watermarks");
            let rows = s.comparison();
            let differ = rows.iter().filter(|r| r.differs()).count() as u32;
            let both = rows
                .iter()
                .filter(|r| r.event_time.is_some() && r.processing_time.is_some())
                .count() as u32;
            assert_eq!(
                prep.differ_at(s.at.micro),
                (differ, both),
                "{kind:?} step {k}"
            );
            saw_difference |= differ > 0;
        }
        assert!(
            saw_difference,
            "{kind:?}: the default stream has differing windows"
        );
    }
}

#[test]
fn the_window_index_finds_exactly_the_overlapping_windows() {
    for kind in [
        WindowKind::Tumbling,
        WindowKind::Sliding,
        WindowKind::Session,
    ] {
        let trace = WatermarksLab::run(&scenario(kind)).expect("valid");
        let s0 = wm_state(&trace, 0).expect("watermarks");
        let prep = Prep::new(&s0.world);
        let windows = &s0.world.event_time.windows;
        for k in (0..trace.len()).step_by(3) {
            let s = wm_state(&trace, k).expect("watermarks");
            for (lo, hi) in [
                (36_000_000, 36_010_000),
                (36_007_000, 36_012_500),
                (36_020_000, 36_040_000),
            ] {
                let (shown, more) = prep.et_index.visible(windows, lo, hi, s.at.micro, 10_000);
                assert_eq!(more, 0);
                let mut got: Vec<u32> = shown.iter().map(|w| w.id).collect();
                got.sort_unstable();
                let want: Vec<u32> = windows
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| {
                        let (a, b) = w.bounds_at(s.at.micro);
                        matches!(
                            w.status_at(s.at.micro),
                            Some(st) if !matches!(st, sdp_lab_watermarks::operator::WindowStatus::MergedInto(_))
                        ) && b > lo
                            && a < hi
                    })
                    .map(|(i, _)| i as u32)
                    .collect();
                assert_eq!(got, want, "{kind:?} step {k} [{lo}, {hi})");
            }
        }
    }
}

#[test]
fn the_injected_event_is_found_at_its_arrival_step() {
    let s = WatermarksLab::default_scenario();
    let trace = WatermarksLab::run(&s).expect("valid");
    let inj = sdp_lab_watermarks::DEFAULT_INJECTED;
    let k = injected_step(&trace, &inj).expect("found");
    assert!(
        trace.steps[k].narration.contains("injected"),
        "{}",
        trace.steps[k].narration
    );
    let State::Watermarks(w) = &trace.steps[k].state else {
        panic!("watermarks")
    };
    assert_eq!(w.clock_ms, inj.arrival_ms);
    // An event that is not in the trace is not found.
    let other = sdp_lab_watermarks::stream::Injected { event_ms: 1, ..inj };
    assert_eq!(injected_step(&trace, &other), None);
}

#[test]
fn the_player_lands_on_the_last_injected_event() {
    let s = WatermarksLab::default_scenario();
    let trace = WatermarksLab::run(&s).expect("valid");
    let k = landing_step(&trace, &s.actions).expect("found");
    assert_eq!(
        Some(k),
        injected_step(&trace, &sdp_lab_watermarks::DEFAULT_INJECTED)
    );
    assert_eq!(landing_step(&trace, &[]), None);
}

/// Hatching cut to its rectangle: every segment inside it at 45°, and as many lines as the
/// unclipped pattern crosses the rectangle (a wide band: one per gap along width + height).
#[test]
fn hatch_segments_stay_inside_their_rectangle() {
    let (x, y, w, h, gap) = (10.0, 20.0, 37.0, 9.0, 4.0);
    let segs = geom::hatch_segments(x, y, w, h, gap);
    assert_eq!(segs.len(), ((w + h) / gap).ceil() as usize - 1);
    for &((ax, ay), (bx, by)) in &segs {
        for (px, py) in [(ax, ay), (bx, by)] {
            assert!(
                (x..=x + w).contains(&px) && (y..=y + h).contains(&py),
                "{px},{py}"
            );
        }
        assert!(
            ((bx - ax) - (ay - by)).abs() < 1e-9,
            "45°: {ax},{ay} → {bx},{by}"
        );
    }
    // A narrow, tall band: the corner lines are cut on both sides.
    let tall = geom::hatch_segments(0.0, 0.0, 2.0, 30.0, 5.0);
    assert!(
        tall.iter()
            .all(|&((ax, _), (bx, _))| ax >= 0.0 && bx <= 2.0 && bx > ax)
    );
    assert!(geom::hatch_segments(0.0, 0.0, 5.0, 5.0, 0.0).is_empty());
}
