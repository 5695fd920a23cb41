//! Z-order / Hilbert lab (catalogue M17.1, M17.2, M2.6): the three modes' traces, the
//! document's data-skipping example, the "never skips a match" property and the lab contract.

use proptest::prelude::*;
use sdp_kit::lab::{Contract, Scenario, Trace};
use sdp_lab_z_order::curves::{hilbert_xy2d, hilbert3_index, interleave};
use sdp_lab_z_order::skipping::{
    DataShape, FileStats, LAYOUTS, Layout, Predicate, generate_table, lay_out, scan, sort_key,
};
use sdp_lab_z_order::{
    Action, BitsFocus, BitsParams, CurvePhase, CurvesParams, GridBox, Params, SkipFocus,
    SkipParams, State, ZOrderLab, default_skip_scenario,
};

fn run(params: Params, actions: Vec<Action>) -> Trace<State> {
    ZOrderLab::run(&Scenario {
        params,
        seed: 5,
        actions,
    })
    .expect("valid")
}

#[test]
fn bits_mode_weaves_27_and_shows_the_document_29() {
    let t = ZOrderLab::run(&ZOrderLab::default_scenario()).unwrap();
    assert_eq!(t.len(), 1 + 8 + 2, "start, 8 bits, done, decode");
    let State::Bits(done) = &t.steps[9].state else {
        panic!("bits state")
    };
    assert_eq!(done.focus, BitsFocus::Done);
    assert_eq!(done.z, 27);
    let doc = done.document.as_ref().expect("the document's example");
    assert_eq!((doc.stated_value, doc.correct_value), (29, 27));
    assert!(t.steps[9].narration.contains("29"));
    // Z bit 2 is x1 = 0 and Z bit 1 is y0 = 1: the two bits the document swaps.
    let places: Vec<(u8, bool)> = t
        .steps
        .iter()
        .filter_map(|s| match &s.state {
            State::Bits(b) => match b.focus {
                BitsFocus::Place { target, set, .. } => Some((target, set)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert_eq!(places[1], (1, true));
    assert_eq!(places[2], (2, false));
    // Other inputs carry no document value; three columns follow the MULTI-COLUMN rule.
    let t = run(
        Params::with_bits(BitsParams {
            values: vec![1, 2, 3],
            bits: 2,
        }),
        vec![],
    );
    let State::Bits(last) = &t.steps.last().unwrap().state else {
        panic!()
    };
    assert_eq!((last.z, last.focus), (53, BitsFocus::Decode));
    assert!(last.document.is_none());
}

#[test]
fn curves_mode_grids_match_the_catalogue() {
    let t = run(
        Params::with_curves(CurvesParams {
            order: 2,
            query: None,
        }),
        vec![],
    );
    let State::Curves(c) = &t.steps[0].state else {
        panic!()
    };
    let g = &c.grid;
    let hilbert = [[0, 1, 14, 15], [3, 2, 13, 12], [4, 7, 8, 11], [5, 6, 9, 10]];
    let z = [[0, 1, 4, 5], [2, 3, 6, 7], [8, 9, 12, 13], [10, 11, 14, 15]];
    for y in 0..4 {
        for x in 0..4 {
            assert_eq!(g.hilbert[hilbert[y][x]], (x as u16, y as u16));
            assert_eq!(g.z[z[y][x]], (x as u16, y as u16));
        }
    }
    assert!(g.hilbert_jumps.is_empty(), "the Hilbert curve never jumps");
    assert_eq!(
        g.z_jumps,
        [1, 3, 5, 7, 9, 11, 13],
        "Z jumps after every odd d"
    );
    // One walk step per cell for small grids.
    let walk = t
        .steps
        .iter()
        .filter(|s| matches!(&s.state, State::Curves(c) if c.phase == CurvePhase::Walk))
        .count();
    assert_eq!(walk, 15);
}

#[test]
fn curves_mode_at_order_8_is_chunked_and_counts_ranges() {
    let t = run(
        Params::with_curves(CurvesParams {
            order: 8,
            query: Some(GridBox {
                x0: 0,
                y0: 0,
                x1: 127,
                y1: 255,
            }),
        }),
        vec![],
    );
    assert!(t.len() <= 260, "{}", t.len());
    let State::Curves(c) = &t.steps.last().unwrap().state else {
        panic!()
    };
    assert_eq!(c.phase, CurvePhase::Ranges);
    assert_eq!(c.cursor, 65_535);
    // The left half (x7 = 0): Hilbert visits SW then NW first, one range; Z needs two
    // (Z bit 14 is x7).
    assert_eq!(c.grid.hilbert_ranges, [(0, 32_767)]);
    assert_eq!(c.grid.z_ranges, [(0, 16_383), (32_768, 49_151)]);
    let ranges = |b: GridBox| {
        let t = run(
            Params::with_curves(CurvesParams {
                order: 8,
                query: Some(b),
            }),
            vec![],
        );
        let State::Curves(c) = &t.steps.last().unwrap().state else {
            panic!()
        };
        let cells: u32 = c.grid.z_ranges.iter().map(|r| r.1 - r.0 + 1).sum();
        let h_cells: u32 = c.grid.hilbert_ranges.iter().map(|r| r.1 - r.0 + 1).sum();
        assert_eq!(cells, (b.x1 - b.x0 + 1) * (b.y1 - b.y0 + 1));
        assert_eq!(h_cells, cells);
        (c.grid.z_ranges.len(), c.grid.hilbert_ranges.len())
    };
    // The bottom half: the other way round.
    assert_eq!(
        ranges(GridBox {
            x0: 0,
            y0: 0,
            x1: 255,
            y1: 127
        }),
        (1, 2)
    );
    // An unaligned box needs many ranges on both curves, fewer on Hilbert.
    let (z, h) = ranges(GridBox {
        x0: 3,
        y0: 5,
        x1: 100,
        y1: 90,
    });
    assert!(z > h && h > 10, "{z} {h}");
    let m = t
        .steps
        .last()
        .unwrap()
        .metrics
        .iter()
        .find(|m| m.label == "Hilbert jumps")
        .unwrap();
    assert_eq!(m.value, 0.0);
}

#[test]
fn document_skipping_example() {
    // F0 DP12 l.2776–2781: only File 1 is scanned for date = 2024-01-02 AND user_id = 250
    // (dates as day numbers).
    let file = |d: (u32, u32), u: (u32, u32)| FileStats {
        first: 0,
        rows: 100,
        min: vec![d.0, u.0],
        max: vec![d.1, u.1],
        key_min: 0,
        key_max: 0,
    };
    let files = [
        file((1, 3), (100, 500)),
        file((1, 3), (501, 900)),
        file((4, 6), (100, 500)),
    ];
    let q = Predicate {
        ranges: vec![Some((2, 2)), Some((250, 250))],
    };
    let s = scan(&files, &q);
    assert_eq!(s.scanned, [0]);
    assert_eq!(s.rows_read, 100);
    // One column only: user_id = 700 → File 2 only; date = 5 → File 3 only.
    assert_eq!(
        scan(
            &files,
            &Predicate {
                ranges: vec![None, Some((700, 700))]
            }
        )
        .scanned,
        [1]
    );
    assert_eq!(
        scan(
            &files,
            &Predicate {
                ranges: vec![Some((5, 5)), None]
            }
        )
        .scanned,
        [2]
    );
}

#[test]
fn layout_keys_are_the_curve_values() {
    let mut rng = sdp_kit::rng::seeded(9);
    for columns in 2..=3 {
        let table = generate_table(&mut rng, 500, columns, 16, DataShape::Uniform);
        for row in 0..500 {
            let v: Vec<u64> = table.row(row).into_iter().map(u64::from).collect();
            assert_eq!(sort_key(&table, Layout::ZOrder, 0, row), interleave(&v, 16));
            let h = if columns == 2 {
                hilbert_xy2d(16, v[0] as u32, v[1] as u32)
            } else {
                hilbert3_index(16, [v[0] as u32, v[1] as u32, v[2] as u32])
            };
            assert_eq!(sort_key(&table, Layout::Hilbert, 0, row), h);
            assert_eq!(sort_key(&table, Layout::Linear, 1, row), v[1]);
        }
    }
}

#[test]
fn skip_mode_compares_the_layouts() {
    let t = ZOrderLab::run(&default_skip_scenario()).unwrap();
    // Table, 4 layouts, 2 × (4 layouts + compare), batch.
    assert_eq!(t.len(), 1 + 4 + 2 * 5 + 1);
    let State::Skip(last) = &t.steps.last().unwrap().state else {
        panic!()
    };
    assert_eq!(last.focus, SkipFocus::Batch);
    let w = &last.world;
    let files = |q: usize, l: Layout| {
        let i = LAYOUTS.iter().position(|x| *x == l).unwrap();
        w.queries[q].scans[i].files_scanned()
    };
    // The y-only query: sorting by x cannot skip, Z-order and Hilbert can.
    assert_eq!(files(1, Layout::Linear), 40);
    assert_eq!(files(1, Layout::Unsorted), 40);
    assert!(files(1, Layout::ZOrder) < 20);
    assert!(files(1, Layout::Hilbert) < 20);
    let b = w.batch.as_ref().unwrap();
    assert_eq!(b.queries.len(), 200);
    let mean = |l: Layout| b.layouts.iter().find(|x| x.layout == l).unwrap().mean_files;
    assert_eq!(mean(Layout::Unsorted), 40.0);
    assert!(mean(Layout::ZOrder) < mean(Layout::Linear));
    assert!(mean(Layout::Hilbert) < mean(Layout::Linear));
    // Per kind: sorting by x wins on x-only ranges and loses on y-only ranges.
    let linear = b
        .layouts
        .iter()
        .find(|x| x.layout == Layout::Linear)
        .unwrap();
    let z = b
        .layouts
        .iter()
        .find(|x| x.layout == Layout::ZOrder)
        .unwrap();
    assert_eq!(b.kind_labels[1], "x only");
    assert!(linear.mean_files_by_kind[1] < z.mean_files_by_kind[1]);
    assert!(linear.mean_files_by_kind[2] > z.mean_files_by_kind[2]);
    // Every layout has the same rows, each in exactly one file.
    for l in &w.layouts {
        let mut order = l.order.clone();
        order.sort_unstable();
        assert_eq!(order, (0..10_000).collect::<Vec<u32>>());
        assert_eq!(l.files.iter().map(|f| f.rows).sum::<u32>(), 10_000);
    }
}

#[test]
fn same_scenario_same_trace_and_serde_round_trip() {
    let mut s = default_skip_scenario();
    s.params = Params::with_skip(SkipParams {
        rows: 2_000,
        columns: 3,
        rows_per_file: 100,
        data: DataShape::Clustered,
        batch: 30,
        ..SkipParams::default()
    });
    s.actions = vec![Action::Query(Predicate {
        ranges: vec![Some((10, 100)), None, Some((7, 7))],
    })];
    for scenario in [
        s.clone(),
        ZOrderLab::default_scenario(),
        Scenario {
            params: Params::with_curves(CurvesParams::default()),
            seed: 1,
            actions: vec![],
        },
    ] {
        let a = ZOrderLab::run(&scenario).unwrap();
        let b = ZOrderLab::run(&scenario).unwrap();
        assert_eq!(a, b);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, serde_json::to_string(&b).unwrap(), "byte for byte");
        let back: Trace<State> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
        let s_back: Scenario<Params, Action> =
            serde_json::from_str(&serde_json::to_string(&scenario).unwrap()).unwrap();
        assert_eq!(s_back, scenario);
    }
    let a = ZOrderLab::run(&s).unwrap();
    let other = ZOrderLab::run(&Scenario { seed: 6, ..s }).unwrap();
    assert_ne!(a, other, "a different seed gives a different table");
}

fn arb_predicate(columns: usize, max: u32) -> impl Strategy<Value = Predicate> {
    prop::collection::vec(
        prop_oneof![
            Just(None),
            (0..=max, 0..=max).prop_map(|(a, b)| Some((a.min(b), a.max(b)))),
        ],
        columns,
    )
    .prop_map(|ranges| Predicate { ranges })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn skipping_never_skips_a_file_with_a_matching_row(
        seed in any::<u64>(),
        rows in 1usize..600,
        columns in 2usize..=3,
        bits in 1u8..=9,
        per_file in 1usize..80,
        clustered in any::<bool>(),
        q in (2usize..=3).prop_flat_map(|c| arb_predicate(c, 511)),
    ) {
        let mut rng = sdp_kit::rng::seeded(seed);
        let shape = if clustered { DataShape::Clustered } else { DataShape::Uniform };
        let table = generate_table(&mut rng, rows, columns, bits, shape);
        let mut q = q;
        q.ranges.resize(columns, None);
        for layout in LAYOUTS {
            let l = lay_out(&table, layout, 0, per_file);
            let s = scan(&l.files, &q);
            for row in 0..rows {
                if q.matches_row(&table, row) {
                    let f = l.row_file[row];
                    prop_assert!(s.scanned.contains(&f), "{:?}: row {} in skipped file {}", layout, row, f);
                }
            }
            // Stats are exact bounds of each file.
            for (f, stats) in l.files.iter().enumerate() {
                let members = &l.order[stats.first as usize..(stats.first + stats.rows) as usize];
                for &r in members {
                    prop_assert_eq!(l.row_file[r as usize], f as u32);
                    for c in 0..columns {
                        let v = table.columns[c][r as usize];
                        prop_assert!(stats.min[c] <= v && v <= stats.max[c]);
                    }
                }
            }
        }
    }

    #[test]
    fn bits_trace_z_matches_the_fast_function(x in 0u64..65_536, y in 0u64..65_536, z in 0u64..65_536, three in any::<bool>()) {
        let values = if three { vec![x, y, z] } else { vec![x, y] };
        let t = run(Params::with_bits(BitsParams { values: values.clone(), bits: 16 }), vec![]);
        let State::Bits(last) = &t.steps.last().unwrap().state else { panic!() };
        let expected = if three {
            sdp_lab_z_order::curves::z_encode3(x as u32, y as u32, z as u32)
        } else {
            sdp_lab_z_order::curves::z_encode2(x as u32, y as u32)
        };
        prop_assert_eq!(last.z, expected);
        prop_assert_eq!(sdp_lab_z_order::curves::deinterleave(last.z, values.len(), 16), values);
    }
}
