//! Z-order and Hilbert functions: catalogue vectors (M17.1, M2.6, Part D #1), differential tests
//! against the `zorder` and `fast_hilbert` crates on seeded random inputs, and properties.
//!
//! Orientation: `fast_hilbert::xy2h(x, y, order)` uses the same orientation as the catalogue's
//! (Wikipedia's) `xy2d` for every order tested here (1–32): the curve starts at (0, 0) and ends at
//! (n−1, 0). `zorder::index_of([x, y])` puts x in the least significant bit, like the document's
//! layout `y3 x3 … y0 x0`. So both are compared directly, with no transposition.

use proptest::prelude::*;
use rand::RngExt;
use sdp_kit::lab::Lab;
use sdp_lab_z_order::ZOrderLab;
use sdp_lab_z_order::curves::{
    Z3_MAX, deinterleave, hilbert_d2xy, hilbert_xy2d, hilbert3_index, hilbert3_point, interleave,
    z_decode2, z_decode3, z_encode2, z_encode3,
};

const SAMPLES: usize = 10_000;

#[test]
fn document_example_is_27_not_29() {
    // F0 DP12 l.2750–2760 states 29 (0x1D); the correct value is 27 (0x1B), catalogue Part D #1.
    assert_eq!(z_encode2(5, 3), 27);
    assert_eq!(interleave(&[5, 3], 4), 27);
    assert_eq!(zorder::index_of([5u8, 3u8]), 27);
    assert_ne!(z_encode2(5, 3), 29);
    // 29 would need x1 = 1 and y0 = 0: (x, y) = (7, 2).
    assert_eq!(z_decode2(29), (7, 2));
    let note = ZOrderLab::notes()
        .iter()
        .find(|n| n.title.contains("(5, 3)"))
        .expect("a fidelity note for the document's example");
    assert!(note.document_says.contains("29"), "{note:?}");
    assert!(note.lab_shows.contains("27"), "{note:?}");
}

#[test]
fn catalogue_z_grid_and_three_columns() {
    // M17.1 CV: 4×4 grid, rows y = 0..3, columns x = 0..3.
    let expected = [[0, 1, 4, 5], [2, 3, 6, 7], [8, 9, 12, 13], [10, 11, 14, 15]];
    for (y, row) in expected.iter().enumerate() {
        for (x, &z) in row.iter().enumerate() {
            assert_eq!(z_encode2(x as u32, y as u32), z, "({x}, {y})");
        }
    }
    // 3 columns (1, 2, 3) with 2 bits each → 53 (0b110101).
    assert_eq!(z_encode3(1, 2, 3), 53);
    assert_eq!(interleave(&[1, 2, 3], 2), 53);
    assert_eq!(deinterleave(53, 3, 2), vec![1, 2, 3]);
}

#[test]
fn catalogue_hilbert_vectors() {
    // M2.6 CV, standard orientation. n = 2: (0,0)=0, (0,1)=1, (1,1)=2, (1,0)=3.
    assert_eq!(hilbert_xy2d(1, 0, 0), 0);
    assert_eq!(hilbert_xy2d(1, 0, 1), 1);
    assert_eq!(hilbert_xy2d(1, 1, 1), 2);
    assert_eq!(hilbert_xy2d(1, 1, 0), 3);
    // n = 4, rows y = 0..3, columns x = 0..3.
    let expected = [[0, 1, 14, 15], [3, 2, 13, 12], [4, 7, 8, 11], [5, 6, 9, 10]];
    for (y, row) in expected.iter().enumerate() {
        for (x, &d) in row.iter().enumerate() {
            assert_eq!(hilbert_xy2d(2, x as u32, y as u32), d, "({x}, {y})");
            assert_eq!(hilbert_d2xy(2, d), (x as u32, y as u32));
        }
    }
    assert_eq!(hilbert_xy2d(2, 3, 0), 15);
    // n = 8: (5,3) = 52.
    assert_eq!(hilbert_xy2d(3, 5, 3), 52);
}

#[test]
fn differential_z2_against_zorder_crate() {
    let mut rng = sdp_kit::rng::seeded(1);
    for _ in 0..SAMPLES {
        let (x, y): (u32, u32) = (rng.random(), rng.random());
        let z = z_encode2(x, y);
        assert_eq!(z, zorder::index_of([x, y]), "({x}, {y})");
        assert_eq!(z_decode2(z), zorder::coord_of::<u64, 2>(z).into());
        let (x16, y16) = (x as u16, y as u16);
        assert_eq!(
            z_encode2(u32::from(x16), u32::from(y16)),
            u64::from(zorder::index_of([x16, y16]))
        );
    }
}

#[test]
fn differential_z3_against_zorder_crate() {
    let mut rng = sdp_kit::rng::seeded(2);
    for _ in 0..SAMPLES {
        let v: [u16; 3] = [rng.random(), rng.random(), rng.random()];
        let z = z_encode3(u32::from(v[0]), u32::from(v[1]), u32::from(v[2]));
        assert_eq!(z, zorder::index_of(v), "{v:?}");
        // 21-bit coordinates against the u32 → u128 version.
        let w: [u32; 3] = [
            rng.random_range(0..=Z3_MAX),
            rng.random_range(0..=Z3_MAX),
            rng.random_range(0..=Z3_MAX),
        ];
        let z = z_encode3(w[0], w[1], w[2]);
        assert_eq!(u128::from(z), zorder::index_of(w), "{w:?}");
        assert_eq!(z_decode3(z), (w[0], w[1], w[2]));
    }
}

#[test]
fn differential_general_interleave_against_zorder_crate() {
    let mut rng = sdp_kit::rng::seeded(3);
    for _ in 0..SAMPLES {
        let bits = rng.random_range(1..=16u32);
        let mask = (1u32 << bits) - 1;
        let v: [u16; 3] = [
            (rng.random::<u32>() & mask) as u16,
            (rng.random::<u32>() & mask) as u16,
            (rng.random::<u32>() & mask) as u16,
        ];
        let wide: Vec<u64> = v.iter().map(|&x| u64::from(x)).collect();
        assert_eq!(interleave(&wide, bits), zorder::index_of(v), "{v:?} {bits}");
        assert_eq!(
            interleave(&wide[..2], bits),
            u64::from(zorder::index_of([v[0], v[1]]))
        );
        assert_eq!(deinterleave(interleave(&wide, bits), 3, bits), wide);
    }
}

#[test]
fn differential_hilbert_against_fast_hilbert() {
    let mut rng = sdp_kit::rng::seeded(4);
    let mut compared = 0;
    for order in 1..=32u32 {
        let mask = if order == 32 {
            u32::MAX
        } else {
            (1 << order) - 1
        };
        for _ in 0..SAMPLES / 16 {
            let (x, y) = (rng.random::<u32>() & mask, rng.random::<u32>() & mask);
            let d = hilbert_xy2d(order, x, y);
            assert_eq!(
                d,
                fast_hilbert::xy2h(x, y, order as u8),
                "order {order} ({x}, {y})"
            );
            let d2 = rng.random::<u64>()
                & if order == 32 {
                    u64::MAX
                } else {
                    (1u64 << (2 * order)) - 1
                };
            assert_eq!(
                hilbert_d2xy(order, d2),
                fast_hilbert::h2xy::<u32>(d2, order as u8),
                "order {order} d {d2}"
            );
            compared += 2;
        }
    }
    // Every cell of the small grids, exhaustively.
    for order in 1..=6u32 {
        let n = 1u32 << order;
        for x in 0..n {
            for y in 0..n {
                assert_eq!(
                    hilbert_xy2d(order, x, y),
                    u64::from(fast_hilbert::xy2h(x as u16, y as u16, order as u8))
                );
                compared += 1;
            }
        }
    }
    assert!(compared >= 10_000, "{compared}");
}

#[test]
fn hilbert_3d_is_a_continuous_bijection() {
    for bits in 1..=4u32 {
        let side = 1u32 << bits;
        let cells = u64::from(side).pow(3);
        let mut seen = vec![false; cells as usize];
        let mut prev = hilbert3_point(bits, 0);
        assert_eq!(prev, [0, 0, 0]);
        for d in 0..cells {
            let p = hilbert3_point(bits, d);
            assert_eq!(hilbert3_index(bits, p), d, "bits {bits} d {d}");
            let idx = (p[0] * side * side + p[1] * side + p[2]) as usize;
            assert!(!seen[idx], "cell {p:?} visited twice");
            seen[idx] = true;
            if d > 0 {
                let step: u32 = (0..3).map(|i| p[i].abs_diff(prev[i])).sum();
                assert_eq!(step, 1, "bits {bits}: {prev:?} → {p:?} at d {d}");
            }
            prev = p;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn z_round_trips(x in any::<u32>(), y in any::<u32>(), z in 0..=Z3_MAX) {
        prop_assert_eq!(z_decode2(z_encode2(x, y)), (x, y));
        let (a, b) = (x & Z3_MAX, y & Z3_MAX);
        prop_assert_eq!(z_decode3(z_encode3(a, b, z)), (a, b, z));
    }

    #[test]
    fn hilbert_round_trips_and_moves_one_cell(order in 1u32..=32, x in any::<u32>(), y in any::<u32>()) {
        let mask = if order == 32 { u32::MAX } else { (1 << order) - 1 };
        let (x, y) = (x & mask, y & mask);
        let d = hilbert_xy2d(order, x, y);
        prop_assert_eq!(hilbert_d2xy(order, d), (x, y));
        let last = if order == 32 { u64::MAX } else { (1u64 << (2 * order)) - 1 };
        if d < last {
            let (nx, ny) = hilbert_d2xy(order, d + 1);
            prop_assert_eq!(nx.abs_diff(x) + ny.abs_diff(y), 1);
        }
    }

    #[test]
    fn z_order_preserves_the_quadrant_order(x in 0u32..256, y in 0u32..256, dx in 0u32..256, dy in 0u32..256) {
        // Within one aligned 2^k block, Z-values are contiguous: the block of (x, y) at level 4
        // holds exactly 256 consecutive values.
        let z = z_encode2(x, y);
        let z2 = z_encode2((x & !15) + (dx & 15), (y & !15) + (dy & 15));
        prop_assert_eq!(z >> 8, z2 >> 8);
    }
}
