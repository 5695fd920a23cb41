//! The view model, natively: the member grid's hit test, the histogram's positions, the score
//! bar's segments, the rows fanned out from a box, and the timeline's series and scales.
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::{Contract, Scenario};
use sdp_kit::query::{encode, parse};
use sdp_lab_fan_out::graph::HistBin;
use sdp_lab_fan_out::layout::feed::{
    Histogram, Rows, SCORE_ZERO, W, curve, histogram_x, score_segments, term_widths,
};
use sdp_lab_fan_out::layout::grid::{GRID_W, GridLayout, member_at, to_canvas};
use sdp_lab_fan_out::layout::timeline::{self, CW, panels, plot_box, x_of, y_of};
use sdp_lab_fan_out::layout::{chat_state, feed_state};
use sdp_lab_fan_out::ranking::{DOCUMENT_EXAMPLE, DOCUMENT_WEIGHTS, score_terms};
use sdp_lab_fan_out::{FanOutLab, Mode, Params, Strategy, largest_chat, largest_feed};

#[test]
fn every_member_cell_maps_back_to_its_member() {
    for members in [2, 7, 50, 60, 61, 200, 201, 256, 499, 500] {
        let l = GridLayout::new(members);
        assert!(l.cols * l.rows >= members);
        assert!((l.cell * f64::from(l.cols) - GRID_W).abs() < 1e-9);
        for m in 0..members {
            let (x, y) = l.origin(m);
            let c = l.cell;
            assert_eq!(
                member_at(&l, members, x + 0.5, y + 0.5),
                Some(m),
                "{members}: {m}"
            );
            assert_eq!(member_at(&l, members, x + c - 0.5, y + c - 0.5), Some(m));
        }
        // Past the last member, left of or above the grid, and off its right edge: nobody.
        let (x, y) = l.origin(members - 1);
        if members % l.cols != 0 {
            assert_eq!(member_at(&l, members, x + l.cell + 1.0, y + 1.0), None);
        }
        assert_eq!(member_at(&l, members, -1.0, 3.0), None);
        assert_eq!(member_at(&l, members, 3.0, -1.0), None);
        assert_eq!(member_at(&l, members, GRID_W, 3.0), None);
        assert_eq!(member_at(&l, members, 3.0, l.height() + 1.0), None);
        assert_eq!(member_at(&l, members, f64::NAN, 3.0), None);
    }
}

#[test]
fn a_click_on_a_scaled_canvas_finds_the_member_under_it() {
    let l = GridLayout::new(50);
    // Drawn at half size (240 CSS pixels): CSS (30, 30) is canvas (60, 60), member 11.
    let (x, y) = to_canvas(30, 30, 240);
    assert_eq!(member_at(&l, 50, x, y), Some(11));
    // A canvas not laid out yet (width 0) does not divide by zero.
    let (x, y) = to_canvas(3, 3, 0);
    assert!(x.is_finite() && y.is_finite());
}

#[test]
fn histogram_positions_follow_the_power_of_two_bins() {
    let bins = 10;
    let mut last = -1.0;
    for n in [0, 1, 2, 3, 4, 7, 8, 100, 127, 128, 511] {
        let x = histogram_x(n, bins);
        assert!(x > last, "{n}: {x} after {last}");
        last = x;
        // The position falls inside the bin the histogram puts n in.
        let bin = f64::from(32 - n.leading_zeros());
        assert!(
            x >= bin / 10.0 - 1e-9 && x <= (bin + 1.0) / 10.0 + 1e-9,
            "{n} in bin {bin}: {x}"
        );
    }
    assert_eq!(histogram_x(5, 0), 0.0);
    assert!(histogram_x(u32::MAX, 4) <= 1.0);
}

#[test]
fn histogram_bars_fill_the_width_and_grow_with_users() {
    let bins: Vec<HistBin> = (0..8)
        .map(|i| HistBin {
            lo: if i == 0 { 0 } else { 1 << (i - 1) },
            hi: if i == 0 { 0 } else { (1 << i) - 1 },
            users: [3, 40, 200, 90, 20, 5, 1, 0][i],
            edges: 0,
        })
        .collect();
    let h = Histogram::new(&bins);
    assert_eq!(h.bins, 8);
    let (x0, w0) = h.bar(0);
    let (x7, w7) = h.bar(7);
    assert!(x0 > 0.0 && x7 + w7 < W && (w0 - w7).abs() < 1e-9);
    // More users, taller bar (smaller y); an empty bin sits on the base line.
    assert!(h.y(200) < h.y(40) && h.y(40) < h.y(3));
    assert!((h.y(0) - h.base()).abs() < 1e-9);
    assert!(h.y(200) >= h.top - 1e-9);
    assert!((h.threshold_x(4) - histogram_x(4, 8) * W).abs() < 1e-12);
    // No bins at all: one empty slot, no division by zero.
    let empty = Histogram::new(&[]);
    assert_eq!(empty.bins, 1);
    assert!(empty.y(0).is_finite());
}

#[test]
fn the_worked_example_splits_into_the_documents_terms() {
    let terms = score_terms(&DOCUMENT_WEIGHTS, &DOCUMENT_EXAMPLE);
    let w = term_widths(&terms, 1000.0);
    assert_eq!(
        w.map(|x| (x * 1000.0).round() / 1000.0),
        [48.0, 9.0, 2.0, 10.0, 2.0]
    );
    let positive: f64 = w[..4].iter().sum();
    assert!(
        ((positive - w[4]) / 1000.0 - 0.067).abs() < 1e-12,
        "0.067, not 0.068"
    );
    // On the bar: the positive terms abut from zero, hide ends at zero.
    let s = score_segments(&terms);
    assert_eq!(s[0].0, SCORE_ZERO);
    for i in 1..4 {
        assert!((s[i].0 - (s[i - 1].0 + s[i - 1].1)).abs() < 1e-12);
    }
    assert!((s[4].0 + s[4].1 - SCORE_ZERO).abs() < 1e-12);
}

#[test]
fn rows_are_centred_and_fit_their_box() {
    for rows in [0, 1, 5, 13] {
        let r = Rows::new(rows, 110.0);
        assert!(r.height >= 110.0);
        assert!((r.mid - r.height / 2.0).abs() < 1e-12);
        if rows > 0 {
            assert!(r.y(0) >= 0.0 && r.y(rows - 1) + 18.0 <= r.height);
            // Symmetric about the middle (rows are 18 high, 22 apart).
            let top = r.y(0);
            let bottom = r.y(rows - 1) + 18.0;
            assert!(((top + bottom) / 2.0 - r.mid).abs() < 1e-9);
        }
    }
    assert_eq!(
        curve((1.0, 2.0), (3.0, 4.0)),
        "M1.0,2.0 C2.0,2.0 2.0,4.0 3.0,4.0"
    );
}

#[test]
fn the_timeline_plots_every_step_of_both_modes() {
    let feed = FanOutLab::run(&FanOutLab::default_scenario()).expect("valid");
    let p = panels(&feed);
    assert_eq!(p.len(), 3);
    assert_eq!(p[0].series.len(), 3);
    assert_eq!(p[2].series.len(), 2, "pull has no queue");
    for panel in &p {
        assert!(panel.max >= 1.0);
        for s in &panel.series {
            assert_eq!(s.values.len(), feed.len());
            assert!(s.values.iter().all(|v| *v <= panel.max));
        }
    }
    // Feed writes are cumulative: they never go down.
    let push = &p[0].series[0].values;
    assert!(push.windows(2).all(|w| w[0] <= w[1]));
    let last = feed_state(&feed, feed.len() - 1).expect("feed");
    assert_eq!(*push.last().unwrap(), last.stats[0].feed_writes as f64);
    assert!(chat_state(&feed, 0).is_none());
    let chat = FanOutLab::run(&FanOutLab::mode_scenario(1)).expect("valid");
    let p = panels(&chat);
    assert_eq!(p.len(), 2);
    assert!(chat_state(&chat, 3).is_some() && feed_state(&chat, 3).is_none());
    // Scales: the first step at the left, the last at the right, values inside the box.
    assert_eq!(x_of(0, 10), 4.0);
    assert_eq!(x_of(9, 10), CW - 4.0);
    assert!(x_of(0, 1).is_finite());
    let (top, bottom) = plot_box(1);
    assert!(top < bottom && top > plot_box(0).1);
    assert_eq!(y_of(0.0, 10.0, (top, bottom)), bottom);
    assert!(y_of(10.0, 10.0, (top, bottom)) >= top);
    assert_eq!(timeline::stride(100), 1);
    assert_eq!(timeline::stride(1281), 3);
}

#[test]
fn the_largest_scenarios_are_valid_and_round_trip_through_the_url() {
    for s in Strategy::ALL {
        let scenario = largest_feed(s, true);
        assert!(FanOutLab::validate(&scenario).is_empty());
        let (back, errors) =
            FanOutLab::from_query(&parse(&encode(&FanOutLab::to_query(&scenario))));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back, scenario);
    }
    assert!(FanOutLab::validate(&largest_chat()).is_empty());
    let small = Scenario {
        params: Params {
            mode: Mode::Chat,
            ..Params::default()
        },
        seed: 1,
        actions: Vec::new(),
    };
    assert!(FanOutLab::validate(&small).is_empty());
}
