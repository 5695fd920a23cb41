//! `bookings`: the hotel flow (one step per lock, read, update, insert, payment, commit or
//! rollback) or the seat hold (one step per attempt, hold, sweep, confirm), then the count of
//! double bookings and which layer stopped each conflict.

use crate::bookings::{self, Event, Fail, Kind, Layers, STAYS, Setup, night};
use crate::hold;
use crate::sim::name;
use crate::text::proc_ids;
use crate::{Action, BookParams, Flow, OnOff, Params, State};
use sdp_kit::lab::{LinesRun, Metric, Scenario, Step, Trace};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What every step of `bookings` shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookWorld {
    /// The parameters.
    pub params: BookParams,
    /// Hotel flow events.
    pub events: Vec<Event>,
    /// Seat hold events.
    pub holds: Vec<hold::Event>,
}

/// A step of `bookings`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookState {
    /// Shared by every step.
    pub world: Arc<BookWorld>,
    /// Events done.
    pub done: usize,
    /// True for the closing step.
    pub summary: bool,
}

/// A stay in words: "Dec 15–17".
pub fn stay(b: usize) -> String {
    let s = STAYS[b % STAYS.len()];
    format!(
        "Dec {}–{}",
        bookings::FIRST_DAY + s.check_in,
        bookings::FIRST_DAY + s.check_out
    )
}

/// The hotel setup of a scenario.
pub fn hotel_setup(p: &BookParams) -> Setup {
    let n = p.bookers as usize;
    Setup {
        stays: (0..n).map(|b| STAYS[b % STAYS.len()]).collect(),
        starts: (0..n as u64).map(|i| i * p.stagger).collect(),
        pay: p.pay,
        jitter: p.jitter,
        layers: Layers {
            lock: p.lock == OnOff::On,
            constraints: p.constraints == OnOff::On,
            serializable: p.serializable == OnOff::On,
            version: p.version == OnOff::On,
        },
    }
}

/// The seat-hold setup of a scenario.
pub fn hold_setup(p: &BookParams) -> hold::Setup {
    let n = p.bookers as usize;
    hold::Setup {
        arrivals: (0..n as u64).map(|i| i * p.arrive).collect(),
        thinks: (0..n).map(|b| if b == 0 { p.think } else { 60 }).collect(),
        hold: p.hold,
        sweeper: p.sweeper == OnOff::On,
        checked: p.confirm == OnOff::On,
    }
}

/// A hotel event in words, with its procedure lines.
pub fn book_text(p: &BookParams, e: &Event) -> (String, &'static [usize]) {
    let who = name(e.booker);
    let st = stay(e.booker);
    match e.kind {
        Kind::Lock(true, _) => (format!("{who} ({st}): SETNX room:101:{st} → OK"), &[0]),
        Kind::Lock(false, k) => (
            format!("{who} ({st}): SETNX room:101:{st} → busy (attempt {k} of 3)"),
            &[0, 1],
        ),
        Kind::LockWait => (format!("{who} waits 100 ms"), &[1]),
        Kind::Read(least, waited) => {
            let how = if p.serializable == OnOff::On {
                if waited {
                    "SERIALIZABLE, FOR UPDATE (after waiting for the row locks)"
                } else {
                    "SERIALIZABLE, FOR UPDATE"
                }
            } else {
                "no lock, committed values"
            };
            (
                format!("{who}: BEGIN; SELECT available_rooms for {st} ({how}) → least {least}"),
                &[2],
            )
        }
        Kind::Blocked(h) => (
            format!("{who} waits: {} holds a lock on one of its nights", name(h)),
            &[2],
        ),
        Kind::Updated => (
            format!("{who}: UPDATE available_rooms − 1 on each night of {st}"),
            &[4],
        ),
        Kind::Conflict => (
            format!(
                "{who}: UPDATE … WHERE version = ? → 0 rows: another booking changed a night; ROLLBACK and retry"
            ),
            &[4, 8],
        ),
        Kind::Inserted => (format!("{who}: INSERT the reservation for {st}"), &[6]),
        Kind::Paying => (format!("{who}: charging the payment ({} ms)", p.pay), &[7]),
        Kind::Committed => (format!("{who}: COMMIT; release the lock → SUCCESS"), &[7]),
        Kind::Failed(Fail::InProgress) => (
            format!("{who}: still busy after 3 attempts → BOOKING_IN_PROGRESS (layer 1)"),
            &[1],
        ),
        Kind::Failed(Fail::NoAvailability) => (
            format!("{who}: a night has no room → ROLLBACK, NO_AVAILABILITY"),
            &[3],
        ),
        Kind::Failed(Fail::Check) => (
            format!("{who}: CHECK (available_rooms >= 0) violated → ROLLBACK (layer 2)"),
            &[5],
        ),
        Kind::Failed(Fail::Unique) => (
            format!("{who}: UNIQUE (room_id, date) violated → ROLLBACK (layer 2)"),
            &[6],
        ),
        Kind::Failed(Fail::Version) => (
            format!("{who}: version conflicts past the retries → ROLLBACK"),
            &[8],
        ),
    }
}

fn clock(t: u64) -> String {
    format!("{}:{:02}", t / 60, t % 60)
}

/// A seat-hold event in words, with its procedure lines.
pub fn hold_text(p: &BookParams, e: &hold::Event) -> (String, &'static [usize]) {
    let who = name(e.booker);
    match e.kind {
        hold::Kind::LockBusy(o) => (
            format!(
                "{who}: SET seat:12A:lock NX EX {} → nil ({} holds it); try again in a minute",
                p.hold,
                name(o)
            ),
            &[0],
        ),
        hold::Kind::NotAvailable => (
            format!(
                "{who}: the key is free but UPDATE … WHERE status = 'available' → 0 rows: SeatNotAvailable"
            ),
            &[1, 2],
        ),
        hold::Kind::Held(until) => (
            format!(
                "{who}: SET NX EX {} → OK; UPDATE → 1 row: held until {}",
                p.hold,
                clock(until)
            ),
            &[0, 1, 3],
        ),
        hold::Kind::Swept(b) => (
            format!(
                "the sweeper returns {}'s expired hold to available",
                name(b)
            ),
            &[4],
        ),
        hold::Kind::Booked if p.confirm == OnOff::On => (
            format!("{who} pays: confirm UPDATE … AND held_by_session = {who} → 1 row: booked"),
            &[5, 7],
        ),
        hold::Kind::Booked => (
            format!(
                "{who} pays: UPDATE seats SET status = 'booked' (no check of the hold) → booked"
            ),
            &[5, 7],
        ),
        hold::Kind::HoldLost => (
            format!("{who} pays too late: confirm → 0 rows, the hold expired; refund"),
            &[6],
        ),
    }
}

fn hotel_metrics(es: &[Event]) -> Vec<Metric> {
    let ok = es.iter().filter(|e| e.kind == Kind::Committed).count() as u64;
    let stopped = es
        .iter()
        .filter(|e| matches!(e.kind, Kind::Failed(_) | Kind::Conflict))
        .count() as u64;
    let doubles = bookings::double_booked(es).len() as u64;
    vec![
        Metric::new("bookings confirmed", ok as f64, ok.to_string()),
        Metric::new("attempts stopped", stopped as f64, stopped.to_string()),
        Metric::new("nights double-booked", doubles as f64, doubles.to_string()),
    ]
}

fn hold_metrics(es: &[hold::Event]) -> Vec<Metric> {
    let b = hold::bookings(es) as u64;
    let lost = es.iter().filter(|e| e.kind == hold::Kind::HoldLost).count() as u64;
    vec![
        Metric::new("bookings of seat 12A", b as f64, b.to_string()),
        Metric::new("holds lost at payment", lost as f64, lost.to_string()),
    ]
}

fn caught(es: &[Event]) -> String {
    let n = |f: &dyn Fn(&Kind) -> bool| es.iter().filter(|e| f(&e.kind)).count();
    let parts = [
        (
            "layer 1 (lock)",
            n(&|k| *k == Kind::Failed(Fail::InProgress)),
        ),
        (
            "layer 2 (constraints)",
            n(&|k| matches!(k, Kind::Failed(Fail::Check | Fail::Unique))),
        ),
        (
            "layer 3 (FOR UPDATE wait, then NO_AVAILABILITY)",
            n(&|k| matches!(k, Kind::Read(_, true))),
        ),
        ("layer 4 (version)", n(&|k| *k == Kind::Conflict)),
    ];
    let list: Vec<String> = parts
        .iter()
        .filter(|p| p.1 > 0)
        .map(|(l, c)| format!("{l} {c}"))
        .collect();
    if list.is_empty() {
        "no layer stopped anything".to_string()
    } else {
        format!("stopped by {}", list.join(", "))
    }
}

pub(super) fn build(sc: &Scenario<Params, Action>) -> Trace<State> {
    let p = &sc.params.bookings;
    let mut rng = sdp_kit::rng::seeded(sc.seed);
    let (events, holds) = match p.flow {
        Flow::Hotel => (bookings::run(&hotel_setup(p), &mut rng), Vec::new()),
        Flow::Hold => (Vec::new(), hold::run(&hold_setup(p))),
    };
    let w = Arc::new(BookWorld {
        params: p.clone(),
        events,
        holds,
    });
    let state = |done, summary| {
        State::Bookings(BookState {
            world: Arc::clone(&w),
            done,
            summary,
        })
    };
    let hotel = p.flow == Flow::Hotel;
    let procedure = if hotel {
        proc_ids::BOOKINGS
    } else {
        proc_ids::HOLD
    };
    let on = |v: OnOff| if v == OnOff::On { "on" } else { "off" };
    let opening = if hotel {
        let who: Vec<String> = (0..p.bookers as usize)
            .map(|b| format!("{} {}", name(b), stay(b)))
            .collect();
        format!(
            "Room 101 has one room a night, Dec 15–20. Bookers {}, starting {} ms apart; payment takes {} ms. Layers: 1 lock {}, 2 constraints {}, 3 SERIALIZABLE {}, 4 version {}.",
            who.join(", "),
            p.stagger,
            p.pay,
            on(p.lock),
            on(p.constraints),
            on(p.serializable),
            on(p.version)
        )
    } else {
        format!(
            "Seat 12A. {} booker(s) arrive {} s apart; a hold lasts {} s; A pays after {} s, the others after 60 s. Sweeper {}; the confirm checks the hold: {}.",
            p.bookers,
            p.arrive,
            p.hold,
            p.think,
            on(p.sweeper),
            on(p.confirm)
        )
    };
    let mut steps = vec![Step {
        state: state(0, false),
        narration: opening,
        lines: LinesRun::new(procedure, &[0]),
        metrics: if hotel {
            hotel_metrics(&[])
        } else {
            hold_metrics(&[])
        },
    }];
    if hotel {
        for (i, e) in w.events.iter().enumerate() {
            let (text, lines) = book_text(p, e);
            steps.push(Step {
                state: state(i + 1, false),
                narration: format!("t = {} ms: {text}.", e.t),
                lines: LinesRun::new(procedure, lines),
                metrics: hotel_metrics(&w.events[..=i]),
            });
        }
    } else {
        for (i, e) in w.holds.iter().enumerate() {
            let (text, lines) = hold_text(p, e);
            steps.push(Step {
                state: state(i + 1, false),
                narration: format!("{}: {text}.", clock(e.t)),
                lines: LinesRun::new(procedure, lines),
                metrics: hold_metrics(&w.holds[..=i]),
            });
        }
    }
    let n = if hotel { w.events.len() } else { w.holds.len() };
    let narration = if hotel {
        let d = bookings::double_booked(&w.events);
        if d.is_empty() {
            format!("No night was booked twice; {}.", caught(&w.events))
        } else {
            let names: Vec<String> = d.iter().map(|&i| night(i)).collect();
            format!(
                "Double booking: {} reserved more than once for one room; {}.",
                names.join(", "),
                caught(&w.events)
            )
        }
    } else {
        let b = hold::bookings(&w.holds);
        if b > 1 {
            format!(
                "Seat 12A booked {b} times: the late payer's confirm did not check that its hold was still its own."
            )
        } else {
            format!("Seat 12A booked {b} time(s); no double booking.")
        }
    };
    steps.push(Step {
        state: state(n, true),
        narration,
        lines: LinesRun::new(procedure, if hotel { &[7] } else { &[5] }),
        metrics: if hotel {
            hotel_metrics(&w.events)
        } else {
            hold_metrics(&w.holds)
        },
    });
    Trace { steps }
}
