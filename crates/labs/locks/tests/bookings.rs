//! `bookings` (M10.11, M10.12): the catalogue's nights, the schedule that breaks each layer
//! when it is switched off, and the invariant: with all four layers on, never a double booking
//! across thousands of seeded schedules (and with any one of layers 2–4 alone either).
#![cfg(not(target_arch = "wasm32"))]

use rand::RngExt;
use sdp_kit::lab::Contract;
use sdp_lab_locks::bookings::{self, Kind, Layers, Setup, Stay};
use sdp_lab_locks::hold;
use sdp_lab_locks::{LocksLab, State};

fn last(query: &str) -> String {
    let (s, problems) = LocksLab::from_query(&sdp_kit::query::parse(query));
    assert!(problems.is_empty(), "{problems:?}");
    LocksLab::run(&s).unwrap().steps.pop().unwrap().narration
}

fn all(on: bool) -> Layers {
    Layers {
        lock: on,
        constraints: on,
        serializable: on,
        version: on,
    }
}

#[test]
fn m10_11_dec_15_to_17_is_the_nights_of_dec_15_and_16() {
    let s = Setup {
        stays: vec![Stay {
            check_in: 0,
            check_out: 2,
        }],
        starts: vec![0],
        pay: 10,
        jitter: 0,
        layers: all(true),
    };
    let e = bookings::run(&s, &mut sdp_kit::rng::seeded(1));
    let end = e.last().unwrap();
    assert_eq!(end.kind, Kind::Committed);
    assert_eq!(end.booked, vec![1, 1, 0, 0, 0, 0]);
    assert_eq!(end.available, vec![0, 0, 1, 1, 1, 1]);
    assert_eq!(bookings::night(1), "Dec 16");
}

#[test]
fn the_default_is_safe_and_says_which_layers_stopped_it() {
    let n = last("mode=bookings");
    assert!(n.starts_with("No night was booked twice"), "{n}");
    assert!(
        n.contains("layer 1 (lock) 1") && n.contains("layer 3"),
        "{n}"
    );
}

#[test]
fn each_layer_alone_and_switched_off() {
    let off = "mode=bookings&lock=off&constraints=off&serializable=off&version=off";
    assert!(
        last(off).starts_with("Double booking: Dec 15, Dec 16"),
        "{}",
        last(off)
    );
    for (only, word) in [
        ("lock", "layer 1"),
        ("constraints", "layer 2"),
        ("serializable", "layer 3"),
        ("version", "layer 4"),
    ] {
        let q = off.replace(&format!("{only}=off"), &format!("{only}=on"));
        let n = last(&q);
        assert!(n.contains(word), "{q}: {n}");
        if only == "lock" {
            assert!(
                n.starts_with("Double booking: Dec 16"),
                "the overlapping stay takes another key: {n}"
            );
        } else {
            assert!(n.starts_with("No night was booked twice"), "{q}: {n}");
        }
    }
}

fn random_setup(rng: &mut sdp_kit::rng::LabRng, layers: Layers) -> Setup {
    let n = rng.random_range(1..=4);
    Setup {
        stays: (0..n)
            .map(|_| {
                let a = rng.random_range(0..bookings::NIGHTS);
                Stay {
                    check_in: a,
                    check_out: rng.random_range(a + 1..=bookings::NIGHTS),
                }
            })
            .collect(),
        starts: (0..n).map(|_| rng.random_range(0..50)).collect(),
        pay: rng.random_range(1..3_000),
        jitter: rng.random_range(0..40),
        layers,
    }
}

#[test]
fn never_a_double_booking_with_the_layers_on() {
    let mut rng = sdp_kit::rng::seeded(5);
    let mut committed = 0;
    let mut broken_without = 0;
    for seed in 0..3_000u64 {
        for layers in [
            all(true),
            Layers {
                lock: false,
                constraints: true,
                serializable: false,
                version: false,
            },
            Layers {
                lock: false,
                constraints: false,
                serializable: true,
                version: false,
            },
            Layers {
                lock: false,
                constraints: false,
                serializable: false,
                version: true,
            },
        ] {
            let s = random_setup(&mut rng, layers);
            let e = bookings::run(&s, &mut sdp_kit::rng::seeded(seed));
            committed += e.iter().filter(|e| e.kind == Kind::Committed).count();
            assert!(bookings::double_booked(&e).is_empty(), "seed {seed}: {s:?}");
            assert!(
                e.last()
                    .is_some_and(|l| l.available.iter().all(|&a| a >= 0))
            );
        }
        let s = random_setup(&mut rng, all(false));
        broken_without += usize::from(
            !bookings::double_booked(&bookings::run(&s, &mut sdp_kit::rng::seeded(seed)))
                .is_empty(),
        );
    }
    assert!(committed > 3_000, "{committed}");
    assert!(
        broken_without > 100,
        "with every layer off the same generator double-books ({broken_without})"
    );
}

#[test]
fn m10_12_the_hold_expires_and_the_late_payer_loses_it() {
    let s = hold::Setup {
        arrivals: vec![0, 300],
        thinks: vec![720, 60],
        hold: 600,
        sweeper: true,
        checked: true,
    };
    let e = hold::run(&s);
    let swept = e.iter().find(|e| e.kind == hold::Kind::Swept(0)).unwrap();
    assert_eq!(swept.t, 660, "held_until 10:00 < now at the 11:00 sweep");
    assert!(
        e.iter()
            .any(|e| e.booker == 0 && e.kind == hold::Kind::HoldLost && e.t == 720)
    );
    assert_eq!(hold::bookings(&e), 1);
    assert_eq!(
        hold::bookings(&hold::run(&hold::Setup {
            checked: false,
            ..s.clone()
        })),
        2
    );
    let stuck = hold::run(&hold::Setup {
        sweeper: false,
        ..s
    });
    assert!(
        stuck
            .iter()
            .any(|e| e.booker == 1 && e.kind == hold::Kind::NotAvailable),
        "no sweeper: the row stays held after the key expired"
    );
    assert_eq!(hold::bookings(&stuck), 1);
    assert!(
        last("mode=bookings&flow=hold&bookers=2&confirm=off")
            .starts_with("Seat 12A booked 2 times")
    );
}

#[test]
fn the_bookings_state_is_drawn_from_the_trace() {
    let (s, _) = LocksLab::from_query(&sdp_kit::query::parse("mode=bookings"));
    let t = LocksLab::run(&s).unwrap();
    assert!(matches!(t.steps[1].state, State::Bookings(_)));
}
