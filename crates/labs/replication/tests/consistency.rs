//! `consistency` (M9.17): the preset histories as golden vectors, and the checker against a
//! brute-force search over every order (and every choice of pending writes) on thousands of
//! small seeded histories: the verdicts and the first violating operation agree.
#![cfg(not(target_arch = "wasm32"))]

use rand::RngExt;
use sdp_kit::lab::Contract;
use sdp_lab_replication::history::{
    Model, Op, Verdict, by_response, final_reads_agree, judge, judge_eventual, random, well_formed,
};
use sdp_lab_replication::trace::{example_ops, history_of};
use sdp_lab_replication::{Example, ReplicationLab, State};

fn orders(items: &[usize]) -> Vec<Vec<usize>> {
    if items.is_empty() {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for (k, &first) in items.iter().enumerate() {
        let mut rest = items.to_vec();
        rest.remove(k);
        for mut tail in orders(&rest) {
            tail.insert(0, first);
            out.push(tail);
        }
    }
    out
}

/// Whether `order` is legal for the registers and keeps the model's constraints, written out
/// here without the library.
fn valid(ops: &[Op], model: Model, order: &[usize]) -> bool {
    for (a, &x) in order.iter().enumerate() {
        for &y in &order[a + 1..] {
            // y is placed after x: y must not have to come first.
            let must = match model {
                Model::Linearizable => ops[y].response < ops[x].invoke,
                Model::Sequential => ops[y].proc == ops[x].proc && ops[y].invoke < ops[x].invoke,
            };
            if must {
                return false;
            }
        }
    }
    let mut regs = [0u32; 2];
    order.iter().all(|&i| {
        let o = ops[i];
        if o.write {
            regs[o.reg] = o.value;
            true
        } else {
            regs[o.reg] == o.value
        }
    })
}

/// Brute force: some subset of the optional operations with the mandatory ones has a valid order.
fn brute(ops: &[Op], model: Model, mandatory: &[usize]) -> bool {
    let optional: Vec<usize> = (0..ops.len()).filter(|i| !mandatory.contains(i)).collect();
    (0u32..1 << optional.len()).any(|mask| {
        let mut set = mandatory.to_vec();
        set.extend(
            optional
                .iter()
                .enumerate()
                .filter(|(b, _)| mask & (1 << b) != 0)
                .map(|(_, &i)| i),
        );
        orders(&set).iter().any(|o| valid(ops, model, o))
    })
}

fn brute_first_violation(ops: &[Op], model: Model) -> Option<usize> {
    let all: Vec<usize> = (0..ops.len()).collect();
    if brute(ops, model, &all) {
        return None;
    }
    let seq = by_response(ops);
    (1..=seq.len()).find_map(|k| (!brute(ops, model, &seq[..k])).then(|| seq[k - 1]))
}

/// A history with freer shapes than the lab's random one: any client, overlapping clients,
/// reads of any small value.
fn wild(rng: &mut sdp_kit::rng::LabRng, n: usize) -> Vec<Op> {
    loop {
        let ops: Vec<Op> = (0..n)
            .map(|_| {
                let invoke = rng.random_range(0..12);
                let write = rng.random_bool(0.45);
                Op {
                    proc: rng.random_range(1..=3),
                    write,
                    reg: rng.random_range(0..2),
                    value: if write {
                        rng.random_range(1..=3)
                    } else {
                        rng.random_range(0..=3)
                    },
                    invoke,
                    response: invoke + rng.random_range(1..6),
                }
            })
            .collect();
        if well_formed(&ops).is_ok() {
            return ops;
        }
    }
}

#[test]
fn the_checker_agrees_with_brute_force_on_thousands_of_small_histories() {
    let mut rng = sdp_kit::rng::seeded(17);
    let mut counts = [[0usize; 2]; 2];
    for case in 0..4_000u64 {
        let n = 1 + (case % 7) as usize;
        let ops = if case % 2 == 0 {
            random(n, 1 + (case % 3 == 0) as usize, case)
        } else {
            wild(&mut rng, n)
        };
        assert!(well_formed(&ops).is_ok());
        for (m, model) in [Model::Linearizable, Model::Sequential]
            .into_iter()
            .enumerate()
        {
            let all: Vec<usize> = (0..ops.len()).collect();
            let expected = brute(&ops, model, &all);
            let got = judge(&ops, model);
            assert_eq!(got.holds(), expected, "case {case} {model:?}: {ops:?}");
            if let Verdict::Holds(order) = &got {
                assert_eq!(order.len(), ops.len());
                assert!(
                    valid(&ops, model, order),
                    "case {case}: the order found is valid"
                );
            }
            counts[m][usize::from(expected)] += 1;
        }
    }
    // Both verdicts occur often enough for the comparison to mean something.
    for c in counts {
        assert!(c[0] > 400 && c[1] > 400, "{counts:?}");
    }
}

#[test]
fn the_first_violating_operation_agrees_with_brute_force() {
    let mut rng = sdp_kit::rng::seeded(18);
    let mut broken = 0;
    for case in 0..1_500u64 {
        let n = 2 + (case % 4) as usize;
        let ops = if case % 2 == 0 {
            random(n, 1, case)
        } else {
            wild(&mut rng, n)
        };
        for model in [Model::Linearizable, Model::Sequential] {
            let expected = brute_first_violation(&ops, model);
            let got = match judge(&ops, model) {
                Verdict::Holds(_) => None,
                Verdict::Broken(i) => Some(i),
            };
            assert_eq!(got, expected, "case {case} {model:?}: {ops:?}");
            broken += usize::from(got.is_some());
        }
    }
    assert!(broken > 300, "{broken}");
}

#[test]
fn linearizable_implies_sequential_implies_eventual() {
    let mut rng = sdp_kit::rng::seeded(19);
    for case in 0..2_000 {
        let ops = wild(&mut rng, 1 + case % 7);
        let (l, s, e) = (
            judge(&ops, Model::Linearizable).holds(),
            judge(&ops, Model::Sequential).holds(),
            judge_eventual(&ops).holds(),
        );
        assert!(!l || s, "{ops:?}");
        assert!(!s || e, "{ops:?}");
    }
}

#[test]
fn the_preset_histories_get_their_verdicts() {
    let v = |e: Example| {
        let ops = example_ops(e);
        (
            judge(&ops, Model::Linearizable),
            judge(&ops, Model::Sequential).holds(),
            judge_eventual(&ops),
            final_reads_agree(&ops),
        )
    };
    let (l, s, e, agree) = v(Example::Bank);
    assert!(l.holds() && s && e.holds());
    assert_eq!(agree, Some(true));
    // The stale follower read: P2 R(x)=0 after the write returned.
    let (l, s, e, _) = v(Example::Stale);
    assert_eq!((l, s, e.holds()), (Verdict::Broken(1), true, true));
    // New then old: P3 R(x)=0 after P2 read 1.
    let (l, s, _, _) = v(Example::Inversion);
    assert_eq!((l, s), (Verdict::Broken(2), true));
    // Two orders seen: not sequential, first broken by P4's second read.
    let ops = example_ops(Example::Order);
    assert_eq!(judge(&ops, Model::Sequential), Verdict::Broken(5));
    assert!(judge_eventual(&ops).holds());
    assert_eq!(final_reads_agree(&ops), Some(false));
    let (l, s, e, _) = v(Example::Thin);
    assert!(!l.holds() && !s);
    assert_eq!(e, Verdict::Broken(1));
}

#[test]
fn typed_operations_edit_the_history_and_overlaps_are_left_out() {
    let q = "mode=consistency&example=stale&a=del:2&a=r:3:x=1@9-11&a=w:1:y=2@1-2";
    let (s, problems) = ReplicationLab::from_query(&sdp_kit::query::parse(q));
    assert!(problems.is_empty(), "{problems:?}");
    let (ops, dropped) = history_of(&s);
    assert_eq!(ops.len(), 4, "{ops:?}");
    assert_eq!(
        dropped.len(),
        1,
        "P1's y write overlaps its x write: {dropped:?}"
    );
    // Without the stale read the history is linearizable.
    assert!(judge(&ops, Model::Linearizable).holds());
    let t = ReplicationLab::run(&s).unwrap();
    assert!(t.steps.last().unwrap().narration.contains("linearizable"));
    assert!(matches!(t.steps[0].state, State::Consistency(_)));
    let (_, problems) =
        ReplicationLab::from_query(&sdp_kit::query::parse("mode=consistency&a=w:9:x=1@0-3"));
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("client must be 1–4")),
        "{problems:?}"
    );
    let (_, problems) =
        ReplicationLab::from_query(&sdp_kit::query::parse("mode=consistency&a=r:1:x=1@5-5"));
    assert!(
        problems.iter().any(|p| p.message.contains("times")),
        "{problems:?}"
    );
    let (_, problems) = ReplicationLab::from_query(&sdp_kit::query::parse(
        "mode=consistency&example=thin&a=del:3",
    ));
    assert!(
        problems.iter().any(|p| p.field.starts_with('a')),
        "{problems:?}"
    );
}
