//! The temporary seat hold with expiry (M10.12, F4 §10 l.1482–1503, l.1586–1597).
//!
//! The booker takes `SET seat:12A:lock session NX EX 600`, then holds the row with
//! `UPDATE seats SET status = 'held', held_until = NOW() + 10 min, held_by_session = ?
//! WHERE id = ? AND status = 'available'` (0 rows: the seat is not available); after paying,
//! the confirm marks the seat booked. A sweeper returns holds past `held_until` to available;
//! the confirm checks that the hold is still the booker's. Time in 1 s ticks; a booker who
//! finds the seat taken tries again a minute later.

use serde::{Deserialize, Serialize};

/// Seconds between a refused booker's attempts, and between sweeper runs.
pub const MINUTE: u64 = 60;
/// Last second simulated.
pub const HORIZON: u64 = 3_600;

/// What the run is set up with (seconds).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// Each booker's arrival.
    pub arrivals: Vec<u64>,
    /// Each booker's time from hold to payment.
    pub thinks: Vec<u64>,
    /// Hold length (Redis EX and `held_until`).
    pub hold: u64,
    /// The sweeper runs every minute.
    pub sweeper: bool,
    /// The confirm checks `status = 'held' AND held_by_session = me`.
    pub checked: bool,
}

/// The seat's row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Seat {
    /// `available`.
    Available,
    /// `held` by a booker until a second.
    Held(usize, u64),
    /// `booked` by a booker.
    Booked(usize),
}

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// `SET … NX EX`: busy (held by this booker's key).
    LockBusy(usize),
    /// The Redis lock is taken, but the row says it is not available: 0 rows.
    NotAvailable,
    /// The hold: 1 row, held until the second.
    Held(u64),
    /// The sweeper returned this booker's expired hold to available.
    Swept(usize),
    /// The confirm: 1 row, booked (the booking row inserted).
    Booked,
    /// The checked confirm found the hold gone: 0 rows; the payment is refunded.
    HoldLost,
}

/// An event and the seat after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Second.
    pub t: u64,
    /// Booker (or the holder, for the sweeper).
    pub booker: usize,
    /// What.
    pub kind: Kind,
    /// The seat after it.
    pub seat: Seat,
    /// The Redis key: owner and last second.
    pub key: Option<(usize, u64)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Try,
    Confirm,
    Done,
}

/// Runs to the horizon or until everyone is done.
pub fn run(s: &Setup) -> Vec<Event> {
    let n = s.arrivals.len();
    let mut seat = Seat::Available;
    let mut key: Option<(usize, u64)> = None;
    let mut phase = vec![Phase::Try; n];
    let mut next = s.arrivals.clone();
    let mut events = Vec::new();
    for t in 0..=HORIZON {
        key = key.filter(|&(_, until)| t <= until);
        if s.sweeper && t > 0 && t % MINUTE == 0 {
            if let Seat::Held(b, until) = seat {
                if until < t {
                    seat = Seat::Available;
                    events.push(Event {
                        t,
                        booker: b,
                        kind: Kind::Swept(b),
                        seat,
                        key,
                    });
                }
            }
        }
        for b in 0..n {
            if next[b] != t {
                continue;
            }
            let kind = match phase[b] {
                Phase::Try => match key {
                    Some((o, _)) if o != b => {
                        if matches!(seat, Seat::Booked(_)) {
                            phase[b] = Phase::Done;
                        } else {
                            next[b] = t + MINUTE;
                        }
                        Kind::LockBusy(o)
                    }
                    _ if seat != Seat::Available => {
                        key = None;
                        if matches!(seat, Seat::Booked(_)) {
                            phase[b] = Phase::Done;
                        } else {
                            next[b] = t + MINUTE;
                        }
                        Kind::NotAvailable
                    }
                    _ => {
                        key = Some((b, t + s.hold));
                        seat = Seat::Held(b, t + s.hold);
                        phase[b] = Phase::Confirm;
                        next[b] = t + s.thinks[b];
                        Kind::Held(t + s.hold)
                    }
                },
                Phase::Confirm => {
                    let mine = matches!(seat, Seat::Held(o, _) if o == b);
                    phase[b] = Phase::Done;
                    if key.is_some_and(|(o, _)| o == b) {
                        key = None;
                    }
                    if mine || !s.checked {
                        seat = Seat::Booked(b);
                        Kind::Booked
                    } else {
                        Kind::HoldLost
                    }
                }
                Phase::Done => continue,
            };
            events.push(Event {
                t,
                booker: b,
                kind,
                seat,
                key,
            });
        }
        if phase.iter().all(|p| *p == Phase::Done) {
            break;
        }
    }
    events
}

/// Bookings confirmed for the one seat.
pub fn bookings(events: &[Event]) -> usize {
    events.iter().filter(|e| e.kind == Kind::Booked).count()
}
