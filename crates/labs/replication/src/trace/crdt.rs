//! `crdt`: three replicas of one CRDT; the type's worked example first (when `preset=on`),
//! then the typed actions, then a check that merging in any order, or twice, gives the same.

use crate::cart::REPLICAS;
use crate::crdt::{GCounter, LwwRegister, OrSet, PnCounter};
use crate::text::proc_ids;
use crate::url::parse_action;
use crate::{Action, CrdtKind, Params, State, Toggle};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};

/// One replica's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CrdtValue {
    /// G-counter.
    G(GCounter),
    /// PN-counter.
    Pn(PnCounter),
    /// OR-set.
    Or(OrSet),
    /// LWW-register: merged by F4's rule, and by the tie-broken CRDT.
    Lww(LwwRegister, LwwRegister),
}

impl CrdtValue {
    /// An empty replica of `kind`.
    pub fn new(kind: CrdtKind) -> Self {
        match kind {
            CrdtKind::GCounter => CrdtValue::G(GCounter {
                counts: vec![0; REPLICAS],
            }),
            CrdtKind::PnCounter => CrdtValue::Pn(PnCounter {
                p: GCounter {
                    counts: vec![0; REPLICAS],
                },
                n: GCounter {
                    counts: vec![0; REPLICAS],
                },
            }),
            CrdtKind::OrSet => CrdtValue::Or(OrSet::default()),
            CrdtKind::Lww => CrdtValue::Lww(LwwRegister::default(), LwwRegister::default()),
        }
    }

    /// `self` merged with `other` (the same kind; otherwise `self`).
    #[must_use]
    pub fn merge(&self, other: &CrdtValue) -> CrdtValue {
        match (self, other) {
            (CrdtValue::G(a), CrdtValue::G(b)) => CrdtValue::G(a.merge(b)),
            (CrdtValue::Pn(a), CrdtValue::Pn(b)) => CrdtValue::Pn(a.merge(b)),
            (CrdtValue::Or(a), CrdtValue::Or(b)) => CrdtValue::Or(a.merge(b)),
            (CrdtValue::Lww(a, x), CrdtValue::Lww(b, y)) => {
                CrdtValue::Lww(a.merge_f4(b), x.merge(y))
            }
            _ => self.clone(),
        }
    }

    /// The value as text: `5`, `{x, y}`, `"B" @ 101`.
    pub fn value_text(&self) -> String {
        match self {
            CrdtValue::G(g) => g.value().to_string(),
            CrdtValue::Pn(p) => p.value().to_string(),
            CrdtValue::Or(o) => {
                let e: Vec<String> = o.elements().into_iter().collect();
                format!("{{{}}}", e.join(", "))
            }
            CrdtValue::Lww(_, x) => reg_text(x),
        }
    }

    /// The state as text: `{R1: 3, R2: 2, R3: 0}`, tags, ….
    pub fn state_text(&self) -> String {
        let counts = |g: &GCounter| {
            let parts: Vec<String> = g
                .counts
                .iter()
                .enumerate()
                .map(|(i, c)| format!("R{}: {c}", i + 1))
                .collect();
            format!("{{{}}}", parts.join(", "))
        };
        match self {
            CrdtValue::G(g) => counts(g),
            CrdtValue::Pn(p) => format!("P {} N {}", counts(&p.p), counts(&p.n)),
            CrdtValue::Or(o) => {
                let tags: Vec<String> = o
                    .adds
                    .iter()
                    .map(|(x, (r, k))| {
                        let dead = if o.removed.contains(&(*r, *k)) {
                            "†"
                        } else {
                            ""
                        };
                        format!("{x}#{}.{k}{dead}", r + 1)
                    })
                    .collect();
                format!("tags [{}]", tags.join(" "))
            }
            CrdtValue::Lww(f4, _) => format!("F4's rule: {}", reg_text(f4)),
        }
    }
}

fn reg_text(r: &LwwRegister) -> String {
    if r.value.is_empty() {
        "—".into()
    } else {
        format!("\"{}\" @ {} by R{}", r.value, r.ts, r.replica + 1)
    }
}

/// The final check: the three replicas merged in two orders and merged twice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrdtCheck {
    /// `(R1 ⊔ R2) ⊔ R3`.
    pub forward: String,
    /// `R3 ⊔ (R2 ⊔ R1)`.
    pub backward: String,
    /// `((R1 ⊔ R2) ⊔ R3) ⊔ R1 ⊔ R2 ⊔ R3` again.
    pub again: String,
    /// All three agree.
    pub same: bool,
}

/// A step of `crdt`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrdtState {
    /// The type.
    pub kind: CrdtKind,
    /// The replicas after the step.
    pub replicas: Vec<CrdtValue>,
    /// The action of the step (URL form), if any.
    pub action: Option<String>,
    /// The replicas it touched.
    pub touched: Vec<usize>,
    /// The last step's check.
    pub check: Option<CrdtCheck>,
}

/// The worked example of each type (URL forms).
pub fn preset(kind: CrdtKind) -> &'static [&'static str] {
    match kind {
        // The catalogue's CV: R1 increments 3×, R2 2×; merging again changes nothing.
        CrdtKind::GCounter => &[
            "inc:1",
            "inc:1",
            "inc:1",
            "inc:2",
            "inc:2",
            "merge:2>1",
            "merge:1>2",
            "merge:2>1",
        ],
        CrdtKind::PnCounter => &[
            "inc:1",
            "inc:1",
            "inc:1",
            "dec:2",
            "dec:2",
            "merge:1>2",
            "merge:2>1",
        ],
        // A remove concurrent with a re-add: the add survives.
        CrdtKind::OrSet => &[
            "add:1:x",
            "merge:1>2",
            "rm:2:x",
            "add:1:x",
            "add:2:y",
            "merge:2>1",
            "merge:1>2",
        ],
        // M9.11's CV: ("A", 100) vs ("B", 101) → B; then a tie at 200.
        CrdtKind::Lww => &[
            "put:1:A@100",
            "put:2:B@101",
            "merge:2>1",
            "put:1:C@200",
            "put:2:D@200",
            "merge:1>2",
            "merge:2>1",
        ],
    }
}

fn apply(reps: &mut [CrdtValue], a: &Action) -> (Vec<usize>, String) {
    let name = |r: usize| format!("R{}", r + 1);
    if let Action::Merge(from, to) = a {
        let (from, to) = (*from, *to);
        let before = reps[to].clone();
        reps[to] = before.merge(&reps[from]);
        let change = if reps[to] == before {
            " — nothing changes (idempotent)"
        } else {
            ""
        };
        return (
            vec![from, to],
            format!(
                "{} merges {}'s state: {} = {}{change}.",
                name(to),
                name(from),
                reps[to].state_text(),
                reps[to].value_text()
            ),
        );
    }
    let r = match a {
        Action::Inc(r)
        | Action::Dec(r)
        | Action::Add(r, _)
        | Action::Rm(r, _)
        | Action::Put(r, ..) => *r,
        _ => return (Vec::new(), String::new()),
    };
    let Some(rep) = reps.get_mut(r) else {
        return (Vec::new(), String::new());
    };
    let text = match (a, rep) {
        (Action::Inc(_), CrdtValue::G(g)) => {
            g.increment(r);
            format!("{} increments its own entry: value {}.", name(r), g.value())
        }
        (Action::Inc(_), CrdtValue::Pn(p)) => {
            p.p.increment(r);
            format!("{} increments (P): value {}.", name(r), p.value())
        }
        (Action::Dec(_), CrdtValue::Pn(p)) => {
            p.n.increment(r);
            format!("{} decrements (N): value {}.", name(r), p.value())
        }
        (Action::Add(_, x), CrdtValue::Or(o)) => {
            o.add(r, x);
            format!(
                "{} adds {x} with a fresh tag: {}.",
                name(r),
                CrdtValue::Or(o.clone()).value_text()
            )
        }
        (Action::Rm(_, x), CrdtValue::Or(o)) => {
            o.remove(x);
            format!(
                "{} removes {x}, tombstoning the tags it has seen: {}.",
                name(r),
                CrdtValue::Or(o.clone()).value_text()
            )
        }
        (Action::Put(_, v, ts), CrdtValue::Lww(f4, x)) => {
            f4.put(r, v, *ts);
            x.put(r, v, *ts);
            format!("{} writes \"{v}\" at timestamp {ts}.", name(r))
        }
        _ => return (Vec::new(), String::new()),
    };
    (vec![r], text)
}

fn check(reps: &[CrdtValue]) -> CrdtCheck {
    let forward = reps[0].merge(&reps[1]).merge(&reps[2]);
    let backward = reps[2].merge(&reps[1].merge(&reps[0]));
    let again = reps.iter().fold(forward.clone(), |acc, r| acc.merge(r));
    // The values (for the register: the tie-broken CRDT, not F4's rule beside it).
    let same =
        forward.value_text() == backward.value_text() && forward.value_text() == again.value_text();
    CrdtCheck {
        forward: forward.value_text(),
        backward: backward.value_text(),
        again: again.value_text(),
        same,
    }
}

fn lines(kind: CrdtKind, a: Option<&Action>) -> LinesRun {
    if kind == CrdtKind::GCounter {
        let l = match a {
            Some(Action::Merge(..)) => 2,
            Some(_) => 0,
            None => 1,
        };
        return LinesRun::new(proc_ids::GCOUNTER, &[l]);
    }
    let l = match (kind, a) {
        (CrdtKind::PnCounter, _) => 0,
        (CrdtKind::OrSet, Some(Action::Add(..) | Action::Rm(..))) => 1,
        (CrdtKind::OrSet, _) => 2,
        _ => 3,
    };
    LinesRun::new(proc_ids::COMPLETIONS, &[l])
}

pub(super) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    let kind = s.params.crdt.kind;
    let mut actions: Vec<Action> = if s.params.crdt.preset == Toggle::On {
        preset(kind)
            .iter()
            .filter_map(|t| parse_action(t).ok())
            .collect()
    } else {
        Vec::new()
    };
    actions.extend(s.actions.iter().cloned());
    let mut reps = vec![CrdtValue::new(kind); REPLICAS];
    let state = |reps: &[CrdtValue], action: Option<String>, touched: Vec<usize>, check| {
        State::Crdt(CrdtState {
            kind,
            replicas: reps.to_vec(),
            action,
            touched,
            check,
        })
    };
    let metrics = |reps: &[CrdtValue]| {
        let values: Vec<String> = reps.iter().map(CrdtValue::value_text).collect();
        let agree = values.windows(2).all(|w| w[0] == w[1]);
        vec![
            Metric::new("replica values", 0.0, values.join(" · ")),
            Metric::new(
                "replicas agree",
                f64::from(u8::from(agree)),
                if agree { "yes" } else { "no" },
            ),
        ]
    };
    let mut steps = vec![Step {
        state: state(&reps, None, Vec::new(), None),
        narration: format!(
            "Three replicas of an empty {} — {}.",
            kind_name(kind),
            kind_note(kind)
        ),
        lines: lines(kind, None),
        metrics: metrics(&reps),
    }];
    for a in &actions {
        let (touched, narration) = apply(&mut reps, a);
        steps.push(Step {
            state: state(&reps, Some(crate::url::action_text(a)), touched, None),
            narration,
            lines: lines(kind, Some(a)),
            metrics: metrics(&reps),
        });
    }
    let c = check(&reps);
    let narration = format!(
        "Merging all three: (R1 ⊔ R2) ⊔ R3 = {}, R3 ⊔ (R2 ⊔ R1) = {}, and merging again = {} — {}.",
        c.forward,
        c.backward,
        c.again,
        if c.same {
            "the same in any order, and idempotent"
        } else {
            "they differ"
        }
    );
    steps.push(Step {
        state: state(&reps, None, (0..REPLICAS).collect(), Some(c)),
        narration,
        lines: lines(kind, Some(&Action::Merge(0, 1))),
        metrics: metrics(&reps),
    });
    Trace { steps }
}

/// The type's name.
pub fn kind_name(kind: CrdtKind) -> &'static str {
    match kind {
        CrdtKind::GCounter => "G-counter",
        CrdtKind::PnCounter => "PN-counter",
        CrdtKind::OrSet => "OR-set",
        CrdtKind::Lww => "LWW-register",
    }
}

fn kind_note(kind: CrdtKind) -> &'static str {
    match kind {
        CrdtKind::GCounter => "F4's GCounter, as its code has it",
        CrdtKind::PnCounter => "not in source: F4 names it; two G-counters",
        CrdtKind::OrSet => "not in source: F4 names it; unique add tags, tombstoned removes",
        CrdtKind::Lww => {
            "not in source: F4 names it; shown with F4's merge rule beside the tie-broken one"
        }
    }
}
