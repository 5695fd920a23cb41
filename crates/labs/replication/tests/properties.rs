//! The invariants, as property tests: with R + W > N and no failures every read returns the
//! latest acknowledged write; vector-clock comparison is a partial order and merge its least
//! upper bound; CRDT merges are commutative, associative and idempotent.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_lab_replication::cart::{Edit, OrCart};
use sdp_lab_replication::crdt::{GCounter, LwwRegister, OrSet, PnCounter};
use sdp_lab_replication::quorum::{self, Config, OpKind, Outcome};
use sdp_lab_replication::vclock::{Clock, Order};

fn history() -> impl Strategy<Value = Vec<OpKind>> {
    prop::collection::vec(
        prop_oneof![Just(OpKind::Write), Just(OpKind::Read)],
        1..=quorum::MAX_OPS,
    )
}

fn clock() -> impl Strategy<Value = Clock> {
    prop::collection::vec(0u32..4, 3).prop_map(Clock)
}

fn gcounter() -> impl Strategy<Value = GCounter> {
    prop::collection::vec(0u64..5, 3).prop_map(|counts| GCounter { counts })
}

fn pn() -> impl Strategy<Value = PnCounter> {
    (gcounter(), gcounter()).prop_map(|(p, n)| PnCounter { p, n })
}

fn orset() -> impl Strategy<Value = OrSet> {
    prop::collection::vec((0usize..3, 0u8..3, any::<bool>()), 0..10).prop_map(|ops| {
        let mut s = OrSet::default();
        for (r, x, add) in ops {
            let name = format!("e{x}");
            if add {
                s.add(r, &name);
            } else {
                s.remove(&name);
            }
        }
        s
    })
}

fn register() -> impl Strategy<Value = LwwRegister> {
    (0usize..3, 0u8..3, 0u64..4).prop_map(|(r, v, ts)| {
        let mut x = LwwRegister::default();
        x.put(r, &format!("v{v}"), ts);
        x
    })
}

fn orcart() -> impl Strategy<Value = OrCart> {
    prop::collection::vec((0usize..3, 0u8..3, 0u32..3), 0..8).prop_map(|ops| {
        let mut c = OrCart::default();
        for (r, x, q) in ops {
            let item = format!("i{x}");
            let e = if q == 0 {
                Edit::Remove(item)
            } else {
                Edit::Set(item, q)
            };
            c.edit(r, &e);
        }
        c
    })
}

macro_rules! semilattice {
    ($name:ident, $gen:expr, $merge:expr, $view:expr) => {
        proptest! {
            #[test]
            fn $name(a in $gen, b in $gen, c in $gen) {
                let m = $merge;
                let v = $view;
                prop_assert_eq!(v(&m(&a, &b)), v(&m(&b, &a)), "commutative");
                prop_assert_eq!(v(&m(&m(&a, &b), &c)), v(&m(&a, &m(&b, &c))), "associative");
                prop_assert_eq!(v(&m(&a, &a)), v(&a), "idempotent");
            }
        }
    };
}

semilattice!(
    g_counter_merge_is_a_semilattice,
    gcounter(),
    |x: &GCounter, y: &GCounter| x.merge(y),
    |x: &GCounter| x.clone()
);
semilattice!(
    pn_counter_merge_is_a_semilattice,
    pn(),
    |x: &PnCounter, y: &PnCounter| x.merge(y),
    |x: &PnCounter| x.clone()
);
semilattice!(
    or_set_merge_is_a_semilattice,
    orset(),
    |x: &OrSet, y: &OrSet| x.merge(y),
    |x: &OrSet| x.clone()
);
semilattice!(
    lww_register_merge_is_a_semilattice,
    register(),
    |x: &LwwRegister, y: &LwwRegister| x.merge(y),
    |x: &LwwRegister| x.clone()
);
semilattice!(
    or_cart_merge_is_a_semilattice,
    orcart(),
    |x: &OrCart, y: &OrCart| x.merge(y),
    |x: &OrCart| (x.adds.clone(), x.removed.clone())
);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn strict_quorums_without_failures_read_the_latest_acknowledged_write(
        n in 1usize..=7, spare in 0usize..=2, w in 1usize..=7, r in 1usize..=7,
        history in history(), jitter in 0u32..=40, seed: u64, sloppy: bool,
    ) {
        let (w, r) = (w.min(n), r.min(n));
        prop_assume!(r + w > n);
        let cfg = Config { nodes: (n + spare).min(7), n, w, r, sloppy, jitter, seed, history, faults: Vec::new() };
        let run = quorum::run(&cfg);
        prop_assert_eq!(run.failed(), 0);
        let mut latest = 0;
        for op in &run.ops {
            match op.outcome {
                Outcome::Acked => latest = op.version,
                Outcome::Read { version, .. } => prop_assert_eq!(version, latest),
                other => prop_assert!(false, "{other:?}"),
            }
        }
    }

    #[test]
    fn vector_clock_comparison_is_a_partial_order(a in clock(), b in clock(), c in clock()) {
        prop_assert!(a.leq(&a), "reflexive");
        if a.leq(&b) && b.leq(&a) {
            prop_assert_eq!(&a, &b, "antisymmetric");
        }
        if a.leq(&b) && b.leq(&c) {
            prop_assert!(a.leq(&c), "transitive");
        }
        let flip = match a.compare(&b) {
            Order::Before => Order::After,
            Order::After => Order::Before,
            o => o,
        };
        prop_assert_eq!(b.compare(&a), flip);
        let m = a.merge(&b);
        prop_assert!(a.leq(&m) && b.leq(&m), "merge is an upper bound");
        if a.leq(&c) && b.leq(&c) {
            prop_assert!(m.leq(&c), "the least one");
        }
    }
}

proptest! {
    #[test]
    fn anti_entropy_ends_with_identical_replicas(keys in 2usize..200, shift in 1u32..6, diffs in 0usize..50, seed: u64) {
        use sdp_lab_replication::merkle::{Tree, replicas, sync, walk};
        let leaves = (1usize << shift).min(keys.next_power_of_two() / 2).max(2).min(keys);
        prop_assume!(leaves.is_power_of_two());
        let (mut a, mut b) = replicas(keys, diffs.min(keys), seed);
        let (ta, tb) = (Tree::build(&a, leaves), Tree::build(&b, leaves));
        let (_, differing) = walk(&ta, &tb);
        sync(&mut a, &mut b, &differing, leaves);
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(Tree::build(&a, leaves), Tree::build(&b, leaves));
    }
}
