//! The locks trace builders: the race (`fencing`, `redis`), `optimistic`, `redlock` and
//! `renewal`.

mod bookings;
mod claims;
mod optimistic;
mod race;
mod redlock;
mod renewal;

pub use bookings::{BookState, BookWorld, book_text, hold_setup, hold_text, hotel_setup, stay};
pub use claims::{ClaimState, ClaimWorld, claim_text, job, worker};
pub use optimistic::{OptState, OptWorld};
pub use race::{RaceState, RaceWorld, event_text, setup};
pub use redlock::{RedlockState, RedlockWorld, redlock_setup, redlock_text};
pub use renewal::{RenewState, RenewWorld, renew_setup, renew_text};

use crate::{Action, Mode, Params, State};
use sdp_kit::lab::{Scenario, Trace};

/// The trace of a valid scenario.
pub(crate) fn build(s: &Scenario<Params, Action>) -> Trace<State> {
    match s.params.mode {
        Mode::Fencing | Mode::Redis => race::build(s),
        Mode::Optimistic => optimistic::build(s),
        Mode::Redlock => redlock::build(s),
        Mode::Renewal => renewal::build(s),
        Mode::Claims => claims::build(s),
        Mode::Bookings => bookings::build(s),
    }
}
