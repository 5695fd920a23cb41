//! Against independent implementations on thousands of seeded inputs: MurmurHash3 against the
//! `murmur3` crate; the count-min sketch against its definition computed from exact counts; the
//! exact top-K against a brute-force sort; the Bloom filter's "maybe" against its positions.
#![cfg(not(target_arch = "wasm32"))]

use rand::RngExt;
use sdp_lab_sketches::cms::{CountMin, Update};
use sdp_lab_sketches::hash::{Family, Hashes, murmur3_32};
use sdp_lab_sketches::stream::{Stream, zipf};
use sdp_lab_sketches::topk::Exact;

#[test]
fn murmur3_matches_the_reference_crate() {
    let mut rng = sdp_kit::rng::seeded(99);
    for _ in 0..10_000 {
        let len = rng.random_range(0..40);
        let data: Vec<u8> = (0..len).map(|_| rng.random::<u8>()).collect();
        let seed = rng.random::<u32>();
        let want = murmur3::murmur3_32(&mut std::io::Cursor::new(&data), seed).unwrap();
        assert_eq!(murmur3_32(&data, seed), want, "{data:?} seed {seed}");
    }
}

#[test]
fn the_sketch_is_its_definition() {
    // Standard update: every cell is the sum of the exact counts of the items hashing to it.
    let mut rng = sdp_kit::rng::seeded(7);
    for case in 0..300 {
        let s: Stream = zipf(
            rng.random_range(1..200),
            rng.random_range(1..2000),
            rng.random_range(0.0..2.0),
            case,
        );
        let width = rng.random_range(1..100);
        let depth = rng.random_range(1..6);
        let family = if case % 2 == 0 {
            Family::Murmur3
        } else {
            Family::Universal
        };
        let hashes = Hashes::new(family, depth, width, case);
        let mut c = CountMin::new(hashes.clone(), Update::Standard);
        for &i in &s.items {
            c.add(s.name(i), 1);
        }
        let mut want = vec![0u64; width * depth];
        for (i, &n) in s.counts().iter().enumerate() {
            for r in 0..depth {
                want[r * width + hashes.index(&s.names[i], r)] += n;
            }
        }
        assert_eq!(c.table, want, "case {case}");
    }
}

#[test]
fn exact_top_k_matches_a_sort() {
    let mut rng = sdp_kit::rng::seeded(8);
    for case in 0..1_000 {
        let s = zipf(
            rng.random_range(1..100),
            rng.random_range(1..500),
            1.0,
            case,
        );
        let k = rng.random_range(1..10);
        let mut e = Exact::new(s.names.len());
        for &i in &s.items {
            e.add(i);
        }
        let counts = s.counts();
        let first: Vec<usize> = (0..s.names.len())
            .map(|i| {
                s.items
                    .iter()
                    .position(|&x| x as usize == i)
                    .unwrap_or(usize::MAX)
            })
            .collect();
        let mut want: Vec<u32> = (0..s.names.len() as u32)
            .filter(|&i| counts[i as usize] > 0)
            .collect();
        want.sort_by_key(|&i| (std::cmp::Reverse(counts[i as usize]), first[i as usize]));
        want.truncate(k);
        let got: Vec<u32> = e.top(k).iter().map(|x| x.item).collect();
        assert_eq!(got, want, "case {case}");
    }
}
