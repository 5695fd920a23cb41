//! The design pages' pure view model, natively: the diagram frame and edge geometry, label
//! wrapping, the calculator's state, which inputs each figure uses, and the mechanism links.

use sdp_designs::catalogue::{MechanismLink, lab_href, mechanism_link};
use sdp_designs::estimate::evaluate;
use sdp_designs::layout::calc::{CalcState, input_deps, stated_text};
use sdp_designs::layout::diagram::{
    BOX_H, BOX_W, CELL_W, Frame, LANE, MARGIN, Pt, border_point, clip, segment, wrap,
};
use sdp_designs::light::count_text;

fn design(id: &str) -> &'static sdp_designs::Design {
    sdp_designs::design(id).expect(id)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn the_frame_covers_only_the_used_cells() {
    let d = design("url-shortener");
    let frame = Frame::of(&d.components);
    // Columns 0..=7 and rows 0..=5 are used by the URL shortener.
    assert_eq!(
        (frame.col0, frame.row0, frame.cols, frame.rows),
        (0, 0, 8, 6)
    );
    let (w, _) = frame.size();
    assert!(close(w, 8.0 * CELL_W + 2.0 * MARGIN));
    let c = frame.centre([0, 0]);
    assert!(close(c.x, MARGIN + CELL_W / 2.0));
    // Every box lies inside the drawing and no two overlap.
    let (w, h) = frame.size();
    let boxes: Vec<Pt> = d.components.iter().map(|c| frame.centre(c.pos)).collect();
    for (i, a) in boxes.iter().enumerate() {
        assert!(a.x - BOX_W / 2.0 >= 0.0 && a.x + BOX_W / 2.0 <= w);
        assert!(a.y - BOX_H / 2.0 >= 0.0 && a.y + BOX_H / 2.0 <= h);
        for b in &boxes[i + 1..] {
            assert!((a.x - b.x).abs() >= BOX_W || (a.y - b.y).abs() >= BOX_H);
        }
    }
    // A frame of components that start at column 3 is shifted to the left edge.
    let mut shifted = d.components.clone();
    shifted.retain(|c| c.pos[0] >= 3);
    let f2 = Frame::of(&shifted);
    assert_eq!(f2.col0, 3);
    assert!(close(f2.centre([3, f2.row0]).x, MARGIN + CELL_W / 2.0));
}

#[test]
fn edges_are_clipped_to_the_box_borders() {
    let a = Pt { x: 100.0, y: 100.0 };
    // Straight right: leaves through the right side.
    let p = border_point(a, Pt { x: 400.0, y: 100.0 });
    assert!(close(p.x, 100.0 + BOX_W / 2.0) && close(p.y, 100.0));
    // Straight down: through the bottom.
    let p = border_point(a, Pt { x: 100.0, y: 400.0 });
    assert!(close(p.y, 100.0 + BOX_H / 2.0) && close(p.x, 100.0));
    // Steep diagonal: through the bottom, proportionally along x.
    let p = border_point(a, Pt { x: 110.0, y: 200.0 });
    assert!(close(p.y, 100.0 + BOX_H / 2.0));
    assert!(close(p.x, 100.0 + 10.0 * (BOX_H / 2.0) / 100.0));
    // Same point: stays.
    assert_eq!(border_point(a, a), a);
    // A request and its response along one edge get opposite lanes.
    let b = Pt { x: 400.0, y: 100.0 };
    let (p1, q1) = segment(a, b, LANE);
    let (p2, q2) = segment(b, a, LANE);
    assert!(close(p1.y, q1.y) && close(p2.y, q2.y));
    assert!(
        (p1.y - p2.y).abs() > 5.0,
        "the two directions are side by side"
    );
    assert!(p1.x < q1.x && p2.x > q2.x);
}

#[test]
fn labels_wrap_into_two_lines_and_clip() {
    assert_eq!(
        wrap("ID range coordinator", 19, 2),
        ["ID range", "coordinator"]
    );
    assert_eq!(wrap("Cache", 19, 2), ["Cache"]);
    let long = wrap("one two three four five six seven eight nine ten", 10, 2);
    assert_eq!(long.len(), 2);
    assert!(long[1].ends_with('…'), "{long:?}");
    assert!(long.iter().all(|l| l.chars().count() <= 10));
    assert_eq!(wrap("Supercalifragilistic", 8, 2)[0].chars().count(), 8);
    assert_eq!(
        clip("key-value: DynamoDB / Cassandra", 26).chars().count(),
        26
    );
    assert_eq!(clip("Redis", 26), "Redis");
}

#[test]
fn a_bad_edit_keeps_the_last_valid_value() {
    let d = design("url-shortener");
    let mut calc = CalcState::default();
    calc.edit(d, "urls_per_day", "200");
    assert_eq!(calc.inputs.values.get("urls_per_day"), Some(&200.0));
    for bad in ["-5", "0", "abc", "1e99", ""] {
        calc.edit(d, "urls_per_day", bad);
        assert_eq!(
            calc.inputs.values.get("urls_per_day"),
            Some(&200.0),
            "{bad}"
        );
        assert!(calc.inputs.errors.contains_key("urls_per_day"), "{bad}");
        // The field keeps what was typed.
        let input = d.input("urls_per_day").unwrap();
        assert_eq!(calc.text(input), bad);
    }
    let e = evaluate(d, &calc.inputs.values);
    assert_eq!(e.figure("write_qps").unwrap().text, "2.31 K/s");
    calc.edit(d, "urls_per_day", "100");
    assert!(calc.inputs.values.is_empty() && calc.inputs.errors.is_empty());
    calc.edit(d, "code_length", "6.5");
    assert!(
        calc.inputs.errors["code_length"]
            .message
            .contains("whole number")
    );
    calc.reset(Some("code_length"));
    assert!(calc.inputs.errors.is_empty());
    calc.edit(d, "no_such_input", "3");
    assert!(!calc.texts.contains_key("no_such_input"));
    calc.edit(d, "alphabet", "36");
    calc.reset(None);
    assert_eq!(calc, CalcState::default());
}

#[test]
fn figures_know_which_inputs_they_use() {
    let d = design("url-shortener");
    let deps = input_deps(d);
    let at = |id: &str| &deps[d.figures.iter().position(|f| f.id == id).unwrap()];
    assert_eq!(
        at("read_qps")
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ["read_write_ratio", "urls_per_day"],
        "through write_qps"
    );
    assert!(at("code_space").contains("alphabet") && !at("code_space").contains("urls_per_day"));
    // The document's stated number is shown in the figure's unit.
    let prox = design("proximity-service");
    let cell = prox.figures.iter().find(|f| f.id == "cell_width").unwrap();
    assert_eq!(stated_text(cell).as_deref(), Some("2.4 km"));
}

#[test]
fn mechanisms_link_to_labs_or_are_named() {
    let d = design("proximity-service");
    assert!(matches!(
        mechanism_link(d, "M2.3"),
        MechanismLink::Lab("geohash", _)
    ));
    assert_eq!(mechanism_link(d, "M99.9"), MechanismLink::Name);
    assert_eq!(lab_href("geohash", "radius=5"), "#/lab/geohash?radius=5");
    assert_eq!(lab_href("geohash", ""), "#/lab/geohash");
    assert_eq!(count_text(21, ""), "21 designs");
    assert_eq!(count_text(1, "geo"), "1 design matches");
    assert_eq!(count_text(0, "zzz"), "No design matches “zzz”.");
}
