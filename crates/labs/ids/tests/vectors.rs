//! The catalogue's worked examples and check values (B3: M3.1, M3.4–M3.6, M3.8), through the
//! mechanisms and through the traces the learner sees.
#![cfg(not(target_arch = "wasm32"))]

use sdp_kit::lab::{Contract, Lab};
use sdp_lab_ids::base62::{self, Order};
use sdp_lab_ids::clock::{Clock, Event, Generator, Jump, Policy, Refusal};
use sdp_lab_ids::date::{iso, year};
use sdp_lab_ids::snowflake::{
    EPOCH_2020, Fields, Layout, TWITTER_EPOCH, compose, node_of, parse, years,
};
use sdp_lab_ids::ulid::{self, EXAMPLE};
use sdp_lab_ids::{IdsLab, State};

fn narrations(query: &str) -> Vec<String> {
    let (s, errors) = IdsLab::from_query(&sdp_kit::query::parse(query));
    assert!(errors.is_empty(), "{errors:?}");
    IdsLab::run(&s)
        .unwrap()
        .steps
        .into_iter()
        .map(|s| s.narration)
        .collect()
}

#[test]
fn base62_of_123456789_is_8m0kx_digit_by_digit() {
    let rows = base62::divisions(123_456_789, Order::Code);
    let digits: Vec<u64> = rows.iter().rev().map(|d| d.remainder).collect();
    assert_eq!(digits, [8, 22, 0, 46, 33]);
    assert_eq!(base62::encode(123_456_789, Order::Code, 0), "8M0kX");
    assert_eq!(base62::decode("8M0kX", Order::Code), Ok(123_456_789));
}

#[test]
fn the_prose_order_gives_iwauh_and_misreads_8m0kx() {
    assert_eq!(base62::encode(123_456_789, Order::Prose, 0), "iwaUH");
    assert_eq!(base62::decode("8M0kX", Order::Prose), Ok(895_837_181));
    assert_eq!(base62::decode("iwaUH", Order::Prose), Ok(123_456_789));
}

#[test]
fn base62_check_values() {
    assert_eq!(base62::encode(61, Order::Code, 0), "z");
    assert_eq!(base62::encode(62, Order::Code, 0), "10");
    assert_eq!(base62::encode(62u64.pow(6), Order::Code, 0), "1000000");
    assert_eq!(base62::encode(62u64.pow(7) - 1, Order::Code, 0), "zzzzzzz");
    assert_eq!(base62::capacity(7), 3_521_614_606_208);
    assert_eq!(base62::encode_doc(0, Order::Code), "");
    assert_eq!(base62::encode(0, Order::Code, 0), "0");
    assert_eq!(base62::encode(0, Order::Prose, 0), "a");
    assert_eq!(base62::encode(123_456_789, Order::Code, 7), "008M0kX");
    assert_eq!(base62::decode("008M0kX", Order::Code), Ok(123_456_789));
}

#[test]
fn the_base62_mode_opens_on_the_document_example() {
    let n = narrations("mode=base62");
    assert!(n[0].contains("123,456,789"), "{}", n[0]);
    assert!(n[1].contains("123,456,789 % 62 = 33 → “X”"), "{}", n[1]);
    assert!(
        n[5].contains("“8M0kX”") && n[5].contains("stops"),
        "{}",
        n[5]
    );
    assert!(
        n.iter()
            .any(|s| s.contains("n = 1,991,238 × 62 + 33 = 123,456,789")),
        "{n:?}"
    );
    let last = n.last().unwrap();
    assert!(
        last.contains("“iwaUH”") && last.contains("895,837,181"),
        "{last}"
    );
    assert!(last.contains("3,521,614,606,208"), "{last}");
    let zero = narrations("mode=base62&n=0");
    assert!(
        zero.iter()
            .any(|s| s.contains("empty code") && s.contains("“0”")),
        "{zero:?}"
    );
}

#[test]
fn snowflake_diagram_example_in_both_readings() {
    let f = Fields {
        ts: 1_704_067_200_000,
        node: 42,
        seq: 1234,
    };
    assert_eq!(compose(f, Layout::STANDARD), Ok(7_147_375_873_228_973_266));
    let d = Fields {
        ts: 1_704_067_200_000 - EPOCH_2020,
        ..f
    };
    assert_eq!(d.ts, 126_230_400_000);
    let id = compose(d, Layout::STANDARD).unwrap();
    assert_eq!(id, 529_448_671_641_773_266);
    assert_eq!(id, 0x0758_fac3_0002_a4d2);
    let back = parse(id, Layout::STANDARD);
    assert_eq!(back, d);
    assert_eq!(
        iso((back.ts + EPOCH_2020) as i64),
        "2024-01-01T00:00:00.000Z"
    );
    let tw = Fields {
        ts: 1_704_067_200_000 - TWITTER_EPOCH,
        ..f
    };
    assert_eq!(compose(tw, Layout::STANDARD), Ok(1_741_610_183_685_219_538));
}

#[test]
fn datacenter_split_check_value() {
    let l = Layout::DATACENTER;
    let f = Fields {
        ts: 126_230_400_000,
        node: node_of(3, 10, l),
        seq: 1234,
    };
    assert_eq!(compose(f, l), Ok(529_448_671_642_035_410));
    let n = narrations("mode=snowflake&split=datacenter");
    assert!(n[1].contains("529448671642035410"), "{}", n[1]);
}

#[test]
fn snowflake_capacity_figures() {
    assert!((years(41) - 69.68).abs() < 0.01, "{}", years(41));
    assert_eq!((Layout::STANDARD.max_seq() + 1) * 1000, 4_096_000);
    assert_eq!(Layout::STANDARD.max_node() + 1, 1024);
    assert_eq!(Layout::STANDARD.ts_bits(), 41);
}

#[test]
fn the_snowflake_mode_opens_on_the_diagram_example() {
    let n = narrations("mode=snowflake&a=back:0@3:3");
    assert!(n[0].contains("7147375873228973266"), "{}", n[0]);
    assert!(n[1].contains("529448671641773266"), "{}", n[1]);
    assert!(
        n[2].contains("2024-01-01T00:00:00.000Z")
            && n[2].contains("= 42")
            && n[2].contains("= 1234"),
        "{}",
        n[2]
    );
    assert!(
        n.iter().any(|s| s.contains("slept 2 ms")),
        "the default jump leaves the clock 2 ms behind, which is slept: {n:?}"
    );
}

fn generator(policy: Policy, last: i64) -> Generator {
    let mut g = Generator::new(0, 0, Layout::STANDARD, policy, 5_000);
    g.last = Some(last);
    g
}

#[test]
fn clock_skew_check_values() {
    let clock = |now: i64| Clock {
        base: now,
        jumps: vec![],
    };
    let mut g = generator(Policy::Sleep, 1000);
    let o = g.next(0, &clock(998));
    assert_eq!(o.done, 2, "slept 2 ms");
    assert!(matches!(o.result, Ok((f, _, Event::Slept(2))) if f.ts == 1000));
    let mut g = generator(Policy::Sleep, 7000);
    assert_eq!(
        g.next(0, &clock(900)).result,
        Err(Refusal::SkewTooLarge(6100))
    );
    let mut g = generator(Policy::Logical, 1000);
    let o = g.next(0, &clock(998));
    assert!(matches!(o.result, Ok((f, _, Event::Logical(2))) if f.ts == 1000 && f.seq == 1));
    let mut g = generator(Policy::Error, 1000);
    assert_eq!(g.next(0, &clock(998)).result, Err(Refusal::Backwards(2)));
}

#[test]
fn the_sequence_overflow_spin_waits_for_the_next_ms() {
    let l = Layout {
        node_bits: 10,
        seq_bits: 2,
        dc_bits: 0,
    };
    let mut g = Generator::new(1, 0, l, Policy::Error, 0);
    let c = Clock {
        base: 500,
        jumps: vec![Jump { at: 100, back: 1 }],
    };
    let seqs: Vec<(u64, u64)> = (0..5)
        .map(|_| match g.next(0, &c).result {
            Ok((f, _, _)) => (f.ts, f.seq),
            Err(e) => panic!("{e:?}"),
        })
        .collect();
    assert_eq!(seqs, [(500, 0), (500, 1), (500, 2), (500, 3), (501, 0)]);
}

#[test]
fn ulid_example_decodes_to_2016() {
    let u = ulid::decode(EXAMPLE).unwrap();
    assert_eq!(u.time, 1_469_922_850_259);
    assert_eq!(iso(u.time as i64), "2016-07-30T23:54:10.259Z");
    assert_eq!(ulid::encode(u), EXAMPLE);
    assert_eq!(ulid::decode(&EXAMPLE.to_lowercase()), Ok(u));
}

#[test]
fn ulid_lifetime_is_8919_years_ending_in_10889() {
    assert!(
        (ulid::span_years() - 8_919.4).abs() < 0.1,
        "{}",
        ulid::span_years()
    );
    assert_eq!(year(ulid::MAX_TIME as i64), 10_889);
    let n = narrations("mode=ulid");
    assert!(n[0].contains("2016-07-30T23:54:10.259Z"), "{}", n[0]);
    let last = n.last().unwrap();
    assert!(
        last.contains("10889 years") && last.contains("8919 years") && last.contains("year 10889"),
        "{last}"
    );
}

#[test]
fn ulids_within_a_millisecond_increment_and_overflow_waits() {
    let (s, _) = IdsLab::from_query(&sdp_kit::query::parse(
        "mode=ulid&near_max=1&per_ms=3&count=4",
    ));
    let t = IdsLab::run(&s).unwrap();
    let State::Ulid(u) = &t.steps.last().unwrap().state else {
        panic!()
    };
    let made: Vec<_> = u.world.made.iter().map(|g| (g.ulid.time, g.made)).collect();
    use sdp_lab_ids::ulid::Made;
    let t0 = 1_469_922_850_259;
    assert_eq!(
        made,
        [
            (t0, Made::Fresh),
            (t0, Made::Incremented),
            (t0 + 1, Made::Waited),
            (t0 + 1, Made::Incremented)
        ]
    );
    assert_eq!(u.world.made[1].ulid.random, ulid::MAX_RANDOM);
}

#[test]
fn every_mode_names_its_procedures() {
    assert_eq!(IdsLab::MODES.len(), 8);
    assert!(IdsLab::procedures().len() >= 4);
}

fn mode_trace(mode: &str, extra: &str) -> sdp_kit::lab::Trace<State> {
    let i = IdsLab::MODES.iter().position(|m| m.id == mode).unwrap();
    let mut pairs = IdsLab::to_query(&IdsLab::mode_scenario(i));
    pairs.extend(sdp_kit::query::parse(extra));
    let (s, errors) = IdsLab::from_query(&pairs);
    assert!(errors.is_empty(), "{errors:?}");
    IdsLab::run(&s).unwrap()
}

#[test]
fn hash_prefix_check_values() {
    use sdp_lab_ids::hashcode::{Algo, hex_digest};
    assert_eq!(
        hex_digest(Algo::Md5, "https://example.com"),
        "c984d06aafbecf6bc55569f964148ea3"
    );
    assert!(hex_digest(Algo::Sha256, "https://example.com").starts_with("100680a"));
    let t = mode_trace("hash-prefix", "");
    assert!(
        t.steps[0].narration.contains("c984d06"),
        "{}",
        t.steps[0].narration
    );
    assert!(
        t.steps[0].narration.contains("stored as c984d06"),
        "{}",
        t.steps[0].narration
    );
    let again = &t.steps[t.len() - 2].narration;
    assert!(
        again.contains("already stored") && again.contains("c984d06"),
        "{again}"
    );
    let t = mode_trace("hash-prefix", "hash=sha256");
    assert!(
        t.steps[0].narration.contains("stored as 100680a"),
        "{}",
        t.steps[0].narration
    );
}

#[test]
fn short_prefixes_collide_about_as_the_birthday_bound_says() {
    let t = mode_trace("hash-prefix", "length=3&urls=1000&detailed=0");
    let State::HashPrefix(h) = &t.steps.last().unwrap().state else {
        panic!()
    };
    let st = h.world.stats;
    assert_eq!(st.space, 4096.0);
    assert!((st.expected - 1001.0 * 1000.0 / 8192.0).abs() < 1e-9);
    let (obs, exp) = (st.collided as f64, st.expected);
    assert!(
        obs > exp * 0.6 && obs < exp * 1.3,
        "observed {obs}, expected {exp}"
    );
    assert!(st.birthday > 0.999_999);
}

#[test]
fn the_documents_range_test_issues_9999_per_range() {
    use sdp_lab_ids::ranges::{Coordinator, Loss, Rule, Server};
    for (rule, per) in [(Rule::Doc, 9_999), (Rule::Fixed, 10_000)] {
        let mut c = Coordinator::new(10_000);
        let mut s = Server::default();
        let (req, _) = s.issue(per, rule, &mut c);
        assert_eq!(req, [(1, 10_000)]);
        assert_eq!(s.ranges, 1, "{rule:?}: {per} IDs fit the first range");
        let (req, gaps) = s.issue(1, rule, &mut c);
        assert_eq!(req, [(10_001, 20_000)], "{rule:?}");
        assert_eq!(s.current, 10_002);
        if rule == Rule::Doc {
            assert_eq!(gaps.len(), 1);
            assert_eq!((gaps[0].from, gaps[0].why), (10_000, Loss::OffByOne));
        } else {
            assert!(gaps.is_empty());
        }
    }
    let mut c = Coordinator::new(10_000);
    let mut s = Server::default();
    s.issue(2_500, Rule::Fixed, &mut c);
    let g = s.crash().unwrap();
    assert_eq!((g.from, g.to, g.why), (2_501, 10_000, Loss::Crash));
}

#[test]
fn the_ranges_mode_opens_on_the_documents_ranges_and_a_crash() {
    let t = mode_trace("ranges", "");
    assert!(
        t.steps[0].narration.contains("[1–10,000]")
            && t.steps[0].narration.contains("[10,001–20,000]"),
        "{}",
        t.steps[0].narration
    );
    assert!(
        t.steps
            .iter()
            .any(|s| s.narration.contains("server 2 crashed"))
    );
    let last = t.steps.last().unwrap();
    assert!(last.narration.contains("9,999 IDs"), "{}", last.narration);
    let lost = |t: &sdp_kit::lab::Trace<State>| {
        t.steps
            .last()
            .unwrap()
            .metrics
            .iter()
            .find(|m| m.label == "lost to ≥ range_end")
            .unwrap()
            .value
    };
    assert!(lost(&t) >= 1.0);
    assert_eq!(lost(&mode_trace("ranges", "rule=fixed")), 0.0);
}

#[test]
fn the_pregen_cache_keeps_up_only_while_the_refill_outpaces_gets() {
    let on_demand = |extra: &str| {
        let t = mode_trace("pregen", extra);
        t.steps
            .last()
            .unwrap()
            .metrics
            .iter()
            .find(|m| m.label == "generated on demand")
            .unwrap()
            .value
    };
    assert_eq!(
        on_demand("rate=8"),
        0.0,
        "80 per 10 ms against 100: keeps up"
    );
    assert!(
        on_demand("rate=12&duration=2000") > 0.0,
        "120 per 10 ms against 100: drains"
    );
    let t = mode_trace("pregen", "rate=8");
    assert!(t.steps.last().unwrap().narration.contains("keeps up"));
}

#[test]
fn the_comparison_covers_every_scheme() {
    let rows = sdp_lab_ids::compare::rows();
    assert_eq!(rows.len(), 6);
    assert!(
        rows.iter()
            .all(|r| IdsLab::MODES.iter().any(|m| m.id == r.mode))
    );
    assert!((sdp_lab_ids::compare::half_chance(7) - 19_290.0).abs() < 10.0);
    let t = mode_trace("compare", "");
    assert_eq!(t.len(), 7);
}

#[test]
fn every_largest_scenario_is_valid() {
    for (mode, s) in sdp_lab_ids::largest() {
        let errors = IdsLab::validate(&s);
        assert!(errors.is_empty(), "{mode:?}: {errors:?}");
        assert!(IdsLab::run(&s).unwrap().len() > 2);
    }
}

fn last_metric(t: &sdp_kit::lab::Trace<State>, label: &str) -> f64 {
    t.steps
        .last()
        .unwrap()
        .metrics
        .iter()
        .find(|m| m.label == label)
        .unwrap()
        .value
}

#[test]
fn zookeeper_sequences_pass_1023_and_the_lowest_free_id_does_not() {
    let t = mode_trace("node-ids", "");
    assert!(
        t.steps[0].narration.contains("node-0000001019 → id 1019"),
        "{}",
        t.steps[0].narration
    );
    assert!(
        t.steps
            .iter()
            .any(|s| s.narration.contains("node-0000001024 → id 1024"))
    );
    assert!(last_metric(&t, "refused: id past 1023") > 0.0);
    let t = mode_trace("node-ids", "zk_id=lowest");
    assert_eq!(last_metric(&t, "refused: id past 1023"), 0.0);
    assert_eq!(last_metric(&t, "duplicate IDs"), 0.0);
}

#[test]
fn a_misconfigured_static_id_duplicates_every_ms() {
    let t = mode_trace("node-ids", "strategy=static&config=0,1,2,2&ticks=16");
    assert_eq!(last_metric(&t, "duplicate IDs"), 16.0);
    assert_eq!(
        last_metric(
            &mode_trace("node-ids", "strategy=static&config=0,1,2,3"),
            "duplicate IDs"
        ),
        0.0
    );
}

#[test]
fn a_crashed_nodes_lease_is_reclaimed_once_it_expires() {
    let t = mode_trace("node-ids", "strategy=lease&slots=4&lease=5&renew=2");
    let at = |k: usize| &t.steps[k].narration;
    assert!(at(4).contains("node-2 crashes"), "{}", at(4));
    assert!(at(5).contains("node-2′ finds no free lease"), "{}", at(5));
    assert!(
        at(8).contains("node-2′ reclaims expired lease 1"),
        "{}",
        at(8)
    );
    assert_eq!(last_metric(&t, "duplicate IDs"), 0.0);
    let t = mode_trace("node-ids", "strategy=lease&slots=4&lease=2&renew=3");
    assert!(
        last_metric(&t, "duplicate IDs") > 0.0,
        "renewing after expiry lets two nodes share an id"
    );
}
