//! Property tests of the issue's invariants: parse(compose(x)) = x for every field combination;
//! one node's IDs strictly increase under any clock schedule its policy accepts; no two nodes
//! ever issue the same ID; base62 and Crockford round trips; ULIDs increase.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sdp_lab_ids::base62::{self, Order};
use sdp_lab_ids::clock::{Clock, Generator, Jump, Policy};
use sdp_lab_ids::snowflake::{Fields, Layout, compose, node_of, parse, split_node};
use sdp_lab_ids::ulid::{self, Monotonic, Ulid};
use sdp_lab_ids::{Action, SnowParams, Split, sim};

fn layout() -> impl Strategy<Value = Layout> {
    (any::<bool>(), 1u32..=20, 1u32..=20)
        .prop_filter("fits", |(dc, n, s)| n + s <= 30 && (!dc || *n >= 6))
        .prop_map(|(dc, node_bits, seq_bits)| Layout {
            node_bits,
            seq_bits,
            dc_bits: if dc { 5 } else { 0 },
        })
}

fn policy() -> impl Strategy<Value = Policy> {
    prop_oneof![
        Just(Policy::Error),
        Just(Policy::Sleep),
        Just(Policy::Logical)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn parse_inverts_compose(l in layout(), a in any::<u64>(), b in any::<u64>(), c in any::<u64>()) {
        let f = Fields { ts: a & l.max_ts(), node: b & l.max_node(), seq: c & l.max_seq() };
        let id = compose(f, l).unwrap();
        prop_assert!(id >> 63 == 0, "the sign bit stays 0");
        prop_assert_eq!(parse(id, l), f);
        if l.dc_bits > 0 {
            let (dc, m) = split_node(f.node, l);
            prop_assert_eq!(node_of(dc, m, l), f.node);
        }
    }

    #[test]
    fn too_wide_fields_are_refused(l in layout(), extra in 1u64..1000) {
        let f = Fields { ts: 0, node: l.max_node() + extra, seq: 0 };
        prop_assert!(compose(f, l).is_err());
    }

    #[test]
    fn base62_round_trips(n in any::<u64>(), prose in any::<bool>(), width in 0usize..=11) {
        let order = if prose { Order::Prose } else { Order::Code };
        let code = base62::encode(n, order, width);
        prop_assert!(code.chars().count() >= width.max(1));
        prop_assert_eq!(base62::decode(&code, order), Ok(n));
    }

    #[test]
    fn crockford_round_trips(time in 0u64..=ulid::MAX_TIME, random in any::<u128>(), lower in any::<bool>()) {
        let u = Ulid { time, random: random & ulid::MAX_RANDOM };
        let text = ulid::encode(u);
        prop_assert_eq!(text.len(), 26);
        prop_assert!(text.as_bytes()[0] <= b'7');
        let read = if lower { text.to_lowercase() } else { text.clone() };
        prop_assert_eq!(ulid::decode(&read), Ok(u));
    }

    #[test]
    fn string_order_is_value_order(a in any::<u128>(), b in any::<u128>()) {
        let (x, y) = (Ulid::from_value(a >> 2), Ulid::from_value(b >> 2));
        prop_assert_eq!(ulid::encode(x).cmp(&ulid::encode(y)), x.value().cmp(&y.value()));
    }

    #[test]
    fn one_nodes_ids_strictly_increase(
        p in policy(),
        seq_bits in 1u32..=12,
        max_skew in 0u64..50,
        jumps in prop::collection::vec((0u64..60, 1u64..80), 0..5),
        load in prop::collection::vec(1u32..8, 60),
    ) {
        let l = Layout { node_bits: 10, seq_bits, dc_bits: 0 };
        let clock = Clock { base: 5_000, jumps: jumps.into_iter().map(|(at, back)| Jump { at, back }).collect() };
        let mut g = Generator::new(3, 0, l, p, max_skew);
        let (mut r, mut last) = (0u64, None::<u64>);
        for (t, n) in load.iter().enumerate() {
            for _ in 0..*n {
                let o = g.next(r.max(t as u64), &clock);
                prop_assert!(o.done >= r.max(t as u64), "time never runs backwards");
                r = o.done;
                if let Ok((_, id, _)) = o.result {
                    prop_assert!(last.is_none_or(|prev| id > prev), "{:?} then {}", last, id);
                    last = Some(id);
                }
            }
        }
        if p == Policy::Logical {
            prop_assert!(last.is_some(), "the logical clock never refuses");
        }
    }

    #[test]
    fn no_two_nodes_issue_the_same_id(
        p in policy(),
        dc in any::<bool>(),
        nodes in 1u32..=8,
        seq_bits in 1u32..=6,
        per_ms in 1u32..=6,
        drift in 0u32..=5,
        seed in any::<u64>(),
        jumps in prop::collection::vec((0u32..8, 0u64..20, 1u64..30), 0..4),
    ) {
        let params = SnowParams {
            split: if dc { Split::Datacenter } else { Split::Node },
            seq_bits,
            nodes,
            per_ms,
            duration: 20,
            drift,
            policy: p,
            max_skew: 10,
            ..SnowParams::default()
        };
        let actions: Vec<Action> = jumps
            .into_iter()
            .filter(|(n, _, _)| *n < nodes)
            .map(|(node, at, back)| Action::Back { node, at, back })
            .collect();
        let run = sim::run(&params, &actions, seed);
        prop_assert_eq!(run.merged.duplicates, 0);
        prop_assert_eq!(run.merged.node_order_breaks, 0);
        prop_assert_eq!(run.merged.issued + run.merged.refused, u64::from(nodes * 20 * per_ms));
    }

    #[test]
    fn monotonic_ulids_increase(clocks in prop::collection::vec(0u64..20, 1..200), seed in any::<u64>()) {
        let mut rng = sdp_kit::rng::seeded(seed);
        let mut g = Monotonic::default();
        let mut last: Option<u128> = None;
        let mut now = 1_000;
        for c in clocks {
            now += c / 15;
            let (u, _) = g.next(now, || ulid::random80(&mut rng));
            prop_assert!(last.is_none_or(|l| u.value() > l));
            last = Some(u.value());
        }
    }
}

mod node_ids {
    use proptest::prelude::*;
    use sdp_kit::lab::{Contract, Lab};
    use sdp_lab_ids::{IdsLab, State};

    fn run(query: &str, crashes: &[(u32, u32)]) -> Vec<f64> {
        let i = IdsLab::MODES
            .iter()
            .position(|m| m.id == "node-ids")
            .unwrap();
        let mut s = IdsLab::mode_scenario(i);
        let (p, errors) = IdsLab::from_query(&sdp_kit::query::parse(query));
        assert!(errors.is_empty(), "{errors:?}");
        s.params = p.params;
        s.actions = crashes
            .iter()
            .map(|&(server, at)| sdp_lab_ids::Action::Crash { server, at })
            .collect();
        let t = IdsLab::run(&s).unwrap();
        let State::NodeIds(last) = &t.steps.last().unwrap().state else {
            panic!()
        };
        vec![last.duplicates as f64, last.refused as f64]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn leases_renewed_in_time_and_lowest_free_ids_never_duplicate(
            nodes in 1u32..=6,
            lease in 2u64..8,
            churn in 0u32..5,
            start in 0u64..2000,
            crashes in prop::collection::vec((1u32..=6, 1u32..=20), 0..4),
        ) {
            let crashes: Vec<(u32, u32)> = crashes.into_iter().filter(|(n, _)| *n <= nodes).collect();
            let renew = lease - 1;
            let q = format!("mode=node-ids&strategy=lease&nodes={nodes}&ticks=20&slots={nodes}&lease={lease}&renew={renew}");
            prop_assert_eq!(run(&q, &crashes)[0], 0.0);
            let q = format!("mode=node-ids&strategy=zookeeper&nodes={nodes}&ticks=20&zk_start={start}&churn={churn}&zk_id=lowest");
            prop_assert_eq!(run(&q, &crashes), vec![0.0, 0.0]);
        }
    }
}
