//! Predict-then-run questions: the opening scenarios' answers, computed here with the curve
//! functions and an independent sort-and-cut of the table (not read back from the trace), and
//! well-formed questions on random scenarios of every mode.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_kit::lab::{Contract, Lab};
use sdp_kit::quiz::problems;
use sdp_lab_z_order::curves::{interleave, z_decode2};
use sdp_lab_z_order::{State, ZOrderLab};

fn opening(
    mode: usize,
) -> (
    sdp_kit::lab::ScenarioOf<ZOrderLab>,
    sdp_kit::lab::Trace<State>,
) {
    let s = ZOrderLab::mode_scenario(mode);
    let t = ZOrderLab::build(&s);
    (s, t)
}

#[test]
fn the_bits_question_has_the_interleaved_answer() {
    let (s, t) = opening(0);
    let qs = ZOrderLab::questions(&s, &t);
    assert!(problems(&qs, t.len()).is_empty());
    assert_eq!(qs.len(), 1);
    let q = &qs[0];
    // x = 5, y = 3: the first 1 bit beyond Z bits 0–1 is y1 → Z bit 3; Z bits 0..=3 of 27.
    let b = &s.params.bits;
    let z = interleave(&b.values, u32::from(b.bits));
    assert!(q.prompt.contains("Z bit 3"), "{}", q.prompt);
    assert_eq!(q.choices[q.answer], (z & 0b1111).to_string());
    assert_eq!(q.choices[q.answer], "11");
}

#[test]
fn the_curve_questions_have_the_decoded_cells() {
    let (s, t) = opening(1);
    let qs = ZOrderLab::questions(&s, &t);
    assert!(problems(&qs, t.len()).is_empty());
    let ds: Vec<u64> = qs
        .iter()
        .map(|q| {
            let d = q.prompt.rsplit("d = ").next().expect("d");
            d.trim_end_matches('?').parse().expect("number")
        })
        .collect();
    // Jumps longer than every earlier one: d = 2 (2 cells), 8 (4), 32 (8) on an 8 × 8 grid.
    assert_eq!(ds, [2, 8, 32]);
    for (q, d) in qs.iter().zip(ds) {
        let (x, y) = z_decode2(d);
        assert_eq!(q.choices[q.answer], format!("({x}, {y})"));
    }
}

#[test]
fn the_skip_questions_match_an_independent_sort_and_cut() {
    let (s, t) = opening(2);
    let qs = ZOrderLab::questions(&s, &t);
    assert!(problems(&qs, t.len()).is_empty());
    let State::Skip(last) = &t.steps[t.len() - 1].state else {
        panic!("skip mode")
    };
    let world = &last.world;
    let table = &world.table;
    let p = &s.params.skip;
    let sort = usize::from(p.sort_column);
    let mut rows: Vec<usize> = (0..table.rows()).collect();
    rows.sort_by_key(|&r| (table.columns[sort][r], r));
    let linear: Vec<_> = qs
        .iter()
        .filter(|q| q.prompt.contains("sorted by x"))
        .collect();
    assert_eq!(linear.len(), world.queries.len());
    for (q, query) in linear.iter().zip(&world.queries) {
        let skipped = rows
            .chunks(p.rows_per_file as usize)
            .filter(|file| {
                !query
                    .predicate
                    .ranges
                    .iter()
                    .enumerate()
                    .all(|(c, r)| match r {
                        None => true,
                        Some((lo, hi)) => {
                            let vals = file.iter().map(|&row| table.columns[c][row]);
                            let (mn, mx) = (vals.clone().min().unwrap(), vals.max().unwrap());
                            mn <= *hi && *lo <= mx
                        }
                    })
            })
            .count();
        assert_eq!(q.choices[q.answer], if skipped > 0 { "Yes" } else { "No" });
        assert!(
            q.explanation.contains(&format!("so {skipped} ")),
            "{}",
            q.explanation
        );
    }
    // The box query lets the sort skip; the y-only filter does not.
    let answers: Vec<&str> = linear
        .iter()
        .map(|q| q.choices[q.answer].as_str())
        .collect();
    assert_eq!(answers, ["Yes", "No"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn questions_on_random_scenarios_are_well_formed(
        mode in 0usize..3, x in 0u64..256, y in 0u64..256, bits in 1u8..9, order in 1u8..7,
        seed in 0u64..1000,
    ) {
        let mut s = ZOrderLab::mode_scenario(mode);
        s.seed = seed;
        // Only the mode's own fields (the others are not in its URL).
        match mode {
            0 => {
                s.params.bits.bits = bits;
                let cap = (1u64 << bits) - 1;
                s.params.bits.values = vec![x.min(cap), y.min(cap)];
            }
            1 => {
                s.params.curves.order = order;
                s.params.curves.query = None;
            }
            _ => s.params.skip.rows = 1000 + 50 * (x as u32),
        }
        let errors = ZOrderLab::validate(&s);
        prop_assert!(errors.is_empty(), "{errors:?}");
        let t = ZOrderLab::build(&s);
        let qs = ZOrderLab::questions(&s, &t);
        let found = problems(&qs, t.len());
        prop_assert!(found.is_empty(), "{:?}: {found:?}", s.params);
    }
}
