//! The invariants, as property tests on random streams: the count-min sketch never
//! under-estimates (standard or conservative); space-saving (standard) over-estimates by at most
//! its recorded error and its guaranteed items are heavy; lossy counting (standard) under-counts
//! by at most εN and reports every item above s·n; a Bloom filter has no false negatives and
//! its positions are `(h1 + i·h2) mod m`; the
//! trie's lists equal a brute-force ranking of the queries under each prefix.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_lab_sketches::bloom::Bloom;
use sdp_lab_sketches::cms::{CountMin, Update};
use sdp_lab_sketches::hash::{Family, Hashes};
use sdp_lab_sketches::stream::Stream;
use sdp_lab_sketches::topk::{Lossy, LossyVersion, SavingVersion, SpaceSaving};
use sdp_lab_sketches::trie::Trie;

fn stream() -> impl Strategy<Value = Stream> {
    prop::collection::vec(0u32..30, 1..600).prop_map(|ids| {
        let mut s = Stream::default();
        for i in ids {
            s.push(&format!("i{i}"), 1);
        }
        s
    })
}

proptest! {
    #[test]
    fn count_min_never_under_estimates(s in stream(), width in 1usize..50, depth in 1usize..6, conservative: bool, universal: bool) {
        let family = if universal { Family::Universal } else { Family::Murmur3 };
        let update = if conservative { Update::Conservative } else { Update::Standard };
        let mut c = CountMin::new(Hashes::new(family, depth, width, 3), update);
        for &i in &s.items {
            c.add(s.name(i), 1);
        }
        for (i, &truth) in s.counts().iter().enumerate() {
            prop_assert!(c.estimate(&s.names[i]) >= truth);
        }
    }

    #[test]
    fn space_saving_bounds_hold(s in stream(), k in 1usize..12) {
        let mut ss = SpaceSaving::new(SavingVersion::Standard, k);
        for &i in &s.items {
            ss.add(i, s.name(i));
        }
        let counts = s.counts();
        let n = s.items.len() as u64;
        for e in ss.top() {
            let truth = counts[e.item as usize];
            prop_assert!(e.count >= truth && e.count - e.error <= truth);
            // Guaranteed (count − error above n / k … here: above the k-th count bound) are true heavy hitters.
            if e.count - e.error > n / (k as u64 + 1) {
                prop_assert!(truth > n / (k as u64 + 1));
            }
        }
        // Every item seen more than n / k times is tracked.
        for (i, &c) in counts.iter().enumerate() {
            if c > n / k as u64 {
                prop_assert!(ss.top().iter().any(|e| e.item == i as u32));
            }
        }
    }

    #[test]
    fn lossy_counting_under_counts_by_at_most_epsilon_n(s in stream(), w in 1u32..20, support in 0.0f64..1.0) {
        let epsilon = 1.0 / f64::from(w);
        let mut l = Lossy::new(LossyVersion::Standard, epsilon);
        for &i in &s.items {
            l.add(i);
        }
        let counts = s.counts();
        let n = s.items.len() as f64;
        for e in l.entries() {
            let truth = counts[e.item as usize] as f64;
            prop_assert!(e.count as f64 <= truth && truth - e.count as f64 <= epsilon * n + 1e-9);
        }
        // Manku–Motwani's guarantee, for a support above the error: every item at or above s·n
        // is reported.
        let reported = l.frequent(support);
        for (i, &c) in counts.iter().enumerate() {
            if support > epsilon && c as f64 >= support * n {
                prop_assert!(reported.iter().any(|e| e.item == i as u32), "no false negatives");
            }
        }
    }

    #[test]
    fn bloom_filters_have_no_false_negatives(keys in prop::collection::vec("[a-z0-9]{1,12}", 1..200), m in 8u64..2000, k in 1u32..10) {
        let mut b = Bloom::new(m, k);
        for key in &keys {
            b.insert(key);
        }
        for key in &keys {
            prop_assert!(b.query(key).0);
        }
    }

    #[test]
    fn bloom_positions_are_h1_plus_i_h2_mod_m(key in "[a-z0-9]{0,12}", m in 1u64..(1 << 24), k in 1u32..40) {
        use sdp_lab_sketches::hash::murmur3_32;
        let h1 = u64::from(murmur3_32(key.as_bytes(), 0));
        let h2 = u64::from(murmur3_32(key.as_bytes(), 1)) | 1;
        let want: Vec<u64> = (0..u64::from(k)).map(|i| (h1 + i * h2) % m).collect();
        prop_assert_eq!(Bloom::new(m, k).positions(&key), want);
    }

    #[test]
    fn trie_lists_match_a_brute_force_ranking(queries in prop::collection::vec(("[ab]{1,4}", 1u64..20), 1..40), k in 1usize..5) {
        let mut t = Trie::new(k);
        let mut totals: std::collections::BTreeMap<String, u64> = Default::default();
        for (q, c) in &queries {
            t.insert(q, *c);
            *totals.entry(q.clone()).or_insert(0) += c;
        }
        for prefix in ["", "a", "b", "ab", "ba", "aa"] {
            let mut want: Vec<(String, u64)> = totals.iter().filter(|(q, _)| q.starts_with(prefix)).map(|(q, c)| (q.clone(), *c)).collect();
            want.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            want.truncate(k);
            prop_assert_eq!(t.suggest(prefix), want);
        }
    }
}
