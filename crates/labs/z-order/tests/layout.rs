//! The view model, natively: bit layout, grid and scatter transforms, drag mapping, jump
//! counting, the reason a file is skipped, input parsing and the mode links (these were browser
//! tests when they lived in the view).

use sdp_kit::lab::Contract;
use sdp_lab_z_order::curves::binary;
use sdp_lab_z_order::layout::bits::{slot_x, target};
use sdp_lab_z_order::layout::curves::{
    GRID_PX, cell_at, cell_centre, cell_px, drag_box, ramp, walked_jumps,
};
use sdp_lab_z_order::layout::input::{example_queries, parse_box, parse_range, shrink_box};
use sdp_lab_z_order::layout::skip::{
    drag_predicate, file_box_px, focus_of, is_drag, legend_text, predicate_band, px_value,
    scanned_files, skip_reason, strip_span, value_px,
};
use sdp_lab_z_order::layout::{mode_href, mode_tabs};
use sdp_lab_z_order::skipping::{FileStats, Predicate};
use sdp_lab_z_order::url::parse_values;
use sdp_lab_z_order::{Action, GridBox, Mode, State, ZOrderLab, default_skip_scenario};

#[test]
fn each_column_bit_sits_above_its_z_bit() {
    // Two columns of 4 bits: x_i → Z bit 2i, y_i → Z bit 2i + 1 (the document's layout).
    assert_eq!(target(0, 0, 2), 0);
    assert_eq!(target(0, 1, 2), 1);
    assert_eq!(target(3, 1, 2), 7);
    assert_eq!(target(2, 2, 3), 8);
    // The most significant Z bit is on the left.
    assert!(slot_x(8, 7) < slot_x(8, 0));
    assert_eq!(slot_x(8, 6) - slot_x(8, 7), slot_x(8, 0) - slot_x(8, 1));
    assert_eq!(binary(27, 8), "00011011");
    assert_eq!(binary(29, 8), "00011101");
}

#[test]
fn grid_cells_map_to_pixels_with_y_up() {
    assert_eq!(cell_px(8), 64.0);
    assert_eq!(cell_px(256), 2.0);
    // Cell (0, 0) is bottom-left.
    assert_eq!(cell_centre(8, 0, 0), (32.0, GRID_PX - 32.0));
    assert_eq!(cell_at(8, 1.0, GRID_PX - 1.0), (0, 0));
    assert_eq!(cell_at(8, GRID_PX - 1.0, 1.0), (7, 7));
    for side in [2u32, 8, 64, 256] {
        for (x, y) in [(0, 0), (side - 1, 0), (1, side - 1), (side / 2, side / 3)] {
            let (px, py) = cell_centre(side, x, y);
            assert_eq!(cell_at(side, px, py), (x, y));
        }
    }
    // Outside the canvas clamps to the edge cells.
    assert_eq!(cell_at(8, -50.0, 9999.0), (0, 0));
    assert_eq!(
        drag_box((5, 1), (2, 4)),
        GridBox {
            x0: 2,
            y0: 1,
            x1: 5,
            y1: 4
        }
    );
    assert_ne!(ramp(0.0), ramp(1.0));
}

#[test]
fn jumps_are_counted_up_to_the_cursor() {
    let path = [(0u16, 0u16), (1, 0), (0, 1), (1, 1), (2, 0)];
    let jumps = [1u32, 3];
    assert_eq!(walked_jumps(&path, &jumps, 1), (0, 0));
    assert_eq!(walked_jumps(&path, &jumps, 2), (1, 2));
    assert_eq!(walked_jumps(&path, &jumps, 4), (2, 2));
}

#[test]
fn scatter_pixels_and_drags_map_to_values() {
    assert_eq!(value_px(0, 8, 320), 0);
    assert_eq!(value_px(255, 8, 320), 318);
    assert_eq!(value_px(65_535, 16, 320), 319);
    assert_eq!(px_value(0.0, 8, 320.0), 0);
    assert_eq!(px_value(319.9, 8, 320.0), 255);
    assert_eq!(px_value(-10.0, 8, 320.0), 0);
    // A drag from top-left to bottom-right: x grows right, y grows up.
    let q = drag_predicate((32.0, 32.0), (160.0, 288.0), 8, 320.0, 3);
    assert_eq!(q.ranges, vec![Some((25, 128)), Some((25, 230)), None]);
    let mut s = default_skip_scenario();
    s.actions = vec![Action::Query(drag_predicate(
        (10.0, 10.0),
        (20.0, 20.0),
        8,
        320.0,
        2,
    ))];
    assert!(ZOrderLab::validate(&s).is_empty());
}

#[test]
fn a_skipped_file_says_which_column_rules_it_out() {
    let f = FileStats {
        first: 0,
        rows: 10,
        min: vec![10, 200],
        max: vec![40, 250],
        key_min: 0,
        key_max: 9,
    };
    let q = |ranges| Predicate { ranges };
    assert_eq!(skip_reason(&q(vec![Some((20, 30)), None]), &f), None);
    assert_eq!(
        skip_reason(&q(vec![Some((50, 60)), None]), &f).as_deref(),
        Some("x max 40 < 50")
    );
    assert_eq!(
        skip_reason(&q(vec![None, Some((0, 99))]), &f).as_deref(),
        Some("y min 200 > 99")
    );
}

#[test]
fn typed_inputs_parse_or_say_what_is_expected() {
    assert_eq!(parse_values("5, 3"), Some(vec![5, 3]));
    assert_eq!(parse_values("5,3,6"), Some(vec![5, 3, 6]));
    assert_eq!(parse_values("5"), None);
    assert_eq!(parse_values("5,x"), None);
    assert_eq!(parse_box("none"), Ok(None));
    assert_eq!(
        parse_box("2,1,5,4"),
        Ok(Some(GridBox {
            x0: 2,
            y0: 1,
            x1: 5,
            y1: 4
        }))
    );
    assert!(parse_box("2,1,5").unwrap_err().contains("x0,y0,x1,y1"));
    assert_eq!(parse_range("40-79"), Ok(Some((40, 79))));
    assert_eq!(parse_range(" 7 "), Ok(Some((7, 7))));
    assert_eq!(parse_range("*"), Ok(None));
    assert_eq!(parse_range(""), Ok(None));
    assert!(parse_range("a-b").is_err());
}

#[test]
fn mode_links_open_each_mode() {
    let tabs = mode_tabs();
    let [bits, curves, skip] = tabs.as_slice() else {
        panic!("three modes")
    };
    assert_eq!(bits.0, Mode::Bits);
    assert_eq!(bits.0.id(), "bits");
    assert!(mode_href(&curves.1, false).contains("mode=curves"));
    let href = mode_href(&skip.1, true);
    assert!(href.starts_with("#/lab/z-order?mode=skip"), "{href}");
    assert!(href.ends_with("&embed=1"), "{href}");
    assert!(
        href.contains("a=q%3A40-79%2C100-139") || href.contains("a=q:40-79,100-139"),
        "{href}"
    );
}

#[test]
fn panel_geometry_bands_boxes_and_strips() {
    let x_only = Predicate {
        ranges: vec![Some((0, 127)), None],
    };
    // x 0…127 of 0…255 is the left half (plus the edge pixel); y spans the panel.
    assert_eq!(
        predicate_band(&x_only, 8, 320),
        Some((0.0, 0.0, 159.0, 320.0))
    );
    let nothing = Predicate {
        ranges: vec![None, None],
    };
    assert_eq!(predicate_band(&nothing, 8, 320), None);
    let f = FileStats {
        first: 0,
        rows: 1,
        min: vec![0, 0],
        max: vec![255, 255],
        key_min: 0,
        key_max: 0,
    };
    // The whole domain: left edge 0, top 1 (y up), right and bottom exclusive.
    assert_eq!(file_box_px(&f, 8, 320), Some((0.0, 1.0, 319.0, 320.0)));
    assert_eq!(strip_span(0, 3, 320), (0, 106));
    assert_eq!(strip_span(2, 3, 320), (213, 320));
    // A thousand files on 320 pixels: each keeps at least one pixel.
    assert_eq!(strip_span(999, 1000, 320), (319, 320));
    assert!((0..1000).all(|f| {
        let (a, b) = strip_span(f, 1000, 320);
        b > a
    }));
    assert!(!is_drag((0.0, 0.0), (3.0, -3.0)));
    assert!(is_drag((0.0, 0.0), (0.0, 3.5)));
}

#[test]
fn controls_examples_and_a_shrunk_box() {
    assert_eq!(
        example_queries(3, 255),
        [
            vec![Some((50, 100)), Some((125, 175)), None],
            vec![Some((150, 175)), None, None],
            vec![None, Some((75, 100)), None],
        ]
    );
    let b = GridBox {
        x0: 2,
        y0: 1,
        x1: 5,
        y1: 4,
    };
    assert_eq!(
        shrink_box(Some(b), 2),
        Some(GridBox {
            x0: 2,
            y0: 1,
            x1: 3,
            y1: 3
        })
    );
    assert_eq!(shrink_box(None, 2), None);
}

#[test]
fn the_skip_legend_invites_drags_only_when_editable() {
    let trace = ZOrderLab::run(&default_skip_scenario()).unwrap();
    let State::Skip(s) = &trace.steps[2].state else {
        panic!("a skip step")
    };
    assert!(legend_text(s, true).contains("Drag across a panel"));
    assert!(!legend_text(s, false).contains("Drag"));
    // A query step: scanned files of each layout, as the panels colour them.
    let (k, q) = trace
        .steps
        .iter()
        .find_map(|st| match &st.state {
            State::Skip(s) => match focus_of(s) {
                (Some(_), Some((_, q))) => Some((s, q.clone())),
                _ => None,
            },
            _ => None,
        })
        .unwrap();
    let files = k.world.layouts[0].files.len();
    let scanned = scanned_files(&q, 0, files);
    assert_eq!(
        scanned.iter().filter(|&&b| b).count() as u32,
        q.scans[0].files_scanned()
    );
}
